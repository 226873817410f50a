"""The parameters page (admin adds a value from a day; the past is never edited) and the audit
trail (admin only; filters; before and after as a diff)."""

from datetime import date

import pytest
from django.urls import reverse

from thuiswerk.allowances.models import ParameterValue
from thuiswerk.audit.models import AuditEvent
from thuiswerk.audit.services import audit_record

NEW_VALUE = {
    "name": "homework_amount",
    "value": "25.00",
    "effective_from": "2027-01-01",
    "legal_source": "BVR 1 December 2026",
}


def test_admin_adds_a_value_and_the_past_stays(client, world):
    before = list(
        ParameterValue.objects.filter(name="homework_amount").values_list("value", "effective_from")
    )
    client.force_login(world.admin_user)
    response = client.post(reverse("backoffice:parameters"), NEW_VALUE)
    assert response.status_code == 302
    values = list(
        ParameterValue.objects.filter(name="homework_amount").values_list("value", "effective_from")
    )
    assert values == [*before, ("25.00", date(2027, 1, 1))]
    event = AuditEvent.objects.filter(action__startswith="parameter").latest("id")
    assert event.actor == world.admin_user.email


def test_a_value_from_the_same_day_is_refused(client, world):
    client.force_login(world.admin_user)
    client.post(reverse("backoffice:parameters"), NEW_VALUE)
    response = client.post(reverse("backoffice:parameters"), {**NEW_VALUE, "value": "30.00"})
    assert response.status_code == 400
    assert ParameterValue.objects.filter(name="homework_amount", value="30.00").count() == 0


@pytest.mark.parametrize("role", ["hr_a", "auditor_a", "auditor_all", "employee_a"])
def test_only_admin_adds_values(client, world, role):
    client.force_login(world.users()[role])
    response = client.post(reverse("backoffice:parameters"), NEW_VALUE)
    assert response.status_code == 403
    assert not ParameterValue.objects.filter(value="25.00").exists()


def test_readers_see_the_sources_but_no_form(client, world):
    client.force_login(world.a.auditor_user)
    page = client.get(reverse("backoffice:parameters")).content.decode()
    assert "homework_amount" in page
    assert 'name="legal_source"' not in page


def test_audit_trail_filters_and_shows_a_diff(client, world):
    audit_record(
        actor="hr.aiv@vlaanderen.be",
        action="budgetline.change",
        object_type="budgetline",
        object_id=7,
        before={"amount": "100.00", "year": 2026},
        after={"amount": "150.00", "year": 2026},
        reason="herziening",
    )
    audit_record(
        actor="someone@else.be", action="month.close", object_type="month", object_id="2026-01"
    )
    client.force_login(world.admin_user)
    url = reverse("backoffice:audit")
    page = client.get(
        url, {"actor": "hr.aiv", "object_type": "budgetline", "object_id": "7"}
    ).content.decode()
    assert "budgetline.change" in page
    assert "month.close" not in page
    assert "<del>100.00</del>" in page and "<ins>150.00</ins>" in page
    assert "<del>2026</del>" not in page  # unchanged fields are left out
    assert "herziening" in page
    page = client.get(url, {"action": "month."}).content.decode()
    assert "month.close" in page and "budgetline.change" not in page
    future = client.get(url, {"since": "2999-01-01"}).content.decode()
    assert "month.close" not in future
