"""Every rule of RULES.md ("Month facts", "Measures", "Ledger", "Precise readings") on small worlds.

September 2023 has 21 working days (no holiday) and four Tuesdays: 5, 12, 19 and 26.
"""

import json
from datetime import date

import polars as pl
import pytest

from thuiswerk.rules.engine import (
    AGREEMENTS_SCHEMA,
    EMPLOYMENT_SCHEMA,
    FACTS_SCHEMA,
    LINES_SCHEMA,
    MISSING_INVOICES_SCHEMA,
    REGISTRATIONS_SCHEMA,
    UNMATCHED_INVOICES_SCHEMA,
    LedgerComputation,
    compute_ledger,
)

from .worlds import (
    DEFAULT_PARAMETERS,
    D,
    agreement,
    day_rows,
    facts_of,
    frame,
    invoice,
    ledger,
    measures,
    option,
    parameters_with,
    period,
    weekdays,
)

SEP = "2023-09"
TUESDAYS = ["2023-09-05", "2023-09-12", "2023-09-19", "2023-09-26"]
EMPLOYED = [period(1, 10, "2020-01-01")]
AGREED = [agreement(1, "2021-01-01")]
BOTH = [(SEP, "HOMEWORK"), (SEP, "INTERNET_FORFAIT")]
INTERNET_ONLY = [(SEP, "INTERNET_FORFAIT")]


def september(registrations: list[tuple], **more) -> LedgerComputation:
    """September 2023 for employee 1 (or as `more` says): employed and agreed all month."""
    world = {"employment": EMPLOYED, "agreements": AGREED, **more}
    return ledger([SEP], registrations=registrations, **world)


def home_weekly(first: str, last: str) -> list[tuple]:
    """Employee 1 at home every Tuesday, Wednesday and Thursday: enough for every measure."""
    days = [day for weekday in (1, 2, 3) for day in weekdays(first, last, weekday)]
    return day_rows(1, "home", days)


def september_facts(registrations: list[tuple], *names: str, **more) -> tuple:
    facts = facts_of(september(registrations, **more), 1, SEP)
    return tuple(facts[name] for name in names)


DAY_COUNTS = ("employed_days", "absent_days", "present_days", "home_days", "homework_required")


# --- worked examples of RULES.md ---------------------------------------------------------------


def test_21_working_days_four_home_days_qualify():
    result = september(day_rows(1, "home", TUESDAYS))
    facts = facts_of(result, 1, SEP)
    assert tuple(facts[name] for name in DAY_COUNTS) == (21, 0.0, 21.0, 4.0, 4.0)
    assert facts["homework_due"] and facts["internet_due"]
    assert measures(result) == BOTH


def test_21_working_days_three_home_days_do_not_qualify():
    result = september(day_rows(1, "home", TUESDAYS[:3]))
    facts = facts_of(result, 1, SEP)
    assert facts["homework_in_force"] and not facts["homework_due"]
    assert measures(result) == INTERNET_ONLY


def test_two_weeks_of_holiday_leave_eleven_present_days_and_two_home_days_qualify():
    holiday = [day for weekday in range(5) for day in weekdays("2023-09-11", "2023-09-22", weekday)]
    assert len(holiday) == 10
    absent = day_rows(1, "absent", holiday)
    two = absent + day_rows(1, "home", ["2023-09-05", "2023-09-26"])
    assert september_facts(two, *DAY_COUNTS) == (21, 10.0, 11.0, 2.0, 2.0)
    assert measures(september(two)) == BOTH
    assert measures(september(absent + day_rows(1, "home", ["2023-09-05"]))) == INTERNET_ONLY


def test_floor_applies_to_the_exact_value_with_half_days():
    registrations = day_rows(1, "absent", ["2023-09-04"], part="am") + day_rows(1, "home", TUESDAYS)
    # floor(20.5 / 5) = 4
    assert september_facts(registrations, *DAY_COUNTS) == (21, 0.5, 20.5, 4.0, 4.0)
    assert measures(september(registrations)) == BOTH


def test_floor_of_19_and_a_half_present_days_is_three():
    absent = day_rows(1, "absent", ["2023-09-04"]) + day_rows(1, "absent", ["2023-09-06"], "pm")
    registrations = absent + day_rows(1, "home", TUESDAYS[:3])
    assert september_facts(registrations, *DAY_COUNTS) == (21, 1.5, 19.5, 3.0, 3.0)
    assert measures(september(registrations)) == BOTH


