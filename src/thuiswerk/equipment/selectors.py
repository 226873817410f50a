"""Reads of equipment for the pages, each filtered by the user's scope (`scope=`)."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from thuiswerk.accounts.scope import OutOfScope, Scope
from thuiswerk.people.models import Employee, EmploymentPeriod, Entity

from .models import CatalogItem, Delivery, EquipmentRequest
from .services import BudgetPosition, material_position, period_on

Status = EquipmentRequest.Status


def _current_periods(on: date) -> QuerySet[EmploymentPeriod]:
    return EmploymentPeriod.objects.filter(start_date__lte=on).exclude(end_date__lt=on)


# -- the catalog ---------------------------------------------------------------------------------
def catalog(*, scope: Scope, entity: Entity | None = None) -> QuerySet[CatalogItem]:
    """The whole catalog of an entity the user keeps as HR officer (or admin); without `entity`,
    of every entity she keeps."""
    items = CatalogItem.objects.filter(scope.people_entities.q("entity_id"))
    return items if entity is None else items.filter(entity=entity)


def catalog_item(*, scope: Scope, item_id: int, entity: Entity | None = None) -> CatalogItem:
    item = catalog(scope=scope, entity=entity).filter(pk=item_id).first()
    if item is None:
        raise OutOfScope
    return item


def offered_items(
    *, scope: Scope, employee: Employee, on: date | None = None
) -> QuerySet[CatalogItem]:
    """What the employee can ask for: the active catalog of her entity today (only herself)."""
    period = period_on(employee.pk, on or timezone.localdate())
    if period is None or scope.employee_id != employee.pk or not scope.is_employee:
        return CatalogItem.objects.none()
    return CatalogItem.objects.filter(entity_id=period.entity_id, active=True)


def visible_items(*, scope: Scope) -> QuerySet[CatalogItem]:
    """Every catalog item the user sees in the web app: the catalogs she keeps as HR officer
    (or admin) and what she can ask for herself."""
    offered = (
        offered_items(scope=scope, employee=Employee(pk=scope.employee_id))
        if scope.is_employee
        else CatalogItem.objects.none()
    )
    return catalog(scope=scope) | offered


# -- an employee's requests and loans ------------------------------------------------------------
def employee_requests(*, scope: Scope, employee: Employee) -> QuerySet[EquipmentRequest]:
    return (
        scope.persons(EquipmentRequest.objects.all())
        .filter(employee=employee)
        .select_related("item", "supervisor", "delivery", "entity")
    )


def employee_loans(*, scope: Scope, employee: Employee) -> QuerySet[Delivery]:
    """The items she has on loan now: every loan not returned, requested here or imported."""
    return (
        scope.persons(Delivery.objects.all())
        .filter(employee=employee, ownership=Delivery.Ownership.LOAN, returned_on__isnull=True)
        .order_by("delivered_on", "item")
    )


# -- the supervisor's queue ----------------------------------------------------------------------
def requests_awaiting_supervisor(
    *, scope: Scope, on: date | None = None
) -> QuerySet[EquipmentRequest]:
    """Pending requests of the people whose current employment names her as supervisor: exactly
    those she can decide."""
    if not scope.is_supervisor:
        return EquipmentRequest.objects.none()
    named = _current_periods(on or timezone.localdate()).filter(
        employee=OuterRef("employee"), supervisor_id=scope.employee_id
    )
    return (
        EquipmentRequest.objects.filter(Exists(named), status=Status.REQUESTED)
        .select_related("employee", "item")
        .order_by("requested_on", "id")
    )


# -- HR's queue ----------------------------------------------------------------------------------
def _entity_requests(scope: Scope, entity: Entity | None) -> QuerySet[EquipmentRequest]:
    requests = EquipmentRequest.objects.filter(scope.people_entities.q("entity_id"))
    if entity is not None:
        requests = requests.filter(entity=entity)
    return requests.select_related("employee", "item", "supervisor", "delivery", "entity")


def requests_awaiting_hr(
    *, scope: Scope, entity: Entity, on: date | None = None
) -> QuerySet[EquipmentRequest]:
    """Approved by the supervisor, or asked by someone whose current employment names none."""
    unsupervised = _current_periods(on or timezone.localdate()).filter(
        employee=OuterRef("employee"), supervisor__isnull=True
    )
    return (
        _entity_requests(scope, entity)
        .filter(
            Q(status=Status.SUPERVISOR_APPROVED) | Q(Exists(unsupervised), status=Status.REQUESTED)
        )
        .order_by("requested_on", "id")
    )


def requests_to_deliver(*, scope: Scope, entity: Entity) -> QuerySet[EquipmentRequest]:
    return _entity_requests(scope, entity).filter(status=Status.HR_APPROVED).order_by("hr_at", "id")


def loans_out(*, scope: Scope, entity: Entity) -> QuerySet[EquipmentRequest]:
    """Delivered loans (through a request) not yet returned."""
    return (
        _entity_requests(scope, entity)
        .filter(status=Status.DELIVERED, item__ownership=Delivery.Ownership.LOAN)
        .order_by("delivery__delivered_on", "id")
    )


def visible_requests(*, scope: Scope) -> QuerySet[EquipmentRequest]:
    """Every request the user sees in the web app: her own (employee), those awaiting her
    decision (supervisor), and those of the entities she keeps (HR officer, admin)."""
    if scope.people_entities.everything:
        return _entity_requests(scope, None)
    seen = Q(pk__in=[])
    if scope.is_employee:
        seen |= Q(employee_id=scope.employee_id)
    if scope.is_supervisor:
        seen |= Q(pk__in=requests_awaiting_supervisor(scope=scope).values("pk"))
    if scope.people_entities:
        seen |= scope.people_entities.q("entity_id")
    return EquipmentRequest.objects.filter(seen).select_related(
        "employee", "item", "supervisor", "delivery", "entity"
    )


def entity_request(
    *, scope: Scope, request_id: int, entity: Entity | None = None
) -> EquipmentRequest:
    """A request of an entity the user keeps (of `entity`, if given): HR's steps take it."""
    request = _entity_requests(scope, entity).filter(pk=request_id).first()
    if request is None:
        raise OutOfScope
    return request


def budget_position(*, scope: Scope, entity: Entity, year: int) -> BudgetPosition:
    """The material budget position of an entity whose figures the user sees."""
    if entity.pk not in scope.figure_entities:
        raise OutOfScope
    return material_position(entity_id=entity.pk, year=year)
