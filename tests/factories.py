"""factory_boy factories for the domain models, shared by all tests."""

from datetime import date
from decimal import Decimal

import factory

from thuiswerk.allowances.models import ComputationRun, LedgerLine
from thuiswerk.budgets.models import BudgetLine, PlannedInitiative
from thuiswerk.equipment.models import Delivery
from thuiswerk.people.models import Employee, EmploymentPeriod, Entity
from thuiswerk.telework.models import Agreement, InternetOption, Registration, ThirdPartyInvoice


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"E{n:03d}")
    name = factory.LazyAttribute(lambda o: f"Entiteit {o.code}")


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee
        django_get_or_create = ("personnel_number",)

    personnel_number = factory.Sequence(lambda n: f"P{n:06d}")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    email = factory.LazyAttribute(lambda o: f"{o.personnel_number.lower()}@vlaanderen.be")


class EmploymentPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmploymentPeriod

    employee = factory.SubFactory(EmployeeFactory)
    entity = factory.SubFactory(EntityFactory)
    fte = Decimal("1.000")
    start_date = date(2020, 1, 1)
    end_date = None


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    employee = factory.SubFactory(EmployeeFactory)
    valid_from = date(2021, 1, 1)
    valid_to = None
    days_per_week = Decimal("2.0")
    status = Agreement.Status.APPROVED
    approved_on = date(2020, 12, 15)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    employee = factory.SubFactory(EmployeeFactory)
    date = date(2023, 1, 2)
    location = Registration.Location.HOME
    part = Registration.Part.FULL


class InternetOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InternetOption

    employee = factory.SubFactory(EmployeeFactory)
    option = InternetOption.Option.THIRD_PARTY
    valid_from = date(2021, 10, 1)
    provider = "Proximus"


class ThirdPartyInvoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThirdPartyInvoice

    employee = factory.SubFactory(EmployeeFactory)
    month = date(2023, 1, 1)
    provider = "Proximus"
    amount = Decimal("45.50")


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    employee = factory.SubFactory(EmployeeFactory)
    entity = factory.SubFactory(EntityFactory)
    item = "Bureaustoel ergonomisch"
    category = Delivery.Category.CHAIR
    delivered_on = date(2022, 3, 15)
    cost = Decimal("249.00")
    ownership = Delivery.Ownership.LOAN
    returned_on = None


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    entity = factory.SubFactory(EntityFactory)
    year = 2023
    measure = "financial"
    amount = Decimal("100000.00")


class PlannedInitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedInitiative

    entity = factory.SubFactory(EntityFactory)
    kind = "material"
    title = factory.Sequence(lambda n: f"Initiatief {n}")
    motivation = "Betere ergonomie thuis"
    planned_from = date(2024, 1, 1)
    planned_to = date(2024, 12, 31)
    budget = Decimal("50000.00")


class ComputationRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComputationRun

    actor = "test"
    month_from = date(2023, 1, 1)
    month_to = date(2023, 1, 1)


class LedgerLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LedgerLine

    run = factory.SubFactory(ComputationRunFactory)
    employee = factory.SubFactory(EmployeeFactory)
    entity = factory.SubFactory(EntityFactory)
    month = date(2023, 1, 1)
    booked_in = factory.LazyAttribute(lambda o: o.month)
    measure = LedgerLine.Measure.HOMEWORK
    kind = LedgerLine.Kind.ENTITLEMENT
    employee_amount = Decimal("20.00")
    employer_cost = factory.LazyAttribute(lambda o: o.employee_amount)
    explanation = "{}"


class CatalogItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "equipment.CatalogItem"

    entity = factory.SubFactory(EntityFactory)
    name = factory.Sequence(lambda n: f"Bureaustoel model {n}")
    category = Delivery.Category.CHAIR
    unit_cost = Decimal("250.00")
    max_per_employee = 1
    ownership = Delivery.Ownership.LOAN
    active = True
