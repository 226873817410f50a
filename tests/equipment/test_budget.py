"""The budget check on HR approval, at its boundary, and the delivered request in the report."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from tests.factories import BudgetLineFactory, DeliveryFactory

from thuiswerk.audit.models import AuditEvent
from thuiswerk.equipment import services
from thuiswerk.equipment.models import EquipmentRequest
from thuiswerk.equipment.services import BudgetExceeded, material_position
from thuiswerk.reports.parliament import parliament_answer

from .flow import approved, ask, deliver, hr_approves, supervisor_approves

pytestmark = pytest.mark.usefixtures("english")
Status = EquipmentRequest.Status
YEAR = timezone.localdate().year


def reserve(side, amount: str, *, year: int = YEAR, measure: str = "material") -> None:
    BudgetLineFactory(entity=side.entity, year=year, measure=measure, amount=Decimal(amount))


def awaiting_hr(side, item) -> EquipmentRequest:
    return supervisor_approves(side, ask(side, item))


def test_exactly_the_budget_passes(world, chair):
    reserve(world.a, "250.00")
    assert hr_approves(world.a, awaiting_hr(world.a, chair)).status == Status.HR_APPROVED
    assert material_position(entity_id=world.a.entity.pk, year=YEAR).remaining == 0


def test_one_cent_over_is_refused_and_nothing_changes(world, chair):
    reserve(world.a, "249.99")
    request = awaiting_hr(world.a, chair)
    with pytest.raises(BudgetExceeded) as refused:
        hr_approves(world.a, request)
    assert refused.value.position.remaining == Decimal("-0.01")
    assert "0,01" in refused.value.messages[0] or "0.01" in refused.value.messages[0]
    request.refresh_from_db()
    assert request.status == Status.SUPERVISOR_APPROVED and request.budget_year is None
    assert not AuditEvent.objects.filter(action="equipmentrequest.hr_approve").exists()


def test_no_budget_line_reserves_nothing(world, chair):
    reserve(world.a, "1000.00", measure="financial")  # a financial line does not count
    with pytest.raises(BudgetExceeded):
        hr_approves(world.a, awaiting_hr(world.a, chair))


def test_approved_undelivered_requests_are_committed(world, chair, headset):
    reserve(world.a, "329.99")
    approved(world.a, headset)  # 80.00 committed
    with pytest.raises(BudgetExceeded):
        hr_approves(world.a, awaiting_hr(world.a, chair))  # 80.00 + 250.00 = 330.00


def test_deliveries_of_the_year_are_spent_others_not(world, chair):
    reserve(world.a, "400.00")
    DeliveryFactory(  # of this year and entity: counts
        employee=world.a.employee,
        entity=world.a.entity,
        delivered_on=date(YEAR, 1, 1),
        cost=Decimal("150.00"),
    )
    DeliveryFactory(  # last year: does not count
        employee=world.a.employee,
        entity=world.a.entity,
        item="Scherm",
        delivered_on=date(YEAR - 1, 12, 31),
        cost=Decimal("999.00"),
    )
    DeliveryFactory(  # another entity: does not count
        employee=world.b.employee, entity=world.b.entity, delivered_on=date(YEAR, 1, 1)
    )
    position = material_position(entity_id=world.a.entity.pk, year=YEAR)
    assert (position.spent, position.committed) == (Decimal("150.00"), Decimal("0.00"))
    assert hr_approves(world.a, awaiting_hr(world.a, chair)).status == Status.HR_APPROVED


def test_a_delivered_request_is_spent_once(world, chair, headset):
    reserve(world.a, "330.00")
    deliver(world.a, approved(world.a, headset))
    position = material_position(entity_id=world.a.entity.pk, year=YEAR)
    assert (position.spent, position.committed) == (Decimal("80.00"), Decimal("0.00"))
    assert hr_approves(world.a, awaiting_hr(world.a, chair)).status == Status.HR_APPROVED


def test_a_rejected_request_commits_nothing(world, chair):
    reserve(world.a, "250.00")
    first = awaiting_hr(world.a, chair)
    services.request_hr_decide(request_id=first.pk, approve=False, reason="Nee", actor="hr")
    assert hr_approves(world.a, awaiting_hr(world.a, chair)).status == Status.HR_APPROVED


def test_an_override_passes_with_its_reason_kept_and_audited(world, chair):
    reserve(world.a, "100.00")
    request = awaiting_hr(world.a, chair)
    with pytest.raises(BudgetExceeded):
        hr_approves(world.a, request, override_reason="   ")
    request = hr_approves(world.a, request, override_reason="Medisch attest, dringend")
    assert request.status == Status.HR_APPROVED
    assert request.override_reason == "Medisch attest, dringend"
    event = AuditEvent.objects.get(action="equipmentrequest.hr_approve")
    assert event.reason == "Medisch attest, dringend"
    assert event.data["override"] is True
    assert event.data["budget"]["remaining"] == "-150.00"
    assert event.after["override_reason"] == "Medisch attest, dringend"


def test_an_override_reason_within_the_budget_is_not_an_override(world, chair):
    reserve(world.a, "250.00")
    request = hr_approves(world.a, awaiting_hr(world.a, chair), override_reason="voor de zekerheid")
    assert request.override_reason == ""
    assert AuditEvent.objects.get(action="equipmentrequest.hr_approve").data["override"] is False


def test_a_delivered_request_counts_in_the_report_as_an_imported_delivery(world, chair, dkb_chair):
    """AIV delivers a chair through the workflow, DKB imports the same delivery: same figures."""
    reserve(world.a, "1000.00", year=2023)
    reserve(world.b, "1000.00", year=2023)
    request = services.request_create(
        employee_id=world.a.employee.pk, item_id=chair.pk, actor="eva", on=date(2023, 3, 1)
    )
    supervisor_approves(world.a, request)
    hr_approves(world.a, request, on=date(2023, 3, 2))
    deliver(world.a, request, date(2023, 3, 10))
    DeliveryFactory(
        employee=world.b.employee,
        entity=world.b.entity,
        item="Bureaustoel",
        category="chair",
        delivered_on=date(2023, 3, 10),
        cost=Decimal("250.00"),
        ownership="loan",
    )

    def material(code: str) -> dict:
        answer = parliament_answer(entity_code=code, as_of=date(2023, 12, 31), years=1)
        return answer.years[0].to_json()["material"]

    aiv, dkb = material("AIV"), material("DKB")
    assert aiv == dkb
    assert aiv["spent"] == "250.00" and aiv["beneficiaries"] == 1
    assert aiv["by_category"]["chair"] == {"items": 1, "beneficiaries": 1, "cost": "250.00"}
