"""Bulk upsert of day registrations: the import's checks and writer, all or nothing, idempotent,
row-level errors, and who may write whose days."""

import time
from datetime import date, timedelta

import pytest
from tests.factories import EmployeeFactory, EmploymentPeriodFactory, RegistrationFactory

from thuiswerk.audit.models import AuditEvent
from thuiswerk.telework.models import Registration

URL = "/api/v1/registrations"
MONDAY = date(2026, 11, 2)


def _post(client, rows):
    return client.post(URL, data={"rows": rows}, content_type="application/json")


def _row(employee, day=MONDAY, location="home", **extra):
    return {"personnel_number": employee.personnel_number, "day": day.isoformat(),
            "location": location, **extra}


def test_hr_upserts_rows_and_the_same_request_again_changes_nothing(world, token_client):
    client = token_client(world.a.hr_user)
    rows = [_row(world.a.employee), _row(world.a.employee, MONDAY + timedelta(days=1), "office")]
    first = _post(client, rows)
    assert first.status_code == 200, first.content
    assert first.json() | {"warnings": []} == {
        "created": 2, "updated": 0, "unchanged": 0, "deleted": 0, "warnings": []
    }
    again = _post(client, rows).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert Registration.objects.filter(employee=world.a.employee).count() == 2
    assert AuditEvent.objects.filter(action="import", actor=world.a.hr_user.email).exists()
