"""Benchmark the reports alone on a synthetic ledger written straight into a fresh database.

    .venv/bin/python scripts/bench_reports.py [--staff 30000] [--database-url URL]

Default database: a new SQLite file under /tmp. Writes N employees in 40 entities (3% move once),
36 months (2021-01..2023-12) of ledger lines (every month of every telework employee: an internet
line, forfait or third-party payer with its benefit in kind, and a homework line, about 1.5 million
lines at 30,000 staff), deliveries and budgets; then times the AIV and ALL parliamentary reports
(figures + workbook, as of 2023-12-31 so that all 36 months count) and the ledger export.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import polars as pl

ENTITIES = 40
# What the monthly run writes in `explanation` (about 530 bytes): it makes the table as large as
# a real ledger, which is what a report that scans the table pays for.
EXPLANATION = (
    '{"facts":{"entity":27,"last_employed_day":"2023-03-31","employed_days":23,"absent_days":0.0,'
    '"present_days":23.0,"home_days":5.0,"has_agreement":true,"internet_option":"forfait",'
    '"internet_required":1.0,"homework_required":4.0},"parameters":{"homework_effective_from":'
    '{"value":"2023-01-01","effective_from":"2000-01-01"},"homework_min_days_per_week":{"value":'
    '"1","effective_from":"2000-01-01"},"homework_amount":{"value":"20.00","effective_from":'
    '"2000-01-01"},"calendar":{"value":"vlaamse-overheid","effective_from":"2000-01-01"}}}'
)
FIRST = date(2021, 1, 1)
LAST = date(2023, 12, 1)


def _chance(seed: int, *columns: str) -> pl.Expr:
    """A reproducible pseudo-random number in [0, 1000) per row."""
    return (pl.struct(*columns).hash(seed) % 1000).cast(pl.Int64)


def _populate(staff: int) -> int:
    from django.db import transaction

    with transaction.atomic():
        return _write_population(staff)


def _write_population(staff: int) -> int:
    from thuiswerk.allowances.models import ComputationRun, LedgerLine
    from thuiswerk.budgets.models import BudgetLine
    from thuiswerk.core.frames import insert_frame
    from thuiswerk.equipment.models import Delivery
    from thuiswerk.people.models import Employee, EmploymentPeriod, Entity

    entities = pl.DataFrame({"id": range(1, ENTITIES + 1)}).with_columns(
        code=pl.when(pl.col("id") == 1).then(pl.lit("AIV")).otherwise(pl.format("E{}", "id")),
        name=pl.format("Entiteit {}", "id"),
    )
    insert_frame(Entity._meta.db_table, entities)
    people = pl.DataFrame({"id": pl.int_range(1, staff + 1, eager=True)}).with_columns(
        personnel_number=pl.format("P{}", pl.col("id").cast(pl.String).str.zfill(6)),
        first_name=pl.lit("Jan"),
        last_name=pl.format("Peeters{}", "id"),
        email=pl.lit(""),
        entity=_chance(1, "id") % ENTITIES + 1,
        moves=_chance(2, "id") < 30,
        telework=_chance(3, "id") < 800,
        third_party=_chance(4, "id") < 150,
        homework=_chance(5, "id") < 700,
    )
    insert_frame(
        Employee._meta.db_table,
        people.select("id", "personnel_number", "first_name", "last_name", "email"),
    )
    move_on = date(2022, 7, 1)
    periods = pl.concat(
        [
            people.select(
                employee_id="id",
                entity_id="entity",
                start_date=pl.lit(date(2015, 1, 1)),
                end_date=pl.when("moves").then(pl.lit(date(2022, 6, 30))),
            ),
            people.filter("moves").select(
                employee_id="id",
                entity_id=pl.col("entity") % ENTITIES + 1,
                start_date=pl.lit(move_on),
                end_date=pl.lit(None, pl.Date),
            ),
        ]
    ).with_columns(fte=pl.lit("1.000"), supervisor_id=pl.lit(None, pl.Int64))
    insert_frame(EmploymentPeriod._meta.db_table, periods)

    run = ComputationRun.objects.create(actor="bench", month_from=FIRST, month_to=LAST)
    months = pl.DataFrame({"month": pl.date_range(FIRST, LAST, "1mo", eager=True)})
    employee_months = (
        people.filter("telework")
        .join(months, how="cross")
        .with_columns(
            entity_id=pl.when(pl.col("moves") & (pl.col("month") >= move_on))
            .then(pl.col("entity") % ENTITIES + 1)
            .otherwise("entity")
        )
    )

    def lines(frame: pl.DataFrame, measure: str, amount: str, cost: str) -> pl.DataFrame:
        return frame.select(
            run_id=pl.lit(run.pk),
            employee_id="id",
            entity_id="entity_id",
            month="month",
            booked_in="month",
            measure=pl.lit(measure),
            kind=pl.lit("entitlement"),
            employee_amount=pl.lit(amount),
            employer_cost=pl.lit(cost),
            units=pl.lit(1),
            explanation=pl.lit(EXPLANATION),
        )

    third = employee_months.filter("third_party")
    ledger = pl.concat(
        [
            lines(
                employee_months.filter(~pl.col("third_party")), "INTERNET_FORFAIT", "20.00", "20.00"
            ),
            lines(third, "INTERNET_THIRD_PARTY", "0.00", "45.50"),
            lines(third, "INTERNET_BIK", "5.00", "0.00"),
            lines(employee_months.filter("homework"), "HOMEWORK", "20.00", "20.00"),
        ]
    )
    insert_frame(LedgerLine._meta.db_table, ledger)

    categories = ["chair", "screen", "laptop", "desk", "headset", "other"]
    deliveries = people.filter(_chance(6, "id") < 400).select(
        employee_id="id",
        entity_id="entity",
        item=pl.lit("Bureaustoel"),
        category=pl.lit(pl.Series(categories)).get(_chance(7, "id") % 6),
        delivered_on=pl.lit(FIRST) + pl.duration(days=_chance(8, "id") * 540 // 1000),
        cost=pl.lit("249.00"),
        ownership=pl.lit("loan"),
        returned_on=pl.lit(None, pl.Date),
    )
    insert_frame(Delivery._meta.db_table, deliveries)
    budgets = entities.join(pl.DataFrame({"year": [2021, 2022, 2023]}), how="cross").join(
        pl.DataFrame({"measure": ["financial", "material"]}), how="cross"
    )
    insert_frame(
        BudgetLine._meta.db_table,
        budgets.select(entity_id="id", year="year", measure="measure", amount=pl.lit("100000.00")),
    )
    return ledger.height


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=30_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="tw_bench_reports_"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuiswerk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from thuiswerk.allowances.services import parameters_seed_defaults
    from thuiswerk.reports.exports import export_ledger
    from thuiswerk.reports.parliament import parliament_answer
    from thuiswerk.reports.workbook import write_parliament_workbook

    call_command("migrate", interactive=False, verbosity=0)
    parameters_seed_defaults(actor="bench")
    started = time.perf_counter()
    lines = _populate(args.staff)
    print(
        f"populated {args.staff} staff, {lines} ledger lines in {time.perf_counter() - started:.1f} s"
    )

    as_of = date(2023, 12, 31)
    for code in ("AIV", "ALL"):
        started = time.perf_counter()
        figures, per_entity = parliament_answer(
            entity_code=code, as_of=as_of, years=3, with_per_entity=code == "ALL"
        )
        computed = time.perf_counter() - started
        write_parliament_workbook(
            figures=figures, path=workdir / f"{code}.xlsx", per_entity=per_entity
        )
        total = time.perf_counter() - started
        print(f"report {code}: figures {computed:.2f} s, with workbook {total:.2f} s")
    started = time.perf_counter()
    with open(workdir / "ledger.csv", "w", newline="", encoding="utf-8") as out:
        rows = export_ledger(out=out, fmt="csv")
    print(f"export ledger csv: {rows} rows in {time.perf_counter() - started:.2f} s")
    print(f"files in {workdir}", file=sys.stderr)


if __name__ == "__main__":
    main()
