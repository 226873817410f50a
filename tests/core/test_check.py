"""`thuiswerk check`: Django's system checks as before, then the operator's report."""

import io
import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone, translation
from tests.core.test_locks import held_in_another_thread
from tests.factories import LedgerLineFactory

from thuiswerk.allowances.models import LedgerMonth
from thuiswerk.core import health, locks
from thuiswerk.core.formatting import format_count, format_size
from thuiswerk.jobs.models import Job

SCRIPT = str(Path(sys.executable).with_name("thuiswerk"))
DECEMBER_2026 = timezone.make_aware(datetime(2026, 12, 4, 9, 0))


def check(*args: str) -> tuple[str, CommandError | None]:
    """The command's output in Dutch, and its refusal (the non-zero exit) if any."""
    out = io.StringIO()
    try:
        call_command("check", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def codes(report: health.HealthReport) -> set[str]:
    return {problem.code for problem in report.problems}


def thuiswerk(*args: str, database: str, cwd: Path) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "LANGUAGE"}
    return subprocess.run(
        [SCRIPT, *args],
        cwd=cwd,
        env={**environment, "DATABASE_URL": database, "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def server_problems() -> set[str]:
    """What the check finds in the test server's own configuration rather than in the database
    (this machine's PostgreSQL runs with autovacuum off)."""
    if connection.vendor != "postgresql":
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        return set() if cursor.fetchone()[0] == "on" else {"autovacuum_off"}


@pytest.fixture
def lock_file(tmp_path, monkeypatch):
    """On SQLite the lock on a file of its own (the test database is in memory)."""
    if connection.vendor == "sqlite":
        monkeypatch.setattr(locks, "lock_file_path", lambda: tmp_path / "db.sqlite3.lock")


@pytest.mark.django_db
def test_a_fresh_database_has_no_migration_pending_and_no_problem():
    report = health.health_report(now=DECEMBER_2026)
    assert report.data["migrations"]["pending"] == []
    assert report.data["migrations"]["applied"] > 40
    assert report.data["run_lock"] == {"held": False}
    assert codes(report) == server_problems()
    assert report.status == ("warning" if server_problems() else "ok")
    output, refused = check()
    assert refused is None
    assert "System check identified no issues" in output
    assert "Verwerkingsslot" in output and "vrij" in output
    assert "Resultaat: 0 fouten, " in output


@pytest.mark.django_db
def test_the_database_is_named_with_its_vendor_version_and_size():
    database = health.health_report().data["database"]
    assert database["vendor"] == connection.vendor
    assert database["version"][0].isdigit()
    assert database["size_bytes"] > 0


@pytest.mark.django_db
def test_a_held_run_lock_is_reported_with_its_holder(lock_file):
    with held_in_another_thread(action="compute", actor="an"):
        lock = health.health_report().data["run_lock"]
        output, refused = check()
    assert lock["held"] is True
    assert (lock["action"], lock["actor"], lock["pid"]) == ("compute", "an", os.getpid())
    assert "bezet door compute van an sinds" in output
    assert refused is None  # a run at work is no problem
    assert health.health_report().data["run_lock"] == {"held": False}


@pytest.mark.django_db
def test_a_run_lock_held_for_hours_exits_with_an_error(monkeypatch):
    since = int((timezone.now() - timedelta(hours=3)).timestamp())
    holder = {"action": "import", "actor": "an", "since": since, "pid": "7", "host": "batch-01"}
    monkeypatch.setattr(health, "lock_state", lambda: (True, holder))
    output, refused = check()
    assert "run_lock_stuck" in codes(health.health_report())
    assert "al 3 u 00 min bezet door import van an (proces 7 op batch-01)" in output
    assert refused is not None and refused.returncode == 1
    assert str(refused) == "1 probleem gevonden; zie het verslag."


@pytest.mark.django_db
def test_open_and_closed_months_are_listed_and_a_month_payroll_paid_long_ago_warns():
    for month in (date(2026, 8, 1), date(2026, 9, 1), date(2026, 11, 1)):
        LedgerLineFactory(month=month)
    LedgerMonth.objects.create(month=date(2026, 8, 1), status=LedgerMonth.Status.CLOSED)
    report = health.health_report(now=DECEMBER_2026)
    assert report.data["months"] == {"open": ["2026-09", "2026-11"], "closed": ["2026-08"]}
    [problem] = [p for p in report.problems if p.code not in server_problems()]
    assert (problem.level, problem.code) == (health.WARNING, "months_not_closed")
    assert problem.message.startswith("1 loonmaand vóór 2026-11 is nog open: 2026-09;")


@pytest.mark.django_db
def test_warnings_exit_with_zero_unless_the_fail_level_is_warning(monkeypatch):
    LedgerLineFactory(month=date(2021, 1, 1))
    output, refused = check()
    assert refused is None
    assert "LET OP" in output and "2021-01" in output
    _output, refused = check("--fail-level", "WARNING")
    assert refused is not None and refused.returncode == 1


@pytest.mark.django_db
def test_a_job_waiting_without_worker_is_a_warning():
    user = get_user_model().objects.create_user(username="hr", email="hr@example.org")
    job = Job.objects.create(kind="compute", actor="hr", created_by=user)
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=30))
    report = health.health_report()
    assert report.data["jobs"]["queued"] == 1
    assert report.data["jobs"]["running"] == 0
    assert "jobs_waiting" in codes(report)


