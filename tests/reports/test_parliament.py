"""The parliamentary figures of RULES.md, read from ledger lines, deliveries and budgets."""

from datetime import date
from decimal import Decimal

import pytest
from tests.factories import EmployeeFactory, EntityFactory
from tests.reports.conftest import (
    AS_OF,
    FORFAIT,
    HOMEWORK,
    employed,
    figures_json,
    line,
    third_party,
)

from thuiswerk.allowances.models import LedgerMonth, ParameterValue
from thuiswerk.core.months import month_range
from thuiswerk.reports import parliament
from thuiswerk.reports.parliament import (
    ReportPeriodError,
    UnknownEntityError,
    parliament_answer,
    percentage,
    report_years,
)


def by_year(figures):
    return {y["year"]: y for y in figures["years"]}


def figures_of(code, as_of=AS_OF, years=3):
    return by_year(figures_json(entity_code=code, as_of=as_of, years=years))


# --- years and months -------------------------------------------------------------------------


def test_years_are_as_of_year_and_the_ones_before_counting_only_ended_months():
    report = report_years(date(2023, 10, 12), 3)
    assert [ry.year for ry in report] == [2021, 2022, 2023]
    assert len(report[0].months) == 12 and len(report[1].months) == 12
    assert report[2].months[0] == date(2023, 1, 1) and report[2].months[-1] == date(2023, 9, 1)


def test_a_month_ending_on_as_of_counts():
    assert report_years(date(2023, 9, 30), 1)[0].months[-1] == date(2023, 9, 1)


def test_as_of_in_january_leaves_the_year_without_months_and_figures(government):
    figures = figures_of("ALL", as_of=date(2024, 1, 15), years=2)
    assert figures[2024]["months"] == []
    assert figures[2024]["headcount"] == 0
    assert figures[2024]["internet"] == {
        "forfait": 0,
        "third_party": 0,
        "total": 0,
        "pct": 0.0,
        "forfait_pct": 0.0,
        "third_party_pct": 0.0,
    }
    assert figures[2023]["headcount"] == 5  # eva counts from October on in the full year


def test_years_must_be_positive():
    with pytest.raises(ValueError):
        report_years(AS_OF, 0)


def test_the_json_has_the_shape_of_the_issue(government):
    figures = figures_json(entity_code="AIV", as_of=AS_OF, years=3)
    assert list(figures) == [
        "entity",
        "name",
        "as_of",
        "provisional",
        "years",
        "initiatives",
        "past_initiatives",
        "parameters",
        "measures_from",
        "open_months",
    ]
    assert figures["entity"] == "AIV" and figures["as_of"] == "2023-10-12"
    assert figures["name"] == "Agentschap Informatie Vlaanderen"
    year = figures["years"][2]
    assert list(year) == [
        "year",
        "months",
        "provisional",
        "headcount",
        "internet",
        "homework",
        "financial",
        "material",
    ]
    assert year["months"] == [f"2023-{m:02d}" for m in range(1, 10)]
    assert list(year["financial"]) == [
        "reserved",
        "spent",
        "internet_forfait",
        "internet_third_party",
        "homework",
    ]
    assert list(year["material"]) == ["reserved", "spent", "beneficiaries", "pct", "by_category"]
    assert list(year["material"]["by_category"]) == [
        "chair",
        "screen",
        "laptop",
        "desk",
        "headset",
        "other",
    ]
    assert year["material"]["by_category"]["desk"] == {
        "items": 0,
        "beneficiaries": 0,
        "cost": "0.00",
    }


# --- headcount ---------------------------------------------------------------------------------


def test_headcount_per_entity_and_all(government):
    aiv, dv, every = figures_of("AIV"), figures_of("DV"), figures_of("ALL")
    assert [aiv[y]["headcount"] for y in (2021, 2022, 2023)] == [2, 2, 1]
    assert [dv[y]["headcount"] for y in (2021, 2022, 2023)] == [2, 3, 3]
    # bob moved in 2022: counted in AIV and in DV, once for ALL.
    assert [every[y]["headcount"] for y in (2021, 2022, 2023)] == [4, 4, 4]


def test_headcount_needs_a_working_day_in_the_months_counted():
    entity = EntityFactory(code="X")
    saturday, assumption_day = date(2023, 9, 30), date(2023, 8, 15)
    employed(EmployeeFactory(), entity, start=saturday, end=saturday)
    employed(EmployeeFactory(), entity, start=assumption_day, end=assumption_day)
    employed(EmployeeFactory(), entity, start=date(2023, 10, 2))  # after the last month counted
    employed(EmployeeFactory(), entity, start=date(2023, 9, 29), end=date(2023, 9, 29))  # a Friday
    assert figures_of("X")[2023]["headcount"] == 1


