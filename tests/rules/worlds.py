"""Small input frames for the rules engine, written as rows, and its defaults."""

from collections.abc import Iterable
from datetime import date, timedelta

import polars as pl

from thuiswerk.core.months import parse_month
from thuiswerk.rules.engine import (
    AGREEMENTS_SCHEMA,
    EMPLOYMENT_SCHEMA,
    INTERNET_OPTIONS_SCHEMA,
    INVOICES_SCHEMA,
    REGISTRATIONS_SCHEMA,
    LedgerComputation,
    compute_ledger,
)
from thuiswerk.rules.parameters import DEFAULTS, ParameterSet, ParameterValue

D = date.fromisoformat
INPUT_SCHEMAS = {
    "employment": EMPLOYMENT_SCHEMA,
    "registrations": REGISTRATIONS_SCHEMA,
    "agreements": AGREEMENTS_SCHEMA,
    "internet_options": INTERNET_OPTIONS_SCHEMA,
    "invoices": INVOICES_SCHEMA,
}
DEFAULT_PARAMETERS = ParameterSet(DEFAULTS)


def parameters_with(*changes: tuple[str, str, str]) -> ParameterSet:
    """The defaults plus (name, value, effective_from) values."""
    added = [ParameterValue(name, value, D(since), "test", False) for name, value, since in changes]
    return ParameterSet([*DEFAULTS, *added])


def period(employee: int, entity: int, start: str, end: str | None = None) -> tuple:
    return (employee, entity, D(start), D(end) if end else None)


def day_rows(employee: int, location: str, days: Iterable[str], part: str = "full") -> list[tuple]:
    return [(employee, D(day), location, part) for day in days]


def agreement(employee: int, valid_from: str, valid_to: str | None = None) -> tuple:
    return (employee, D(valid_from), D(valid_to) if valid_to else None)


def option(employee: int, choice: str, valid_from: str) -> tuple:
    return (employee, choice, D(valid_from))


def invoice(employee: int, month: str, amount_cents: int) -> tuple:
    return (employee, parse_month(month), amount_cents)


def weekdays(first: str, last: str, weekday: int) -> list[str]:
    """Every date from first to last (ISO) with that weekday (Monday = 0)."""
    day, end, found = D(first), D(last), []
    while day <= end:
        if day.weekday() == weekday:
            found.append(day.isoformat())
        day += timedelta(days=1)
    return found


def frame(rows: Iterable[tuple] | pl.DataFrame, schema: dict) -> pl.DataFrame:
    """Rows as a frame of the engine's input schema; a frame is passed as it is."""
    if isinstance(rows, pl.DataFrame):
        return rows
    return pl.DataFrame(list(rows), schema=schema, orient="row")


Rows = Iterable[tuple] | pl.DataFrame


def ledger(
    months: Iterable[str],
    *,
    employment: Rows,
    registrations: Rows = (),
    agreements: Rows = (),
    internet_options: Rows = (),
    invoices: Rows = (),
    parameters: ParameterSet = DEFAULT_PARAMETERS,
) -> LedgerComputation:
    rows = {
        "employment": employment,
        "registrations": registrations,
        "agreements": agreements,
        "internet_options": internet_options,
        "invoices": invoices,
    }
    return compute_ledger(
        [parse_month(month) for month in months],
        **{name: frame(rows[name], schema) for name, schema in INPUT_SCHEMAS.items()},
        parameters=parameters,
    )


def facts_of(result: LedgerComputation, employee: int, month: str) -> dict:
    rows = result.facts.filter(
        (pl.col("employee") == employee) & (pl.col("month") == parse_month(month))
    ).to_dicts()
    assert len(rows) == 1, rows
    return rows[0]


def measures(result: LedgerComputation, employee: int | None = None) -> list[tuple[str, str]]:
    """(month as YYYY-MM, measure) of the lines, of one employee or all."""
    lines = result.lines
    if employee is not None:
        lines = lines.filter(pl.col("employee") == employee)
    return [(f"{row['month']:%Y-%m}", row["measure"]) for row in lines.iter_rows(named=True)]
