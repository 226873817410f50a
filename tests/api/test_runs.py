"""Runs and payroll months through the API: compute queues a job (202 and a Location to poll),
the job's state, the runs with their warnings narrowed to the reader's persons, closing and
reopening months with the ledger's refusals as 409."""

from datetime import date

import pytest
from tests.api import test_ledger
from tests.core import test_locks

from thuiswerk.allowances.models import ComputationRun, LedgerMonth
from thuiswerk.allowances.services import month_close
from thuiswerk.audit.models import AuditEvent
from thuiswerk.jobs.models import Job

RUNS = "/api/v1/runs"

# Fixtures: a computed ledger with a correction; the run lock in a file, held by another thread.
ledger = test_ledger.ledger
lock_file = test_locks.lock_file
held_in_another_thread = test_locks.held_in_another_thread


def _compute(client, first="2026-01", last="2026-02"):
    return client.post(
        RUNS, data={"month_from": first, "month_to": last}, content_type="application/json"
    )


def test_compute_answers_202_with_the_job_to_poll(world, token_client):
    client = token_client(world.a.hr_user)
    response = _compute(client)
    assert response.status_code == 202
    job = Job.objects.get(kind="compute")
    assert response["Location"] == f"/api/v1/jobs/{job.pk}"
    body = response.json()
    assert body["id"] == job.pk and body["kind"] == "compute"
    assert job.parameters == {"month_from": "2026-01-01", "month_to": "2026-02-01"}
    polled = client.get(response["Location"]).json()
    assert polled["status"] == "done"  # eager in the tests: the job ran after the request
    run = ComputationRun.objects.get()
    assert polled["result"]["run"] == run.pk
    assert run.actor == world.a.hr_user.email


def test_a_queued_job_is_queued_until_a_worker_runs_it(world, token_client, settings):
    settings.THUISWERK_JOBS_EAGER = False
    client = token_client(world.admin_user)
    location = _compute(client)["Location"]
    assert client.get(location).json()["status"] == "queued"
    assert not ComputationRun.objects.exists()


def test_compute_refuses_a_backward_range_with_details(world, token_client):
    response = _compute(token_client(world.a.hr_user), "2026-03", "2026-01")
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "month_to"
    assert not Job.objects.exists()


def test_compute_refuses_months_before_the_parameters_as_409(world, token_client):
    response = _compute(token_client(world.a.hr_user), "1990-01", "1990-02")
    assert response.status_code == 409
    assert response.json()["code"] == "refused"
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"month_from": 202601, "month_to": "2026-02"},
        {"month_from": "2026-01"},
        {"month_from": "2026-01", "month_to": "2026-02", "all": True},
    ],
)
def test_compute_input_is_strict(world, token_client, body):
    response = token_client(world.a.hr_user).post(RUNS, data=body, content_type="application/json")
    assert response.status_code == 422


@pytest.mark.parametrize("role", ["employee_a", "supervisor_a", "auditor_a", "auditor_all"])
def test_only_hr_and_admins_compute(world, token_client, role):
    response = _compute(token_client(world.users()[role]))
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_a_token_limited_to_entities_may_not_compute_or_close(world, token_client):
    client = token_client(world.a.hr_user, entities=[world.a.entity])
    response = _compute(client)
    assert response.status_code == 403
    assert response.json()["code"] == "token_limited_to_entities"
    assert "toegangssleutel" in response.json()["message"]  # Dutch unless English is asked
    assert client.post("/api/v1/months/2026-01/close").status_code == 403
    assert not Job.objects.exists() and not LedgerMonth.objects.exists()


def test_a_job_is_its_creators_and_the_admins(world, token_client):
    location = _compute(token_client(world.a.hr_user))["Location"]
    assert token_client(world.admin_user).get(location).status_code == 200
    other = token_client(world.b.hr_user).get(location)
    assert other.status_code == 404
    assert other.json()["code"] == "not_found"


def test_a_failed_job_says_why(world, token_client, lock_file, monkeypatch):
    monkeypatch.setenv("THUISWERK_LOCK_WAIT", "0.2")
    client = token_client(world.a.hr_user)
    with held_in_another_thread(action="import", actor="someone else"):
        response = _compute(client)
    assert response.status_code == 202
    body = client.get(response["Location"]).json()
    assert body["status"] == "failed"
    assert "someone else" in body["error"]


def test_runs_are_listed_with_the_warnings_about_her_own_staff(ledger, token_client):
    run = ComputationRun.objects.latest("id")
    run.warnings = [
        {
            "code": "missing_invoice",
            "employee_id": ledger.a.employee.personnel_number,
            "month": "2026-01",
        },
        {
            "code": "missing_invoice",
            "employee_id": ledger.b.employee.personnel_number,
            "month": "2026-01",
        },
    ]
    run.save()
    body = token_client(ledger.a.hr_user).get(RUNS).json()
    assert [item["id"] for item in body["items"]] == sorted(
        ComputationRun.objects.values_list("id", flat=True)
    )
    latest = body["items"][-1]
    assert latest["warning_count"] == 2
    assert [w["personnel_number"] for w in latest["warnings"]] == [
        ledger.a.employee.personnel_number
    ]
    assert latest["stats"]["months"] == 3 and latest["parameters"]
    everything = token_client(ledger.admin_user).get(f"{RUNS}/{run.pk}").json()
    assert len(everything["warnings"]) == 2


