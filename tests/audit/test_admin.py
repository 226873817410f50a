"""The Django admin: the ledger and the trail are read-only; other writes go through services."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from tests.factories import (
    AgreementFactory,
    EmploymentPeriodFactory,
    EntityFactory,
    LedgerLineFactory,
)

from thuiswerk.allowances.models import ComputationRun, LedgerMonth, ParameterValue
from thuiswerk.audit.models import AuditEvent
from thuiswerk.people.models import Employee, Entity
from thuiswerk.telework.models import Agreement


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("beheer", "beheer@vlaanderen.be", "x"))
    return client


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def read_only_objects():
    line = LedgerLineFactory()
    month = LedgerMonth.objects.create(month=date(2023, 1, 1), status="closed")
    return [
        ParameterValue.objects.first(),
        month,
        line,
        line.run,
        AuditEvent.objects.first(),
    ]


def test_the_ledger_and_the_audit_trail_can_be_seen_but_not_written(admin_client):
    for obj in read_only_objects():
        model = type(obj)
        assert admin_client.get(url(model, "changelist")).status_code == 200, model
        assert admin_client.get(url(model, "change", obj.pk)).status_code == 200, model
        assert admin_client.get(url(model, "add")).status_code == 403, model
        assert admin_client.post(url(model, "add"), {}).status_code == 403, model
        assert admin_client.post(url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
        # A change form posted anyway changes nothing.
        admin_client.post(url(model, "change", obj.pk), {"status": "open", "value": "99"})
        assert model.objects.filter(pk=obj.pk).exists()
    assert LedgerMonth.objects.get().status == "closed"
    assert not ParameterValue.objects.filter(value="99").exists()
    assert ComputationRun.objects.count() == 1


def test_admin_writes_go_through_the_services_with_before_and_after(admin_client):
    response = admin_client.post(url(Entity, "add"), {"code": "AIV", "name": "Informatie"})
    assert response.status_code == 302
    entity = Entity.objects.get(code="AIV")
    added = AuditEvent.objects.get(action="entity.add")
    assert (added.actor, added.object_id, added.before) == ("beheer", str(entity.pk), None)
    assert added.after == {"id": entity.pk, "code": "AIV", "name": "Informatie"}

    admin_client.post(
        url(Entity, "change", entity.pk), {"code": "AIV", "name": "Agentschap Informatie"}
    )
    changed = AuditEvent.objects.get(action="entity.change")
    assert (changed.before["name"], changed.after["name"]) == (
        "Informatie",
        "Agentschap Informatie",
    )

    admin_client.post(url(Entity, "delete", entity.pk), {"post": "yes"})
    deleted = AuditEvent.objects.get(action="entity.delete")
    assert (deleted.before["code"], deleted.after) == ("AIV", None)
    assert not Entity.objects.exists()


def test_an_agreement_changed_in_the_admin_is_audited_field_by_field(admin_client):
    agreement = AgreementFactory(status=Agreement.Status.PENDING, approved_on=None)
    response = admin_client.post(
        url(Agreement, "change", agreement.pk),
        {
            "employee": agreement.employee_id,
            "valid_from": "2021-01-01",
            "valid_to": "",
            "days_per_week": "2.0",
            "status": "approved",
            "approved_by": "",
            "approved_on": "2020-12-20",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    event = AuditEvent.objects.get(action="agreement.change")
    assert (event.before["status"], event.after["status"]) == ("pending", "approved")
    assert (event.before["approved_on"], event.after["approved_on"]) == (None, "2020-12-20")
    assert event.after["days_per_week"] == "2.0"


def test_deleting_several_in_the_admin_audits_each(admin_client):
    entities = [EntityFactory(code=f"X{i}") for i in range(3)]
    admin_client.post(
        url(Entity, "changelist"),
        {"action": "delete_selected", "_selected_action": [e.pk for e in entities], "post": "yes"},
    )
    assert not Entity.objects.exists()
    assert AuditEvent.objects.filter(action="entity.delete").count() == 3


def test_an_employee_is_changed_with_the_periods_shown_but_not_written_inline(admin_client):
    period = EmploymentPeriodFactory(employee__first_name="An")
    employee = period.employee
    page = admin_client.get(url(Employee, "change", employee.pk))
    assert page.status_code == 200 and period.entity.code in page.content.decode()
    response = admin_client.post(
        url(Employee, "change", employee.pk),
        {
            "personnel_number": employee.personnel_number,
            "first_name": "Anna",
            "last_name": employee.last_name,
            "email": employee.email,
            "periods-TOTAL_FORMS": "1",
            "periods-INITIAL_FORMS": "1",
            "periods-0-id": str(period.pk),
            "periods-0-employee": str(employee.pk),
            "periods-0-fte": "0.5",  # ignored: the inline is read-only
        },
    )
    assert response.status_code == 302, response.content[:3000]
    event = AuditEvent.objects.get(action="employee.change")
    assert (event.before["first_name"], event.after["first_name"]) == ("An", "Anna")
    period.refresh_from_db()
    assert period.fte == Decimal("1.000")
    assert not AuditEvent.objects.filter(object_type="employmentperiod").exists()
