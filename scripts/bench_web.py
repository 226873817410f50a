"""`make bench` (pages): server time of the heaviest pages on the 30,000-staff demo database.

    .venv/bin/python scripts/bench_web.py [--database-url URL] [--repeat 30]

Times, with Django's test client (in process: the server's time, without the network), logged
in as the role that uses each page: the HR dashboard of the largest entity (most current staff),
the central dashboard, an employee's months page (the employee of that entity with the most
ledger lines) and the supervisor's queue (the supervisor with the largest team). Prints p50 and
p95 over --repeat requests after two warm-up requests, and the number of SQL queries of one.
The users it logs in with are made in a transaction that is rolled back at the end: the database
is left as it was. Default database: var/demo.sqlite3 (`make demo`). Not a test: it prints figures.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 300  # the bound for each page's server time


class Rollback(Exception):
    """Raised at the end to undo the bench's users and sessions."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'demo.sqlite3'}")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if args.database_url.startswith("sqlite:///"):
        path = Path(args.database_url.removeprefix("sqlite:///"))
        if not path.exists():
            sys.exit(f"no database at {path}: run `make demo` first, or give --database-url")
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuiswerk.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from thuiswerk.core.commands import schema_is_current

    if not schema_is_current():
        sys.exit("the database is not up to date: run `thuiswerk init` on it first")

    try:
        with transaction.atomic():
            rows = bench(args.repeat)
            raise Rollback
    except Rollback:
        pass
    print(
        f"\n| page ({connection.vendor}, {args.repeat} requests) | p50 | p95 | queries | status |"
        "\n| --- | ---: | ---: | ---: | --- |"
    )
    for row in rows:
        print("| " + " | ".join(row) + " |")


def subjects():
    """The largest entity, its employee with the most ledger lines, the largest team's
    supervisor: the heaviest case of each page."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from thuiswerk.allowances.models import LedgerLine
    from thuiswerk.people.models import EmploymentPeriod

    today = timezone.localdate()
    current = EmploymentPeriod.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today), start_date__lte=today
    )
    largest = (
        current.values("entity__code")
        .annotate(staff=Count("employee", distinct=True))
        .order_by("-staff", "entity__code")
        .first()
    )
    code = largest["entity__code"]
    staff = current.filter(entity__code=code).values("employee_id")
    employee = (
        LedgerLine.objects.filter(employee_id__in=staff)
        .values("employee__personnel_number")
        .annotate(lines=Count("id"))
        .order_by("-lines", "employee__personnel_number")
        .first()
    )
    team = (
        current.filter(supervisor__isnull=False)
        .values("supervisor__personnel_number")
        .annotate(team=Count("employee", distinct=True))
        .order_by("-team", "supervisor__personnel_number")
        .first()
    )
    return {
        "entity": code,
        "staff": largest["staff"],
        "employee": employee["employee__personnel_number"],
        "lines": employee["lines"],
        "supervisor": team["supervisor__personnel_number"],
        "team": team["team"],
    }


def bench(repeat: int) -> list[tuple[str, ...]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from thuiswerk.accounts.services import RoleSpec, user_create
    from thuiswerk.people.models import Employee

    found = subjects()
    print(
        "largest entity {entity} ({staff:,} current staff); employee {employee} "
        "({lines:,} ledger lines); supervisor {supervisor} (team of {team:,})".format(**found),
        file=sys.stderr,
    )
    password = "bench-only-password-2026"

    def user(name: str, *roles: RoleSpec):
        return user_create(
            email=f"{name}@bench.invalid", password=password, roles=list(roles), actor="bench"
        )

    employee_id = Employee.objects.get(personnel_number=found["employee"]).pk
    users = {
        "hr": user("hr", RoleSpec("hr", entity_codes=[found["entity"]])),
        "admin": user("admin", RoleSpec("admin")),
        "employee": user("employee", RoleSpec("employee", personnel_number=found["employee"])),
        "supervisor": user(
            "supervisor",
            RoleSpec("employee", personnel_number=found["supervisor"]),
            RoleSpec("supervisor", personnel_number=found["supervisor"]),
        ),
    }
    pages = [
        (f"HR dashboard, {found['entity']}", "hr", "backoffice:dashboard", [found["entity"]]),
        ("central dashboard", "admin", "backoffice:central", []),
        ("an employee's months", "employee", "selfservice:months", [employee_id]),
        ("supervisor queue (agreements and equipment)", "supervisor", "selfservice:queue", []),
    ]
    rows = []
    for label, role, name, url_args in pages:
        try:
            url = reverse(name, args=url_args)
        except NoReverseMatch:
            rows.append((label, "-", "-", "-", f"no page {name}"))
            continue
        client = Client(HTTP_HOST="localhost", raise_request_exception=False)
        client.force_login(users[role])
        for _warm_up in range(2):
            client.get(url)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        p50 = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        verdict = "ok" if response.status_code == 200 and p95 <= BUDGET_MS else "SLOW"
        if response.status_code != 200:
            verdict = f"HTTP {response.status_code}"
        rows.append(
            (f"{label} ({url})", f"{p50:.0f} ms", f"{p95:.0f} ms", str(len(queries)), verdict)
        )
        print(f"{label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms", file=sys.stderr)
    return rows


if __name__ == "__main__":
    main()
