"""Equipment pages: an employee's requests and loans, HR's catalog and queue, the supervisor's
queue. Each view parses with a form, reads through a selector with the user's scope and writes
through a service (actor = the user); a refused step comes back as a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thuiswerk.accounts.scope import OutOfScope, Scope
from thuiswerk.people.models import Employee

from . import selectors, services
from .forms import CatalogItemForm, DayForm, DecisionForm, RequestForm
from .models import CatalogItem


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _employee(scope: Scope, employee_id: int) -> tuple[Employee, bool]:
    """The employee whose page it is, and whether it is the user's own (she writes on it).
    Others read it only with HR rights over her; a supervisor uses her queue instead (403)."""
    employee = scope.employee(employee_id)
    own = scope.is_employee and scope.employee_id == employee.pk
    if not own:
        scope.require(scope.manages_person(employee.pk))
    return employee, own


# -- the employee --------------------------------------------------------------------------------
def mine(request: HttpRequest) -> HttpResponse:
    """The menu's entry for an employee: her own page."""
    request.scope.require(request.scope.is_employee)
    return redirect("equipment:employee", employee_id=request.scope.employee_id)


def employee(request: HttpRequest, employee_id: int) -> HttpResponse:
    scope = request.scope
    person, own = _employee(scope, employee_id)
    items = selectors.offered_items(scope=scope, employee=person)
    form = RequestForm(request.POST if request.method == "POST" else None, items=items)
    if request.method == "POST":
        scope.require(own)
        if form.is_valid():
            try:
                services.request_create(
                    employee_id=person.pk,
                    item_id=form.cleaned_data["item"].pk,
                    motivation=form.cleaned_data["motivation"],
                    actor=scope.actor,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Your request was sent to your supervisor."))
                return redirect("equipment:employee", employee_id=person.pk)
    return render(
        request,
        "equipment/employee.html",
        {
            "person": person,
            "own": own,
            "form": form if own else None,
            "has_items": items.exists(),
            "equipment_requests": selectors.employee_requests(scope=scope, employee=person),
            "loans": selectors.employee_loans(scope=scope, employee=person),
            "withdrawable": (
                services.Status.REQUESTED,
                services.Status.SUPERVISOR_APPROVED,
            ),
        },
    )


@require_POST
def withdraw(request: HttpRequest, employee_id: int, request_id: int) -> HttpResponse:
    scope = request.scope
    person, own = _employee(scope, employee_id)
    scope.require(own)
    if not selectors.employee_requests(scope=scope, employee=person).filter(pk=request_id).exists():
        raise OutOfScope
    try:
        services.request_withdraw(request_id=request_id, employee_id=person.pk, actor=scope.actor)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Your request was withdrawn."))
    return redirect("equipment:employee", employee_id=person.pk)


# -- HR: the catalog -----------------------------------------------------------------------------
def catalog(request: HttpRequest, code: str) -> HttpResponse:
    scope = request.scope
    entity = scope.entity(code, manage=True)
    form = CatalogItemForm(
        request.POST if request.method == "POST" else None, instance=CatalogItem(entity=entity)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.catalog_item_save(item=form.instance, actor=scope.actor)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The item was added to the catalog."))
            return redirect("equipment:catalog", code=entity.code)
    return render(
        request,
        "equipment/catalog.html",
        {"entity": entity, "items": selectors.catalog(scope=scope, entity=entity), "form": form},
    )


def catalog_item(request: HttpRequest, code: str, item_id: int) -> HttpResponse:
    scope = request.scope
    entity = scope.entity(code, manage=True)
    item = selectors.catalog_item(scope=scope, entity=entity, item_id=item_id)
    form = CatalogItemForm(request.POST if request.method == "POST" else None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.catalog_item_save(item=form.instance, actor=scope.actor)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The item was changed."))
            return redirect("equipment:catalog", code=entity.code)
    return render(
        request, "equipment/catalog_item.html", {"entity": entity, "item": item, "form": form}
    )


@require_POST
def catalog_active(request: HttpRequest, code: str, item_id: int) -> HttpResponse:
    """Take an item out of the catalog (or back in): its requests stay as they are."""
    scope = request.scope
    entity = scope.entity(code, manage=True)
    item = selectors.catalog_item(scope=scope, entity=entity, item_id=item_id)
    item.active = request.POST.get("active") == "1"
    services.catalog_item_save(item=item, actor=scope.actor)
    if item.active:
        messages.success(request, _("%(item)s is offered again.") % {"item": item.name})
    else:
        messages.success(request, _("%(item)s is no longer offered.") % {"item": item.name})
    return redirect("equipment:catalog", code=entity.code)


# -- HR: the queue -------------------------------------------------------------------------------
def hr_queue(request: HttpRequest, code: str) -> HttpResponse:
    scope = request.scope
    entity = scope.entity(code, manage=True)
    today = timezone.localdate()
    position = selectors.budget_position(scope=scope, entity=entity, year=today.year)
    awaiting = [
        (each, position.with_this(each.cost))
        for each in selectors.requests_awaiting_hr(scope=scope, entity=entity, on=today)
    ]
    return render(
        request,
        "equipment/hr_queue.html",
        {
            "entity": entity,
            "position": position,
            "awaiting": awaiting,
            "to_deliver": selectors.requests_to_deliver(scope=scope, entity=entity),
            "loans": selectors.loans_out(scope=scope, entity=entity),
            "today": today,
        },
    )


def _hr_step(request: HttpRequest, code: str, request_id: int, form, step) -> HttpResponse:
    """One HR step on one request of the entity: parse, call the service, say how it went."""
    scope = request.scope
    entity = scope.entity(code, manage=True)
    selectors.entity_request(scope=scope, entity=entity, request_id=request_id)
    if not form.is_valid():
        messages.error(request, _("The form was not filled in correctly."))
    else:
        try:
            done = step(form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, done)
    return redirect("equipment:hr_queue", code=entity.code)


@require_POST
def hr_decide(request: HttpRequest, code: str, request_id: int) -> HttpResponse:
    form = DecisionForm(request.POST)

    def step(data: dict) -> str:
        services.request_hr_decide(
            request_id=request_id,
            approve=form.approve,
            reason=data["reason"],
            override_reason=data["override_reason"],
            actor=request.scope.actor,
        )
        return _("The request was approved.") if form.approve else _("The request was rejected.")

    return _hr_step(request, code, request_id, form, step)


@require_POST
def deliver(request: HttpRequest, code: str, request_id: int) -> HttpResponse:
    def step(data: dict) -> str:
        services.request_deliver(
            request_id=request_id, delivered_on=data["day"], actor=request.scope.actor
        )
        return _("The delivery was recorded.")

    return _hr_step(request, code, request_id, DayForm(request.POST), step)


@require_POST
def mark_returned(request: HttpRequest, code: str, request_id: int) -> HttpResponse:
    def step(data: dict) -> str:
        services.request_return(
            request_id=request_id, returned_on=data["day"], actor=request.scope.actor
        )
        return _("The return was recorded.")

    return _hr_step(request, code, request_id, DayForm(request.POST), step)


# -- the supervisor ------------------------------------------------------------------------------
@require_POST
def supervisor_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    scope = request.scope
    scope.require(scope.is_supervisor)
    if not selectors.requests_awaiting_supervisor(scope=scope).filter(pk=request_id).exists():
        raise OutOfScope
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was not filled in correctly."))
    else:
        try:
            services.request_supervisor_decide(
                request_id=request_id,
                supervisor_id=scope.employee_id,
                approve=form.approve,
                reason=form.cleaned_data["reason"],
                actor=scope.actor,
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(
                request,
                _("The request was approved.") if form.approve else _("The request was rejected."),
            )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("selfservice:queue")
    return redirect(back)


def entities(request: HttpRequest) -> HttpResponse:
    """The menu's entry for HR: her entities, each with its catalog, requests and budgets."""
    scope = request.scope
    scope.require(scope.is_hr)
    return render(request, "equipment/entities.html", {"entities": scope.managed_entities()})
