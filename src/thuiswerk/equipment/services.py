"""Writes of equipment (admin, web app, API, imports): deliveries, the catalog and the request
workflow, every step audited with its actor, the values before and after and the reason.

request → approved by the supervisor → approved by HR (checked against the entity's material
budget of the year) → delivered (a `Delivery`, exactly as an imported one) → returned (loans);
rejected by the supervisor or HR (with a reason); withdrawn by the employee before HR decides.
"""

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thuiswerk.audit.services import audit_record, instance_delete, instance_save, snapshot
from thuiswerk.budgets.models import BudgetLine, Measure
from thuiswerk.core.formatting import format_date, format_money
from thuiswerk.core.money import CENT
from thuiswerk.people.models import Employee, EmploymentPeriod, Entity

from .models import CatalogItem, Delivery, EquipmentRequest

Status = EquipmentRequest.Status
ZERO = Decimal("0.00")


class WorkflowError(ValidationError):
    """The request cannot take this step (wrong state, wrong person, over a limit)."""


class BudgetExceeded(WorkflowError):
    """Approving would take the entity's material spending of the year over its budget."""

    def __init__(self, position: "BudgetPosition") -> None:
        self.position = position
        super().__init__(
            _(
                "Approving this request would take the material spending of %(year)d to "
                "%(total)s, over the reserved budget of %(reserved)s by %(over)s. Approve it "
                "anyway only with a written reason (override)."
            )
            % {
                "year": position.year,
                "total": format_money(position.total),
                "reserved": format_money(position.reserved),
                "over": format_money(-position.remaining),
            }
        )


def delivery_save(*, delivery: Delivery, actor: str, reason: str = "") -> Delivery:
    return instance_save(instance=delivery, actor=actor, reason=reason)


def delivery_delete(*, delivery: Delivery, actor: str, reason: str = "") -> None:
    instance_delete(instance=delivery, actor=actor, reason=reason)


def catalog_item_save(*, item: CatalogItem, actor: str, reason: str = "") -> CatalogItem:
    """Add or change a catalog item (deactivating is a change: `active` False). A change of the
    unit cost applies to new requests; a request keeps the cost it was asked at."""
    return instance_save(instance=item, actor=actor, reason=reason)


# -- the budget position -------------------------------------------------------------------------
@dataclass(frozen=True)
class BudgetPosition:
    """An entity's material budget of one year: what is reserved, spent (deliveries of the year),
    committed (approved by HR, not yet delivered) and, for a decision, this request's cost."""

    year: int
    reserved: Decimal
    spent: Decimal
    committed: Decimal
    this: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.spent + self.committed + self.this

    @property
    def remaining(self) -> Decimal:
        return self.reserved - self.total

    @property
    def over(self) -> bool:
        return self.remaining < 0

    def with_this(self, cost: Decimal) -> "BudgetPosition":
        return BudgetPosition(self.year, self.reserved, self.spent, self.committed, cost)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"remaining": self.remaining}


def material_position(*, entity_id: int, year: int) -> BudgetPosition:
    """The material budget position of an entity in a year, as the parliamentary report counts
    spending (deliveries by the year of delivered_on), plus the approved, undelivered requests.
    No budget line means nothing reserved."""
    reserved = BudgetLine.objects.filter(
        entity_id=entity_id, year=year, measure=Measure.MATERIAL
    ).aggregate(total=Sum("amount"))["total"]
    spent = Delivery.objects.filter(entity_id=entity_id, delivered_on__year=year).aggregate(
        total=Sum("cost")
    )["total"]
    committed = EquipmentRequest.objects.filter(
        entity_id=entity_id, budget_year=year, status=Status.HR_APPROVED
    ).aggregate(total=Sum("cost"))["total"]
    # Sums come back without their two decimals on SQLite: quantize them for the audit trail.
    return BudgetPosition(
        year, *((total or ZERO).quantize(CENT) for total in (reserved, spent, committed))
    )


# -- the workflow --------------------------------------------------------------------------------
def period_on(employee_id: int, day: date) -> EmploymentPeriod | None:
    """The employment period of the employee that covers `day` (periods never overlap)."""
    return (
        EmploymentPeriod.objects.filter(employee_id=employee_id, start_date__lte=day)
        .exclude(end_date__lt=day)
        .first()
    )


