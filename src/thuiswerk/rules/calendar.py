"""Holiday calendars and working days (RULES.md, "Calendar").

A working day is Monday to Friday and not a holiday of the calendar. A holiday on a weekend
gives no replacement day. The calendar in use is the parameter `calendar`.
"""

from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

import holidays
import polars as pl

if TYPE_CHECKING:  # only for the annotations: parameters does not need the calendar
    from .parameters import ParameterSet

# The `holidays` package also lists Easter Sunday and Whit Sunday for BE; they are not among the
# ten legal holidays (both are Sundays, so working days are the same either way).
_NOT_LEGAL_HOLIDAYS = frozenset({"Pasen", "Pinksteren"})
_LEGAL_HOLIDAYS_PER_YEAR = 10

# The last day whose holidays the `holidays` package knows (it covers 1901-2100): the end of what
# can be computed and reported.
LAST_CALENDAR_DAY = date(2100, 12, 31)

# The days the Flemish government adds to the legal holidays.
_FLEMISH_DAYS = (
    (7, 11, "Feestdag van de Vlaamse Gemeenschap"),
    (11, 2, "Allerzielen"),
    (12, 26, "Tweede Kerstdag"),
)


def _belgian_legal_holidays(year: int) -> dict[date, str]:
    found = holidays.country_holidays("BE", years=year, language="nl")
    legal: dict[date, list[str]] = {}
    for day in found:
        names = [name for name in found.get_list(day) if name not in _NOT_LEGAL_HOLIDAYS]
        if names:
            legal[day] = names
    # Ascension Day can fall on 1 May: count names, not dates.
    if sum(len(names) for names in legal.values()) != _LEGAL_HOLIDAYS_PER_YEAR:
        raise RuntimeError(
            f"the holidays package no longer gives the ten Belgian legal holidays for {year}: "
            f"{sorted(legal.items())}"
        )
    return {day: "; ".join(names) for day, names in legal.items()}


def _vlaamse_overheid(year: int) -> dict[date, str]:
    days = _belgian_legal_holidays(year)
    for month, day, name in _FLEMISH_DAYS:
        days[date(year, month, day)] = name
    return days


CALENDARS: dict[str, Callable[[int], dict[date, str]]] = {
    "vlaamse-overheid": _vlaamse_overheid,
}


@lru_cache(maxsize=256)
def _holidays_of_year(calendar: str, year: int) -> tuple[tuple[date, str], ...]:
    try:
        build = CALENDARS[calendar]
    except KeyError:
        raise ValueError(
            f"unknown calendar {calendar!r} (known: {', '.join(sorted(CALENDARS))})"
        ) from None
    return tuple(sorted(build(year).items()))


def holidays_of(calendar: str, years: Iterable[int]) -> dict[date, str]:
    """The holidays of `calendar` in `years`, weekend days included, with their (Dutch) names."""
    return {day: name for year in years for day, name in _holidays_of_year(calendar, year)}


def is_working_day(calendar: str, day: date) -> bool:
    off = holidays_of(calendar, [day.year])  # also checks the calendar's name on weekends
    return day.weekday() < 5 and day not in off


def working_days(calendar: str, first: date, last: date) -> pl.DataFrame:
    """The working days from `first` to `last` (both included), ascending, in column `date`."""
    off = holidays_of(calendar, range(first.year, last.year + 1))
    days = pl.date_range(first, last, interval="1d", eager=True).alias("date")
    return days.to_frame().filter(
        (pl.col("date").dt.weekday() <= 5) & ~pl.col("date").is_in(list(off))
    )


def _calendar_months(parameters: "ParameterSet", first: date, last: date) -> pl.DataFrame:
    """Each month from first's to last's with the calendar in force on its first day; a month
    before the parameter's first value has none (and so no working day)."""
    months = pl.date_range(first.replace(day=1), last.replace(day=1), "1mo", eager=True)
    names = []
    for month in months:
        try:
            names.append(parameters.in_force("calendar", month).value)
        except KeyError:
            names.append(None)
    return pl.DataFrame(
        {"month": months, "calendar": names}, schema={"month": pl.Date, "calendar": pl.String}
    )


def holidays_in_force(parameters: "ParameterSet", first: date, last: date) -> pl.DataFrame:
    """The holidays from `first` to `last` (columns `date`, `name`, weekend days included), each
    month by the calendar in force on its first day: the one reading of "holiday" for the
    monthly run, the headcount of the reports and the import warnings."""
    months = _calendar_months(parameters, first, last)
    years = range(first.year, last.year + 1)
    rows = [
        (day, name, calendar)
        for calendar in months["calendar"].drop_nulls().unique().to_list()
        for day, name in holidays_of(calendar, years).items()
        if first <= day <= last
    ]
    found = pl.DataFrame(
        rows, schema={"date": pl.Date, "name": pl.String, "calendar": pl.String}, orient="row"
    )
    return (
        found.with_columns(month=pl.col("date").dt.truncate("1mo"))
        .join(months, on=["month", "calendar"], how="semi")
        .select("date", "name")
        .sort("date")
    )


def working_days_in_force(parameters: "ParameterSet", first: date, last: date) -> pl.DataFrame:
    """The working days from `first` to `last` (column `date`, ascending): Monday to Friday and no
    holiday of the calendar in force on the first day of the day's month."""
    months = _calendar_months(parameters, first, last)
    off = holidays_in_force(parameters, first, last)["date"]
    return (
        pl.date_range(first, last, interval="1d", eager=True)
        .alias("date")
        .to_frame()
        .filter(
            (pl.col("date").dt.weekday() <= 5)
            & ~pl.col("date").is_in(off.implode())
            & pl.col("date")
            .dt.truncate("1mo")
            .is_in(months.filter(pl.col("calendar").is_not_null())["month"].implode())
        )
    )
