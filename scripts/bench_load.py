"""`make bench-web`: 50 users on `thuiswerk serve`, with a `thuiswerk compute` running among them.

    .venv/bin/python scripts/bench_load.py [--database-url URL] [--users 50] [--requests 30]
        [--workers 4] [--compute-from 2023-01 --compute-to 2023-12]

On a database made by `scripts/bench.py` (default: the 60,000-staff PostgreSQL database of
issue 8). It makes the accounts it logs in with (employees spread over the entities, the
supervisors of the largest teams, HR officers and read tokens of the largest entity; sessions made
directly, as a login makes them), starts `thuiswerk serve` on 127.0.0.1 and a free port, and runs
the users (scripts/bench_load_users.py, locust). Each user sends a fixed number of requests with
a think time between them and stops: employees open the calendar of a month, register a day
there (the htmx POST, with its CSRF header) and open the month's page; supervisors their queue;
HR officers the dashboard of the largest entity; API clients page through that entity's ledger
lines. A few seconds in, `thuiswerk compute` of the months the employees register in starts in
another process. Afterwards it checks that every registration the server accepted is in the
database with the posted location, prints p50/p95/p99 and errors per page (markdown), removes
its accounts and sessions (the registrations and their audit events stay), and exits non-zero
when a page's p95 is over --p95-ms, a request failed or a registration was lost.
Not a test: it prints figures.
"""

import argparse
import importlib.util
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/thuiswerk_bench60k"
EMAIL_DOMAIN = "load.bench.invalid"
PASSWORD = "bench-only-password-2026"  # never used to log in: the sessions are made directly
LOCATIONS = ("home", "office", "other", "absent")
SERVER_START_SECONDS = 300  # collectstatic compresses every file (gzip, brotli) first


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=30, help="requests per user")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument("--compute-from", default="2023-10")
    parser.add_argument("--compute-to", default="2023-12")
    parser.add_argument("--compute-after", type=float, default=10.0, help="seconds into the load")
    parser.add_argument("--p95-ms", type=float, default=200.0)
    parser.add_argument("--seed", type=int, default=8)
    return parser.parse_args()


def setup_django(database_url: str, secret_key: str) -> None:
    # The server and this process share the key: the sessions made here are signed with it.
    os.environ.update(
        DATABASE_URL=database_url, SECRET_KEY=secret_key, DEBUG="0", THUISWERK_HTTPS="0"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuiswerk.settings")
    import django

    django.setup()
    from thuiswerk.core.commands import schema_is_current

    if not schema_is_current():
        sys.exit("the database is not up to date: run `thuiswerk init` on it first")


def role_counts(users: int) -> dict[str, int]:
    """Employees are most of the users; supervisors, HR officers and API clients share the rest."""
    others = max(3, users * 2 // 5)
    supervisors = others // 3
    hr = (others - supervisors) // 2
    return {
        "employee": users - others,
        "supervisor": supervisors,
        "hr": hr,
        "api": others - supervisors - hr,
    }


def month_of(text: str) -> date:
    year, month = text.split("-")
    return date(int(year), int(month), 1)


def employees_with_days(first: date, last: date, wanted: int, rng: random.Random) -> dict:
    """`wanted` employees spread over all entities (a random sample), each with the working days
    inside her employment from `first` to `last`; the employee of the largest entity with the
    most ledger lines first (the heaviest months page)."""
    from thuiswerk.people.models import Employee, EmploymentPeriod
    from thuiswerk.telework.services import employed_days_of

    candidates = list(
        EmploymentPeriod.objects.filter(start_date__lte=last)
        .exclude(end_date__lt=first)
        .values_list("employee_id", flat=True)
        .distinct()
    )
    chosen = rng.sample(sorted(candidates), min(len(candidates), wanted * 2))
    days = employed_days_of(chosen, first, last)
    ids = [employee_id for employee_id in chosen if days[employee_id]][:wanted]
    numbers = dict(Employee.objects.filter(pk__in=ids).values_list("pk", "personnel_number"))
    return {employee_id: (numbers[employee_id], sorted(days[employee_id])) for employee_id in ids}


def largest_supervisors(count: int) -> list[str]:
    from django.db.models import Count, Q
    from django.utils import timezone

    from thuiswerk.people.models import EmploymentPeriod

    today = timezone.localdate()
    return list(
        EmploymentPeriod.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today),
            start_date__lte=today,
            supervisor__isnull=False,
        )
        .values("supervisor__personnel_number")
        .annotate(team=Count("employee", distinct=True))
        .order_by("-team", "supervisor__personnel_number")
        .values_list("supervisor__personnel_number", flat=True)[:count]
    )