@transaction.atomic
def request_create(
    *,
    employee_id: int,
    item_id: int,
    actor: str,
    motivation: str = "",
    on: date | None = None,
) -> EquipmentRequest:
    """An employee asks for an item of her entity's catalog (her entity on `on`, today)."""
    on = on or timezone.localdate()
    # One request of an employee at a time, so that two quick submits cannot both pass the maximum.
    Employee.objects.select_for_update().filter(pk=employee_id).first()
    period = period_on(employee_id, on)
    if period is None:
        raise WorkflowError(
            _("There is no employment on %(day)s to ask equipment for.") % {"day": format_date(on)}
        )
    item = CatalogItem.objects.filter(pk=item_id).first()
    if item is None or item.entity_id != period.entity_id:
        raise WorkflowError(_("This item is not in the catalog of the employee's entity."))
    if not item.active:
        raise WorkflowError(_("This item is no longer offered."))
    held = EquipmentRequest.objects.filter(
        employee_id=employee_id, item=item, status__in=EquipmentRequest.HOLDING
    ).count()
    if held >= item.max_per_employee:
        raise WorkflowError(
            ngettext(
                "At most %(maximum)d of this item per employee: there is already %(held)d "
                "requested or delivered.",
                "At most %(maximum)d of this item per employee: there are already %(held)d "
                "requested or delivered.",
                held,
            )
            % {"maximum": item.max_per_employee, "held": held}
        )
    request = EquipmentRequest.objects.create(
        employee_id=employee_id,
        entity_id=period.entity_id,
        item=item,
        cost=item.unit_cost,
        requested_on=on,
        motivation=motivation.strip(),
    )
    audit_record(
        actor=actor,
        action="equipmentrequest.add",
        object_type="equipmentrequest",
        object_id=request.pk,
        reason=request.motivation,
        after=snapshot(request),
    )
    return request