def test_home_half_days_weigh_one_half():
    three = day_rows(1, "home", TUESDAYS[:3])
    afternoon = day_rows(1, "office", ["2023-09-07"], "am") + day_rows(
        1, "home", ["2023-09-07"], "pm"
    )
    assert september_facts(three + afternoon, "home_days") == (3.5,)
    assert measures(september(three + afternoon)) == INTERNET_ONLY
    all_day = day_rows(1, "home", ["2023-09-07"], "am") + day_rows(1, "home", ["2023-09-07"], "pm")
    assert september_facts(three + all_day, "home_days") == (4.0,)
    assert measures(september(three + all_day)) == BOTH


def test_at_least_one_home_day_even_in_a_short_month():
    # Joins on Wednesday 27 September: three employed days, floor(3 / 5) = 0, so one home day.
    joins = [period(1, 10, "2023-09-27")]
    nothing_at_home = september([], employment=joins)
    facts = facts_of(nothing_at_home, 1, SEP)
    assert (facts["employed_days"], facts["homework_required"]) == (3, 1.0)
    assert measures(nothing_at_home) == []
    one = september(day_rows(1, "home", ["2023-09-28"]), employment=joins)
    assert measures(one) == BOTH
    # Not pro-rated for the partial month.
    assert one.lines["employee_amount_cents"].to_list() == [2000, 2000]


def test_a_working_day_without_registration_counts_as_present():
    registrations = day_rows(1, "other", ["2023-09-04"])
    assert september_facts(registrations, *DAY_COUNTS) == (21, 0.0, 21.0, 0.0, 4.0)


# --- month facts ---------------------------------------------------------------------------------


def test_a_move_between_entities_takes_the_entity_of_the_last_employed_day_and_both_periods_count():
    moves = [period(1, 10, "2020-01-01", "2023-09-15"), period(1, 20, "2023-09-16")]
    result = september(day_rows(1, "home", TUESDAYS), employment=moves)
    facts = facts_of(result, 1, SEP)
    assert (facts["entity"], facts["employed_days"], facts["home_days"]) == (20, 21, 4.0)
    assert facts["last_employed_day"] == D("2023-09-29")
    assert measures(result) == BOTH
    assert result.lines["entity"].to_list() == [20, 20]


def test_a_period_starting_on_a_saturday_does_not_hold_the_last_employed_day():
    moves = [period(1, 10, "2020-01-01", "2023-09-29"), period(1, 20, "2023-09-30")]
    result = september(day_rows(1, "home", TUESDAYS), employment=moves)
    facts = facts_of(result, 1, SEP)
    assert (facts["entity"], facts["last_employed_day"]) == (10, D("2023-09-29"))
    assert result.lines["entity"].to_list() == [10, 10]


def test_registrations_on_weekends_or_outside_employment_are_ignored():
    # Leaves on Wednesday 20 September: 14 employed days, floor(14 / 5) = 2.
    leaves = [period(1, 10, "2020-01-01", "2023-09-20")]
    registrations = (
        day_rows(1, "home", ["2023-09-05", "2023-09-09", "2023-09-26"])  # Tue, Sat, after leaving
        + day_rows(1, "absent", ["2023-09-10", "2023-09-25"])  # Sun, after leaving
    )
    counts = september_facts(registrations, *DAY_COUNTS, employment=leaves)
    assert counts == (14, 0.0, 14.0, 1.0, 2.0)
    assert measures(september(registrations, employment=leaves)) == INTERNET_ONLY


def test_registrations_on_holidays_are_ignored():
    registrations = day_rows(1, "home", ["2023-11-01", "2023-11-02"]) + day_rows(
        1, "absent", ["2023-11-11"]
    )
    result = ledger(
        ["2023-11"], employment=EMPLOYED, registrations=registrations, agreements=AGREED
    )
    facts = facts_of(result, 1, "2023-11")
    assert (facts["employed_days"], facts["absent_days"], facts["home_days"]) == (20, 0.0, 0.0)
    assert measures(result) == []


