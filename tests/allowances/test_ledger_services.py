"""The monthly run against the database: replacement of open months, corrections for closed ones."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from tests.factories import (
    AgreementFactory,
    EmploymentPeriodFactory,
    InternetOptionFactory,
    RegistrationFactory,
    ThirdPartyInvoiceFactory,
)

from thuiswerk.allowances.models import LedgerLine, LedgerMonth
from thuiswerk.allowances.services import (
    LedgerError,
    ledger_compute,
    month_close,
    month_reopen,
)
from thuiswerk.audit.models import AuditEvent
from thuiswerk.rules.booking import booking_month

MARCH = date(2023, 3, 1)
APRIL = date(2023, 4, 1)
MAY = date(2023, 5, 1)


def tuesdays(month: date) -> list[date]:
    days = [month + timedelta(days=i) for i in range(31)]
    return [d for d in days if d.month == month.month and d.weekday() == 1]


def home_on(employee, days):
    for day in days:
        RegistrationFactory(employee=employee, date=day)


@pytest.fixture
def teleworker():
    period = EmploymentPeriodFactory(entity__code="AIV")
    AgreementFactory(employee=period.employee)
    return period.employee


def lines(**filters):
    return sorted(
        (
            line.employee_id,
            line.month,
            line.booked_in,
            line.measure,
            line.kind,
            line.employee_amount,
            line.employer_cost,
            line.units,
            line.entity_id,
        )
        for line in LedgerLine.objects.filter(**filters)
    )


def test_open_month_gets_entitlements_booked_in_itself(teleworker):
    home_on(
        teleworker, tuesdays(MARCH)
    )  # 4 Tuesdays; March 2023 has 23 working days: floor(23/5) = 4
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    assert lines() == [
        (
            teleworker.pk,
            MARCH,
            MARCH,
            "HOMEWORK",
            "entitlement",
            Decimal("20.00"),
            Decimal("20.00"),
            1,
            teleworker.periods.get().entity_id,
        ),
        (
            teleworker.pk,
            MARCH,
            MARCH,
            "INTERNET_FORFAIT",
            "entitlement",
            Decimal("20.00"),
            Decimal("20.00"),
            1,
            teleworker.periods.get().entity_id,
        ),
    ]
    line = LedgerLine.objects.get(measure="HOMEWORK")
    assert line.explanation_data["facts"]["home_days"] == 4
    assert line.explanation_data["facts"]["present_days"] == 23


def test_recomputing_an_open_month_is_idempotent(teleworker):
    home_on(teleworker, tuesdays(MARCH))
    ledger_compute(month_from=MARCH, month_to=APRIL, actor="t")
    first = lines()
    run = ledger_compute(month_from=MARCH, month_to=APRIL, actor="t")
    assert lines() == first
    # Nothing changed, so nothing is rewritten: the lines keep the run that made them.
    assert (
        run.stats["lines_unchanged"],
        run.stats["lines_written"],
        run.stats["lines_removed"],
    ) == (len(first), 0, 0)
    assert not LedgerLine.objects.filter(run=run).exists()


def test_open_month_lines_are_replaced_when_inputs_change(teleworker):
    home_on(teleworker, tuesdays(MARCH))
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    teleworker.registrations.filter(date=tuesdays(MARCH)[0]).delete()  # 3 home days: no HOMEWORK
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    assert [line[3] for line in lines()] == ["INTERNET_FORFAIT"]
    assert not LedgerLine.objects.filter(kind="correction").exists()


def test_closed_month_gets_corrections_in_the_first_open_month(teleworker):
    home_on(teleworker, tuesdays(MARCH)[:3])  # 3 home days: internet only
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    month_close(month=MARCH, actor="t")
    paid = lines()
    home_on(teleworker, tuesdays(MARCH)[3:])  # a late registration: now 4, HOMEWORK due
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    new = [line for line in lines() if line not in paid]
    assert paid == lines(booked_in=MARCH)  # the paid month did not change
    assert new == [
        (
            teleworker.pk,
            MARCH,
            APRIL,
            "HOMEWORK",
            "correction",
            Decimal("20.00"),
            Decimal("20.00"),
            1,
            paid[0][-1],
        )
    ]
    correction = LedgerLine.objects.get(kind="correction")
    assert correction.explanation_data["correction"] == {
        "paid_employee_amount_cents": 0,
        "paid_employer_cost_cents": 0,
    }
    assert correction.explanation_data["now_due"]["facts"]["home_days"] == 4


def test_withdrawn_entitlement_is_corrected_with_negative_units(teleworker):
    home_on(teleworker, tuesdays(MARCH))
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    month_close(month=MARCH, actor="t")
    teleworker.agreements.update(status="withdrawn")
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    corrections = lines(kind="correction")
    assert [(c[3], c[5], c[6], c[7]) for c in corrections] == [
        ("HOMEWORK", Decimal("-20.00"), Decimal("-20.00"), -1),
        ("INTERNET_FORFAIT", Decimal("-20.00"), Decimal("-20.00"), -1),
    ]
    assert all(c[2] == APRIL for c in corrections)
    ledger_compute(
        month_from=MARCH, month_to=MARCH, actor="t"
    )  # again: nothing new, nothing doubled
    assert lines(kind="correction") == corrections


def test_unpaid_corrections_are_replaced_not_stacked(teleworker):
    home_on(teleworker, tuesdays(MARCH))
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    month_close(month=MARCH, actor="t")
    teleworker.agreements.update(status="withdrawn")
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    teleworker.agreements.update(status="approved")  # the withdrawal was a mistake
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    assert lines(kind="correction") == []


def test_corrections_of_a_closed_booking_month_stay_and_the_rest_goes_to_the_next_open_one(
    teleworker,
):
    home_on(teleworker, tuesdays(MARCH))
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    month_close(month=MARCH, actor="t")
    teleworker.agreements.update(status="withdrawn")
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    month_close(month=APRIL, actor="t")  # the corrections were paid in April
    teleworker.agreements.update(status="approved")
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    may = lines(booked_in=MAY)
    assert [(c[3], c[4], c[5], c[7]) for c in may] == [
        ("HOMEWORK", "correction", Decimal("20.00"), 1),
        ("INTERNET_FORFAIT", "correction", Decimal("20.00"), 1),
    ]


def test_third_party_payer_cost_benefit_in_kind_and_warnings(teleworker):
    InternetOptionFactory(employee=teleworker, valid_from=date(2022, 1, 1))
    ThirdPartyInvoiceFactory(employee=teleworker, month=MARCH, amount=Decimal("41.99"))
    ThirdPartyInvoiceFactory(
        employee=teleworker, month=MAY, amount=Decimal("39.00")
    )  # no home day in May
    home_on(teleworker, tuesdays(MARCH) + tuesdays(APRIL)[:1])
    run = ledger_compute(month_from=MARCH, month_to=MAY, actor="t")
    by_measure = {(line[1], line[3]): line for line in lines()}
    assert by_measure[(MARCH, "INTERNET_THIRD_PARTY")][5:8] == (
        Decimal("0.00"),
        Decimal("41.99"),
        1,
    )
    assert by_measure[(MARCH, "INTERNET_BIK")][5:8] == (Decimal("5.00"), Decimal("0.00"), 1)
    assert by_measure[(APRIL, "INTERNET_THIRD_PARTY")][5:8] == (Decimal("0.00"), Decimal("0.00"), 1)
    codes = sorted((w["code"], w["month"]) for w in run.warnings)
    assert codes == [("missing_invoice", "2023-04"), ("unmatched_invoice", "2023-05")]
    assert run.stats["unmatched_invoices"] == 1


def test_booking_month_skips_closed_months():
    closed = {date(2023, 1, 1), date(2023, 2, 1)}
    assert booking_month(date(2023, 1, 1), closed) == date(2023, 3, 1)
    assert booking_month(date(2023, 3, 1), closed) == date(2023, 3, 1)


def test_close_and_reopen_are_audited_and_guarded(teleworker):
    month_close(month=MARCH, actor="hr")
    with pytest.raises(LedgerError, match="already closed"):
        month_close(month=MARCH, actor="hr")
    with pytest.raises(LedgerError, match="reason"):
        month_reopen(month=MARCH, actor="central", reason="  ")
    with pytest.raises(LedgerError, match="not closed"):
        month_reopen(month=APRIL, actor="central", reason="typo")
    month_reopen(month=MARCH, actor="central", reason="payroll file rejected by the bank")
    assert LedgerMonth.objects.get(month=MARCH).status == "open"
    event = AuditEvent.objects.get(action="month.reopen")
    assert (event.actor, event.object_id, event.reason) == (
        "central",
        "2023-03",
        "payroll file rejected by the bank",
    )
    assert AuditEvent.objects.filter(action="month.close").count() == 1


def test_reopened_month_is_replaced_again(teleworker):
    home_on(teleworker, tuesdays(MARCH))
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    month_close(month=MARCH, actor="t")
    month_reopen(month=MARCH, actor="t", reason="late registrations")
    teleworker.registrations.filter(date=tuesdays(MARCH)[0]).delete()
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    assert [(line[2], line[3], line[4]) for line in lines()] == [
        (MARCH, "INTERNET_FORFAIT", "entitlement")
    ]


def test_a_month_range_must_be_months_in_order():
    with pytest.raises(LedgerError):
        ledger_compute(month_from=APRIL, month_to=MARCH, actor="t")


def test_a_line_whose_facts_change_is_rewritten_even_when_its_amount_does_not(teleworker):
    home_on(teleworker, tuesdays(MARCH))
    first = ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    home_on(teleworker, [date(2023, 3, 1)])  # a fifth home day: same amounts, other facts
    second = ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    assert (second.stats["lines_written"], second.stats["lines_removed"]) == (2, 2)
    homework = LedgerLine.objects.get(measure="HOMEWORK")
    assert (homework.run_id, homework.explanation_data["facts"]["home_days"]) == (second.pk, 5)
    assert not LedgerLine.objects.filter(run=first).exists()


def test_a_changed_registration_rewrites_only_the_lines_of_its_month(teleworker):
    home_on(teleworker, tuesdays(MARCH) + tuesdays(APRIL))
    first = ledger_compute(month_from=MARCH, month_to=APRIL, actor="t")
    home_on(teleworker, [date(2023, 4, 5)])  # April's facts change, March's do not
    second = ledger_compute(month_from=MARCH, month_to=APRIL, actor="t")
    assert (second.stats["lines_written"], second.stats["lines_removed"]) == (2, 2)
    runs = dict(LedgerLine.objects.values_list("month", "run").distinct())
    assert runs == {MARCH: first.pk, APRIL: second.pk}


def test_a_stored_line_without_digest_is_rewritten_once_with_the_same_content(teleworker):
    home_on(teleworker, tuesdays(MARCH))
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    before = lines()
    explanations = sorted(LedgerLine.objects.values_list("explanation", flat=True))
    LedgerLine.objects.update(digest=None)  # e.g. written before lines had digests
    again = ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    assert (again.stats["lines_written"], again.stats["lines_removed"]) == (2, 2)
    assert lines() == before
    assert sorted(LedgerLine.objects.values_list("explanation", flat=True)) == explanations
    assert ledger_compute(month_from=MARCH, month_to=MARCH, actor="t").stats["lines_written"] == 0
