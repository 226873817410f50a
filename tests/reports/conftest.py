"""A small government for the report tests: two entities, a mover, corrections, equipment, budgets."""

from datetime import date
from decimal import Decimal

import pytest
from tests.factories import (
    BudgetLineFactory,
    DeliveryFactory,
    EmployeeFactory,
    EmploymentPeriodFactory,
    EntityFactory,
    LedgerLineFactory,
    PlannedInitiativeFactory,
)

from thuiswerk.allowances.models import LedgerLine
from thuiswerk.reports.parliament import parliament_answer

FORFAIT = LedgerLine.Measure.INTERNET_FORFAIT
THIRD_PARTY = LedgerLine.Measure.INTERNET_THIRD_PARTY
BIK = LedgerLine.Measure.INTERNET_BIK
HOMEWORK = LedgerLine.Measure.HOMEWORK
CORRECTION = LedgerLine.Kind.CORRECTION

AS_OF = date(2023, 10, 12)


def figures_json(*, entity_code, as_of, years=3):
    """The answer as the report's JSON."""
    return parliament_answer(entity_code=entity_code, as_of=as_of, years=years).to_json()


def employed(employee, entity, start=date(2020, 1, 1), end=None):
    return EmploymentPeriodFactory(employee=employee, entity=entity, start_date=start, end_date=end)


def line(employee, entity, month, measure=FORFAIT, amount="20.00", cost=None, **extra):
    """A ledger line; cost defaults to the amount (forfait, homework)."""
    return LedgerLineFactory(
        employee=employee,
        entity=entity,
        month=month,
        measure=measure,
        employee_amount=Decimal(amount),
        employer_cost=Decimal(amount if cost is None else cost),
        **extra,
    )


def third_party(employee, entity, month, cost="45.50", **extra):
    """The third-party payer's line with its benefit in kind, as the monthly run writes them."""
    line(employee, entity, month, THIRD_PARTY, amount="0.00", cost=cost, **extra)
    line(employee, entity, month, BIK, amount="5.00", cost="0.00", **extra)


@pytest.fixture
def government():
    """AIV and DV with five staff members; figures as of 2023-10-12 (2023 counts Jan..Sep).

    - ann (AIV): forfait 2021-11, 2021-12 and 2022-01; homework 2023-01; a chair in 2022.
    - bob moves AIV -> DV on 2022-07-01: forfait 2022-03 in AIV, 2022-09 in DV; a screen and a
      headset in 2022 in DV.
    - cis (DV): third-party payer 2023-02 (45.50) and 2023-03 without invoice (0.00).
    - dirk (DV): forfait 2022-05, withdrawn by a correction booked in 2022-07.
    - eva (AIV) starts 2023-10-02, after the last month counted; a line for 2023-10.
    """
    aiv = EntityFactory(code="AIV", name="Agentschap Informatie Vlaanderen")
    dv = EntityFactory(code="DV", name="Digitaal Vlaanderen")
    ann, bob, cis, dirk, eva = (
        EmployeeFactory(personnel_number=n, last_name=n.capitalize(), first_name="X")
        for n in ("ann", "bob", "cis", "dirk", "eva")
    )
    employed(ann, aiv)
    employed(bob, aiv, end=date(2022, 6, 30))
    employed(bob, dv, start=date(2022, 7, 1))
    employed(cis, dv)
    employed(dirk, dv)
    employed(eva, aiv, start=date(2023, 10, 2))

    for month in (date(2021, 11, 1), date(2021, 12, 1), date(2022, 1, 1)):
        line(ann, aiv, month)
    line(ann, aiv, date(2023, 1, 1), HOMEWORK)
    line(bob, aiv, date(2022, 3, 1))
    line(bob, dv, date(2022, 9, 1))
    third_party(cis, dv, date(2023, 2, 1))
    third_party(cis, dv, date(2023, 3, 1), cost="0.00")
    line(dirk, dv, date(2022, 5, 1))
    line(
        dirk,
        dv,
        date(2022, 5, 1),
        amount="-20.00",
        kind=CORRECTION,
        booked_in=date(2022, 7, 1),
        units=-1,
    )
    line(eva, aiv, date(2023, 10, 1))

    DeliveryFactory(employee=ann, entity=aiv, category="chair", delivered_on=date(2022, 2, 1))
    DeliveryFactory(
        employee=bob, entity=dv, category="screen", item="Scherm", delivered_on=date(2022, 8, 1)
    )
    DeliveryFactory(
        employee=bob,
        entity=dv,
        category="headset",
        item="Headset",
        delivered_on=date(2022, 8, 1),
        cost=Decimal("59.99"),
    )
    for entity, amount in ((aiv, "1000.00"), (dv, "2500.50")):
        BudgetLineFactory(entity=entity, year=2022, measure="financial", amount=Decimal(amount))
        BudgetLineFactory(entity=entity, year=2023, measure="material", amount=Decimal(amount))
    PlannedInitiativeFactory(
        entity=aiv,
        kind="material",
        title="Tweede scherm voor iedereen",
        planned_from=date(2024, 1, 1),
        planned_to=None,
        budget=Decimal("12000.00"),
    )
    return {"aiv": aiv, "dv": dv, "ann": ann, "bob": bob, "cis": cis, "dirk": dirk, "eva": eva}
