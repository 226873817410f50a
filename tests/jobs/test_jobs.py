"""The life of a background job: submitted, claimed once, run (eagerly or by the worker), its
result or error recorded, its uploaded files dropped; its page for its creator and admins only."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from thuiswerk.allowances.models import ComputationRun
from thuiswerk.jobs.models import Job, JobFile
from thuiswerk.jobs.services import job_claim, job_run, job_submit


def compute(user, first="2026-01-01", last="2026-02-01") -> Job:
    return job_submit(
        kind="compute",
        user=user,
        actor=user.email,
        parameters={"month_from": first, "month_to": last},
    )


@pytest.fixture
def queued(settings):
    """Jobs wait for a worker, as in production."""
    settings.THUISWERK_JOBS_EAGER = False


def test_eager_job_runs_at_once_and_records_the_run(world):
    job = compute(world.a.hr_user)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.started_at is not None and job.finished_at >= job.started_at
    run = ComputationRun.objects.get()
    assert job.result["run"] == run.pk
    assert job.result["stats"]["months"] == 2
    assert run.actor == world.a.hr_user.email


def test_a_refused_job_is_failed_with_the_reason(world):
    job = compute(world.a.hr_user, first="1990-01-01", last="1990-02-01")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "2000-01" in job.error  # the first month the parameters allow
    assert not ComputationRun.objects.exists()


def test_a_job_speaks_the_language_it_was_asked_in(world):
    from django.utils import translation

    with translation.override("en"):
        job = compute(world.a.hr_user, first="1990-01-01", last="1990-01-01")
    job.refresh_from_db()
    assert job.language == "en"
    assert "compute from 2000-01" in job.error


def test_unknown_kind_is_refused(world):
    with pytest.raises(ValueError):
        job_submit(kind="nope", user=world.admin_user, actor="x")


def test_queued_job_waits_for_the_worker(world, queued):
    job = compute(world.a.hr_user)
    assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED
    call_command("worker", "--once", verbosity=0)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert ComputationRun.objects.count() == 1


def test_worker_once_runs_every_queued_job_in_order(world, queued):
    jobs = [compute(world.a.hr_user), compute(world.b.hr_user, "2026-03-01", "2026-03-01")]
    call_command("worker", "--once", verbosity=0)
    assert [Job.objects.get(pk=j.pk).status for j in jobs] == [Job.Status.DONE] * 2
    runs = list(ComputationRun.objects.order_by("id").values_list("month_from", flat=True))
    assert runs == [date(2026, 1, 1), date(2026, 3, 1)]


def test_a_job_is_claimed_once(world, queued):
    job = compute(world.a.hr_user)
    claimed = job_claim()
    assert claimed.pk == job.pk
    assert claimed.status == Job.Status.RUNNING
    assert job_claim() is None  # nothing else queued
    assert job_run(job_id=job.pk) is None  # an eager run finds it taken
    assert not ComputationRun.objects.exists()


def test_uploaded_files_are_dropped_after_the_run(world):
    job = job_submit(
        kind="import",
        user=world.admin_user,
        actor=world.admin_user.email,
        parameters={"entities": None},
        files=[("budgets.csv", b"entity_code;year;measure;amount\nAIV;2026;material;100\n")],
    )
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.result["ok"] is True
    assert not JobFile.objects.filter(job=job).exists()


def test_job_page_for_creator_and_admin_only(client, world, queued):
    job = compute(world.a.hr_user)
    url = reverse("jobs:detail", args=[job.pk])
    for user, status in (
        (world.a.hr_user, 200),
        (world.admin_user, 200),
        (world.b.hr_user, 404),
        (world.a.employee_user, 404),
        (world.auditor_all_user, 404),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status


def test_job_page_polls_while_it_runs_and_stops_when_done(client, world, queued):
    job = compute(world.a.hr_user)
    client.force_login(world.a.hr_user)
    url = reverse("jobs:detail", args=[job.pk])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert f'href="{url}"' in page  # a refresh link without JavaScript
    call_command("worker", "--once", verbosity=0)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert 'hx-trigger="every 1s"' not in fragment
    assert "job-status" in fragment


def test_failed_job_page_shows_the_error(client, world):
    job = compute(world.a.hr_user, first="1990-01-01", last="1990-01-01")
    client.force_login(world.a.hr_user)
    job.refresh_from_db()
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert job.error.split(":")[0][:20] in page


def test_worker_stops_cleanly_on_sigterm(world, queued):
    """The worker loops until SIGTERM (or Ctrl-C); the job it runs then still finishes."""
    import os
    import signal
    import threading
    import time

    compute(world.a.hr_user)
    default = signal.getsignal(signal.SIGTERM)

    def terminate():
        deadline = time.monotonic() + 30
        while signal.getsignal(signal.SIGTERM) is default and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(1.0)  # it has claimed the job by then, and idles
        # Only while the worker handles SIGTERM itself: else it would end the test run.
        if signal.getsignal(signal.SIGTERM) is not default:
            os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=terminate, daemon=True).start()
    call_command("worker", "--poll", "0.05", verbosity=0)
    assert signal.getsignal(signal.SIGTERM) is default  # put back
    assert Job.objects.get().status == Job.Status.DONE


def test_a_compute_page_lists_only_the_warnings_about_staff_the_reader_sees(client, world):
    job = compute(world.a.hr_user)
    job.refresh_from_db()
    own, other = world.a.employee.personnel_number, world.b.employee.personnel_number
    job.result = {
        **job.result,
        "warnings": [
            {"code": "missing_invoice", "employee_id": own, "month": "2026-01"},
            {"code": "missing_invoice", "employee_id": other, "month": "2026-01"},
        ],
        "warning_count": 2,
    }
    job.save(update_fields=["result"])
    url = reverse("jobs:detail", args=[job.pk])
    client.force_login(world.a.hr_user)
    page = client.get(url).content.decode()
    assert own in page and other not in page
    assert "1 waarschuwing" in page
    client.force_login(world.admin_user)
    page = client.get(url).content.decode()
    assert own in page and other in page
