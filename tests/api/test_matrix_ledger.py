"""The authorization matrix of the runs, payroll months, ledger lines, jobs and reports: every
operation asked by every role about entity A's data (tests/api/matrix.py)."""

from datetime import date

import pytest
from tests.api.matrix import Case, check_case
from tests.factories import LedgerLineFactory

from thuiswerk.allowances.models import ComputationRun
from thuiswerk.jobs.models import Job

HR_A = frozenset({"hr_a", "admin"})
FIGURES_A = frozenset({"hr_a", "auditor_a", "admin", "auditor_all"})
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _line_of_a(world):
    """A ledger line of A's employee, booked in January 2023."""
    return LedgerLineFactory(
        employee=world.a.employee, entity=world.a.entity, month=date(2023, 1, 1)
    )


def _run_warning_about_a(world) -> ComputationRun:
    """A run with a warning that names A's employee (and one that names B's)."""
    return ComputationRun.objects.create(
        actor="test",
        month_from=date(2023, 1, 1),
        month_to=date(2023, 1, 1),
        warnings=[
            {"code": "missing_invoice", "employee_id": side.employee.personnel_number, "month": m}
            for side, m in ((world.a, "2023-01"), (world.b, "2023-01"))
        ],
    )


def _job_of_hr_a(world) -> Job:
    return Job.objects.create(kind="compute", actor="hr", created_by=world.a.hr_user)


def _warns_about_a(body, world) -> bool:
    items = body.get("items", [body])
    number = world.a.employee.personnel_number
    return any(w["personnel_number"] == number for item in items for w in item["warnings"])


CASES = [
    Case(
        "GET",
        "/api/v1/runs",
        lambda w: _run_warning_about_a(w) and "/api/v1/runs",
        HR_A,
        listing=True,
        shows=_warns_about_a,
    ),
    Case(
        "GET",
        "/api/v1/runs/{run_id}",
        lambda w: f"/api/v1/runs/{_run_warning_about_a(w).pk}",
        HR_A,
        listing=True,  # every HR officer sees a run; only A's sees the warnings about A's staff
        shows=_warns_about_a,
    ),
    Case(
        "POST",
        "/api/v1/runs",
        lambda w: "/api/v1/runs",
        frozenset({"hr_a", "hr_b", "admin"}),  # the whole government's months, as on the web
        body=lambda w: {"month_from": "2023-01", "month_to": "2023-01"},
    ),
    Case(
        "GET",
        "/api/v1/jobs/{job_id}",
        lambda w: f"/api/v1/jobs/{_job_of_hr_a(w).pk}",
        HR_A,
    ),
    Case(
        "GET",
        "/api/v1/months",
        lambda w: _line_of_a(w) and "/api/v1/months",
        HR_A,
        listing=True,
        shows=lambda body, w: any(row["lines"] for row in body),
    ),
    Case(
        "POST",
        "/api/v1/months/{month}/close",
        lambda w: "/api/v1/months/2023-01/close",
        frozenset({"hr_a", "hr_b", "admin"}),
    ),
    Case(
        "POST",
        "/api/v1/months/{month}/reopen",
        lambda w: "/api/v1/months/2023-01/reopen",
        frozenset({"admin"}),
        body=lambda w: {"reason": "payroll rejected the file"},
        also_allowed=frozenset({409}),  # the month is not closed: a refusal only an admin meets
    ),
    Case(
        "GET",
        "/api/v1/ledger-lines",
        lambda w: _line_of_a(w) and "/api/v1/ledger-lines",
        frozenset({"employee_a", "hr_a", "admin"}),
        listing=True,
        shows=lambda body, w: any(i["employee_id"] == w.a.employee.pk for i in body["items"]),
    ),
    Case(
        "GET",
        "/api/v1/reports/parliament",
        lambda w: "/api/v1/reports/parliament?entity=AIV&as_of=2023-12-31&years=1",
        FIGURES_A,
    ),
    Case(
        "GET",
        "/api/v1/reports/parliament.xlsx",
        lambda w: "/api/v1/reports/parliament.xlsx?entity=AIV&as_of=2023-12-31&years=1",
        FIGURES_A,
        content_type=XLSX,
    ),
    Case(
        "GET",
        "/api/v1/exports/payroll",
        lambda w: _line_of_a(w) and "/api/v1/exports/payroll?month=2023-01&entity=AIV",
        HR_A,
        content_type="text/csv",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_matrix(case, world):
    check_case(case, world)
