"""The booking of due against paid, without a database."""

import json
from datetime import date

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from thuiswerk.core.months import month_range
from thuiswerk.rules.booking import (
    BOOKED_SCHEMA,
    CORRECTION,
    ENTITLEMENT,
    LINE_KEY,
    PAID_SCHEMA,
    booking_month,
    lines_to_book,
)
from thuiswerk.rules.engine import LINES_SCHEMA

JAN, FEB, MAR, APR = (date(2023, m, 1) for m in (1, 2, 3, 4))
MONTHS = [JAN, FEB, MAR, APR]
DUE_SCHEMA = LINES_SCHEMA  # what the engine finds due
FACTS = pl.DataFrame(
    {"employee": [1] * 4, "month": MONTHS, "home_days": [4.0] * 4},
    schema={"employee": pl.Int64, "month": pl.Date, "home_days": pl.Float64},
)


def due(rows):
    return pl.DataFrame([(*row, '{"due":1}') for row in rows], schema=DUE_SCHEMA, orient="row")


def paid(rows):
    return pl.DataFrame(rows, schema=PAID_SCHEMA, orient="row")


def test_booking_month_is_the_month_or_the_first_open_one_after_it():
    assert booking_month(JAN, set()) == JAN
    assert booking_month(JAN, {JAN, FEB}) == MAR
    assert booking_month(date(2023, 12, 1), {date(2023, 12, 1)}) == date(2024, 1, 1)


def test_an_open_month_books_an_entitlement_with_the_engines_explanation():
    booked = lines_to_book(
        due([(1, JAN, "HOMEWORK", 7, 2000, 2000)]), FACTS, paid([]), set(), [JAN]
    )
    assert booked.schema == pl.Schema(BOOKED_SCHEMA)
    assert booked.rows() == [(1, JAN, "HOMEWORK", 7, JAN, ENTITLEMENT, 2000, 2000, 1, '{"due":1}')]


def test_a_withdrawn_measure_of_a_closed_month_is_a_correction_in_the_next_open_one():
    booked = lines_to_book(
        due([]), FACTS, paid([(1, JAN, "INTERNET_THIRD_PARTY", 7, 0, 0, 1)]), {JAN}, [JAN]
    )
    row = booked.row(0, named=True)
    assert (row["booked_in"], row["kind"], row["employee_amount_cents"], row["units"]) == (
        FEB,
        CORRECTION,
        0,
        -1,
    )
    explanation = json.loads(row["explanation"])
    assert explanation["correction"] == {
        "paid_employee_amount_cents": 0,
        "paid_employer_cost_cents": 0,
    }
    assert explanation["now_due"] is None
    assert explanation["facts"] == {"home_days": 4.0}


def test_nothing_is_booked_when_what_was_paid_is_still_due_and_a_zero_line_is_kept():
    unchanged = lines_to_book(
        due([(1, JAN, "HOMEWORK", 7, 2000, 2000)]),
        FACTS,
        paid([(1, JAN, "HOMEWORK", 7, 2000, 2000, 1)]),
        {JAN},
        [JAN],
    )
    assert unchanged.is_empty()
    # A third-party payer without an invoice is still a beneficiary: its 0.00 line is written.
    zero = lines_to_book(
        due([(1, JAN, "INTERNET_THIRD_PARTY", 7, 0, 0)]), FACTS, paid([]), set(), [JAN]
    )
    assert zero.select("units", "employer_cost_cents").rows() == [(1, 0)]


def test_a_move_between_entities_gives_minus_old_and_plus_new():
    booked = lines_to_book(
        due([(1, JAN, "HOMEWORK", 8, 2000, 2000)]),
        FACTS,
        paid([(1, JAN, "HOMEWORK", 7, 2000, 2000, 1)]),
        {JAN},
        [JAN],
    )
    assert sorted(booked.select("entity", "employee_amount_cents", "units").rows()) == [
        (7, -2000, -1),
        (8, 2000, 1),
    ]


line = st.tuples(
    st.integers(1, 3),
    st.sampled_from(MONTHS),
    st.sampled_from(["HOMEWORK", "INTERNET_FORFAIT"]),
    st.integers(1, 2),
)


@settings(max_examples=200, deadline=None)
@given(
    due_keys=st.sets(line, max_size=12),
    paid_keys=st.sets(line, max_size=12),
    closed=st.sets(st.sampled_from(list(month_range(JAN, date(2023, 6, 1))))),
    amounts=st.lists(st.integers(-5000, 5000), min_size=24, max_size=24),
)
def test_booked_lines_never_land_in_a_closed_month_and_add_up_to_what_is_due(
    due_keys, paid_keys, closed, amounts
):
    due_frame = due([(*key, amounts[i], amounts[i]) for i, key in enumerate(sorted(due_keys))])
    paid_frame = paid([(*key, amounts[-1 - i], 0, 1) for i, key in enumerate(sorted(paid_keys))])
    booked = lines_to_book(due_frame, FACTS, paid_frame, closed, MONTHS)
    assert booked["booked_in"].is_in(list(closed)).not_().all()
    assert (booked["booked_in"] >= booked["month"]).all()
    assert booked.select(LINE_KEY).is_duplicated().not_().all()  # one line per key
    assert ((booked["kind"] == ENTITLEMENT) == (booked["booked_in"] == booked["month"])).all()
    # paid + booked = due, per key: amounts, costs and units.
    total = (
        pl.concat(
            [
                paid_frame.select(
                    *LINE_KEY,
                    pl.col("paid_employee_cents").alias("amount"),
                    pl.col("paid_employer_cents").alias("cost"),
                    pl.col("paid_units").alias("units"),
                ),
                booked.select(
                    *LINE_KEY,
                    pl.col("employee_amount_cents").alias("amount"),
                    pl.col("employer_cost_cents").alias("cost"),
                    "units",
                ),
            ]
        )
        .group_by(LINE_KEY)
        .agg(pl.col("amount", "cost", "units").sum())
        .filter((pl.col("amount") != 0) | (pl.col("cost") != 0) | (pl.col("units") != 0))
    )
    expected = due_frame.select(
        *LINE_KEY,
        pl.col("employee_amount_cents").alias("amount"),
        pl.col("employer_cost_cents").alias("cost"),
        pl.lit(1, pl.Int64).alias("units"),
    )
    assert sorted(total.rows()) == sorted(expected.rows())
