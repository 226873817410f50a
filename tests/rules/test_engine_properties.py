"""Properties of the engine over generated worlds of a few employees and months (hypothesis)."""

import random
from datetime import date, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from thuiswerk.core.money import to_cents
from thuiswerk.core.months import format_month, month_end, month_range, next_month
from thuiswerk.rules.engine import EMPLOYMENT_SCHEMA, LedgerComputation, compute_ledger
from thuiswerk.rules.parameters import ParameterSet

from .worlds import INPUT_SCHEMAS, frame, parameters_with

SETTINGS = settings(max_examples=40, deadline=None)
FIRST_MONTHS = list(month_range(date(2021, 7, 1), date(2023, 5, 1)))


@st.composite
def worlds(draw) -> dict:
    """Months to compute, the five input frames as row lists, and parameters."""
    first = draw(st.sampled_from(FIRST_MONTHS))
    months = [first]
    for _ in range(draw(st.integers(0, 2))):
        months.append(next_month(months[-1]))
    start, end = first - timedelta(days=20), month_end(months[-1]) + timedelta(days=20)
    span = (end - start).days
    day = st.integers(0, span).map(lambda offset: start + timedelta(days=offset))
    employees = range(1, draw(st.integers(1, 3)) + 1)

    employment, registrations, agreements, options, invoices = [], [], [], [], []
    for employee in employees:
        begin = draw(day)
        if draw(st.booleans()):
            employment.append((employee, 1, begin, None))
        else:
            until = begin + timedelta(days=draw(st.integers(0, 60)))
            employment.append((employee, 1, begin, until))
            if draw(st.booleans()):  # moves to another entity
                employment.append(
                    (employee, 2, until + timedelta(days=draw(st.integers(1, 10))), None)
                )
        # A weekly pattern of home days, then some days registered otherwise (one `full`, or
        # an `am` and/or a `pm`).
        home_weekdays = draw(st.sets(st.integers(0, 4), max_size=3))
        by_day = {
            start + timedelta(days=n): [("home", "full")]
            for n in range(span + 1)
            if (start + timedelta(days=n)).weekday() in home_weekdays
        }
        location = st.sampled_from(["home", "office", "other", "absent"])
        for offset in draw(st.sets(st.integers(0, span), max_size=15)):
            when = start + timedelta(days=offset)
            if draw(st.booleans()):
                by_day[when] = [(draw(location), "full")]
            else:
                parts = draw(st.sets(st.sampled_from(["am", "pm"]), min_size=1))
                by_day[when] = [(draw(location), part) for part in sorted(parts)]
        registrations += [(employee, when, *reg) for when, regs in by_day.items() for reg in regs]
        if draw(st.booleans()):
            agreements.append((employee, start, None))
        for _ in range(draw(st.integers(0, 2))):
            valid_from = draw(day)
            valid_to = draw(
                st.none() | st.integers(0, 60).map(lambda n, v=valid_from: v + timedelta(days=n))
            )
            agreements.append((employee, valid_from, valid_to))
        if draw(st.booleans()):
            options.append((employee, "third_party", start - timedelta(days=30)))
        for valid_from in draw(st.sets(day, max_size=2)):
            options.append(
                (employee, draw(st.sampled_from(["forfait", "third_party"])), valid_from)
            )
        for month in draw(st.sets(st.sampled_from(months), max_size=2)):
            invoices.append((employee, month, draw(st.integers(0, 5000))))

    month_text = st.sampled_from(FIRST_MONTHS).map(lambda m: m.isoformat())
    parameters = parameters_with(
        ("internet_effective_from", draw(month_text), "2020-01-01"),
        ("homework_effective_from", draw(month_text), "2020-01-01"),
        ("homework_amount", f"{draw(st.integers(1, 9999)) / 100:.2f}", draw(month_text)),
        ("internet_forfait_amount", f"{draw(st.integers(1, 9999)) / 100:.2f}", "2020-01-01"),
        ("homework_min_days_per_week", draw(st.sampled_from(["0.5", "1", "2"])), "2020-01-01"),
    )
    return {
        "months": months,
        "employment": employment,
        "registrations": registrations,
        "agreements": agreements,
        "internet_options": options,
        "invoices": invoices,
        "parameters": parameters,
    }


def compute(
    world: dict,
    months: list[date] | None = None,
    shuffle: int | None = None,
    **frames: pl.DataFrame,
) -> LedgerComputation:
    inputs = {}
    for name, schema in INPUT_SCHEMAS.items():
        rows = list(world[name])
        if shuffle is not None:
            random.Random(shuffle).shuffle(rows)
        inputs[name] = frames.get(name, frame(rows, schema))
    return compute_ledger(months or world["months"], parameters=world["parameters"], **inputs)


def assert_equal(one: LedgerComputation, other: LedgerComputation) -> None:
    assert one.facts.equals(other.facts)
    assert one.lines.equals(other.lines)
    assert one.unmatched_invoices.equals(other.unmatched_invoices)
    assert one.missing_invoices.equals(other.missing_invoices)