def remove_accounts() -> None:
    """The bench's users, their roles, tokens and sessions (from this run or an aborted one)."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session
    from django.db import transaction

    users = get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    ids = {str(pk) for pk in users.values_list("pk", flat=True)}
    with transaction.atomic():
        # Sessions hold the user's id in their signed data: decode them (only the bench's are
        # young enough to matter on a bench database, but all are looked at).
        stale = [
            session.pk
            for session in Session.objects.iterator()
            if session.get_decoded().get("_auth_user_id") in ids
        ]
        Session.objects.filter(pk__in=stale).delete()
        users.delete()


def session_of(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def make_plan(args: argparse.Namespace, base_url: str) -> dict:
    """The accounts, and each user's script of `--requests` requests."""
    from bench_web import subjects
    from django.conf import settings
    from django.test import override_settings
    from django.urls import reverse

    from thuiswerk.accounts.services import RoleSpec, user_create
    from thuiswerk.api.services import token_create
    from thuiswerk.telework.models import Registration

    rng = random.Random(args.seed)
    counts = role_counts(args.users)
    found = subjects()
    first, last = month_of(args.compute_from), month_of(args.compute_to)
    per_employee = 3  # the calendar, the POST, the month page
    visits = max(1, args.requests // per_employee)
    people = employees_with_days(first, last, counts["employee"] * visits, rng)
    if len(people) < counts["employee"] * visits:
        sys.exit(f"only {len(people)} employees work between {first} and {last}")
    stored = {
        (row["employee_id"], row["date"], row["part"]): row["location"]
        for row in Registration.objects.filter(employee_id__in=list(people)).values(
            "employee_id", "date", "part", "location"
        )
        if first <= row["date"]
    }

    def user(name: str, *roles: RoleSpec):
        return user_create(
            email=f"{name}@{EMAIL_DOMAIN}", password=PASSWORD, roles=list(roles), actor="bench"
        )

    scripts = []
    # Hashing a password the sessions never use costs a second per account under PBKDF2.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        accounts = iter(people.items())
        for n in range(counts["employee"]):
            steps = []
            for _ in range(visits):
                employee_id, (number, days) = next(accounts)
                day = rng.choice(days)
                before = stored.get((employee_id, day, "full"))
                am = rng.choice([loc for loc in LOCATIONS if loc != before])
                pm = am if rng.random() < 0.8 else rng.choice(LOCATIONS)  # some half days
                month = (employee_id, day.year, day.month)
                steps.append(
                    {
                        "kind": "registration",
                        "session": session_of(
                            user(f"employee-{n}-{number}", RoleSpec("employee", number))
                        ),
                        "employee_id": employee_id,
                        "day": day.isoformat(),
                        "am": am,
                        "pm": pm,
                        "calendar_url": reverse("selfservice:calendar", args=month),
                        "post_url": reverse("selfservice:calendar_day", args=month),
                        "month_url": reverse("selfservice:month", args=month),
                    }
                )
            scripts.append({"role": "employee", "steps": steps})
        queue = reverse("selfservice:queue")
        for n, number in enumerate(largest_supervisors(counts["supervisor"])):
            session = session_of(
                user(
                    f"supervisor-{n}",
                    RoleSpec("employee", number),
                    RoleSpec("supervisor", number),
                )
            )
            steps = [{"kind": "read", "page": "supervisor queue", "url": queue, "session": session}]
            scripts.append({"role": "supervisor", "steps": steps * args.requests})
        dashboard = reverse("backoffice:dashboard", args=[found["entity"]])
        for n in range(counts["hr"]):
            session = session_of(user(f"hr-{n}", RoleSpec("hr", entity_codes=[found["entity"]])))
            steps = [
                {"kind": "read", "page": "HR dashboard (largest entity)", "url": dashboard}
                | {"session": session}
            ]
            scripts.append({"role": "hr", "steps": steps * args.requests})
        for n in range(counts["api"]):
            reader = user(f"api-{n}", RoleSpec("hr", entity_codes=[found["entity"]]))
            _token, secret = token_create(
                user=reader, name="bench-web", access="read", expires_days=1, actor="bench"
            )
            scripts.append(
                {
                    "role": "api",
                    "token": secret,
                    "steps": ledger_reads(found["entity"], first, last, args.requests, rng),
                }
            )
    rng.shuffle(scripts)
    print(
        f"{counts['employee']} employees ({len(people)} accounts, "
        f"{len(people)} days registered in {args.compute_from}..{args.compute_to}), "
        f"{counts['supervisor']} supervisors (largest teams), {counts['hr']} HR officers and "
        f"{counts['api']} API clients of {found['entity']} ({found['staff']:,} current staff)",
        file=sys.stderr,
    )
    return {
        "base_url": base_url,
        "think_seconds": list(args.think),
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "scripts": scripts,
    }


def ledger_reads(entity: str, first: date, last: date, count: int, rng: random.Random) -> list:
    """Ledger lines of the entity as a payroll system reads them: a month's page of lines, the
    lines booked in a month, or all lines of the entity (the first page)."""
    months = [date(y, m, 1) for y in range(first.year, last.year + 1) for m in range(1, 13)]
    months = [m for m in months if first <= m <= last]
    steps = []
    for _ in range(count):
        month = rng.choice(months).strftime("%Y-%m")
        query = rng.choice(
            [
                f"month={month}&entity={entity}",
                f"booked_in={month}&entity={entity}",
                f"entity={entity}",
            ]
        )
        steps.append(
            {
                "kind": "read",
                "page": "API ledger lines (largest entity)",
                "url": f"/api/v1/ledger-lines?{query}&limit=100",
                "session": None,
            }
        )
    return steps


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_server(base_url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"thuiswerk serve stopped (exit {server.returncode})")
        try:
            urllib.request.urlopen(f"{base_url}/login/", timeout=5).close()
            return
        except OSError:  # not listening yet, or still starting its workers
            time.sleep(0.5)
    sys.exit("thuiswerk serve did not answer in time")


def warm_up(plan: dict, workers: int) -> None:
    """Each page a few times per worker before the measured load: a worker's first request
    loads the URLs, templates and translations (seconds), which no user waits for twice."""
    first_reads = {}
    for script in plan["scripts"]:
        step = script["steps"][0]
        url = step.get("calendar_url") or step.get("month_url") or step["url"]
        first_reads.setdefault(script["role"], (url, step["session"], script.get("token")))
        if step["kind"] == "registration":
            first_reads.setdefault("month", (step["month_url"], step["session"], None))
    for _ in range(workers * 2):
        for url, session, token in first_reads.values():
            headers = {"Cookie": f"{plan['session_cookie']}={session}"} if session else {}
            if token:
                headers["Authorization"] = f"Bearer {token}"
            request = urllib.request.Request(plan["base_url"] + url, headers=headers)
            urllib.request.urlopen(request, timeout=120).close()


def lost_registrations(accepted: list[dict]) -> list[dict]:
    """The accepted postings whose day is not stored as posted (the last posting of a day wins)."""
    from thuiswerk.telework.models import Registration

    wanted: dict[tuple[int, date], dict[str, str]] = {}
    for post in sorted(accepted, key=lambda p: p["at"]):
        am, pm = post["am"], post["pm"]
        parts = {"full": am} if am == pm else {"am": am, "pm": pm}
        wanted[(post["employee_id"], date.fromisoformat(post["day"]))] = parts
    stored: dict[tuple[int, date], dict[str, str]] = {key: {} for key in wanted}
    rows = Registration.objects.filter(
        employee_id__in={employee for employee, _ in wanted},
        date__in={day for _, day in wanted},
    ).values_list("employee_id", "date", "part", "location")
    for employee_id, day, part, location in rows:
        if (employee_id, day) in stored:
            stored[(employee_id, day)][part] = location
    return [
        {"employee_id": key[0], "day": key[1].isoformat(), "posted": parts, "stored": stored[key]}
        for key, parts in wanted.items()
        if stored[key] != parts
    ]


def main() -> None:
    args = arguments()
    if importlib.util.find_spec("locust") is None:
        sys.exit("locust is not installed: `make bench-web` installs it (uv sync --group load)")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    secret_key = secrets.token_urlsafe(50)
    setup_django(args.database_url, secret_key)
    from django.db import connection

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    work = Path(tempfile.mkdtemp(prefix="bench-web-"))
    env = {
        **os.environ,
        "THUISWERK_VAR": str(work),
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONUNBUFFERED": "1",
    }
    remove_accounts()
    try:
        plan = make_plan(args, base_url)
        (work / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
        connection.close()
        server_log = (work / "serve.log").open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "thuiswerk.cli", "serve", "--port", str(port)]
            + ["--workers", str(args.workers)],
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_server(base_url, server)
            warm_up(plan, args.workers)
            result, compute = run_load(args, work, env)
        finally:
            server.terminate()
            server.wait(timeout=60)
        report(args, result, compute, work)
    finally:
        remove_accounts()


def run_load(args: argparse.Namespace, work: Path, env: dict) -> tuple[dict, dict]:
    started = time.time()
    users = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).resolve().parent / "bench_load_users.py"),
            str(work / "plan.json"),
            str(work / "result.json"),
        ],
        env=env,
    )
    time.sleep(args.compute_after)
    compute_started = time.time()
    compute = subprocess.run(
        [sys.executable, "-m", "thuiswerk.cli", "compute", "--lang", "en"]
        + ["--from", args.compute_from, "--to", args.compute_to],
        env=env,
        capture_output=True,
        text=True,
    )
    compute_ended = time.time()
    if users.wait() != 0:
        sys.exit(f"the load users stopped with exit {users.returncode}")
    result = json.loads((work / "result.json").read_text(encoding="utf-8"))
    return result, {
        "started": compute_started,
        "ended": compute_ended,
        "returncode": compute.returncode,
        "output": (compute.stdout + compute.stderr).strip().splitlines()[-1:],
        "load_seconds": result["ended"] - started,
    }


