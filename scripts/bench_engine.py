"""Benchmark the rules engine alone (no database): compute_ledger over synthetic frames.

    .venv/bin/python scripts/bench_engine.py [--staff 30000] [--seed 1] [--repeat 3]

Generates N employees over 2021-01..2023-12: about 70% telework about two fixed weekdays a week
(some of those days as half days), everybody has some absences, some join, leave or move to another
entity, 14% (a fifth of the teleworkers) use the third-party payer (some switch), with monthly invoices. Then times
compute_ledger for one month (2023-06) and for all 36 months, with the frames holding all three
years, and prints rows, lines and seconds (the best of --repeat runs, wall clock and CPU).

`engine_seconds_on_database` times the engine alone on what a database holds (for
scripts/bench.py: the monthly run against the engine on the same inputs).
"""

import argparse
import time
from datetime import date

import polars as pl

from thuiswerk.core.months import month_range
from thuiswerk.rules.calendar import working_days
from thuiswerk.rules.engine import compute_ledger
from thuiswerk.rules.parameters import DEFAULTS, ParameterSet

FIRST = date(2021, 1, 1)
LAST = date(2023, 12, 31)
MONTHS = list(month_range(FIRST, LAST))
ENTITIES = 40


def _chance(seed: int, *columns: str) -> pl.Expr:
    """A reproducible pseudo-random number in [0, 1000) per row."""
    return (pl.struct(*columns).hash(seed) % 1000).cast(pl.Int64)


def _offset_days(base: date, spread: int, seed: int) -> pl.Expr:
    return pl.lit(base) + pl.duration(days=_chance(seed, "employee") * spread // 1000)


def synthetic_frames(staff: int, seed: int) -> dict[str, pl.DataFrame]:
    employees = pl.DataFrame({"employee": pl.int_range(1, staff + 1, eager=True)}).with_columns(
        entity=_chance(seed, "employee") % ENTITIES + 1,
        fate=_chance(seed + 1, "employee"),
        telework=_chance(seed + 2, "employee") < 700,
        home_a=_chance(seed + 3, "employee") % 5 + 1,
        home_b=_chance(seed + 4, "employee") % 5 + 1,
        third_party=_chance(seed + 5, "employee") < 200,
    )
    # fate < 50: joins during the period; < 100: leaves; < 130: moves to another entity.
    start = (
        pl.when(pl.col("fate") < 50)
        .then(_offset_days(FIRST, 1000, seed + 6))
        .otherwise(pl.lit(date(2015, 1, 1)))
    )
    end = (
        pl.when(pl.col("fate").is_between(50, 99))
        .then(_offset_days(FIRST, 1000, seed + 7))
        .otherwise(None)
    )
    move = _offset_days(date(2021, 3, 1), 900, seed + 8)
    single = employees.filter(~pl.col("fate").is_between(100, 129)).select(
        "employee", "entity", start_date=start, end_date=end, fte=pl.lit(1.0)
    )
    movers = employees.filter(pl.col("fate").is_between(100, 129))
    employment = pl.concat(
        [
            single,
            movers.select(
                "employee",
                "entity",
                start_date=pl.lit(date(2015, 1, 1)),
                end_date=move - pl.duration(days=1),
                fte=pl.lit(0.8),
            ),
            movers.select(
                "employee",
                entity=pl.col("entity") % ENTITIES + 1,
                start_date=move,
                end_date=pl.lit(None, pl.Date),
                fte=pl.lit(0.8),
            ),
        ]
    )

    days = working_days("vlaamse-overheid", FIRST, LAST).with_columns(
        weekday=pl.col("date").dt.weekday()
    )
    grid = employees.join(days, how="cross").with_columns(
        luck=_chance(seed + 9, "employee", "date")
    )
    absent = pl.col("luck") < 80
    home = (
        pl.col("telework")
        & ~absent
        & ((pl.col("weekday") == pl.col("home_a")) | (pl.col("weekday") == pl.col("home_b")))
    )
    half = (
        pl.col("luck") >= 950
    )  # a home half day: the morning at home, the afternoon at the office
    registered = grid.filter(absent | home).select(
        "employee",
        "date",
        location=pl.when(absent).then(pl.lit("absent")).otherwise(pl.lit("home")),
        part=pl.when(home & half).then(pl.lit("am")).otherwise(pl.lit("full")),
    )
    afternoons = grid.filter(home & half).select(
        "employee", "date", location=pl.lit("office"), part=pl.lit("pm")
    )
    registrations = pl.concat([registered, afternoons])

    teleworkers = employees.filter("telework")
    agreements = teleworkers.select(
        "employee", valid_from=_offset_days(FIRST, 400, seed + 10), valid_to=pl.lit(None, pl.Date)
    )
    payers = teleworkers.filter("third_party").with_columns(
        option_from=_offset_days(FIRST, 700, seed + 11),
        back_to_forfait=_chance(seed + 12, "employee") < 200,
    )
    internet_options = pl.concat(
        [
            payers.select(
                "employee",
                option=pl.lit("third_party"),
                valid_from="option_from",
                provider=pl.lit("Proximus"),
            ),
            payers.filter("back_to_forfait").select(
                "employee",
                option=pl.lit("forfait"),
                valid_from=pl.col("option_from") + pl.duration(days=300),
                provider=pl.lit(""),
            ),
        ]
    )
    invoices = (
        payers.join(pl.DataFrame({"month": MONTHS}), how="cross")
        .filter(pl.col("month") >= pl.col("option_from").dt.truncate("1mo"))
        .select("employee", "month", amount_cents=2500 + _chance(seed + 13, "employee") * 2)
    )
    return {
        "employment": employment,
        "registrations": registrations,
        "agreements": agreements,
        "internet_options": internet_options,
        "invoices": invoices,
    }


def _timed(months: list[date], frames: dict[str, pl.DataFrame], repeat: int):
    """The result and the best wall-clock and CPU seconds (CPU: all threads; on a busy machine
    it shows what the wall clock would be on an idle one, times the cores)."""
    parameters = ParameterSet(DEFAULTS)
    wall = cpu = float("inf")
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = compute_ledger(months, parameters=parameters, **frames)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    return result, wall, cpu


def engine_seconds_on_database(month_from: date, month_to: date, repeat: int = 1) -> float:
    """The best wall-clock seconds of the engine alone over `month_from`..`month_to`, on the
    inputs `ledger_compute` reads from Django's database (read once, untimed)."""
    # Imported here: the synthetic benchmark above runs without Django.
    from thuiswerk.allowances.inputs import load_engine_inputs, load_parameters

    frames = load_engine_inputs(month_from, month_to)
    parameters = load_parameters()
    months = list(month_range(month_from, month_to))
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        compute_ledger(months, parameters=parameters, **frames)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    frames = synthetic_frames(args.staff, args.seed)
    print(f"generated in {time.perf_counter() - started:.1f} s (threads: {pl.thread_pool_size()})")
    for name, frame in frames.items():
        print(f"  {name:<17} {frame.height:>12,} rows")
    for label, months in (("one month 2023-06", [date(2023, 6, 1)]), ("36 months", MONTHS)):
        result, wall, cpu = _timed(months, frames, args.repeat)
        print(
            f"{label:<18} facts {result.facts.height:>10,}  lines {result.lines.height:>10,}  "
            f"unmatched invoices {result.unmatched_invoices.height:>7,}  "
            f"missing invoices {result.missing_invoices.height:>6,}  "
            f"{wall:6.2f} s ({cpu:.2f} s CPU)"
        )


if __name__ == "__main__":
    main()
