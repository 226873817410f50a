"""The engine's inputs as the run reads them: registrations in parallel spans of days."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from tests.factories import EmploymentPeriodFactory, RegistrationFactory

from thuiswerk.allowances import inputs
from thuiswerk.allowances.inputs import load_engine_inputs


def test_day_spans_cover_the_days_once_in_order():
    first, end = date(2021, 1, 1), date(2023, 12, 31)
    spans = inputs._day_spans(first, end, 4)
    assert len(spans) == 4
    assert spans[0][0] == first and spans[-1][1] == end
    assert all(b + timedelta(days=1) == c for (_, b), (c, _) in zip(spans, spans[1:], strict=False))
    assert inputs._day_spans(first, first, 4) == [(first, first)]


@pytest.mark.django_db(transaction=True)
def test_registrations_read_in_parallel_are_those_read_on_one_connection(monkeypatch):
    monkeypatch.setattr(inputs.os, "cpu_count", lambda: 3)
    period = EmploymentPeriodFactory()
    days = [date(2022, 1, 3) + timedelta(days=9 * i) for i in range(80)]  # across both years
    for day in days:
        RegistrationFactory(employee=period.employee, date=day)
    parallel = load_engine_inputs(date(2022, 1, 1), date(2023, 12, 1))["registrations"]
    with transaction.atomic():  # within a transaction: one connection
        single = load_engine_inputs(date(2022, 1, 1), date(2023, 12, 1))["registrations"]
    assert parallel.height == len(days)
    assert parallel.sort("date").equals(single.sort("date"))
