"""The day register of the demo government, generated set-based with Polars.

The register holds only the days that are not an ordinary office day: `home`, `other` and
`absent` (full or half days). A working day inside employment without a registration counts as
present at the office (RULES.md, "Precise readings"), so leaving office days out keeps the file
at about half the size without changing any figure.

Chance is a pure function of (seed, decision, employee, day/week/month/year), computed with
integer arithmetic in Polars expressions: the same seed gives the same register on every
machine and Polars version, and no Python code runs per employee and day.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import date

import polars as pl

from thuiswerk.rules.calendar import working_days
from thuiswerk.rules.parameters import DEFAULTS

from .population import FIRST_PERSONNEL_NUMBER, Government, periods_of

CALENDAR = next(p.value for p in DEFAULTS if p.name == "calendar")
CHUNK_PEOPLE = 2000
# Belgium made telework compulsory in these windows (COVID-19 measures).
COMPULSORY_TELEWORK = (
    (date(2021, 1, 1), date(2021, 6, 27)),
    (date(2021, 11, 20), date(2022, 2, 18)),
)

OFFICE, HOME, OTHER, ABSENT = 0, 1, 2, 3
LOCATIONS = {HOME: "home", OTHER: "other", ABSENT: "absent"}

_MODULUS = 1 << 31
_ROUNDS = ((1103515245, 12345), (214013, 2531011), (1664525, 1013904223))


def _mix(x: pl.Expr) -> pl.Expr:
    # Products stay below 2**62: no overflow in Int64.
    for multiplier, increment in _ROUNDS:
        x = (x * multiplier + increment) % _MODULUS
        x = x ^ (x // 65536)
    return x


def _draw(seed: int, decision: int, *parts: pl.Expr) -> pl.Expr:
    """A pseudo-random integer in [0, 2**31) for this decision and these keys."""
    x = pl.lit((seed * 7919 + decision * 104729) % _MODULUS, dtype=pl.Int64)
    for part in parts:
        x = _mix((x + part) % _MODULUS)
    return x


def _chance(seed: int, decision: int, *parts: pl.Expr) -> pl.Expr:
    return _draw(seed, decision, *parts) / _MODULUS


def _calendar(first_day: date, last_day: date) -> pl.DataFrame:
    day = pl.col("date")
    covid = pl.lit(False)
    for start, end in COMPULSORY_TELEWORK:
        covid = covid | day.is_between(start, end)
    return (
        working_days(CALENDAR, first_day, last_day)
        .with_row_index("wd")
        .with_columns(
            pl.col("wd").cast(pl.Int64),
            weekday_bit=pl.lit(1, dtype=pl.Int64) * 2 ** (day.dt.weekday().cast(pl.Int64) - 1),
            weekday=day.dt.weekday().cast(pl.Int64) - 1,
            week=(day.dt.epoch("d").cast(pl.Int64) + 3) // 7,  # 1970-01-01 was a Thursday
            week_of_year=day.dt.week().cast(pl.Int64),
            year=day.dt.year().cast(pl.Int64),
            month=day.dt.year().cast(pl.Int64) * 12 + day.dt.month().cast(pl.Int64),
            covid=covid,
            christmas=(day.dt.month() == 12) & (day.dt.day() >= 24),
        )
    )


def _periods(gov: Government, days: list[date]) -> pl.DataFrame:
    """Each employment period as a range of working-day numbers, with its weekly pattern."""
    rows = []
    for person, period in periods_of(gov):
        first = bisect_left(days, period.start)
        last = bisect_right(days, period.end or gov.last_day) - 1
        if first > last:
            continue
        home_days = period.home_days
        rows.append(
            (
                person.index,
                first,
                last,
                home_days,
                period.home_mask,
                period.off_am,
                period.off_pm,
                # Extra home days balance the fixed ones moved to the office (8%).
                0.08 * home_days / (5 - home_days),
            )
        )
    schema = {
        "emp": pl.Int64,
        "wd_from": pl.Int64,
        "wd_to": pl.Int64,
        "home_days": pl.Int64,
        "home_mask": pl.Int64,
        "off_am": pl.Int64,
        "off_pm": pl.Int64,
        "p_extra": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def _locations(seed: int) -> list[pl.Expr]:
    """The morning and afternoon location codes of each (employee, working day) row."""
    emp, wd, week = pl.col("emp"), pl.col("wd"), pl.col("week")
    year, month, weekday = pl.col("year"), pl.col("month"), pl.col("weekday")
    bit = pl.col("weekday_bit")

    summer_start = 27 + _draw(seed, 1, emp, year) % 6
    summer = (
        (pl.col("week_of_year") >= summer_start)
        & (pl.col("week_of_year") < summer_start + 2 + _draw(seed, 2, emp, year) % 2)
        & (_chance(seed, 3, emp, year) < 0.85)
    )
    absent = (
        summer
        | (pl.col("christmas") & (_chance(seed, 4, emp, year) < 0.7))
        | (_chance(seed, 5, emp, week) < 0.03)  # a week of leave
        | (_chance(seed, 6, emp, wd) < 0.03)  # a day of leave
        | ((_chance(seed, 7, emp, week) < 0.035) & (weekday >= _draw(seed, 8, emp, week) % 5))
        | (_chance(seed, 9, emp, month) < 0.004)  # a month of sick leave
    )
    morning_off = absent | ((pl.col("off_am") & bit) > 0)
    afternoon_off = absent | ((pl.col("off_pm") & bit) > 0) | (_chance(seed, 10, emp, wd) < 0.02)

    teleworker = pl.col("home_days") > 0
    fixed_home = (pl.col("home_mask") & bit) > 0
    flip = _chance(seed, 11, emp, wd)
    home = (fixed_home & (flip >= 0.08)) | (
        ~fixed_home
        & teleworker
        & ((flip < pl.col("p_extra")) | (pl.col("covid") & (_chance(seed, 12, emp, wd) < 0.85)))
    )
    location = (
        pl.when(_chance(seed, 13, emp, wd) < 0.012)
        .then(OTHER)
        .when(home)
        .then(HOME)
        .otherwise(OFFICE)
    )
    half = _chance(seed, 14, emp, wd)  # half a day at home, the other half at the office
    return [
        pl.when(morning_off)
        .then(ABSENT)
        .when(home & (half < 0.03))
        .then(OFFICE)
        .otherwise(location)
        .alias("am"),
        pl.when(afternoon_off)
        .then(ABSENT)
        .when(home & (half >= 0.03) & (half < 0.06))
        .then(OFFICE)
        .otherwise(location)
        .alias("pm"),
    ]


def registration_chunks(gov: Government, *, seed: int) -> Iterator[pl.DataFrame]:
    """The register in chunks of employees, sorted by employee, date and part:
    employee_id:str, date:date, location:str, part:str."""
    calendar = _calendar(gov.first_day, gov.last_day)
    periods = _periods(gov, calendar["date"].to_list()).sort("emp", "wd_from")
    weekend = pl.DataFrame(
        gov.weekend_days, schema={"emp": pl.Int64, "date": pl.Date}, orient="row"
    ).with_columns(location=pl.lit(HOME, dtype=pl.Int32), part=pl.lit("full"))
    locations = _locations(seed)
    for first_emp in range(0, len(gov.people), CHUNK_PEOPLE):
        last_emp = first_emp + CHUNK_PEOPLE - 1
        chunk = periods.filter(pl.col("emp").is_between(first_emp, last_emp))
        days = (
            chunk.lazy()
            .with_columns(wd=pl.int_ranges("wd_from", pl.col("wd_to") + 1))
            .explode("wd")
            .join(calendar.lazy(), on="wd")
            .with_columns(locations)
            .filter((pl.col("am") != OFFICE) | (pl.col("pm") != OFFICE))
            .collect()
        )
        same = pl.col("am") == pl.col("pm")
        parts = [
            days.filter(same).select("emp", "date", location="am", part=pl.lit("full")),
            days.filter(~same & (pl.col("am") != OFFICE)).select(
                "emp", "date", location="am", part=pl.lit("am")
            ),
            days.filter(~same & (pl.col("pm") != OFFICE)).select(
                "emp", "date", location="pm", part=pl.lit("pm")
            ),
            weekend.filter(pl.col("emp").is_between(first_emp, last_emp)),
        ]
        yield (
            pl.concat([p.cast({"location": pl.Int32}) for p in parts])
            .sort("emp", "date", "part")
            .select(
                employee_id=(pl.col("emp") + FIRST_PERSONNEL_NUMBER).cast(pl.String),
                date=pl.col("date"),
                location=pl.col("location").replace_strict(LOCATIONS, return_dtype=pl.String),
                part=pl.col("part"),
            )
        )