def test_headcount_uses_the_calendar_in_force_on_each_month(monkeypatch):
    from thuiswerk.allowances.models import ParameterValue
    from thuiswerk.rules import calendar

    monkeypatch.setitem(calendar.CALENDARS, "no-holidays", lambda year: {})
    ParameterValue.objects.create(
        name="calendar", value="no-holidays", effective_from=date(2023, 8, 1), legal_source="test"
    )
    entity = EntityFactory(code="X")
    employed(EmployeeFactory(), entity, start=date(2023, 8, 15), end=date(2023, 8, 15))
    employed(EmployeeFactory(), entity, start=date(2023, 7, 21), end=date(2023, 7, 21))
    # 15 August is a working day from August on; 21 July is still a holiday in July.
    assert figures_of("X")[2023]["headcount"] == 1


# --- allowances --------------------------------------------------------------------------------


def test_allowance_counts_and_percentages(government):
    aiv, dv, every = figures_of("AIV"), figures_of("DV"), figures_of("ALL")
    assert aiv[2021]["internet"] == {
        "forfait": 1,
        "third_party": 0,
        "total": 1,
        "pct": 50.0,
        "forfait_pct": 50.0,
        "third_party_pct": 0.0,
    }
    assert aiv[2022]["internet"] == {
        "forfait": 2,
        "third_party": 0,
        "total": 2,
        "pct": 100.0,
        "forfait_pct": 100.0,
        "third_party_pct": 0.0,
    }
    # eva's line concerns 2023-10, a month that has not ended on as_of.
    assert aiv[2023]["internet"]["total"] == 0
    assert aiv[2023]["homework"] == {"total": 1, "pct": 100.0}
    # dirk's 2022-05 was withdrawn by a correction: only bob counts in DV.
    assert dv[2022]["internet"] == {
        "forfait": 1,
        "third_party": 0,
        "total": 1,
        "pct": 33.3,
        "forfait_pct": 33.3,
        "third_party_pct": 0.0,
    }
    # cis: a third-party payer counts, also for a month without invoice.
    assert dv[2023]["internet"] == {
        "forfait": 0,
        "third_party": 1,
        "total": 1,
        "pct": 33.3,
        "forfait_pct": 0.0,
        "third_party_pct": 33.3,
    }
    assert every[2022]["internet"] == {
        "forfait": 2,
        "third_party": 0,
        "total": 2,
        "pct": 50.0,
        "forfait_pct": 50.0,
        "third_party_pct": 0.0,
    }
    assert every[2023]["homework"] == {"total": 1, "pct": 25.0}


def test_a_third_party_payer_without_invoice_counts():
    entity = EntityFactory(code="X")
    person = EmployeeFactory()
    employed(person, entity)
    third_party(person, entity, date(2023, 3, 1), cost="0.00")
    year = figures_of("X")[2023]
    assert year["internet"]["third_party"] == 1
    assert year["financial"]["internet_third_party"] == "0.00"


def test_the_benefit_in_kind_alone_is_no_allowance():
    entity = EntityFactory(code="X")
    person = EmployeeFactory()
    employed(person, entity)
    line(person, entity, date(2023, 3, 1), "INTERNET_BIK", amount="5.00", cost="0.00")
    year = figures_of("X")[2023]
    assert year["internet"]["total"] == 0
    assert year["financial"]["spent"] == "0.00"


def test_a_switch_of_option_counts_in_both_kinds_and_once_in_the_total():
    entity = EntityFactory(code="X")
    person = EmployeeFactory()
    employed(person, entity)
    line(person, entity, date(2023, 1, 1), FORFAIT)
    third_party(person, entity, date(2023, 2, 1))
    assert figures_of("X")[2023]["internet"] == {
        "forfait": 1,
        "third_party": 1,
        "total": 1,
        "pct": 100.0,
        "forfait_pct": 100.0,
        "third_party_pct": 100.0,
    }


def test_a_correction_that_withdraws_the_only_month_removes_the_beneficiary_and_the_cost():
    entity = EntityFactory(code="X")
    person = EmployeeFactory()
    employed(person, entity)
    line(person, entity, date(2023, 2, 1), HOMEWORK)
    line(
        person,
        entity,
        date(2023, 2, 1),
        HOMEWORK,
        amount="-20.00",
        kind="correction",
        booked_in=date(2023, 4, 1),
        units=-1,
    )
    year = figures_of("X")[2023]
    assert year["homework"] == {"total": 0, "pct": 0.0}
    assert year["financial"]["homework"] == "0.00"