def test_registrations_before_employment_are_ignored():
    # Joins on Monday 18 September: 10 employed days.
    joins = [period(1, 10, "2023-09-18")]
    registrations = day_rows(1, "home", TUESDAYS[:3]) + day_rows(1, "absent", ["2023-09-04"])
    counts = september_facts(registrations, *DAY_COUNTS, employment=joins)
    assert counts == (10, 0.0, 10.0, 1.0, 2.0)


@pytest.mark.parametrize(
    "employment",
    [
        [period(1, 10, "2023-09-30")],  # starts on the last day, a Saturday
        [period(1, 10, "2020-01-01", "2023-08-31")],
        [period(1, 10, "2023-10-01")],
    ],
)
def test_no_employed_day_gives_nothing(employment):
    result = september(day_rows(1, "home", TUESDAYS), employment=employment)
    assert result.facts.height == 0
    assert result.lines.height == 0


def test_employees_are_computed_independently():
    employment = [
        period(1, 10, "2020-01-01"),
        period(2, 11, "2020-01-01"),
        period(3, 12, "2023-09-11"),
    ]
    registrations = (
        day_rows(1, "home", TUESDAYS)
        + day_rows(2, "home", TUESDAYS[:1])
        + day_rows(3, "home", TUESDAYS[1:])
    )
    agreements = [agreement(1, "2021-01-01"), agreement(2, "2021-01-01")]
    result = september(registrations, employment=employment, agreements=agreements)
    assert measures(result, 1) == BOTH
    assert measures(result, 2) == INTERNET_ONLY
    assert measures(result, 3) == []
    assert facts_of(result, 3, SEP)["employed_days"] == 15


# --- agreements ----------------------------------------------------------------------------------


def test_without_an_approved_agreement_nothing_is_due():
    result = september(day_rows(1, "home", TUESDAYS), agreements=[])
    assert not facts_of(result, 1, SEP)["has_agreement"]
    assert result.lines.height == 0


@pytest.mark.parametrize(
    ("status", "due"),
    [("pending", False), ("rejected", False), ("withdrawn", False), ("approved", True)],
)
def test_only_approved_agreements_count(status: str, due: bool):
    agreements = frame(
        [(1, D("2021-01-01"), None, status)], {**AGREEMENTS_SCHEMA, "status": pl.String}
    )
    result = september(day_rows(1, "home", TUESDAYS), agreements=agreements)
    assert (measures(result) == BOTH) is due
    assert facts_of(result, 1, SEP)["has_agreement"] is due


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "has_agreement"),
    [
        ("2021-01-01", "2023-09-01", False),  # ends on the Friday before the first employed day
        ("2021-01-01", "2023-09-03", False),  # ends on the Sunday before it
        ("2021-01-01", "2023-09-04", True),  # ends on the first employed day
        ("2023-09-30", None, False),  # starts on the last day of the month, a Saturday
        ("2023-09-29", None, True),  # starts on the last employed day: all home days count
        ("2023-10-01", None, False),
    ],
)
def test_the_agreement_must_cover_an_employed_day(valid_from, valid_to, has_agreement):
    result = september(
        day_rows(1, "home", TUESDAYS),
        employment=[period(1, 10, "2023-09-04")],  # joins on Monday 4 September
        agreements=[agreement(1, valid_from, valid_to)],
    )
    assert facts_of(result, 1, SEP)["has_agreement"] is has_agreement
    assert measures(result) == (BOTH if has_agreement else [])


def test_consecutive_agreements_and_one_for_another_employee():
    employment = [period(1, 10, "2020-01-01"), period(2, 10, "2020-01-01")]
    agreements = [
        agreement(1, "2021-01-01", "2023-08-31"),
        agreement(1, "2023-10-02"),
        agreement(2, "2023-09-15", "2023-09-15"),
    ]
    registrations = day_rows(1, "home", TUESDAYS) + day_rows(2, "home", TUESDAYS)
    result = september(registrations, employment=employment, agreements=agreements)
    assert not facts_of(result, 1, SEP)["has_agreement"]
    assert facts_of(result, 2, SEP)["has_agreement"]
    assert measures(result, 2) == BOTH


# --- internet option and third-party payer -------------------------------------------------------


def test_without_an_option_the_employee_has_the_forfait():
    result = september(day_rows(1, "home", TUESDAYS))
    assert facts_of(result, 1, SEP)["internet_option"] == "forfait"
    forfait = result.lines.filter(pl.col("measure") == "INTERNET_FORFAIT").row(0, named=True)
    assert (forfait["employee_amount_cents"], forfait["employer_cost_cents"]) == (2000, 2000)


