"""The generic audited save and delete behind the per-app services."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from tests.factories import EmployeeFactory, EmploymentPeriodFactory, EntityFactory

from thuiswerk.audit.models import AuditEvent
from thuiswerk.budgets.models import BudgetLine
from thuiswerk.budgets.services import budget_line_save
from thuiswerk.people.models import EmploymentPeriod
from thuiswerk.people.services import employee_save, period_delete, period_save


def test_a_save_records_the_values_before_and_after_and_a_no_change_is_not_recorded():
    employee = EmployeeFactory(first_name="An")
    employee.first_name = "Anna"
    employee_save(employee=employee, actor="hr", reason="typo")
    event = AuditEvent.objects.get(action="employee.change")
    assert (event.before["first_name"], event.after["first_name"], event.reason) == (
        "An",
        "Anna",
        "typo",
    )
    employee_save(employee=employee, actor="hr")
    assert AuditEvent.objects.filter(action="employee.change").count() == 1


def test_a_save_validates_first_and_writes_nothing_when_invalid():
    period = EmploymentPeriodFactory.build(
        employee=EmployeeFactory(), entity=EntityFactory(), fte=Decimal("1.5")
    )
    with pytest.raises(ValidationError):
        period_save(period=period, actor="hr")
    assert not EmploymentPeriod.objects.exists()
    assert not AuditEvent.objects.filter(object_type="employmentperiod").exists()


def test_money_and_dates_are_recorded_as_exact_text():
    line = budget_line_save(
        budget_line=BudgetLine(
            entity=EntityFactory(), year=2024, measure="financial", amount=Decimal("1234.50")
        ),
        actor="finance",
    )
    event = AuditEvent.objects.get(action="budgetline.add")
    assert (event.after["amount"], event.after["entity_id"]) == ("1234.50", line.entity_id)


def test_a_delete_keeps_the_last_values():
    period = EmploymentPeriodFactory(start_date=date(2021, 3, 1))
    period_delete(period=period, actor="hr")
    event = AuditEvent.objects.get(action="employmentperiod.delete")
    assert (event.before["start_date"], event.before["fte"], event.after) == (
        "2021-03-01",
        "1.000",
        None,
    )
