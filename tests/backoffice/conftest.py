from datetime import date, timedelta
from decimal import Decimal

import pytest
from tests.factories import (
    AgreementFactory,
    DeliveryFactory,
    EmployeeFactory,
    EmploymentPeriodFactory,
    InternetOptionFactory,
    RegistrationFactory,
)

from thuiswerk.budgets.models import BudgetLine


@pytest.fixture(autouse=True)
def _stub_urls(settings):
    settings.ROOT_URLCONF = "tests.backoffice.stub_urls"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """`world`'s ten users with a fast hasher: PBKDF2 costs about a second each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def figures(world):
    """Something to count in both entities: agreements, an option, home days, deliveries,
    budgets and a computed ledger for January to March 2026 (the dashboards' last 12 months)."""
    from thuiswerk.allowances.services import ledger_compute

    for side in (world.a, world.b):
        AgreementFactory(employee=side.employee, valid_from=date(2025, 1, 1))
        InternetOptionFactory(employee=side.employee, option="forfait", valid_from=date(2025, 1, 1))
        day = date(2026, 1, 6)  # a Tuesday: every Tuesday at home
        while day < date(2026, 4, 1):
            RegistrationFactory(employee=side.employee, date=day, location="home", part="full")
            day += timedelta(days=7)
        DeliveryFactory(
            employee=side.employee,
            entity=side.entity,
            item="Bureaustoel",
            category="chair",
            delivered_on=date(2026, 3, 2),
            cost=Decimal("250.00"),
        )
        for measure, amount in (("financial", "1000.00"), ("material", "500.00")):
            BudgetLine.objects.create(
                entity=side.entity, year=2026, measure=measure, amount=Decimal(amount)
            )
    ledger_compute(month_from=date(2026, 1, 1), month_to=date(2026, 3, 1), actor="test")
    return world


@pytest.fixture
def outsider(world):
    """A third person in entity B only, to check that no page leaks B's staff to A's HR."""
    person = EmployeeFactory(first_name="Olga", last_name="Buitenstaander")
    EmploymentPeriodFactory(employee=person, entity=world.b.entity, start_date=date(2020, 1, 1))
    return person
