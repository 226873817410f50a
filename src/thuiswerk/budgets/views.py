"""The budget page of an entity: its budget lines per year and measure and its planned
initiatives (the parliamentary questions 2a, 3 and 4), kept by its HR officers through
`budgets.services` (audited)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import BudgetLineForm, InitiativeForm
from .models import BudgetLine, PlannedInitiative


def _saved(request: HttpRequest, form, save, done: str) -> bool:
    """Save a valid form through its service; a refusal of the service lands on the form."""
    if not form.is_valid():
        return False
    try:
        save(form.instance)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False
    messages.success(request, done)
    return True


def entity(request: HttpRequest, code: str) -> HttpResponse:
    scope = request.scope
    kept = scope.entity(code, manage=True)
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("form")
    line_form = BudgetLineForm(
        posted if which == "line" else None, instance=BudgetLine(entity=kept), prefix="line"
    )
    initiative_form = InitiativeForm(
        posted if which == "initiative" else None,
        instance=PlannedInitiative(entity=kept),
        prefix="initiative",
    )
    if which == "line" and _saved(
        request,
        line_form,
        lambda line: services.budget_line_save(budget_line=line, actor=scope.actor),
        _("The budget line was added."),
    ):
        return redirect("budgets:entity", code=kept.code)
    if which == "initiative" and _saved(
        request,
        initiative_form,
        lambda item: services.initiative_save(initiative=item, actor=scope.actor),
        _("The initiative was added."),
    ):
        return redirect("budgets:entity", code=kept.code)
    return render(
        request,
        "budgets/entity.html",
        {
            "entity": kept,
            "lines": selectors.budget_lines(scope=scope, entity=kept),
            "initiatives": selectors.initiatives(scope=scope, entity=kept),
            "line_form": line_form,
            "initiative_form": initiative_form,
        },
    )


def line(request: HttpRequest, code: str, line_id: int) -> HttpResponse:
    scope = request.scope
    kept = scope.entity(code, manage=True)
    return _edit(
        request,
        kept,
        form_class=BudgetLineForm,
        found=selectors.budget_line(scope=scope, entity=kept, line_id=line_id),
        save=lambda changed: services.budget_line_save(budget_line=changed, actor=scope.actor),
        done=_("The budget line was changed."),
        title=_("Change the budget line"),
        delete_url="budgets:line_delete",
    )


@require_POST
def line_delete(request: HttpRequest, code: str, line_id: int) -> HttpResponse:
    scope = request.scope
    kept = scope.entity(code, manage=True)
    found = selectors.budget_line(scope=scope, entity=kept, line_id=line_id)
    services.budget_line_delete(budget_line=found, actor=scope.actor)
    messages.success(request, _("The budget line was deleted."))
    return redirect("budgets:entity", code=kept.code)


def initiative(request: HttpRequest, code: str, initiative_id: int) -> HttpResponse:
    scope = request.scope
    kept = scope.entity(code, manage=True)
    return _edit(
        request,
        kept,
        form_class=InitiativeForm,
        found=selectors.initiative(scope=scope, entity=kept, initiative_id=initiative_id),
        save=lambda changed: services.initiative_save(initiative=changed, actor=scope.actor),
        done=_("The initiative was changed."),
        title=_("Change the initiative"),
        delete_url="budgets:initiative_delete",
    )


def _edit(request, kept, *, form_class, found, save, done, title, delete_url) -> HttpResponse:
    """The change page of a budget line or an initiative: its form, saved through its service."""
    form = form_class(request.POST if request.method == "POST" else None, instance=found)
    if request.method == "POST" and _saved(request, form, save, done):
        return redirect("budgets:entity", code=kept.code)
    return render(
        request,
        "budgets/edit.html",
        {"entity": kept, "form": form, "title": title, "delete_url": delete_url, "object": found},
    )


@require_POST
def initiative_delete(request: HttpRequest, code: str, initiative_id: int) -> HttpResponse:
    scope = request.scope
    kept = scope.entity(code, manage=True)
    found = selectors.initiative(scope=scope, entity=kept, initiative_id=initiative_id)
    services.initiative_delete(initiative=found, actor=scope.actor)
    messages.success(request, _("The initiative was deleted."))
    return redirect("budgets:entity", code=kept.code)