def test_a_correction_that_changes_an_amount_keeps_the_beneficiary():
    entity = EntityFactory(code="X")
    person = EmployeeFactory()
    employed(person, entity)
    third_party(person, entity, date(2023, 2, 1), cost="40.00")
    line(
        person,
        entity,
        date(2023, 2, 1),
        "INTERNET_THIRD_PARTY",
        amount="0.00",
        cost="5.50",
        kind="correction",
        booked_in=date(2023, 4, 1),
        units=0,
    )
    year = figures_of("X")[2023]
    assert year["internet"]["third_party"] == 1
    assert year["financial"]["internet_third_party"] == "45.50"


def test_a_correction_counts_for_the_month_it_concerns_not_the_month_that_books_it():
    entity = EntityFactory(code="X")
    person = EmployeeFactory()
    employed(person, entity)
    line(
        person,
        entity,
        date(2022, 12, 1),
        FORFAIT,
        kind="correction",
        booked_in=date(2023, 1, 1),
    )
    figures = figures_of("X")
    assert figures[2022]["internet"]["forfait"] == 1
    assert figures[2022]["financial"]["spent"] == "20.00"
    assert figures[2023]["internet"]["forfait"] == 0
    assert figures[2023]["financial"]["spent"] == "0.00"


def test_a_move_correction_counts_in_the_new_entity_only():
    """A closed month whose entity changed: -1 in the old entity, +1 in the new one."""
    old, new = EntityFactory(code="OLD"), EntityFactory(code="NEW")
    person = EmployeeFactory()
    employed(person, old, end=date(2023, 2, 14))
    employed(person, new, start=date(2023, 2, 15))
    line(person, old, date(2023, 2, 1), FORFAIT)
    booked = {"kind": "correction", "booked_in": date(2023, 4, 1)}
    line(person, old, date(2023, 2, 1), FORFAIT, amount="-20.00", units=-1, **booked)
    line(person, new, date(2023, 2, 1), FORFAIT, **booked)
    assert figures_of("OLD")[2023]["internet"]["forfait"] == 0
    assert figures_of("NEW")[2023]["internet"]["forfait"] == 1
    assert figures_of("OLD")[2023]["headcount"] == 1  # she did work there
    assert figures_of("ALL")[2023]["internet"]["forfait"] == 1


def test_lines_outside_the_years_and_months_counted_are_left_out():
    entity = EntityFactory(code="X")
    person = EmployeeFactory()
    employed(person, entity)
    line(person, entity, date(2020, 12, 1))  # before the first year
    line(person, entity, date(2023, 10, 1))  # the month of as_of has not ended
    figures = figures_of("X")
    assert all(y["internet"]["total"] == 0 for y in figures.values())
    assert all(y["financial"]["spent"] == "0.00" for y in figures.values())


# --- money -------------------------------------------------------------------------------------


def test_financial_spent_per_measure_and_reserved(government):
    aiv, dv, every = figures_of("AIV"), figures_of("DV"), figures_of("ALL")
    assert aiv[2021]["financial"] == {
        "reserved": "0.00",
        "spent": "40.00",
        "internet_forfait": "40.00",
        "internet_third_party": "0.00",
        "homework": "0.00",
    }
    assert aiv[2023]["financial"]["spent"] == "20.00"
    assert aiv[2023]["financial"]["homework"] == "20.00"
    # dirk's 20.00 and its correction -20.00 cancel out; the benefit in kind costs nothing.
    assert dv[2022]["financial"]["spent"] == "20.00"
    assert dv[2023]["financial"]["internet_third_party"] == "45.50"
    assert dv[2022]["financial"]["reserved"] == "2500.50"
    assert every[2022]["financial"]["reserved"] == "3500.50"
    assert every[2023]["financial"]["spent"] == "65.50"


def test_reserved_is_the_full_year_even_for_a_partial_year(government):
    assert figures_of("AIV")[2023]["material"]["reserved"] == "1000.00"
    assert figures_of("ALL")[2023]["material"]["reserved"] == "3500.50"


# --- material ----------------------------------------------------------------------------------


