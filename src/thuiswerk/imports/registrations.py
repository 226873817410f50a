"""Which registrations of a file differ from the stored ones, found without reading every row.

Each month's file restates the months before it, so an import mostly brings millions of
registrations the database holds already. They are compared in two steps, both exact:

1. per employee and month, as twelve bit masks computed alike in SQL (over the stored rows,
   inside the database, which sends one row per employee-month) and in Polars (over the file):
   for each part of the day (full, morning, afternoon) and location, the days of the month that
   hold it (bit d-1 for day d; the unique (employee, date, part) makes the sum a bitwise or);
2. only for the employee-months whose masks differ: the stored rows, each as one packed integer
   (employee, day, part, location), compared with the file's day by day.
"""

from datetime import date, timedelta

import polars as pl
from django.db import connection

from thuiswerk.core.frames import day_number, fetch_frame
from thuiswerk.core.months import month_range, next_month
from thuiswerk.telework.models import Registration

from .kinds import FIRST_DATE

TABLE = Registration._meta.db_table
PARTS = [value for value, _label in Registration.Part.choices]
LOCATIONS = [value for value, _label in Registration.Location.choices]
MASKS = [f"_mask_{part}_{location}" for part in PARTS for location in LOCATIONS]
EMPLOYEE_MONTH = ["employee_id", "_month"]
# The packed integer: employee id * 2**21 + day (since FIRST_DATE, 17 bits) * 16 + part * 4
# + location (2 bits each).
_FIRST_DAY = (FIRST_DATE - date(1970, 1, 1)).days
DAY = 16  # a day's registrations share `packed // DAY`
_EMPLOYEE = 2**21  # and an employee's `packed // _EMPLOYEE`
# Up to this many employees, the stored rows of changed employee-months are read by employee.
_BY_EMPLOYEE = 5_000


def _code_sql(column: str, values: list[str]) -> str:
    cases = " ".join(f"WHEN '{value}' THEN {number}" for number, value in enumerate(values))
    return f"CASE {column} {cases} END"


def _code(column: str, values: list[str]) -> pl.Expr:
    return pl.col(column).replace_strict(values, range(len(values)), return_dtype=pl.Int64)


def packed_sql() -> str:
    return (
        f"employee_id * {_EMPLOYEE} + ({day_number('date')} - ({_FIRST_DAY})) * {DAY}"
        f" + {_code_sql('part', PARTS)} * 4 + {_code_sql('location', LOCATIONS)}"
    )


def packed() -> pl.Expr:
    """`_packed` of registrations with employee_id, date, part and location."""
    day = pl.col("date").cast(pl.Int64) - _FIRST_DAY
    return (
        pl.col("employee_id") * _EMPLOYEE
        + day * DAY
        + _code("part", PARTS) * 4
        + _code("location", LOCATIONS)
    ).alias("_packed")