def test_an_option_switch_mid_month_takes_the_option_of_the_last_employed_day():
    result = ledger(
        ["2023-08", SEP],
        employment=EMPLOYED,
        registrations=home_weekly("2023-08-01", "2023-09-30"),
        agreements=AGREED,
        internet_options=[
            option(1, "third_party", "2022-01-01"),
            option(1, "forfait", "2023-09-15"),
        ],
        invoices=[invoice(1, "2023-08", 3000)],
    )
    assert facts_of(result, 1, "2023-08")["internet_option"] == "third_party"
    assert facts_of(result, 1, SEP)["internet_option"] == "forfait"
    assert measures(result) == [
        ("2023-08", "HOMEWORK"),
        ("2023-08", "INTERNET_BIK"),
        ("2023-08", "INTERNET_THIRD_PARTY"),
        (SEP, "HOMEWORK"),
        (SEP, "INTERNET_FORFAIT"),
    ]


def test_an_option_from_a_saturday_after_the_last_employed_day_does_not_count_yet():
    options = [option(1, "third_party", "2023-09-30")]
    registrations = day_rows(1, "home", TUESDAYS)
    assert september_facts(registrations, "internet_option", internet_options=options) == (
        "forfait",
    )


def test_an_option_after_leaving_does_not_count():
    result = september(
        day_rows(1, "home", TUESDAYS),
        employment=[period(1, 10, "2020-01-01", "2023-09-14")],
        internet_options=[
            option(1, "third_party", "2021-01-01"),
            option(1, "forfait", "2023-09-15"),
        ],
        invoices=[invoice(1, SEP, 2999)],
    )
    assert facts_of(result, 1, SEP)["internet_option"] == "third_party"
    # Ten employed days, two of them at home.
    assert measures(result) == [
        (SEP, "HOMEWORK"),
        (SEP, "INTERNET_BIK"),
        (SEP, "INTERNET_THIRD_PARTY"),
    ]


def test_third_party_payer_with_invoices():
    result = september(
        day_rows(1, "home", TUESDAYS[:1]),
        internet_options=[option(1, "third_party", "2022-01-01")],
        invoices=[invoice(1, SEP, 1500), invoice(1, SEP, 1000), invoice(1, "2023-08", 4000)],
    )
    lines = {row["measure"]: row for row in result.lines.iter_rows(named=True)}
    assert set(lines) == {"INTERNET_THIRD_PARTY", "INTERNET_BIK"}
    third_party, benefit = lines["INTERNET_THIRD_PARTY"], lines["INTERNET_BIK"]
    assert (third_party["employee_amount_cents"], third_party["employer_cost_cents"]) == (0, 2500)
    assert (benefit["employee_amount_cents"], benefit["employer_cost_cents"]) == (500, 0)
    assert json.loads(third_party["explanation"])["invoices_cents"] == 2500
    assert result.missing_invoices.height == 0
    # The August invoice lies outside the computed months: neither matched nor unmatched.
    assert result.unmatched_invoices.height == 0


def test_third_party_payer_without_invoice_costs_nothing_and_is_reported():
    result = september(
        day_rows(1, "home", TUESDAYS[:1]),
        internet_options=[option(1, "third_party", "2022-01-01")],
    )
    third_party = result.lines.filter(pl.col("measure") == "INTERNET_THIRD_PARTY")
    assert third_party["employer_cost_cents"].to_list() == [0]
    assert result.missing_invoices.to_dicts() == [{"employee": 1, "month": D("2023-09-01")}]


def test_invoices_without_a_due_third_party_line_are_unmatched():
    employment = [period(employee, 10, "2020-01-01") for employee in (1, 2, 3)]
    result = september(
        day_rows(1, "home", TUESDAYS) + day_rows(3, "home", TUESDAYS),
        employment=employment,
        agreements=[agreement(employee, "2021-01-01") for employee in (1, 2, 3)],
        internet_options=[
            option(2, "third_party", "2022-01-01"),
            option(3, "third_party", "2022-01-01"),
        ],
        invoices=[
            invoice(1, SEP, 2000),
            invoice(2, SEP, 2100),
            invoice(3, SEP, 2200),
            invoice(9, SEP, 2300),
        ],
    )
    # 1 has the forfait; 2 never worked at home; 3 is due; 9 is nobody employed.
    assert result.unmatched_invoices.to_dicts() == [
        {"employee": 1, "month": D("2023-09-01"), "amount_cents": 2000},
        {"employee": 2, "month": D("2023-09-01"), "amount_cents": 2100},
        {"employee": 9, "month": D("2023-09-01"), "amount_cents": 2300},
    ]
    assert measures(result, 3) == [
        (SEP, "HOMEWORK"),
        (SEP, "INTERNET_BIK"),
        (SEP, "INTERNET_THIRD_PARTY"),
    ]


