"""The authorization matrix of people and telework: every operation, every role (see matrix.py).

`data` adds to `world` what the operations are about: a pending agreement of A's employee, a
registration, an internet option and an invoice."""

from datetime import date

import pytest
from tests.factories import (
    AgreementFactory,
    InternetOptionFactory,
    RegistrationFactory,
    ThirdPartyInvoiceFactory,
)

from thuiswerk.telework.models import Agreement

from .matrix import Case, check_case

EMPLOYEE = "/api/v1/employees/{employee_id}"
PERSON = {"employee_a", "hr_a", "admin"}  # her own pages: herself, her HR officer, the admin
SEES_NAMES = PERSON | {"supervisor_a"}  # and her supervisor, through the team
FIGURES = {"hr_a", "auditor_a", "admin", "auditor_all"}


def _employee(world) -> int:
    return world.a.employee.pk


def _agreement(world) -> int:
    return Agreement.objects.get(employee=world.a.employee, status="pending").pk


def _ids(body) -> set:
    return {item.get("id") for item in body["items"]}


def _row(world) -> dict:
    return {
        "personnel_number": world.a.employee.personnel_number,
        "day": "2026-11-17",
        "location": "home",
    }


CASES = [
    Case(
        "GET",
        "/api/v1/entities",
        lambda w: "/api/v1/entities",
        frozenset(FIGURES),
        listing=True,
        shows=lambda body, w: "AIV" in {item["code"] for item in body["items"]},
    ),
    Case("GET", "/api/v1/entities/{code}", lambda w: "/api/v1/entities/AIV", frozenset(FIGURES)),
    Case(
        "GET",
        "/api/v1/employees",
        lambda w: "/api/v1/employees",
        frozenset(SEES_NAMES),
        listing=True,
        shows=lambda body, w: w.a.employee.pk in _ids(body),
    ),
    Case(
        "GET",
        EMPLOYEE,
        lambda w: f"/api/v1/employees/{_employee(w)}",
        frozenset(SEES_NAMES),
    ),
    Case(
        "GET",
        EMPLOYEE + "/periods",
        lambda w: f"/api/v1/employees/{_employee(w)}/periods",
        frozenset({"hr_a", "admin"}),
    ),
    Case(
        "GET",
        "/api/v1/agreements",
        lambda w: "/api/v1/agreements",
        frozenset(SEES_NAMES),
        listing=True,
        shows=lambda body, w: _agreement(w) in _ids(body),
    ),
    Case(
        "GET",
        "/api/v1/agreements/{agreement_id}",
        lambda w: f"/api/v1/agreements/{_agreement(w)}",
        frozenset(SEES_NAMES),
    ),
    Case(
        "GET",
        EMPLOYEE + "/agreements",
        lambda w: f"/api/v1/employees/{_employee(w)}/agreements",
        frozenset(PERSON),
    ),
    # Her pending request makes a second one a refusal by the rules (409), which only she meets.
    Case(
        "POST",
        EMPLOYEE + "/agreements",
        lambda w: f"/api/v1/employees/{_employee(w)}/agreements",
        frozenset({"employee_a"}),
        body=lambda w: {"valid_from": "2026-12-01", "days_per_week": "2"},
        also_allowed=frozenset({409}),
    ),
    Case(
        "POST",
        "/api/v1/agreements/{agreement_id}/withdraw",
        lambda w: f"/api/v1/agreements/{_agreement(w)}/withdraw",
        frozenset({"employee_a"}),
    ),
    Case(
        "POST",
        "/api/v1/agreements/{agreement_id}/decision",
        lambda w: f"/api/v1/agreements/{_agreement(w)}/decision",
        frozenset({"supervisor_a"}),
        body=lambda w: {"approve": True},
    ),
    Case(
        "GET",
        EMPLOYEE + "/registrations",
        lambda w: (
            f"/api/v1/employees/{_employee(w)}/registrations?from_month=2026-11&to_month=2026-11"
        ),
        frozenset(PERSON),
    ),
    Case(
        "POST",
        "/api/v1/registrations",
        lambda w: "/api/v1/registrations",
        frozenset(PERSON),
        body=lambda w: {"rows": [_row(w)]},
    ),
    Case(
        "GET",
        EMPLOYEE + "/internet-options",
        lambda w: f"/api/v1/employees/{_employee(w)}/internet-options",
        frozenset(PERSON),
    ),
    Case(
        "POST",
        EMPLOYEE + "/internet-options",
        lambda w: f"/api/v1/employees/{_employee(w)}/internet-options",
        frozenset({"employee_a"}),
        body=lambda w: {"option": "forfait", "valid_from": "2026-12-01"},
    ),
    Case(
        "GET",
        "/api/v1/invoices",
        lambda w: "/api/v1/invoices",
        frozenset(PERSON),
        listing=True,
        shows=lambda body, w: (
            bool(body["items"])
            and {item["employee_id"] for item in body["items"]} <= {w.a.employee.pk}
        ),
    ),
    Case(
        "POST",
        "/api/v1/invoices",
        lambda w: "/api/v1/invoices",
        frozenset({"hr_a", "admin"}),
        body=lambda w: {
            "personnel_number": w.a.employee.personnel_number,
            "month": "2026-11",
            "provider": "Telenet",
            "amount": "30.00",
        },
    ),
]


@pytest.fixture
def data(world):
    employee = world.a.employee
    AgreementFactory(employee=employee, status="pending", valid_from=date(2026, 6, 1))
    RegistrationFactory(employee=employee, date=date(2026, 11, 16))
    InternetOptionFactory(employee=employee)
    ThirdPartyInvoiceFactory(employee=employee, month=date(2026, 10, 1))
    return world


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_matrix(case, data):
    check_case(case, data)
