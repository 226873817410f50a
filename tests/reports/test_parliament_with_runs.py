"""The report on a ledger written by the monthly run itself, corrections included."""

from datetime import date, timedelta

from tests.factories import AgreementFactory, EmploymentPeriodFactory, RegistrationFactory
from tests.reports.conftest import figures_json

from thuiswerk.allowances.services import ledger_compute, month_close
from thuiswerk.telework.models import Agreement

MARCH = date(2023, 3, 1)
APRIL = date(2023, 4, 1)


def test_a_month_withdrawn_after_closing_no_longer_counts():
    period = EmploymentPeriodFactory(entity__code="AIV")
    agreement = AgreementFactory(employee=period.employee, valid_from=date(2023, 1, 1))
    for day in range(31):  # every weekday of March at home
        when = MARCH + timedelta(days=day)
        if when.weekday() < 5:
            RegistrationFactory(employee=period.employee, date=when)

    ledger_compute(month_from=MARCH, month_to=MARCH, actor="test")
    month_close(month=MARCH, actor="test")
    before = figures_json(entity_code="AIV", as_of=date(2023, 4, 30), years=1)["years"][0]
    assert before["internet"]["forfait"] == 1 and before["homework"]["total"] == 1
    assert before["financial"]["spent"] == "40.00"

    agreement.status = Agreement.Status.WITHDRAWN
    agreement.save()
    ledger_compute(month_from=MARCH, month_to=APRIL, actor="test")
    after = figures_json(entity_code="AIV", as_of=date(2023, 4, 30), years=1)["years"][0]
    assert after["headcount"] == 1
    assert after["internet"]["forfait"] == 0 and after["homework"]["total"] == 0
    assert after["financial"]["spent"] == "0.00"
