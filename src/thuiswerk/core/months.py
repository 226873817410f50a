"""Months as the first day of the month; parsing of the YYYY-MM form used everywhere."""

import re
from collections.abc import Iterator
from datetime import date

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> date:
    """'2023-10' -> date(2023, 10, 1); ValueError with the text in the message otherwise."""
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"not a month (YYYY-MM): {text!r}")
    return date(int(match.group(1)), int(match.group(2)), 1)


def format_month(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_end(month: date) -> date:
    return date.fromordinal(next_month(month).toordinal() - 1)


def month_range(first: date, last: date) -> Iterator[date]:
    """Every month from `first` to `last`, both included."""
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = next_month(month)