def _locked(request_id: int) -> EquipmentRequest:
    """The request, locked until the transaction ends: its state is read and changed by one
    decision at a time (a second decision waits and then sees the first one's outcome)."""
    request = (
        EquipmentRequest.objects.select_for_update(of=("self",))
        .select_related("item")
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        raise WorkflowError(_("This request does not exist."))
    return request


def _expect(request: EquipmentRequest, *statuses: str) -> None:
    if request.status not in statuses:
        raise WorkflowError(
            _("This request is %(status)s: it cannot take this step.")
            % {"status": request.get_status_display()}
        )


def _audited(
    request: EquipmentRequest,
    before: dict,
    *,
    actor: str,
    action: str,
    reason: str = "",
    data: dict | None = None,
) -> EquipmentRequest:
    request.save()
    audit_record(
        actor=actor,
        action=f"equipmentrequest.{action}",
        object_type="equipmentrequest",
        object_id=request.pk,
        reason=reason,
        data=data,
        before=before,
        after=snapshot(request),
    )
    return request


@transaction.atomic
def request_withdraw(*, request_id: int, employee_id: int, actor: str) -> EquipmentRequest:
    """The employee takes her request back, as long as HR has not decided it."""
    request = _locked(request_id)
    if request.employee_id != employee_id:
        raise WorkflowError(_("Only the employee who asked can withdraw a request."))
    _expect(request, Status.REQUESTED, Status.SUPERVISOR_APPROVED)
    before = snapshot(request)
    request.status = Status.WITHDRAWN
    request.withdrawn_at = timezone.now()
    return _audited(request, before, actor=actor, action="withdraw")


def _reason_for_rejection(approve: bool, reason: str) -> str:
    reason = reason.strip()
    if not approve and not reason:
        raise WorkflowError(_("A rejection needs a reason."))
    return reason


@transaction.atomic
def request_supervisor_decide(
    *,
    request_id: int,
    supervisor_id: int,
    approve: bool,
    actor: str,
    reason: str = "",
    on: date | None = None,
) -> EquipmentRequest:
    """The supervisor named in the employee's current employment period approves or rejects."""
    reason = _reason_for_rejection(approve, reason)
    request = _locked(request_id)
    _expect(request, Status.REQUESTED)
    period = period_on(request.employee_id, on or timezone.localdate())
    if period is None or period.supervisor_id != supervisor_id:
        raise WorkflowError(
            _("Only the supervisor named in the employee's current employment can decide.")
        )
    before = snapshot(request)
    request.status = Status.SUPERVISOR_APPROVED if approve else Status.REJECTED
    request.supervisor_id = supervisor_id
    request.supervisor_at = timezone.now()
    request.supervisor_reason = reason
    action = "supervisor_approve" if approve else "supervisor_reject"
    return _audited(request, before, actor=actor, action=action, reason=reason)


def awaits_hr(request: EquipmentRequest, on: date) -> bool:
    """Approved by the supervisor, or asked by someone whose current employment names no
    supervisor (HR then decides alone, rather than the request waiting for nobody)."""
    if request.status == Status.SUPERVISOR_APPROVED:
        return True
    if request.status != Status.REQUESTED:
        return False
    period = period_on(request.employee_id, on)
    return period is not None and period.supervisor_id is None


@transaction.atomic
def request_hr_decide(
    *,
    request_id: int,
    approve: bool,
    actor: str,
    reason: str = "",
    override_reason: str = "",
    on: date | None = None,
) -> EquipmentRequest:
    """HR approves (against the material budget of the year of `on`, today) or rejects.

    An approval that would take the entity's material spending of the year (deliveries, approved
    undelivered requests and this one) over the reserved budget raises BudgetExceeded, unless
    `override_reason` says why HR approves anyway. The entity's row is locked for the check, so
    two approvals for one entity pass it one after the other, each seeing the other's outcome.
    """
    on = on or timezone.localdate()
    reason = _reason_for_rejection(approve, reason)
    request = _locked(request_id)
    if not awaits_hr(request, on):
        if request.status == Status.REQUESTED:
            raise WorkflowError(_("This request still awaits the supervisor."))
        _expect(request, Status.SUPERVISOR_APPROVED)
    before = snapshot(request)
    data = None
    if approve:
        Entity.objects.select_for_update().filter(pk=request.entity_id).first()
        position = material_position(entity_id=request.entity_id, year=on.year).with_this(
            request.cost
        )
        override_reason = override_reason.strip()
        if position.over and not override_reason:
            raise BudgetExceeded(position)
        request.budget_year = on.year
        request.override_reason = override_reason if position.over else ""
        data = {"budget": position.as_dict(), "override": position.over}
    request.status = Status.HR_APPROVED if approve else Status.REJECTED
    request.hr_actor = actor
    request.hr_at = timezone.now()
    request.hr_reason = reason
    return _audited(
        request,
        before,
        actor=actor,
        action="hr_approve" if approve else "hr_reject",
        reason=request.override_reason or reason,
        data=data,
    )


def _check_day(day: date, first: date) -> None:
    if day < first:
        raise WorkflowError(_("The date cannot be before %(day)s.") % {"day": format_date(first)})
    if day > timezone.localdate():
        raise WorkflowError(_("The date cannot be in the future."))


@transaction.atomic
def request_deliver(*, request_id: int, delivered_on: date, actor: str) -> EquipmentRequest:
    """HR hands the item over: a Delivery exactly as an import writes one (the reports count it),
    of the request's entity, which must still employ her on that day."""
    request = _locked(request_id)
    _expect(request, Status.HR_APPROVED)
    _check_day(delivered_on, request.requested_on)
    period = period_on(request.employee_id, delivered_on)
    if period is None or period.entity_id != request.entity_id:
        raise WorkflowError(
            _("On %(day)s the employee does not work in the entity that approved the request.")
            % {"day": format_date(delivered_on)}
        )
    before = snapshot(request)
    item = request.item
    request.delivery = delivery_save(
        delivery=Delivery(
            employee_id=request.employee_id,
            entity_id=request.entity_id,
            item=item.name,
            category=item.category,
            delivered_on=delivered_on,
            cost=request.cost,
            ownership=item.ownership,
        ),
        actor=actor,
        reason=_("equipment request %(number)d") % {"number": request.pk},
    )
    request.status = Status.DELIVERED
    return _audited(request, before, actor=actor, action="deliver")


@transaction.atomic
def request_return(*, request_id: int, returned_on: date, actor: str) -> EquipmentRequest:
    """A loan comes back: its delivery gets `returned_on` (it still counts as spending)."""
    request = _locked(request_id)
    _expect(request, Status.DELIVERED)
    if not request.is_loan:
        raise WorkflowError(_("A gift is not returned."))
    delivery = Delivery.objects.select_for_update().get(pk=request.delivery_id)
    _check_day(returned_on, delivery.delivered_on)
    delivery.returned_on = returned_on
    delivery_save(
        delivery=delivery,
        actor=actor,
        reason=_("equipment request %(number)d") % {"number": request.pk},
    )
    before = snapshot(request)
    request.status = Status.RETURNED
    return _audited(request, before, actor=actor, action="return")
