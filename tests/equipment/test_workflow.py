"""Every step of the equipment workflow and every refusal."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from tests.factories import BudgetLineFactory, EmploymentPeriodFactory

from thuiswerk.audit.models import AuditEvent
from thuiswerk.equipment import services
from thuiswerk.equipment.models import Delivery, EquipmentRequest
from thuiswerk.equipment.services import WorkflowError

from .flow import approved, ask, deliver, hr_approves, supervisor_approves

pytestmark = pytest.mark.usefixtures("english")
Status = EquipmentRequest.Status


@pytest.fixture(autouse=True)
def budget(world):
    """Enough material budget this year that the budget check never refuses here."""
    BudgetLineFactory(
        entity=world.a.entity,
        year=timezone.localdate().year,
        measure="material",
        amount=Decimal("10000.00"),
    )


def events(request: EquipmentRequest) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="equipmentrequest", object_id=str(request.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


# -- request -------------------------------------------------------------------------------------
def test_a_request_keeps_the_cost_and_entity_of_the_day_and_is_audited(world, chair):
    request = ask(world.a, chair, motivation="Rugklachten")
    chair.unit_cost = Decimal("300.00")
    services.catalog_item_save(item=chair, actor="hr")
    request.refresh_from_db()
    assert (request.status, request.cost, request.entity) == (
        Status.REQUESTED,
        Decimal("250.00"),
        world.a.entity,
    )
    assert request.requested_on == timezone.localdate()
    event = AuditEvent.objects.get(action="equipmentrequest.add")
    assert event.actor == world.a.employee_user.email
    assert event.reason == "Rugklachten"
    assert event.before is None and event.after["cost"] == "250.00"


def test_a_request_over_the_maximum_per_employee_is_refused(world, headset):
    ask(world.a, headset)
    ask(world.a, headset)
    with pytest.raises(WorkflowError, match="At most 2"):
        ask(world.a, headset)
    assert EquipmentRequest.objects.count() == 2


def test_rejected_and_withdrawn_requests_free_their_place(world, chair):
    first = ask(world.a, chair)
    services.request_withdraw(request_id=first.pk, employee_id=world.a.employee.pk, actor="eva")
    second = ask(world.a, chair)
    services.request_supervisor_decide(
        request_id=second.pk,
        supervisor_id=world.a.supervisor.pk,
        approve=False,
        reason="Al een stoel",
        actor="sara",
    )
    assert ask(world.a, chair).status == Status.REQUESTED


def test_a_returned_loan_frees_its_place_a_delivered_one_does_not(world, chair):
    request = deliver(world.a, approved(world.a, chair))
    with pytest.raises(WorkflowError, match="At most 1"):
        ask(world.a, chair)
    services.request_return(request_id=request.pk, returned_on=timezone.localdate(), actor="hr")
    assert ask(world.a, chair).status == Status.REQUESTED


def test_an_inactive_item_is_refused(world, chair):
    chair.active = False
    services.catalog_item_save(item=chair, actor="hr")
    with pytest.raises(WorkflowError, match="no longer offered"):
        ask(world.a, chair)


def test_an_item_of_another_entity_is_refused(world, dkb_chair):
    with pytest.raises(WorkflowError, match="not in the catalog"):
        ask(world.a, dkb_chair)


def test_a_request_outside_employment_is_refused(world, chair):
    with pytest.raises(WorkflowError, match="no employment"):
        ask(world.a, chair, on=date(2019, 6, 1))


def test_the_entity_is_the_one_of_the_request_date(world, chair, dkb_chair):
    # Eva moves to DKB: she can ask DKB's items, no longer AIV's.
    period = world.a.employee.periods.get()
    period.end_date = timezone.localdate() - timedelta(days=1)
    period.save()
    EmploymentPeriodFactory(
        employee=world.a.employee, entity=world.b.entity, start_date=timezone.localdate()
    )
    with pytest.raises(WorkflowError, match="not in the catalog"):
        ask(world.a, chair)
    assert ask(world.a, dkb_chair).entity == world.b.entity


# -- withdraw ------------------------------------------------------------------------------------
@pytest.mark.parametrize("approved_first", [False, True])
def test_the_employee_withdraws_before_hr_decides(world, chair, approved_first):
    request = ask(world.a, chair)
    if approved_first:
        supervisor_approves(world.a, request)
    services.request_withdraw(request_id=request.pk, employee_id=world.a.employee.pk, actor="eva")
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN and request.withdrawn_at is not None
    assert events(request)[-1] == "equipmentrequest.withdraw"


def test_only_the_employee_withdraws(world, chair):
    request = ask(world.a, chair)
    with pytest.raises(WorkflowError, match="Only the employee"):
        services.request_withdraw(
            request_id=request.pk, employee_id=world.b.employee.pk, actor="other"
        )


def test_no_withdrawal_after_hr_approved(world, chair):
    request = approved(world.a, chair)
    with pytest.raises(WorkflowError, match="cannot take this step"):
        services.request_withdraw(
            request_id=request.pk, employee_id=world.a.employee.pk, actor="eva"
        )


# -- the supervisor ------------------------------------------------------------------------------
def test_the_supervisor_approves(world, chair):
    request = supervisor_approves(world.a, ask(world.a, chair))
    assert request.status == Status.SUPERVISOR_APPROVED
    assert request.supervisor == world.a.supervisor and request.supervisor_at is not None
    event = AuditEvent.objects.get(action="equipmentrequest.supervisor_approve")
    assert (event.before["status"], event.after["status"]) == ("requested", "supervisor_approved")
    assert event.actor == world.a.supervisor_user.email


def test_the_supervisor_rejects_with_a_reason(world, chair):
    request = ask(world.a, chair)
    with pytest.raises(WorkflowError, match="needs a reason"):
        services.request_supervisor_decide(
            request_id=request.pk,
            supervisor_id=world.a.supervisor.pk,
            approve=False,
            reason="  ",
            actor="sara",
        )
    services.request_supervisor_decide(
        request_id=request.pk,
        supervisor_id=world.a.supervisor.pk,
        approve=False,
        reason="Al een stoel op kantoor",
        actor="sara",
    )
    request.refresh_from_db()
    assert request.status == Status.REJECTED
    assert request.supervisor_reason == "Al een stoel op kantoor"
    assert AuditEvent.objects.get(action="equipmentrequest.supervisor_reject").reason == (
        "Al een stoel op kantoor"
    )


def test_only_the_supervisor_of_the_current_period_decides(world, chair):
    request = ask(world.a, chair)
    with pytest.raises(WorkflowError, match="Only the supervisor"):
        services.request_supervisor_decide(
            request_id=request.pk,
            supervisor_id=world.b.supervisor.pk,
            approve=True,
            actor="other",
        )
    assert EquipmentRequest.objects.get().status == Status.REQUESTED


def test_the_supervisor_decides_once(world, chair):
    request = supervisor_approves(world.a, ask(world.a, chair))
    with pytest.raises(WorkflowError, match="cannot take this step"):
        supervisor_approves(world.a, request)


# -- HR ------------------------------------------------------------------------------------------
def test_hr_waits_for_the_supervisor(world, chair):
    request = ask(world.a, chair)
    with pytest.raises(WorkflowError, match="awaits the supervisor"):
        hr_approves(world.a, request)


def test_hr_approves_against_the_year(world, chair):
    request = hr_approves(world.a, supervisor_approves(world.a, ask(world.a, chair)))
    assert request.status == Status.HR_APPROVED
    assert request.budget_year == timezone.localdate().year
    assert request.hr_actor == world.a.hr_user.email and request.hr_at is not None
    event = AuditEvent.objects.get(action="equipmentrequest.hr_approve")
    assert event.data["override"] is False
    assert event.data["budget"]["reserved"] == "10000.00"
    assert event.data["budget"]["remaining"] == "9750.00"


def test_hr_rejects_with_a_reason(world, chair):
    request = supervisor_approves(world.a, ask(world.a, chair))
    with pytest.raises(WorkflowError, match="needs a reason"):
        services.request_hr_decide(request_id=request.pk, approve=False, actor="hr")
    services.request_hr_decide(
        request_id=request.pk, approve=False, reason="Niet in het beleid", actor="hr"
    )
    request.refresh_from_db()
    assert (request.status, request.hr_reason) == (Status.REJECTED, "Niet in het beleid")
    assert events(request)[-1] == "equipmentrequest.hr_reject"


def test_hr_decides_once(world, chair):
    request = approved(world.a, chair)
    with pytest.raises(WorkflowError, match="cannot take this step"):
        hr_approves(world.a, request)


def test_without_a_named_supervisor_hr_decides_alone(world, chair):
    # Sara's own employment names no supervisor: her request goes to HR directly.
    request = services.request_create(
        employee_id=world.a.supervisor.pk, item_id=chair.pk, actor="sara"
    )
    assert hr_approves(world.a, request).status == Status.HR_APPROVED


# -- delivery and return -------------------------------------------------------------------------
def test_delivery_writes_a_delivery_as_an_import_does(world, chair):
    request = deliver(world.a, approved(world.a, chair))
    delivery = Delivery.objects.get()
    assert request.status == Status.DELIVERED and request.delivery == delivery
    assert (
        delivery.employee,
        delivery.entity,
        delivery.item,
        delivery.category,
        delivery.cost,
        delivery.ownership,
        delivery.delivered_on,
        delivery.returned_on,
    ) == (
        world.a.employee,
        world.a.entity,
        "Bureaustoel",
        "chair",
        Decimal("250.00"),
        "loan",
        timezone.localdate(),
        None,
    )
    assert AuditEvent.objects.filter(action="delivery.add", object_id=str(delivery.pk)).exists()
    assert events(request)[-1] == "equipmentrequest.deliver"


def test_delivery_waits_for_hr(world, chair):
    request = supervisor_approves(world.a, ask(world.a, chair))
    with pytest.raises(WorkflowError, match="cannot take this step"):
        deliver(world.a, request)
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("shift, message", [(1, "in the future"), (-1, "cannot be before")])
def test_delivery_date_between_the_request_and_today(world, chair, shift, message):
    request = approved(world.a, chair)
    with pytest.raises(WorkflowError, match=message):
        deliver(world.a, request, timezone.localdate() + timedelta(days=shift))


def test_delivery_needs_the_employee_in_the_entity_that_day(world, chair):
    request = approved(world.a, chair)
    period = world.a.employee.periods.get()
    period.end_date = timezone.localdate() - timedelta(days=1)
    period.save()
    with pytest.raises(WorkflowError, match="does not work in the entity"):
        deliver(world.a, request)


def test_a_loan_is_returned(world, chair):
    request = deliver(world.a, approved(world.a, chair))
    services.request_return(request_id=request.pk, returned_on=timezone.localdate(), actor="hr")
    request.refresh_from_db()
    assert request.status == Status.RETURNED
    assert request.delivery.returned_on == timezone.localdate()
    assert AuditEvent.objects.filter(action="delivery.change").exists()
    assert events(request)[-1] == "equipmentrequest.return"


def test_a_gift_is_not_returned(world, headset):
    request = deliver(world.a, approved(world.a, headset))
    with pytest.raises(WorkflowError, match="gift"):
        services.request_return(request_id=request.pk, returned_on=timezone.localdate(), actor="hr")


def test_only_a_delivered_loan_is_returned(world, chair):
    request = approved(world.a, chair)
    with pytest.raises(WorkflowError, match="cannot take this step"):
        services.request_return(request_id=request.pk, returned_on=timezone.localdate(), actor="hr")


def test_the_whole_way_is_audited_in_order(world, chair):
    request = deliver(world.a, approved(world.a, chair))
    services.request_return(request_id=request.pk, returned_on=timezone.localdate(), actor="hr")
    assert events(request) == [
        "equipmentrequest.add",
        "equipmentrequest.supervisor_approve",
        "equipmentrequest.hr_approve",
        "equipmentrequest.deliver",
        "equipmentrequest.return",
    ]
