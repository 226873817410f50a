"""Booking what is due against what closed payroll months paid (docs/rules.md, "The ledger").

Pure (Polars and the standard library): the allowances service reads the paid lines and the
closed months, this module decides the lines to book, and the service writes them.

    lines_to_book(due, facts, paid, closed, months) -> frame with BOOKED_SCHEMA

- `due`: the engine's lines (employee, month, measure, entity, amounts in cents, explanation).
- `paid`: per LINE_KEY what closed payroll months paid (PAID_SCHEMA).
- every LINE_KEY with something due or paid gets `due - paid`, booked in `booking_month`: the
  month itself when it is open (an entitlement), else the first open month after it (a
  correction). A line nothing paid yet is written even at 0.00 (a third-party payer without an
  invoice is still a beneficiary); a difference only when there is one.
"""

from datetime import date

import polars as pl

from thuiswerk.core.months import next_month

ENTITLEMENT = "entitlement"
CORRECTION = "correction"

LINE_KEY = ["employee", "month", "measure", "entity"]
BOOKED_SCHEMA: dict[str, pl.DataType] = {
    "employee": pl.Int64,
    "month": pl.Date,
    "measure": pl.String,
    "entity": pl.Int64,
    "booked_in": pl.Date,
    "kind": pl.String,
    "employee_amount_cents": pl.Int64,
    "employer_cost_cents": pl.Int64,
    "units": pl.Int64,
    "explanation": pl.String,
}
PAID_SCHEMA: dict[str, pl.DataType] = {
    "employee": pl.Int64,
    "month": pl.Date,
    "measure": pl.String,
    "entity": pl.Int64,
    "paid_employee_cents": pl.Int64,
    "paid_employer_cents": pl.Int64,
    "paid_units": pl.Int64,
}


def booking_month(month: date, closed: set[date]) -> date:
    """The payroll month that pays what is found for `month`: itself if open, else the next open one."""
    while month in closed:
        month = next_month(month)
    return month


def lines_to_book(
    due: pl.DataFrame,
    facts: pl.DataFrame,
    paid: pl.DataFrame,
    closed: set[date],
    months: list[date],
) -> pl.DataFrame:
    """due - paid per line key, with the month that books it and whether it is a correction."""
    booking = pl.DataFrame(
        {"month": months, "booked_in": [booking_month(m, closed) for m in months]},
        schema={"month": pl.Date, "booked_in": pl.Date},
    )
    facts_json = facts.select(
        "employee",
        "month",
        pl.struct(pl.exclude("employee", "month")).struct.json_encode().alias("facts"),
    )
    joined = (
        due.with_columns(pl.lit(1, pl.Int64).alias("units"))
        .join(paid, on=LINE_KEY, how="full", coalesce=True)
        .with_columns(
            pl.col("explanation").is_not_null().alias("is_due"),
            pl.col("paid_units").is_null().alias("nothing_paid"),
        )
        .with_columns(
            pl.col("employee_amount_cents", "employer_cost_cents", "units").fill_null(0),
            pl.col("paid_employee_cents", "paid_employer_cents", "paid_units").fill_null(0),
        )
        .join(booking, on="month", how="left")
        .join(facts_json, on=["employee", "month"], how="left")
    )
    entitlement = pl.col("booked_in") == pl.col("month")
    return (
        joined.with_columns(
            (pl.col("employee_amount_cents") - pl.col("paid_employee_cents")).alias(
                "employee_amount_cents"
            ),
            (pl.col("employer_cost_cents") - pl.col("paid_employer_cents")).alias(
                "employer_cost_cents"
            ),
            (pl.col("units") - pl.col("paid_units")).alias("units"),
            pl.when(entitlement)
            .then(pl.lit(ENTITLEMENT))
            .otherwise(pl.lit(CORRECTION))
            .alias("kind"),
            pl.when(pl.col("nothing_paid") & entitlement)
            .then(pl.col("explanation"))
            .otherwise(_correction_explanation())
            .alias("explanation"),
        )
        .filter(
            (pl.col("nothing_paid") & pl.col("is_due"))
            | (pl.col("employee_amount_cents") != 0)
            | (pl.col("employer_cost_cents") != 0)
            | (pl.col("units") != 0)
        )
        .select(list(BOOKED_SCHEMA))
        .cast(BOOKED_SCHEMA)
    )


def _correction_explanation() -> pl.Expr:
    """What was paid, what is due now (the engine's explanation, or null) and the month facts."""
    return pl.concat_str(
        pl.lit('{"correction":{"paid_employee_amount_cents":'),
        pl.col("paid_employee_cents").cast(pl.String),
        pl.lit(',"paid_employer_cost_cents":'),
        pl.col("paid_employer_cents").cast(pl.String),
        pl.lit('},"now_due":'),
        pl.when(pl.col("is_due")).then(pl.col("explanation")).otherwise(pl.lit("null")),
        pl.lit(',"facts":'),
        pl.col("facts").fill_null("null"),
        pl.lit("}"),
    )