def test_runs_filter_by_month_and_page(ledger, token_client):
    client = token_client(ledger.admin_user)
    assert client.get(f"{RUNS}?month=2025-12").json()["items"] == []
    page = client.get(f"{RUNS}?month=2026-02&limit=1").json()
    assert len(page["items"]) == 1 and page["next_cursor"]
    rest = client.get(f"{RUNS}?month=2026-02&cursor={page['next_cursor']}").json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None


@pytest.mark.parametrize("role", ["employee_a", "auditor_a", "auditor_all"])
def test_runs_are_not_for_employees_and_auditors(ledger, token_client, role):
    assert token_client(ledger.users()[role]).get(RUNS).status_code == 403


def test_an_unknown_run_is_404(world, token_client):
    assert token_client(world.admin_user).get(f"{RUNS}/999999").status_code == 404


def test_close_closes_the_month_audited(world, token_client):
    response = token_client(world.a.hr_user).post("/api/v1/months/2026-01/close")
    assert response.status_code == 200
    body = response.json()
    assert body["month"] == "2026-01" and body["status"] == "closed"
    assert body["changed_by"] == world.a.hr_user.email
    assert LedgerMonth.objects.get(month=date(2026, 1, 1)).status == "closed"
    assert AuditEvent.objects.filter(action="month.close", actor=world.a.hr_user.email).exists()


def test_closing_a_closed_month_is_409(world, token_client):
    month_close(month=date(2026, 1, 1), actor="test")
    response = token_client(world.admin_user).post("/api/v1/months/2026-01/close")
    assert response.status_code == 409
    assert response.json()["code"] == "refused"


def test_closing_while_a_run_holds_the_lock_is_409(world, token_client, lock_file, monkeypatch):
    from thuiswerk.allowances import api

    monkeypatch.setattr(api, "LOCK_WAIT_SECONDS", 0.2)
    client = token_client(world.admin_user)
    with held_in_another_thread(action="compute", actor="a long run"):
        response = client.post("/api/v1/months/2026-01/close")
    assert response.status_code == 409, response.content
    assert response.json()["code"] == "refused"
    assert "a long run" in response.json()["message"]
    assert not LedgerMonth.objects.exists()


def test_a_month_in_the_future_cannot_be_closed(world, token_client):
    response = token_client(world.admin_user).post("/api/v1/months/2099-01/close")
    assert response.status_code == 409


def test_a_bad_month_in_the_path_is_422(world, token_client):
    response = token_client(world.admin_user).post("/api/v1/months/2026-1/close")
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "month"


def test_reopen_is_for_admins_with_a_reason(world, token_client):
    month_close(month=date(2026, 1, 1), actor="test")
    path = "/api/v1/months/2026-01/reopen"
    hr = token_client(world.a.hr_user).post(
        path, data={"reason": "x"}, content_type="application/json"
    )
    assert hr.status_code == 403
    admin = token_client(world.admin_user)
    assert admin.post(path, data={"reason": ""}, content_type="application/json").status_code == 422
    response = admin.post(
        path, data={"reason": "payroll rejected the file"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "open"
    again = admin.post(path, data={"reason": "again"}, content_type="application/json")
    assert again.status_code == 409


def test_months_lists_states_and_the_totals_of_her_entities(ledger, token_client):
    rows = token_client(ledger.a.hr_user).get("/api/v1/months").json()
    january = next(row for row in rows if row["month"] == "2026-01")
    assert january["closed"] is True
    assert [row["month"] for row in rows] == sorted((row["month"] for row in rows), reverse=True)
    from thuiswerk.allowances.models import LedgerLine

    lines = LedgerLine.objects.filter(booked_in=date(2026, 1, 1), entity=ledger.a.entity)
    assert january["lines"] == lines.count()
    assert january["employee_amount"] == f"{sum(line.employee_amount for line in lines):.2f}"


def test_a_compute_jobs_warnings_are_narrowed_to_her_staff(world, token_client):
    warnings = [
        {"code": "missing_invoice", "employee_id": side.employee.personnel_number, "month": m}
        for side, m in ((world.a, "2026-01"), (world.b, "2026-01"))
    ]
    job = Job.objects.create(
        kind="compute",
        actor=world.a.hr_user.email,
        created_by=world.a.hr_user,
        status=Job.Status.DONE,
        result={"run": 1, "warnings": warnings, "warning_count": 2},
    )
    body = token_client(world.a.hr_user).get(f"/api/v1/jobs/{job.pk}").json()
    assert body["result"]["warnings"] == warnings[:1]
    assert body["result"]["warning_count"] == 2
    everything = token_client(world.admin_user).get(f"/api/v1/jobs/{job.pk}").json()
    assert everything["result"]["warnings"] == warnings