@pytest.mark.django_db
def test_the_largest_tables_are_listed_with_their_rows_and_bytes():
    LedgerLineFactory.create_batch(3)
    tables = {table["name"]: table for table in health.health_report().data["tables"]}
    lines = tables["allowances_ledgerline"]
    assert (lines["rows"], lines["rows_exact"]) == (3, True)
    assert lines["total_bytes"] >= lines["data_bytes"] > 0


@pytest.mark.django_db
def test_postgresql_shows_autovacuum_and_settings_sqlite_its_journal():
    data = health.health_report().data
    if connection.vendor == "postgresql":
        assert {"shared_buffers", "work_mem", "maintenance_work_mem"} <= set(data["settings"])
        names = {table["name"] for table in data["autovacuum"]}
        assert "telework_registration" in names
        assert "sqlite" not in data
    else:
        assert data["sqlite"]["journal_mode"] == "memory"  # the in-memory test database
        assert "autovacuum" not in data


@pytest.mark.django_db
def test_the_json_has_a_status_the_problems_and_every_section():
    out = io.StringIO()
    call_command("check", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["status"] == ("warning" if server_problems() else "ok")
    assert {problem["code"] for problem in report["problems"]} == server_problems()
    sections = {"database", "migrations", "run_lock", "runs", "months", "jobs", "tables"}
    assert sections <= set(report)
    assert set(report["jobs"]) == {
        "queued",
        "running",
        "oldest_queued_at",
        "oldest_running_since",
        "failed_last_day",
    }


def test_consecutive_months_are_shown_as_ranges():
    months = [date(2021, 1, 1), date(2021, 2, 1), date(2021, 3, 1), date(2021, 5, 1)]
    assert health.month_ranges(months) == "2021-01 – 2021-03, 2021-05"
    assert health.month_ranges([date(2020, 12, 1), date(2021, 1, 1)]) == "2020-12 – 2021-01"


def test_deploy_checks_only_the_settings_and_a_missing_database_is_an_error(tmp_path):
    database = f"sqlite:///{tmp_path / 'none.sqlite3'}"
    deploy = thuiswerk("check", "--deploy", database=database, cwd=tmp_path)
    # (Its verdict on the test run's settings is tests/test_settings.py's.)
    assert "Verslag voor de beheerder" not in deploy.stdout + deploy.stderr
    assert "SECURE_SSL_REDIRECT" in deploy.stderr  # the deployment checks ran
    assert not (tmp_path / "none.sqlite3").exists()  # --deploy reads no database
    report = thuiswerk("check", database=database, cwd=tmp_path)
    assert report.returncode == 1
    assert "Het databankbestand bestaat niet" in report.stdout
    assert report.stderr.strip().splitlines() == [
        "thuiswerk check: fout: 1 probleem gevonden; zie het verslag."
    ]
    assert not (tmp_path / "none.sqlite3").exists()  # not made by looking


def test_an_unreachable_database_is_an_error_in_the_json(tmp_path):
    done = thuiswerk(
        "check",
        "--json",
        "--lang",
        "en",
        database="postgresql://postgres@127.0.0.1:1/nowhere",
        cwd=tmp_path,
    )
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["status"] == "error"
    assert [problem["code"] for problem in report["problems"]] == ["database_unreachable"]
    assert report["problems"][0]["message"].startswith("The database cannot be used:")
    assert "Traceback" not in done.stderr


def test_counts_sizes_and_durations_in_the_readers_language():
    with translation.override("nl"):
        assert format_count(20_657_455) == "20.657.455"
        assert format_size(4_395_155_456) == "4.191,5 MB"
        assert health.format_duration(timedelta(minutes=125)) == "2 u 05 min"
        assert health.format_duration(timedelta(seconds=90)) == "1 minuut"
    with translation.override("en"):
        assert format_count(20_657_455) == "20,657,455"
        assert format_size(4_395_155_456) == "4,191.5 MB"
        assert health.format_duration(timedelta(minutes=59)) == "59 minutes"
