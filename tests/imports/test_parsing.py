"""The Belgian formats: round trips of dates, months and decimals through the vectorised parsers."""

from datetime import date
from decimal import Decimal

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from thuiswerk.core.frames import decimal_text
from thuiswerk.imports.parsing import (
    cell,
    parse_date,
    parse_decimal,
    parse_integer,
    parse_month,
)

DATES = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


def parse(texts: list[str | None], parser) -> list:
    return (
        pl.DataFrame({"t": texts}, schema={"t": pl.String})
        .select(parser(cell("t")).alias("t"))["t"]
        .to_list()
    )


@given(st.lists(DATES, min_size=1, max_size=20), st.data())
def test_dates_round_trip_in_every_accepted_form(days, data):
    forms = [
        lambda d: d.isoformat(),
        lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
        lambda d: f"{d.day}/{d.month}/{d.year}",  # Belgian Excel's d/mm/yyyy
        lambda d: f" {d.isoformat()} ",
    ]
    texts = [data.draw(st.sampled_from(forms))(d) for d in days]
    assert parse(texts, parse_date) == days


@given(DATES)
def test_months_round_trip(day):
    first = day.replace(day=1)
    texts = [f"{day.year}-{day.month:02d}", f"1/{day.month:02d}/{day.year}", first.isoformat()]
    assert parse(texts, parse_month) == [first] * 3


@given(
    st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1),
    st.sampled_from([1, 2, 3]),
    st.booleans(),
)
def test_decimals_round_trip_with_point_or_comma(scaled, places, comma):
    text = format(Decimal(scaled).scaleb(-places), "f")
    if comma:
        text = text.replace(".", ",")
    assert parse([text], lambda t: parse_decimal(t, places)) == [scaled]
    back = pl.select(decimal_text(pl.lit(scaled, pl.Int64), places)).item()
    assert Decimal(back) == Decimal(scaled).scaleb(-places)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_integers_round_trip(number):
    assert parse([str(number)], parse_integer) == [number]


@given(st.text(max_size=30))
def test_any_text_parses_to_a_value_or_null_without_raising(text):
    for parser in (parse_date, parse_month, parse_integer, lambda t: parse_decimal(t, 2)):
        assert len(parse([text], parser)) == 1


def test_refused_forms():
    assert (
        parse(["05/01/23", "2023/01/05", "05-01-2023", "+2023-01-05", "20230105", ""], parse_date)
        == [None] * 6
    )
    assert parse(["2023-13", "2023-01-15", "15/01/2023", "202301"], parse_month) == [None] * 4
    # No thousands separators: "1.234,50" is refused, "1,234" is 1.234 (too many decimals for money).
    assert (
        parse(["1.234,50", "1 234", "1,234", "1e5", "12.", ",5"], lambda t: parse_decimal(t, 2))
        == [None] * 6
    )
    assert parse(["12.500", "-0,5", "007"], lambda t: parse_decimal(t, 2)) == [1250, -50, 700]