# --- effective dates and parameters --------------------------------------------------------------


def months_at_home(months: list[str], first: str, last: str, **more) -> LedgerComputation:
    """Employee 1, employed and agreed, at home three days a week from `first` to `last`."""
    return ledger(
        months,
        employment=EMPLOYED,
        registrations=home_weekly(first, last),
        agreements=AGREED,
        **more,
    )


def test_no_internet_line_before_its_effective_date():
    result = months_at_home(["2021-09", "2021-10"], "2021-09-01", "2021-10-31")
    assert not facts_of(result, 1, "2021-09")["internet_in_force"]
    assert facts_of(result, 1, "2021-10")["internet_in_force"]
    assert measures(result) == [("2021-10", "INTERNET_FORFAIT")]


def test_no_homework_line_before_its_effective_date():
    result = months_at_home(["2022-12", "2023-01"], "2022-12-01", "2023-01-31")
    december = facts_of(result, 1, "2022-12")
    # 21 working days (25 and 26 December are holidays), 13 of them at home
    assert (december["homework_required"], december["home_days"]) == (4.0, 13.0)
    assert not december["homework_in_force"] and not december["homework_due"]
    assert measures(result) == [
        ("2022-12", "INTERNET_FORFAIT"),
        ("2023-01", "HOMEWORK"),
        ("2023-01", "INTERNET_FORFAIT"),
    ]


def test_a_moved_effective_date_is_a_parameter():
    parameters = parameters_with(("homework_effective_from", "2023-10-01", "2023-06-01"))
    result = months_at_home([SEP, "2023-10"], "2023-09-01", "2023-10-31", parameters=parameters)
    assert measures(result) == [
        (SEP, "INTERNET_FORFAIT"),
        ("2023-10", "HOMEWORK"),
        ("2023-10", "INTERNET_FORFAIT"),
    ]


def test_a_new_amount_applies_from_its_month_onward_only():
    parameters = parameters_with(
        ("homework_amount", "25.00", "2024-01-01"),
        ("internet_forfait_amount", "22.50", "2024-01-15"),
    )
    result = months_at_home(
        ["2023-12", "2024-01", "2024-02"], "2023-12-01", "2024-02-29", parameters=parameters
    )
    amounts = {
        (f"{row['month']:%Y-%m}", row["measure"]): row["employee_amount_cents"]
        for row in result.lines.iter_rows(named=True)
    }
    assert amounts == {
        ("2023-12", "HOMEWORK"): 2000,
        ("2023-12", "INTERNET_FORFAIT"): 2000,
        ("2024-01", "HOMEWORK"): 2500,
        # Changed on 15 January: the value in force on the month's first day applies.
        ("2024-01", "INTERNET_FORFAIT"): 2000,
        ("2024-02", "HOMEWORK"): 2500,
        ("2024-02", "INTERNET_FORFAIT"): 2250,
    }
    january = result.lines.filter(
        (pl.col("month") == D("2024-01-01")) & (pl.col("measure") == "HOMEWORK")
    )
    used = json.loads(january["explanation"][0])["parameters"]["homework_amount"]
    assert used == "25.00"


def test_a_higher_minimum_of_home_days():
    parameters = parameters_with(
        ("homework_min_days_per_week", "2", "2023-01-01"),
        ("internet_min_home_days", "4.5", "2023-01-01"),
    )
    registrations = day_rows(1, "home", TUESDAYS + ["2023-09-06", "2023-09-13", "2023-09-20"])
    names = ("home_days", "homework_required", "internet_required")
    assert september_facts(registrations, *names, parameters=parameters) == (7.0, 8.0, 4.5)
    assert measures(september(registrations, parameters=parameters)) == INTERNET_ONLY


