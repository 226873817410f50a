"""`make bench`: the whole batch path at the default demo size, timed step by step.

    .venv/bin/python scripts/bench.py [--staff 30000] [--seed 1] [--database-url URL]

Generates the demo government for 36 months (2021-01..2023-12), loads it into a fresh database
(default: a new SQLite file var/bench.sqlite3) through the import of `thuiswerk import`, then
times: the import (rows per second), the same import again (nothing changes), the monthly run
for one month and for all 36 months, the rules engine alone on the same 36 months' inputs (and
the ratio), a recomputation of all months with nothing changed, the AIV and ALL parliamentary
reports (figures and workbook). Each step's peak memory (resident set) is measured on its own.
Not a test: it prints figures.
"""

import argparse
import os
import platform
import resource
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = date(2021, 1, 1)
LAST = date(2023, 12, 1)
ONE_MONTH = date(2023, 6, 1)
QUESTION_DATE = date(2023, 10, 12)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url", default=None, help="an empty database; default a new SQLite file"
    )
    args = parser.parse_args()

    var = ROOT / "var"
    var.mkdir(exist_ok=True)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        for suffix in ("", "-wal", "-shm"):
            (var / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{var / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuiswerk.settings")
    import django

    django.setup()
    from bench_engine import engine_seconds_on_database
    from django.core.management import call_command
    from django.db import connection

    from thuiswerk.allowances.services import ledger_compute
    from thuiswerk.demo.generate import write_demo_files
    from thuiswerk.imports.services import import_files
    from thuiswerk.reports.parliament import parliament_answer
    from thuiswerk.reports.workbook import write_parliament_workbook

    results: list[tuple[str, str, str]] = []

    def timed(label: str, function, *a, **kw):
        _reset_peak_memory()
        started = time.perf_counter()
        value = function(*a, **kw)
        seconds = time.perf_counter() - started
        peak = _peak_memory_mb()
        print(f"{label}: {seconds:.2f} s, peak {peak:,} MB", file=sys.stderr)
        results.append((label, f"{seconds:.2f} s", f"{peak:,} MB"))
        return value, seconds

    call_command("init", verbosity=0)
    data = var / f"bench-data-{args.staff}-{args.seed}"
    paths, _ = timed(
        "generate the demo files",
        write_demo_files,
        out_dir=data,
        staff=args.staff,
        seed=args.seed,
        first_month=FIRST,
        last_month=LAST,
        progress=True,
    )
    rows = sum(_count_rows(path) for path in paths.values())
    registrations = _count_rows(paths["registrations"])
    result, seconds = timed(
        "import all files", import_files, paths=list(paths.values()), actor="bench", progress=True
    )
    if not result.ok:
        sys.exit("\n".join(str(e) for e in result.errors[:20]))
    results.append(("  rows", f"{rows:,} ({registrations:,} registrations)", ""))
    results.append(("  rows per second", f"{rows / seconds:,.0f}", ""))
    again, seconds_again = timed(
        "import the same files again (nothing changes)",
        import_files,
        paths=list(paths.values()),
        actor="bench",
        progress=True,
    )
    written = sum(
        count
        for counts in again.counts.values()
        for outcome, count in counts.items()
        if outcome != "unchanged"
    )
    results.append(("  rows written", f"{written:,}", ""))
    results.append(("  share of the first import's time", f"{seconds_again / seconds:.2f}", ""))

    run, _ = timed(
        "compute one month (2023-06)",
        ledger_compute,
        month_from=ONE_MONTH,
        month_to=ONE_MONTH,
        actor="bench",
    )
    results.append(("  lines of one month", f"{run.stats['lines_due']:,}", ""))
    run, seconds = timed(
        "compute all 36 months",
        ledger_compute,
        month_from=FIRST,
        month_to=LAST,
        actor="bench",
        progress=True,
    )
    results.append(("  lines of 36 months", f"{run.stats['lines_due']:,}", ""))
    engine_seconds = engine_seconds_on_database(FIRST, LAST)
    print(f"  the engine alone on the same inputs: {engine_seconds:.2f} s", file=sys.stderr)
    results.append(("  the engine alone on the same inputs", f"{engine_seconds:.2f} s", ""))
    results.append(("  compute / engine", f"{seconds / engine_seconds:.1f}", ""))
    timed(
        "recompute all 36 months, nothing changed",
        ledger_compute,
        month_from=FIRST,
        month_to=LAST,
        actor="bench",
    )

    out = var / "bench-out"
    out.mkdir(exist_ok=True)

    def report(entity: str, as_of: date) -> None:
        answer = parliament_answer(entity_code=entity, as_of=as_of, years=3)
        write_parliament_workbook(answer=answer, path=out / f"{entity}.xlsx")

    timed("report AIV (figures + workbook)", report, "AIV", QUESTION_DATE)
    timed("report ALL (figures + workbook)", report, "ALL", date(2023, 12, 31))

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.append(("peak memory of the whole bench (max RSS)", f"{peak_mb:,.0f} MB", ""))
    results.append(("database", connection.vendor, ""))
    results.append(
        (
            "machine",
            f"{os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}",
            "",
        )
    )
    print(
        f"\n| step ({args.staff:,} staff, 36 months) | figure | peak memory |\n| --- | --- | --- |"
    )
    for label, value, peak in results:
        print(f"| {label} | {value} | {peak} |")


def _reset_peak_memory() -> None:
    """Linux: start the process's peak resident set (VmHWM) again from its current size."""
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")


def _peak_memory_mb() -> int:
    """The peak resident set since the last reset, in MB."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _count_rows(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")) - 1


if __name__ == "__main__":
    main()
