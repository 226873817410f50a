"""A day registered while `compute` runs is kept, and the next run counts it (issue 8).

Two processes on their own connections to a scratch database (SQLite always, PostgreSQL when the
suite runs on it), as the web app and a compute are: the compute is held after it has read its
inputs, the employee registers a day of a month it computes, then the compute goes on.
On PostgreSQL the registration commits at once (the compute only reads registrations); on SQLite
it waits for the compute's write transaction and commits after it. Either way it is stored as
posted, and the following run, which reads it, rewrites the employee's line of that month.
"""

import json
import select
import subprocess
import sys

import pytest
from tests.allowances.test_concurrency import scratch  # noqa: F401  (the scratch databases)

from thuiswerk.allowances.models import LedgerLine
from thuiswerk.people.models import Employee
from thuiswerk.telework.models import Registration

pytestmark = pytest.mark.slow

# The compute, held between reading its inputs and computing until it reads a line on stdin.
HELD_COMPUTE = """
import json, sys, django
django.setup()
from datetime import date
from thuiswerk.allowances import services
engine = services.compute_ledger
def held(*args, **kwargs):
    print("inputs read", flush=True)
    sys.stdin.readline()
    return engine(*args, **kwargs)
services.compute_ledger = held
run = services.ledger_compute(month_from=date(2023, 1, 1), month_to=date(2023, 12, 1), actor="t")
print(json.dumps(run.stats), flush=True)
"""
# A Monday the seed left unregistered (its registrations are on Tuesdays and Thursdays).
REGISTER = """
import django
django.setup()
from datetime import date
from thuiswerk.people.models import Employee
from thuiswerk.telework.services import registration_set
written = registration_set(employee=Employee.objects.get(personnel_number="P0001"),
                           day=date(2023, 3, 6), am="home", pm="home", actor="web")
print("saved" if written.changed else "unchanged", flush=True)
"""
EMPLOYEE = f"(SELECT id FROM {Employee._meta.db_table} WHERE personnel_number = 'P0001')"
DAY_ROWS = (
    f"SELECT part, location FROM {Registration._meta.db_table}"
    f" WHERE employee_id = {EMPLOYEE} AND date = '2023-03-06'"
)
MARCH_LINE = (
    f"SELECT explanation FROM {LedgerLine._meta.db_table} WHERE employee_id = {EMPLOYEE}"
    f" AND month = '2023-03-01' AND measure = '{LedgerLine.Measure.HOMEWORK}'"
)


def python(database, code: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env=database.env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def first_line(process: subprocess.Popen, seconds: float = 120) -> str:
    """The process's first line of output, or "" when it says nothing in time (a save blocked
    by the held compute fails the test instead of hanging it)."""
    ready, _, _ = select.select([process.stdout], [], [], seconds)
    return process.stdout.readline().strip() if ready else ""


def test_a_day_registered_while_a_compute_runs_is_kept_and_counted_by_the_next_run(scratch):  # noqa: F811
    compute = python(scratch, HELD_COMPUTE)
    assert first_line(compute) == "inputs read"
    register = python(scratch, REGISTER)
    said = ""
    if scratch.env["DATABASE_URL"].startswith("postgresql"):
        # Not blocked by the compute: saved while the compute still holds its inputs.
        said = first_line(register, 60)
        assert said == "saved"
    compute.stdin.write("go\n")
    compute.stdin.flush()
    out, err = compute.communicate(timeout=300)
    assert compute.returncode == 0, err
    first_run = json.loads(out.strip().splitlines()[-1])
    assert first_run["lines_written"] > 1000
    rest, err = register.communicate(timeout=120)
    assert register.returncode == 0, err
    assert (said + rest).strip() == "saved"

    assert scratch.sql(DAY_ROWS) == [("full", "home")]
    before = scratch.sql(MARCH_LINE)
    again = scratch.run("compute", "--from", "2023-01", "--to", "2023-12", "--lang", "en")
    assert again.returncode == 0, again.stderr
    after = scratch.sql(MARCH_LINE)
    # The March line now explains one home day more than the line the held run wrote (on SQLite
    # the registration came after that run; on PostgreSQL the run had read its inputs before).
    home_days = [json.loads(text)["facts"]["home_days"] for (text,) in before + after]
    assert home_days[1] == home_days[0] + 1