def test_an_unknown_calendar_parameter_is_an_error():
    parameters = parameters_with(("calendar", "federale-overheid", "2023-09-01"))
    with pytest.raises(ValueError, match="federale-overheid"):
        september([], parameters=parameters)


# --- the explanation and the shape of the result -------------------------------------------------


def test_the_explanation_holds_the_month_facts_and_the_parameters_used():
    result = september(day_rows(1, "home", TUESDAYS))
    explanations = {
        row["measure"]: json.loads(row["explanation"]) for row in result.lines.iter_rows(named=True)
    }
    homework = explanations["HOMEWORK"]
    assert homework["facts"] == {
        "last_employed_day": "2023-09-29",
        "employed_days": 21,
        "absent_days": 0.0,
        "present_days": 21.0,
        "home_days": 4.0,
        "has_agreement": True,
        "internet_option": "forfait",
        "internet_required": 1.0,
        "homework_required": 4.0,
    }
    assert homework["parameters"] == {
        "homework_effective_from": "2023-01-01",
        "homework_min_days_per_week": "1",
        "homework_amount": "20.00",
        "calendar": "vlaamse-overheid",
    }
    assert set(explanations["INTERNET_FORFAIT"]["parameters"]) == {
        "internet_effective_from",
        "internet_min_home_days",
        "internet_forfait_amount",
        "calendar",
    }


def test_the_frames_have_the_contract_schemas():
    result = september(day_rows(1, "home", TUESDAYS), invoices=[invoice(1, SEP, 100)])
    assert result.facts.schema == pl.Schema(FACTS_SCHEMA)
    assert result.lines.schema == pl.Schema(LINES_SCHEMA)
    assert result.unmatched_invoices.schema == pl.Schema(UNMATCHED_INVOICES_SCHEMA)
    assert result.missing_invoices.schema == pl.Schema(MISSING_INVOICES_SCHEMA)


def test_no_months_gives_empty_frames_with_the_contract_schemas():
    result = ledger([], employment=EMPLOYED)
    assert result.facts.height == result.lines.height == 0
    assert result.facts.schema == pl.Schema(FACTS_SCHEMA)
    assert result.lines.schema == pl.Schema(LINES_SCHEMA)


@pytest.mark.parametrize(
    "months", [[date(2023, 9, 2)], [date(2023, 10, 1), date(2023, 9, 1)], [date(2023, 9, 1)] * 2]
)
def test_months_must_be_first_days_in_ascending_order(months):
    with pytest.raises(ValueError, match="month"):
        compute_ledger(
            months,
            employment=frame(EMPLOYED, EMPLOYMENT_SCHEMA),
            registrations=pl.DataFrame(),
            agreements=pl.DataFrame(),
            internet_options=pl.DataFrame(),
            invoices=pl.DataFrame(),
            parameters=DEFAULT_PARAMETERS,
        )


def test_months_need_not_be_consecutive_and_rows_outside_them_are_ignored():
    apart = months_at_home(["2023-08", "2023-10"], "2023-07-01", "2023-12-31")
    assert apart.facts["month"].to_list() == [D("2023-08-01"), D("2023-10-01")]
    august = months_at_home(["2023-08"], "2023-07-01", "2023-12-31")
    october = months_at_home(["2023-10"], "2023-07-01", "2023-12-31")
    assert apart.lines.equals(pl.concat([august.lines, october.lines]))
    assert apart.facts.equals(pl.concat([august.facts, october.facts]))


def test_other_integer_types_and_extra_columns_are_accepted():
    employment = pl.DataFrame(
        {
            "employee": [1],
            "entity": [10],
            "start_date": [D("2020-01-01")],
            "end_date": [None],
            "fte": [0.5],
        },
        schema_overrides={"employee": pl.Int32, "entity": pl.Int16, "end_date": pl.Date},
    )
    registrations = frame(day_rows(1, "home", TUESDAYS), REGISTRATIONS_SCHEMA).with_columns(
        pl.col("employee").cast(pl.Int32), pl.col("location").cast(pl.Categorical)
    )
    invoices = pl.DataFrame(
        schema={"employee": pl.Int32, "month": pl.Date, "amount_cents": pl.Int32}
    )
    result = september(registrations, employment=employment, invoices=invoices)
    assert measures(result) == BOTH
