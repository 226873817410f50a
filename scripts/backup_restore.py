"""`make backup-test`: prove that a pg_dump of a thuiswerk database restores to the same ledger.

    .venv/bin/python scripts/backup_restore.py [--staff 300] [--server postgresql://postgres@127.0.0.1:5432]
        [--prefix backup_test] [--keep]

Makes a new PostgreSQL database, loads the demo government into it (`thuiswerk init`, `thuiswerk
demo --staff N`: import, compute, close all months but the last two), takes its fingerprint,
dumps it with `pg_dump -Fc`, restores the dump with `pg_restore` into a second new database,
takes the fingerprint there and compares: the rows of every table, the ledger (count and sums per
payroll month, a SHA-256 of every line), the months' states, and the parliamentary answer for ALL
(the figures of the workbook). Exits with 1 on a difference and names it; drops both databases
unless `--keep`. Needs the PostgreSQL client programs (pg_dump, pg_restore) of the server's
version on the PATH, and no network.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
THUISWERK = Path(sys.executable).with_name("thuiswerk")
REPORT_AS_OF = date(2023, 10, 12)  # the demo's parliamentary question
LEDGER_FIELDS = (
    "id",
    "run_id",
    "employee_id",
    "entity_id",
    "month",
    "booked_in",
    "measure",
    "kind",
    "employee_amount",
    "employer_cost",
    "units",
    "explanation",
)


def database_fingerprint() -> dict[str, Any]:
    """What must survive a backup and restore of the current database (Django set up): the rows
    of every table, the ledger per payroll month and line by line, the months' states and the
    parliamentary answer for ALL."""
    from django.apps import apps
    from django.db.models import Count, Sum

    from thuiswerk.allowances.models import LedgerLine, LedgerMonth
    from thuiswerk.reports.parliament import parliament_answer

    rows = {
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }
    per_month = {
        booked_in.isoformat(): [count, _cents(employee), _cents(employer)]
        for booked_in, count, employee, employer in LedgerLine.objects.values("booked_in")
        .annotate(n=Count("id"), e=Sum("employee_amount"), c=Sum("employer_cost"))
        .order_by("booked_in")
        .values_list("booked_in", "n", "e", "c")
    }
    lines = hashlib.sha256()
    for line in LedgerLine.objects.order_by("id").values_list(*LEDGER_FIELDS).iterator(10_000):
        lines.update(("\x1f".join(map(str, line)) + "\n").encode())
    answer = parliament_answer(entity_code="ALL", as_of=REPORT_AS_OF, years=3).to_json()
    return {
        "rows": rows,
        "ledger_per_month": per_month,
        "ledger_sha256": lines.hexdigest(),
        "months": {m.isoformat(): s for m, s in LedgerMonth.objects.values_list("month", "status")},
        "report_sha256": _json_sha256(answer),
    }


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The parts of two fingerprints that differ, named (empty: the same database)."""
    found = []
    for part in sorted(before.keys() | after.keys()):
        old, new = before.get(part), after.get(part)
        if isinstance(old, dict) and isinstance(new, dict):
            found += [
                f"{part}[{key}]: {old.get(key)!r} != {new.get(key)!r}"
                for key in sorted(old.keys() | new.keys())
                if old.get(key) != new.get(key)
            ]
        elif old != new:
            found.append(f"{part}: {old!r} != {new!r}")
    return found


def _cents(amount: Decimal) -> str:
    from thuiswerk.core.money import format_eur

    # SQLite sums decimals as floats: 11.4900000000000 is 11.49.
    return format_eur(Decimal(str(amount)))


def _json_sha256(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=300)
    parser.add_argument(
        "--server",
        default=os.environ.get("BACKUP_TEST_SERVER", "postgresql://postgres@127.0.0.1:5432"),
        help="the PostgreSQL server, without a database name",
    )
    parser.add_argument("--prefix", default="backup_test", help="of the two databases' names")
    parser.add_argument("--keep", action="store_true", help="keep both databases")
    parser.add_argument("--fingerprint", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fingerprint:  # one database, named by DATABASE_URL: its fingerprint on stdout
        _setup_django()
        print(json.dumps(database_fingerprint(), sort_keys=True))
        return
    sys.exit(backup_and_restore(args.server.rstrip("/"), args.prefix, args.staff, args.keep))


def backup_and_restore(server: str, prefix: str, staff: int, keep: bool) -> int:
    stamp = f"{os.getpid()}_{int(time.time())}"
    source, target = f"{prefix}_{stamp}_source", f"{prefix}_{stamp}_restored"
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="thuiswerk-backup-") as folder:
            work = Path(folder)
            _create_database(server, source)
            url = f"{server}/{source}"
            _thuiswerk(url, work, "init")
            _thuiswerk(url, work, "demo", f"--staff={staff}", f"--out={work / 'out'}",
                       f"--data={work / 'data'}")  # fmt: skip
            before = _fingerprint(url)
            dump = work / "thuiswerk.dump"
            _run(["pg_dump", "--format=custom", f"--file={dump}", url])
            _create_database(server, target)
            _run(["pg_restore", "--exit-on-error", "--no-owner", f"--dbname={server}/{target}",
                  str(dump)])  # fmt: skip
            after = _fingerprint(f"{server}/{target}")
            dump_bytes = dump.stat().st_size
    finally:
        if not keep:
            for name in (target, source):
                _drop_database(server, name)
    found = differences(before, after)
    seconds = time.perf_counter() - started
    lines = sum(count for count, _employee, _employer in before["ledger_per_month"].values())
    if found:
        print(f"backup and restore DIFFER ({len(found)} differences):", file=sys.stderr)
        for difference in found[:50]:
            print("  " + difference, file=sys.stderr)
        return 1
    print(
        f"backup and restore identical: {sum(before['rows'].values()):,} rows in"
        f" {len(before['rows'])} tables, {lines:,} ledger lines in"
        f" {len(before['ledger_per_month'])} payroll months (SHA-256 {before['ledger_sha256'][:12]}),"
        f" {len(before['months'])} month states, the parliamentary answer for ALL"
        f" (SHA-256 {before['report_sha256'][:12]}); dump {dump_bytes / 1024**2:.1f} MB;"
        f" {seconds:.0f} s"
    )
    return 0


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuiswerk.settings")
    import django

    django.setup()


def _fingerprint(url: str) -> dict[str, Any]:
    done = _run([sys.executable, __file__, "--fingerprint"], env={"DATABASE_URL": url})
    return json.loads(done.stdout)


def _thuiswerk(url: str, cwd: Path, *args: str) -> None:
    _run([str(THUISWERK), *args, "--verbosity=0"], env={"DATABASE_URL": url}, cwd=cwd)


def _create_database(server: str, name: str) -> None:
    _run(["psql", "--quiet", f"--dbname={server}/postgres", "-c", f'CREATE DATABASE "{name}"'])


def _drop_database(server: str, name: str) -> None:
    _run(["psql", "--quiet", f"--dbname={server}/postgres", "-c",
          f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'])  # fmt: skip


def _run(
    command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """Run a step; stop the script with its error output when it fails."""
    environment = {**os.environ, "DEBUG": os.environ.get("DEBUG", "1"), **(env or {})}
    done = subprocess.run(
        command, env=environment, cwd=cwd or ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(
            f"{' '.join(command[:2])} failed ({done.returncode}):\n{done.stderr.strip()}"
        )
    return done


if __name__ == "__main__":
    main()