def test_material_figures(government):
    aiv, dv, every = figures_of("AIV"), figures_of("DV"), figures_of("ALL")
    assert aiv[2022]["material"]["spent"] == "249.00"
    assert aiv[2022]["material"]["pct"] == 50.0
    assert aiv[2022]["material"]["by_category"]["chair"] == {
        "items": 1,
        "beneficiaries": 1,
        "cost": "249.00",
    }
    assert dv[2022]["material"]["spent"] == "308.99"
    assert dv[2022]["material"]["beneficiaries"] == 1  # two items for one person
    assert dv[2022]["material"]["pct"] == 33.3
    assert dv[2022]["material"]["by_category"]["headset"]["cost"] == "59.99"
    assert every[2022]["material"]["beneficiaries"] == 2
    assert every[2022]["material"]["spent"] == "557.99"
    assert every[2021]["material"]["spent"] == "0.00"


def test_a_delivery_after_the_last_month_counted_is_left_out(government):
    from tests.factories import DeliveryFactory

    DeliveryFactory(
        employee=government["ann"], entity=government["aiv"], delivered_on=date(2023, 10, 2)
    )
    assert figures_of("AIV")[2023]["material"]["spent"] == "0.00"


def test_an_item_per_category_and_beneficiaries_per_category():
    from tests.factories import DeliveryFactory

    entity = EntityFactory(code="X")
    one, two = EmployeeFactory(), EmployeeFactory()
    employed(one, entity)
    employed(two, entity)
    for person, item in ((one, "A"), (one, "B"), (two, "A")):
        DeliveryFactory(employee=person, entity=entity, item=item, delivered_on=date(2023, 5, 2))
    material = figures_of("X")[2023]["material"]
    assert material["by_category"]["chair"] == {"items": 3, "beneficiaries": 2, "cost": "747.00"}
    assert material["beneficiaries"] == 2 and material["pct"] == 100.0


# --- initiatives, entities ---------------------------------------------------------------------


def test_initiatives_of_the_entity_and_of_all(government):
    assert figures_json(entity_code="AIV", as_of=AS_OF)["initiatives"] == [
        {
            "kind": "material",
            "title": "Tweede scherm voor iedereen",
            "motivation": "Betere ergonomie thuis",
            "planned_from": "2024-01-01",
            "planned_to": "",
            "budget": "12000.00",
        }
    ]
    assert figures_json(entity_code="DV", as_of=AS_OF)["initiatives"] == []
    every = figures_json(entity_code="ALL", as_of=AS_OF)["initiatives"]
    assert [(i["entity"], i["title"]) for i in every] == [("AIV", "Tweede scherm voor iedereen")]


def test_an_unknown_entity_is_an_error(government):
    with pytest.raises(UnknownEntityError, match="NOPE"):
        figures_json(entity_code="NOPE", as_of=AS_OF)


def test_per_entity_figures_equal_each_entity_report(government):
    per_entity = parliament_answer(entity_code="ALL", as_of=AS_OF, years=3).to_json()["entities"]
    assert [(e["entity"], e["name"]) for e in per_entity] == [
        ("AIV", "Agentschap Informatie Vlaanderen"),
        ("DV", "Digitaal Vlaanderen"),
    ]
    for entity in per_entity:
        alone = figures_json(entity_code=entity["entity"], as_of=AS_OF, years=3)
        assert entity["years"] == alone["years"]


# --- percentages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "pct"),
    [
        (1, 8, 12.5),
        (1, 3, 33.3),
        (2, 3, 66.7),
        (1, 16, 6.3),  # 6.25: half up, where float rounding gives 6.2
        (49, 400, 12.3),  # 12.25
        (3, 3, 100.0),
        (0, 5, 0.0),
        (0, 0, 0.0),
        (1, 0, 0.0),
    ],
)
def test_percentage_is_rounded_half_up_from_exact_decimals(part, whole, pct):
    assert percentage(part, whole) == pct


def test_percentages_in_the_figures_round_half_up():
    entity = EntityFactory(code="X")
    people = [EmployeeFactory() for _ in range(16)]
    for person in people:
        employed(person, entity)
    line(people[0], entity, date(2023, 1, 1), HOMEWORK)
    assert figures_of("X")[2023]["homework"]["pct"] == 6.3
    assert Decimal(figures_of("X")[2023]["financial"]["homework"]) == Decimal("20.00")


# --- the answer as one object ------------------------------------------------------------------


def test_the_answer_names_the_entity_and_for_all_every_entity(government):
    aiv = parliament_answer(entity_code="AIV", as_of=AS_OF)
    assert (aiv.entity, aiv.name, aiv.per_entity) == ("AIV", "Agentschap Informatie Vlaanderen", ())
    every = parliament_answer(entity_code="ALL", as_of=AS_OF)
    assert str(every.name) == "Vlaamse overheid (alle entiteiten)"
    assert [(e.code, e.name) for e in every.per_entity] == [
        ("AIV", "Agentschap Informatie Vlaanderen"),
        ("DV", "Digitaal Vlaanderen"),
    ]
    assert (
        every.to_json()["entities"][1]["years"]
        == figures_json(entity_code="DV", as_of=AS_OF)["years"]
    )


