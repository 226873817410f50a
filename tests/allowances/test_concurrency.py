"""Runs started together, in their own processes on their own connections, as users start them.

SQLite (a file database) always; PostgreSQL when the suite runs on it (a scratch database on the
same server). The ledger after a race equals the ledger of the same runs one after the other.
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from thuiswerk.allowances.models import ComputationRun, LedgerLine, LedgerMonth

pytestmark = pytest.mark.slow

SEED = """
import django
django.setup()
from datetime import date, timedelta
from decimal import Decimal
from thuiswerk.people.models import Employee, EmploymentPeriod, Entity
from thuiswerk.telework.models import Agreement, Registration

entity = Entity.objects.create(code="AIV", name="Agentschap Informatie Vlaanderen")
staff = Employee.objects.bulk_create(
    Employee(personnel_number=f"P{i:04d}", first_name="An", last_name=f"Peeters {i}")
    for i in range(300)
)
EmploymentPeriod.objects.bulk_create(
    EmploymentPeriod(employee=e, entity=entity, fte=Decimal("1"), start_date=date(2020, 1, 1))
    for e in staff
)
Agreement.objects.bulk_create(
    Agreement(employee=e, valid_from=date(2022, 1, 1), days_per_week=Decimal("2"),
              status="approved")
    for e in staff
)
days = [date(2023, 1, 2) + timedelta(days=i) for i in range(364)]
Registration.objects.bulk_create(
    Registration(employee=e, date=d, location="home", part="full")
    for n, e in enumerate(staff)
    for d in days
    if d.weekday() in (1, 3) and (n + d.day) % 5
)
"""
HOLD = """
import sys, time, django
django.setup()
from thuiswerk.core.locks import run_lock
with run_lock(action="import", actor="holder-test"):
    print("held", flush=True)
    time.sleep(float(sys.argv[1]))
"""
LINE_COLUMNS = [
    "employee_id",
    "month",
    "measure",
    "entity_id",
    "booked_in",
    "kind",
    "employee_amount",
    "employer_cost",
    "units",
]


class Scratch:
    """A fresh database beside the test database, and the console script pointed at it."""

    def __init__(self, url: str, connect):
        self.env = {**os.environ, "DATABASE_URL": url, "PYTHONIOENCODING": "utf-8"}
        self.connect = connect

    def start(self, *args: str, wait: float = 120) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "thuiswerk.cli", *args],
            env={**self.env, "THUISWERK_LOCK_WAIT": str(wait)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *args: str, wait: float = 120) -> subprocess.CompletedProcess:
        process = self.start(*args, wait=wait)
        out, err = process.communicate(timeout=300)
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)

    def python(self, code: str, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-c", code, *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def sql(self, statement: str) -> list[tuple]:
        with self.connect() as connection:
            cursor = connection.cursor()
            cursor.execute(statement)
            rows = cursor.fetchall() if cursor.description else []
            connection.commit()
        return rows

    def ledger(self) -> list[tuple]:
        return self.sql(
            f"SELECT {', '.join(LINE_COLUMNS)} FROM {LedgerLine._meta.db_table}"
            f" ORDER BY {', '.join(LINE_COLUMNS)}"
        )

    def reset_ledger(self) -> None:
        for model in (LedgerLine, ComputationRun, LedgerMonth):
            self.sql(f"DELETE FROM {model._meta.db_table}")


def _sqlite(tmp_path: Path) -> Iterator[Scratch]:
    path = tmp_path / "race.sqlite3"
    yield Scratch(f"sqlite:///{path}", lambda: sqlite3.connect(path))


def _postgresql() -> Iterator[Scratch]:
    test = settings.DATABASES["default"]
    name = f"{test['NAME']}_race"
    server = {
        "host": test["HOST"] or "127.0.0.1",
        "port": test["PORT"] or 5432,
        "user": test["USER"],
        "password": test["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = f"{server['user']}:{server['password']}" if server["password"] else server["user"]
    try:
        yield Scratch(
            f"postgresql://{auth}@{server['host']}:{server['port']}/{name}",
            lambda: psycopg.connect(dbname=name, **server),
        )
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


VENDORS = ["sqlite"] + (
    ["postgresql"] if settings.DATABASES["default"]["ENGINE"].endswith("postgresql") else []
)


@pytest.fixture(params=VENDORS)
def scratch(request, tmp_path) -> Iterator[Scratch]:
    databases = _sqlite(tmp_path) if request.param == "sqlite" else _postgresql()
    database = next(databases)
    assert database.run("init").returncode == 0
    seed = database.python(SEED)
    assert seed.wait(timeout=300) == 0, seed.stderr.read()
    yield database
    databases.close()


def finished(*processes: subprocess.Popen) -> list[subprocess.CompletedProcess]:
    done = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


COMPUTE = ("compute", "--from", "2023-01", "--to", "2023-12", "--lang", "en")


def test_two_computes_started_together_write_the_ledger_once(scratch):
    first, second = finished(scratch.start(*COMPUTE), scratch.start(*COMPUTE))
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    raced = scratch.ledger()
    # The loser waited for the winner and then found nothing to do.
    stats = scratch.sql(f"SELECT stats FROM {ComputationRun._meta.db_table}")
    # jsonb arrives as a dict from PostgreSQL, as text from SQLite
    written = sorted(
        (json.loads(value) if isinstance(value, str) else value)["lines_written"]
        for (value,) in stats
    )
    assert written == [0, len(raced)]
    scratch.reset_ledger()
    assert scratch.run(*COMPUTE).returncode == 0
    assert raced == scratch.ledger()
    assert len(raced) > 5000


def test_a_compute_racing_a_close_loses_no_line_of_the_closed_month(scratch):
    close = ("close", "--month", "2023-10", "--lang", "en")
    compute = scratch.start(*COMPUTE)
    time.sleep(1.0)  # the compute is on its way (or already holds the lock)
    closing = scratch.start(*close)
    done = finished(compute, closing)
    assert [d.returncode for d in done] == [0, 0], done[0].stderr + done[1].stderr
    raced = scratch.ledger()
    # October is paid (compute first) or corrected in November (close first), never lost.
    assert any(str(line[1]) == "2023-10-01" for line in raced)
    # Equal to the same two runs one after the other, in one order or the other.
    serial = []
    for order in ((COMPUTE, close), (close, COMPUTE)):
        scratch.reset_ledger()
        for args in order:
            assert scratch.run(*args).returncode == 0
        serial.append(scratch.ledger())
    assert raced in serial


def test_a_run_that_cannot_get_the_lock_in_time_names_the_run_that_holds_it(scratch):
    holder = scratch.python(HOLD, "30")
    assert holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    busy = scratch.run(*COMPUTE, wait=1)
    assert time.monotonic() - started < 25
    holder.kill()
    holder.wait()
    assert busy.returncode != 0
    message = busy.stderr.strip().splitlines()[-1]
    assert "Another run holds the database: import by holder-test since 20" in message
    assert f"(process {holder.pid} on " in message
    assert "Traceback" not in busy.stderr
    assert scratch.ledger() == []
    # The holder died: the operating system (SQLite) or the server (PostgreSQL) freed the lock.
    assert scratch.run(*COMPUTE, wait=5).returncode == 0