def due(result: LedgerComputation) -> set[tuple[int, date, str]]:
    return set(result.lines.select("employee", "month", "measure").iter_rows())


@SETTINGS
@given(worlds(), st.integers())
def test_recomputing_gives_equal_frames_whatever_the_row_order(world, seed):
    first = compute(world)
    assert_equal(first, compute(world))
    assert_equal(first, compute(world, shuffle=seed))


@SETTINGS
@given(worlds())
def test_nothing_is_due_before_a_measures_effective_date(world):
    parameters: ParameterSet = world["parameters"]
    result = compute(world)
    for employee, month, measure in due(result):
        name = "homework_effective_from" if measure == "HOMEWORK" else "internet_effective_from"
        assert month >= parameters.in_force(name, month).typed(), (employee, month, measure)
    for row in result.facts.iter_rows(named=True):
        month = row["month"]
        assert row["internet_in_force"] == (
            month >= parameters.in_force("internet_effective_from", month).typed()
        )
        assert row["homework_in_force"] == (
            month >= parameters.in_force("homework_effective_from", month).typed()
        )
        assert not row["internet_due"] or row["internet_in_force"]
        assert not row["homework_due"] or row["homework_in_force"]


@SETTINGS
@given(worlds(), st.data())
def test_more_home_days_never_take_a_measure_away(world, data):
    before = compute(world)
    # Working at home on a day without absence raises home_days and leaves present_days alone.
    employee = data.draw(st.sampled_from(sorted({row[0] for row in world["employment"]})))
    absent = {(e, d) for e, d, location, _ in world["registrations"] if location == "absent"}
    first, last = world["months"][0], month_end(world["months"][-1])
    candidates = [
        first + timedelta(days=n)
        for n in range((last - first).days + 1)
        if (employee, first + timedelta(days=n)) not in absent
    ]
    added = set(data.draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=5)))
    registrations = [
        row
        for row in world["registrations"]
        if (row[0], row[1]) not in {(employee, d) for d in added}
    ]
    registrations += [(employee, d, "home", "full") for d in sorted(added)]
    after = compute({**world, "registrations": registrations})

    assert due(before) <= due(after)
    home = {
        (row["employee"], row["month"]): row["home_days"]
        for row in before.facts.iter_rows(named=True)
    }
    for row in after.facts.iter_rows(named=True):
        assert row["home_days"] >= home[(row["employee"], row["month"])]


@SETTINGS
@given(worlds(), st.lists(st.sampled_from([0.1, 0.5, 0.8, 1.0]), min_size=4, max_size=4))
def test_amounts_are_never_pro_rated(world, ftes):
    employment = frame(world["employment"], EMPLOYMENT_SCHEMA).with_columns(
        fte=pl.Series([ftes[i % 4] for i in range(len(world["employment"]))], dtype=pl.Float64)
    )
    result = compute(world, employment=employment)
    assert_equal(result, compute(world))
    parameters: ParameterSet = world["parameters"]
    for line in result.lines.iter_rows(named=True):
        used = {
            name: to_cents(value.typed())
            for name, value in parameters.all_in_force(line["month"]).items()
            if name.endswith(("_amount", "_in_kind"))
        }
        amounts = (line["employee_amount_cents"], line["employer_cost_cents"])
        match line["measure"]:
            case "INTERNET_FORFAIT":
                assert amounts == (used["internet_forfait_amount"],) * 2
            case "HOMEWORK":
                assert amounts == (used["homework_amount"],) * 2
            case "INTERNET_BIK":
                assert amounts == (used["third_party_benefit_in_kind"], 0)
            case "INTERNET_THIRD_PARTY":
                assert amounts[0] == 0


@SETTINGS
@given(worlds())
def test_months_computed_together_equal_months_computed_apart(world):
    together = compute(world)
    apart = [compute(world, months=[month]) for month in world["months"]]
    assert together.facts.equals(
        pl.concat([one.facts for one in apart]).sort("employee", "month", maintain_order=True)
    )
    assert together.lines.equals(
        pl.concat([one.lines for one in apart]).sort("employee", "month", maintain_order=True)
    )
    assert together.unmatched_invoices.equals(
        pl.concat([one.unmatched_invoices for one in apart]).sort(
            "employee", "month", maintain_order=True
        )
    )


@SETTINGS
@given(worlds())
def test_month_facts_hold_together(world):
    result = compute(world)
    for row in result.facts.iter_rows(named=True):
        assert row["employed_days"] >= 1
        assert 0 <= row["absent_days"] + row["home_days"] <= row["employed_days"]
        assert row["present_days"] == row["employed_days"] - row["absent_days"]
        assert row["homework_required"] >= 1
        assert row["last_employed_day"].replace(day=1) == row["month"]
        if row["internet_due"] or row["homework_due"]:
            assert row["has_agreement"]
    lines = result.lines.join(result.facts, on=["employee", "month"], how="left", suffix="_facts")
    assert lines.filter(pl.col("entity") != pl.col("entity_facts")).height == 0
    assert {format_month(m) for m in result.facts["month"]} <= {
        format_month(m) for m in world["months"]
    }
