"""The day register of the demo government, generated set-based with Polars.

The register holds only the days that are not an ordinary office day: `home`, `other` and
`absent` (full or half days). A working day inside employment without a registration counts as
present at the office (RULES.md, "Precise readings"), so leaving office days out keeps the file
at about half the size without changing any figure.

Chance is a pure function of (seed, decision, employee, day/week/month/year): Polars' seeded
hash of the key, vectorised, with no Python code per employee and day. The same seed gives the
same register with the same (locked) Polars version; Polars does not promise the same hash
across versions.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import date

import polars as pl

from thuiswerk.rules.calendar import working_days

from .population import DEFAULT, FIRST_PERSONNEL_NUMBER, Government, periods_of

CHUNK_PEOPLE = 2000
# Belgium made telework compulsory in these windows (COVID-19 measures).
COMPULSORY_TELEWORK = (
    (date(2021, 1, 1), date(2021, 6, 27)),
    (date(2021, 11, 20), date(2022, 2, 18)),
)

OFFICE, HOME, OTHER, ABSENT = 0, 1, 2, 3
LOCATIONS = {HOME: "home", OTHER: "other", ABSENT: "absent"}
PART_ORDER = {"am": 0, "full": 1, "pm": 2}

_KEY_SHIFT = 1 << 21  # more than any number of days, weeks, months or years used as key
_SLOT = 1 << 16  # a 64-bit hash gives four independent 16-bit draws


def _hash(seed: int, decision: int, key: str) -> pl.Expr:
    """A pseudo-random UInt64 per employee and day/week/month/year, for one group of decisions."""
    return (pl.col("emp") * _KEY_SHIFT + pl.col(key)).hash(seed=seed, seed_1=decision)


def _slot(column: str, slot: int) -> pl.Expr:
    """Draw number `slot` (0-3) of a hash column: an integer in [0, 65536)."""
    return (pl.col(column) // (_SLOT**slot)) % _SLOT


def _odds(probability: float) -> int:
    """The threshold under which a 16-bit draw happens with this probability."""
    return round(probability * _SLOT)


def _calendar(first_day: date, last_day: date) -> pl.DataFrame:
    day = pl.col("date")
    covid = pl.lit(False)
    for start, end in COMPULSORY_TELEWORK:
        covid = covid | day.is_between(start, end)
    return (
        working_days(DEFAULT["calendar"], first_day, last_day)
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
                _odds(0.08 * home_days / (5 - home_days)),
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
        "extra_odds": pl.Int64,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def _locations(seed: int) -> list[list[pl.Expr]]:
    """The morning and afternoon location codes of each (employee, working day) row, in
    stages, so that Polars computes each draw once."""
    draws = [
        _hash(seed, 1, "year").alias("per_year"),
        _hash(seed, 2, "week").alias("per_week"),
        _hash(seed, 3, "month").alias("per_month"),
        _hash(seed, 4, "wd").alias("per_day"),
        _hash(seed, 5, "wd").alias("per_day_2"),
    ]
    bit = pl.col("weekday_bit")
    week_of_year = pl.col("week_of_year")
    summer_start = 27 + _slot("per_year", 0) % 6
    summer = (
        (week_of_year >= summer_start)
        & (week_of_year < summer_start + 2 + _slot("per_year", 1) % 2)
        & (_slot("per_year", 2) < _odds(0.85))
    )
    absent = (
        summer
        | (pl.col("christmas") & (_slot("per_year", 3) < _odds(0.7)))
        | (_slot("per_week", 0) < _odds(0.03))  # a week of leave
        | (_slot("per_day", 0) < _odds(0.03))  # a day of leave
        # Sick from some weekday to the end of the week.
        | ((_slot("per_week", 1) < _odds(0.035)) & (pl.col("weekday") >= _slot("per_week", 2) % 5))
        | (_slot("per_month", 0) < _odds(0.004))  # a month of sick leave
    )
    fixed_home = (pl.col("home_mask") & bit) > 0
    flip = _slot("per_day", 2)
    home = (fixed_home & (flip >= _odds(0.08))) | (
        ~fixed_home
        & (pl.col("home_days") > 0)
        & ((flip < pl.col("extra_odds")) | (pl.col("covid") & (_slot("per_day", 3) < _odds(0.85))))
    )
    decided = [
        absent.alias("absent"),
        home.alias("home"),
        (_slot("per_day", 1) < _odds(0.02)).alias("afternoon_leave"),
        (_slot("per_day_2", 0) < _odds(0.012)).alias("elsewhere"),
        _slot("per_day_2", 1).alias("half"),  # half a day at home, the other at the office
    ]
    absent, home, half = pl.col("absent"), pl.col("home"), pl.col("half")
    location = pl.when(pl.col("elsewhere")).then(OTHER).when(home).then(HOME).otherwise(OFFICE)
    located = [
        pl.when(absent | ((pl.col("off_am") & bit) > 0))
        .then(ABSENT)
        .when(home & (half < _odds(0.03)))
        .then(OFFICE)
        .otherwise(location)
        .alias("am"),
        pl.when(absent | ((pl.col("off_pm") & bit) > 0) | pl.col("afternoon_leave"))
        .then(ABSENT)
        .when(home & (half >= _odds(0.03)) & (half < _odds(0.06)))
        .then(OFFICE)
        .otherwise(location)
        .alias("pm"),
    ]
    return [draws, decided, located]


def registration_chunks(gov: Government, *, seed: int) -> Iterator[pl.DataFrame]:
    """The register in chunks of employees, sorted by employee, date and part:
    employee_id:str, date:date, location:str, part:str."""
    calendar = _calendar(gov.first_day, gov.last_day)
    periods = _periods(gov, calendar["date"].to_list()).sort("emp", "wd_from")
    weekend = pl.DataFrame(
        gov.weekend_days, schema={"emp": pl.Int64, "date": pl.Date}, orient="row"
    ).with_columns(location=pl.lit(HOME, dtype=pl.Int32), part=pl.lit("full"))
    stages = _locations(seed)
    for first_emp in range(0, len(gov.people), CHUNK_PEOPLE):
        last_emp = first_emp + CHUNK_PEOPLE - 1
        days = (
            periods.filter(pl.col("emp").is_between(first_emp, last_emp))
            .with_columns(wd=pl.int_ranges("wd_from", pl.col("wd_to") + 1))
            .explode("wd", empty_as_null=False)
        )
        # The calendar's columns by working-day number: a gather, cheaper than a join.
        days = days.hstack(calendar.drop("wd").select(pl.all().gather(days["wd"])))
        located = days.lazy()
        for stage in stages:
            located = located.with_columns(stage)
        days = (
            located.filter((pl.col("am") != OFFICE) | (pl.col("pm") != OFFICE))
            .select("emp", "date", "am", "pm")
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
        # One integer sort key (employee, date, part) sorts much faster than three columns.
        order = (
            pl.col("emp") * _KEY_SHIFT + pl.col("date").dt.epoch("d").cast(pl.Int64)
        ) * 4 + pl.col("part").replace_strict(PART_ORDER, return_dtype=pl.Int64)
        yield (
            pl.concat([p.cast({"location": pl.Int32}) for p in parts])
            .sort(order)
            .select(
                employee_id=(pl.col("emp") + FIRST_PERSONNEL_NUMBER).cast(pl.String),
                date=pl.col("date"),
                location=pl.col("location").replace_strict(LOCATIONS, return_dtype=pl.String),
                part=pl.col("part"),
            )
        )