def report(args: argparse.Namespace, result: dict, compute: dict, work: Path) -> None:
    from django.db import connection

    lost = lost_registrations(result["accepted"])
    during = [p for p in result["accepted"] if compute["started"] <= p["at"] <= compute["ended"]]
    total = sum(page["requests"] for page in result["pages"])
    failures = sum(page["failures"] for page in result["pages"])
    print(
        f"\n| page ({connection.vendor}, {args.users} users, {total:,} requests,"
        f" {args.workers} workers) | requests | p50 | p95 | p99 | errors |"
        "\n| --- | ---: | ---: | ---: | ---: | ---: |"
    )
    slow = []
    for page in result["pages"]:
        print(
            f"| {page['page']} | {page['requests']:,} | {page['p50']} ms | {page['p95']} ms"
            f" | {page['p99']} ms | {page['failures']} |"
        )
        if page["p95"] > args.p95_ms:
            slow.append(page["page"])
    print(
        f"\nload {compute['load_seconds']:.0f} s; compute {args.compute_from}..{args.compute_to}"
        f" from {compute['started'] - result['started']:.0f} s to"
        f" {compute['ended'] - result['started']:.0f} s (exit {compute['returncode']}:"
        f" {' '.join(compute['output'])})"
    )
    print(
        f"registrations accepted: {len(result['accepted'])}, of which {len(during)} while the"
        f" compute ran; lost: {len(lost)}"
    )
    for error in result["errors"]:
        print(f"error: {error['page']}: {error['error']} ({error['count']}x)")
    for exception in result["exceptions"]:
        print(f"exception in a user: {exception}")
    for missing in lost[:10]:
        print(f"lost: {missing}")
    problems = []
    if slow:
        problems.append(f"p95 over {args.p95_ms:.0f} ms: {', '.join(slow)}")
    if failures or result["exceptions"]:
        problems.append(f"{failures} failed requests")
    if lost:
        problems.append(f"{len(lost)} registrations lost")
    if compute["returncode"] != 0:
        problems.append("the compute failed")
    if problems:
        print(f"FAILED: {'; '.join(problems)} (server log: {work / 'serve.log'})")
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
