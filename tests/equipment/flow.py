"""Steps of the workflow for the tests: each drives one request one step on."""

from datetime import date

from django.utils import timezone

from thuiswerk.equipment import services
from thuiswerk.equipment.models import EquipmentRequest


def ask(side, item, **kwargs) -> EquipmentRequest:
    return services.request_create(
        employee_id=side.employee.pk, item_id=item.pk, actor=side.employee_user.email, **kwargs
    )


def supervisor_approves(side, request: EquipmentRequest) -> EquipmentRequest:
    return services.request_supervisor_decide(
        request_id=request.pk,
        supervisor_id=side.supervisor.pk,
        approve=True,
        actor=side.supervisor_user.email,
    )


def hr_approves(side, request: EquipmentRequest, **kwargs) -> EquipmentRequest:
    return services.request_hr_decide(
        request_id=request.pk, approve=True, actor=side.hr_user.email, **kwargs
    )


def deliver(side, request: EquipmentRequest, day: date | None = None) -> EquipmentRequest:
    return services.request_deliver(
        request_id=request.pk,
        delivered_on=day or timezone.localdate(),
        actor=side.hr_user.email,
    )


def approved(side, item) -> EquipmentRequest:
    """A request approved by the supervisor and by HR (the budget must allow it)."""
    return hr_approves(side, supervisor_approves(side, ask(side, item)))