def _packed_employee() -> pl.Expr:
    return (pl.col("_packed") // _EMPLOYEE).alias("employee_id")


def _packed_date() -> pl.Expr:
    return ((pl.col("_packed") // DAY) % (_EMPLOYEE // DAY) + _FIRST_DAY).cast(pl.Date)


def unpacked(stored: pl.DataFrame) -> pl.DataFrame:
    """Stored registrations (id, _packed) as id, employee_id, date, part and location."""
    value = pl.col("_packed")
    return stored.select(
        "id",
        _packed_employee(),
        _packed_date().alias("date"),
        ((value // 4) % 4).replace_strict(range(len(PARTS)), PARTS).alias("part"),
        (value % 4).replace_strict(range(len(LOCATIONS)), LOCATIONS).alias("location"),
    )


def _day_of_month_sql() -> str:
    if connection.vendor == "postgresql":
        return "EXTRACT(DAY FROM date)::int"
    return "CAST(substr(date, 9, 2) AS INTEGER)"


def month_of(day: pl.Expr) -> pl.Expr:
    return (day.dt.year().cast(pl.Int64) * 12 + day.dt.month().cast(pl.Int64) - 1).alias("_month")


def stored_masks(first: date, last: date) -> pl.DataFrame:
    """The masks of the stored registrations of `first`..`last`, per employee-month. The
    database sums a month at a time per employee, part and location (a group of some hundred
    thousand rows in memory; grouping years at once made SQLite sort tens of millions of rows on
    disk), and Polars sets the sums side by side."""
    bit = f"CAST(1 AS BIGINT) << ({_day_of_month_sql()} - 1)"
    sql = (
        f"SELECT employee_id, part, location, SUM({bit}) FROM {TABLE}"
        " WHERE date >= %s AND date < %s GROUP BY employee_id, part, location"
    )
    schema = {"employee_id": pl.Int64, "part": pl.String, "location": pl.String, "_bits": pl.Int64}
    frames = [pl.DataFrame(schema=schema | {"_month": pl.Int64})]
    for month in month_range(first, last):
        start, end = max(first, month), min(next_month(month), last + timedelta(days=1))
        number = pl.lit(month.year * 12 + month.month - 1, pl.Int64).alias("_month")
        frames.append(fetch_frame(sql, [start, end], schema).with_columns(number))
    sums = pl.concat(frames).with_columns(
        pl.format("_mask_{}_{}", "part", "location").alias("_mask")
    )
    if sums.is_empty():
        return pl.DataFrame(schema=dict.fromkeys([*EMPLOYEE_MONTH, *MASKS], pl.Int64))
    side_by_side = sums.pivot(on="_mask", index=EMPLOYEE_MONTH, values="_bits")
    return side_by_side.select(
        *EMPLOYEE_MONTH,
        *(
            pl.col(mask).fill_null(0)
            if mask in side_by_side.columns
            else pl.lit(0, pl.Int64).alias(mask)
            for mask in MASKS
        ),
    )


def _masks(incoming: pl.DataFrame) -> pl.DataFrame:
    combination = _code("part", PARTS) * len(LOCATIONS) + _code("location", LOCATIONS)
    bit = pl.lit(2, pl.Int64).pow(pl.col("date").dt.day().cast(pl.Int64) - 1).cast(pl.Int64)
    return (
        incoming.with_columns(
            month_of(pl.col("date")), combination.alias("_combination"), bit.alias("_bit")
        )
        .group_by(EMPLOYEE_MONTH)
        .agg(
            pl.when(pl.col("_combination") == number).then("_bit").otherwise(0).sum().alias(mask)
            for number, mask in enumerate(MASKS)
        )
    )


def changed_employee_months(incoming: pl.DataFrame, stored: pl.DataFrame) -> pl.DataFrame:
    """The employee-months (employee_id, _month) of `incoming` (employee_id, date, part,
    location) whose registrations differ from the stored ones, given by their masks (`stored`,
    from `stored_masks` over the file's dates)."""
    compared = _masks(incoming).join(stored, on=EMPLOYEE_MONTH, how="left", suffix="_stored")
    same = pl.all_horizontal(pl.col(mask).eq_missing(pl.col(f"{mask}_stored")) for mask in MASKS)
    return compared.filter(~same).select(EMPLOYEE_MONTH)


def stored_rows(months: pl.DataFrame) -> pl.DataFrame:
    """id and _packed of the stored registrations of the employee-months `months`: read a month
    at a time, and by employee when few employees changed."""
    employees = months["employee_id"].unique().sort().to_list()
    sql = f"SELECT id, {packed_sql()} FROM {TABLE} WHERE date >= %s AND date < %s"
    params: list = []
    if len(employees) <= _BY_EMPLOYEE:
        if connection.vendor == "postgresql":
            sql += " AND employee_id = ANY(%s)"
            params = [employees]
        else:
            sql += " AND employee_id IN (SELECT value FROM json_each(%s))"
            params = ["[" + ",".join(map(str, employees)) + "]"]
    schema = {"id": pl.Int64, "_packed": pl.Int64}
    frames = [pl.DataFrame(schema=schema)]
    for number in months["_month"].unique().sort().to_list():
        start = date(number // 12, number % 12 + 1, 1)
        frames.append(fetch_frame(sql, [start, next_month(start), *params], schema))
    return (
        pl.concat(frames)
        .with_columns(_packed_employee(), month_of(_packed_date()))
        .join(months, on=EMPLOYEE_MONTH, how="semi")
        .select("id", "_packed")
    )
