"""Payroll months through the pages: compute (a job), close (HR and admin, confirmed), reopen
(admin only, with a reason)."""

from datetime import date

import pytest
from django.urls import reverse

from thuiswerk.allowances.models import ComputationRun, LedgerLine, LedgerMonth
from thuiswerk.allowances.services import month_close
from thuiswerk.audit.models import AuditEvent
from thuiswerk.jobs.models import Job


def test_compute_through_the_page_runs_a_job_with_its_result(client, figures):
    client.force_login(figures.a.hr_user)
    response = client.post(
        reverse("backoffice:months_compute"), {"month_from": "2026-04", "month_to": "2026-05"}
    )
    job = Job.objects.get(kind="compute")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    run = ComputationRun.objects.latest("id")
    assert (run.month_from, run.month_to, run.actor) == (
        date(2026, 4, 1),
        date(2026, 5, 1),
        figures.a.hr_user.email,
    )
    page = client.get(response["Location"]).content.decode()
    assert str(run.stats["lines_due"]) in page


def test_compute_refuses_a_bad_range(client, world):
    client.force_login(world.a.hr_user)
    response = client.post(
        reverse("backoffice:months_compute"), {"month_from": "2026-05", "month_to": "2026-04"}
    )
    assert response.status_code == 400
    assert not Job.objects.exists()


def test_months_page_lists_totals_of_her_entities(client, figures):
    client.force_login(figures.a.hr_user)
    page = client.get(reverse("backoffice:months")).content.decode()
    assert "hele Vlaamse overheid" in page  # Dutch by default
    lines_a = LedgerLine.objects.filter(booked_in=date(2026, 1, 1), entity=figures.a.entity)
    assert lines_a.exists()
    total = sum(line.employee_amount for line in lines_a)
    assert f"€ {total:.2f}".replace(".", ",") in page
    # Both entities together would be twice that: A's HR officer sees only A's.
    both = sum(
        line.employee_amount for line in LedgerLine.objects.filter(booked_in=date(2026, 1, 1))
    )
    assert both != total
    assert f"€ {both:.2f}".replace(".", ",") not in page


@pytest.mark.parametrize("role", ["hr_a", "admin"])
def test_close_needs_confirmation_then_closes(client, world, role):
    client.force_login(world.users()[role])
    url = reverse("backoffice:months_close")
    assert client.post(url, {"month": "2026-01"}).status_code == 400
    assert not LedgerMonth.objects.filter(status="closed").exists()
    response = client.post(url, {"month": "2026-01", "confirm": "on"})
    assert response.status_code == 302
    closed = LedgerMonth.objects.get(month=date(2026, 1, 1))
    assert closed.status == "closed"
    assert AuditEvent.objects.filter(action="month.close", actor=world.users()[role].email)


def test_closing_a_closed_month_says_why(client, world):
    month_close(month=date(2026, 1, 1), actor="test")
    client.force_login(world.a.hr_user)
    response = client.post(
        reverse("backoffice:months_close"), {"month": "2026-01", "confirm": "on"}, follow=True
    )
    assert "2026-01" in response.content.decode()


@pytest.mark.parametrize("role", ["employee_a", "supervisor_a", "auditor_a", "auditor_all"])
def test_close_and_compute_refused_without_hr_rights(client, world, role):
    client.force_login(world.users()[role])
    close = client.post(reverse("backoffice:months_close"), {"month": "2026-01", "confirm": "on"})
    compute = client.post(
        reverse("backoffice:months_compute"), {"month_from": "2026-01", "month_to": "2026-01"}
    )
    assert (close.status_code, compute.status_code) == (403, 403)
    assert not LedgerMonth.objects.exists()
    assert not Job.objects.exists()


def test_reopen_is_for_admin_only(client, world):
    month_close(month=date(2026, 1, 1), actor="test")
    url = reverse("backoffice:months_reopen")
    client.force_login(world.a.hr_user)
    assert client.post(url, {"month": "2026-01", "reason": "fout"}).status_code == 403
    assert url not in client.get(reverse("backoffice:months")).content.decode()
    assert LedgerMonth.objects.get().status == "closed"
    client.force_login(world.admin_user)
    assert url in client.get(reverse("backoffice:months")).content.decode()
    assert client.post(url, {"month": "2026-01"}).status_code == 400  # a reason is needed
    assert client.post(url, {"month": "2026-01", "reason": "loonbrief fout"}).status_code == 302
    assert LedgerMonth.objects.get().status == "open"
    event = AuditEvent.objects.get(action="month.reopen")
    assert (event.actor, event.reason) == (world.admin_user.email, "loonbrief fout")