def test_parameters_carry_the_day_they_took_effect_in_law(government):
    answer = parliament_answer(entity_code="AIV", as_of=AS_OF)
    in_law = {p.name: p.in_law_from for p in answer.parameters}
    assert in_law["internet_forfait_amount"] == date(2021, 10, 1)
    assert in_law["third_party_benefit_in_kind"] == date(2021, 10, 1)
    assert in_law["homework_amount"] == date(2023, 1, 1)
    assert in_law["homework_effective_from"] == date(2023, 1, 1)
    assert in_law["calendar"] is None  # applies since always
    assert answer.measures_from == {"internet": date(2021, 10, 1), "homework": date(2023, 1, 1)}
    assert not answer.applies_in("homework", 2022) and answer.applies_in("homework", 2023)
    assert answer.applies_in("internet", 2021)


def test_a_later_parameter_value_takes_effect_on_its_own_day(government):
    ParameterValue.objects.create(
        name="homework_amount",
        value="25.00",
        effective_from=date(2023, 7, 1),
        legal_source="test",
    )
    amount = next(
        p
        for p in parliament_answer(entity_code="AIV", as_of=AS_OF).parameters
        if p.name == "homework_amount"
    )
    assert (amount.value, amount.in_law_from) == ("25.00", date(2023, 7, 1))


def test_figures_are_provisional_while_a_month_counted_is_open(government):
    answer = parliament_answer(entity_code="AIV", as_of=AS_OF)
    assert answer.provisional and all(y.provisional for y in answer.years)
    for month in month_range(date(2021, 1, 1), date(2023, 8, 1)):
        LedgerMonth.objects.create(month=month, status=LedgerMonth.Status.CLOSED)
    answer = parliament_answer(entity_code="AIV", as_of=AS_OF)
    assert answer.open_months == (date(2023, 9, 1),)
    assert [y.provisional for y in answer.years] == [False, False, True]
    assert answer.to_json()["open_months"] == ["2023-09"]
    LedgerMonth.objects.create(month=date(2023, 9, 1), status=LedgerMonth.Status.CLOSED)
    assert not parliament_answer(entity_code="AIV", as_of=AS_OF).provisional


def test_initiatives_that_ended_before_as_of_are_listed_apart(government):
    from tests.factories import PlannedInitiativeFactory

    PlannedInitiativeFactory(
        entity=government["aiv"],
        kind="financial",
        title="Proefproject mobiel internet",
        planned_from=date(2022, 1, 1),
        planned_to=date(2023, 6, 30),
    )
    answer = parliament_answer(entity_code="AIV", as_of=AS_OF)
    assert [i.title for i in answer.initiatives] == ["Tweede scherm voor iedereen"]
    assert [i.title for i in answer.past_initiatives] == ["Proefproject mobiel internet"]
    assert answer.to_json()["past_initiatives"][0]["planned_to"] == "2023-06-30"


@pytest.mark.parametrize("years", [0, 11, 28])
def test_years_outside_1_to_10_are_refused(government, years):
    with pytest.raises(ReportPeriodError, match="tussen 1 en 10"):
        parliament_answer(entity_code="AIV", as_of=AS_OF, years=years)


@pytest.mark.parametrize(
    ("as_of", "years"), [(date(1999, 12, 31), 1), (date(2001, 5, 1), 3), (date(1, 1, 1), 2)]
)
def test_a_report_that_starts_before_the_first_parameter_value_is_refused(government, as_of, years):
    with pytest.raises(ReportPeriodError, match="vóór de eerste waarde van de parameters"):
        parliament_answer(entity_code="AIV", as_of=as_of, years=years)


def test_an_as_of_date_beyond_the_calendar_is_refused(government):
    with pytest.raises(ReportPeriodError, match="2100-12-31"):
        parliament_answer(entity_code="AIV", as_of=date(9999, 12, 31), years=2)
    assert len(parliament_answer(entity_code="AIV", as_of=date(2100, 12, 31), years=1).years) == 1


def test_the_sql_takes_its_table_and_column_names_from_the_models():
    with open(parliament.__file__, encoding="utf-8") as module:
        source = module.read()
    for literal in (
        "people_employmentperiod",
        "allowances_ledgerline",
        "THEN units",
        "employee_id,",
    ):
        assert literal not in source
