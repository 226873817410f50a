"""What the ledger refuses, what it records, and the constraint that keeps a line single."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from tests.factories import (
    AgreementFactory,
    EmploymentPeriodFactory,
    InternetOptionFactory,
    LedgerLineFactory,
    RegistrationFactory,
)

from thuiswerk.allowances.models import LedgerLine, ParameterValue
from thuiswerk.allowances.selectors import month_explanation
from thuiswerk.allowances.services import (
    LedgerError,
    ledger_compute,
    month_close,
    parameter_add,
)
from thuiswerk.audit.models import AuditEvent
from thuiswerk.core import frames
from thuiswerk.core.months import next_month
from thuiswerk.reports.parliament import parliament_answer
from thuiswerk.telework.models import ThirdPartyInvoice

MARCH = date(2023, 3, 1)
APRIL = date(2023, 4, 1)


def home_tuesdays(employee, month):
    for day in (month + timedelta(days=i) for i in range(31)):
        if day.month == month.month and day.weekday() == 1:
            RegistrationFactory(employee=employee, date=day)


def test_a_month_that_has_not_begun_cannot_be_closed_but_the_current_one_can():
    this_month = timezone.localdate().replace(day=1)
    with pytest.raises(LedgerError, match="has not begun yet"):
        month_close(month=next_month(this_month), actor="hr")
    assert month_close(month=this_month, actor="hr").status == "closed"


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        (date(1999, 12, 1), date(2000, 1, 1), "No rule parameters are in force before 2000-01"),
        (date(2023, 1, 1), date(9999, 12, 1), "Months after 9999-11 cannot be computed"),
        (date(2100, 1, 1), date(2101, 1, 1), "knows no holidays for 2101"),
        (date(2023, 2, 1), date(2023, 1, 1), "Not a range of months"),
    ],
)
def test_compute_refuses_months_it_cannot_compute_with_a_ledger_error(first, last, message):
    with pytest.raises(LedgerError, match=message):
        ledger_compute(month_from=first, month_to=last, actor="t")


def test_a_ledger_line_is_unique_on_employee_month_measure_entity_and_payroll_month():
    line = LedgerLineFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerLineFactory(
            run=line.run, employee=line.employee, entity=line.entity, month=line.month
        )
    # A correction of the same month booked in another payroll month is another line.
    LedgerLineFactory(
        run=line.run,
        employee=line.employee,
        entity=line.entity,
        month=line.month,
        booked_in=next_month(line.month),
        kind="correction",
    )
    assert LedgerLine.objects.count() == 2


@pytest.mark.skipif(connection.vendor != "sqlite", reason="bulk_changes acts on SQLite only")
def test_the_unique_constraint_survives_the_index_rebuild_of_bulk_writes(monkeypatch):
    monkeypatch.setattr(frames, "BATCH_ROWS", 1)  # every write counts as a bulk write
    line = LedgerLineFactory()
    table = LedgerLine._meta.db_table
    with connection.cursor() as cursor, frames.bulk_changes(cursor, table, 10):
        cursor.execute(
            f"SELECT count(*) FROM sqlite_master WHERE tbl_name = '{table}'"
            " AND type = 'index' AND sql IS NOT NULL"
        )
        assert cursor.fetchone()[0] == 0  # the secondary indexes are gone meanwhile ...
        with pytest.raises(IntegrityError), transaction.atomic():
            LedgerLineFactory(run=line.run, employee=line.employee, entity=line.entity)
    assert LedgerLine.objects.count() == 1  # ... and the unique one was enforced throughout


def test_the_amount_columns_hold_cents_as_the_engine_counts_them():
    places = {
        (model.__name__, field): model._meta.get_field(field).decimal_places
        for model, field in [
            (LedgerLine, "employee_amount"),
            (LedgerLine, "employer_cost"),
            (ThirdPartyInvoice, "amount"),
        ]
    }
    assert set(places.values()) == {2}, places


def test_compute_is_audited_with_its_range_counts_and_parameters():
    period = EmploymentPeriodFactory()
    AgreementFactory(employee=period.employee)
    home_tuesdays(period.employee, MARCH)
    run = ledger_compute(month_from=MARCH, month_to=APRIL, actor="payroll")
    event = AuditEvent.objects.get(action="ledger.compute")
    assert (event.actor, event.object_type, event.object_id) == ("payroll", "run", str(run.pk))
    assert event.data["from"] == "2023-03" and event.data["to"] == "2023-04"
    assert (event.data["lines_written"], event.data["by_kind"]) == (2, {"entitlement": 2})
    assert event.data["warnings"] == 0
    assert event.before is None
    assert event.after["id"] == run.pk
    assert event.after["month_from"] == "2023-03-01"
    assert {p["name"] for p in event.after["parameters"]} >= {"homework_amount", "calendar"}
    assert event.after["stats"]["lines_due"] == 2


def test_parameter_add_is_validated_and_audited_with_the_value_after():
    added = parameter_add(
        name="homework_amount",
        value=" 22.50 ",
        effective_from=date(2025, 1, 1),
        legal_source="BVR van 1 december 2024",
        actor="central",
        reason="indexation",
    )
    assert added.value == "22.50"
    event = AuditEvent.objects.get(
        action="parameter.add", object_id="homework_amount", actor="central"
    )
    assert event.reason == "indexation"
    assert event.before is None
    assert (event.after["value"], event.after["effective_from"], event.after["legal_source"]) == (
        "22.50",
        "2025-01-01",
        "BVR van 1 december 2024",
    )
    assert event.data == {"value": "22.50", "effective_from": "2025-01-01"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "homework_bonus"}, "Unknown parameter homework_bonus"),
        ({"value": "twenty"}, "is not a valid value for homework_amount"),
        ({"value": "NaN"}, "is not a valid value"),
        ({"name": "internet_effective_from", "value": "2021-13-01"}, "is not a valid value"),
        ({"legal_source": "  "}, "needs its legal source"),
        ({"name": "calendar", "value": "gregorian"}, "the name of a known calendar"),
        ({"effective_from": date(2000, 1, 1)}, "values are never rewritten"),
    ],
)
def test_parameter_add_refuses_what_it_cannot_read_or_would_rewrite(changes, message):
    arguments = {
        "name": "homework_amount",
        "value": "21.00",
        "effective_from": date(2025, 1, 1),
        "legal_source": "BVR",
        "actor": "central",
        **changes,
    }
    with pytest.raises(LedgerError, match=message):
        parameter_add(**arguments)
    assert not ParameterValue.objects.filter(effective_from=date(2025, 1, 1)).exists()


def test_a_value_in_a_closed_month_needs_to_be_added_as_retroactive_with_a_reason():
    month_close(month=MARCH, actor="hr")
    arguments = {
        "name": "homework_amount",
        "value": "21.00",
        "effective_from": date(2023, 3, 15),
        "legal_source": "BVR",
        "actor": "central",
    }
    with pytest.raises(LedgerError, match="changes the closed month 2023-03"):
        parameter_add(**arguments)
    with pytest.raises(LedgerError, match="retroactive"):
        parameter_add(**arguments, retroactive=True, reason=" ")
    parameter_add(**arguments, retroactive=True, reason="BVR with retroactive effect")
    assert ParameterValue.objects.filter(effective_from=date(2023, 3, 15)).exists()
    # From the month after the last closed one, no flag is needed.
    parameter_add(**{**arguments, "effective_from": APRIL})


def test_init_seeds_the_defaults_through_parameter_add():
    events = AuditEvent.objects.filter(action="parameter.add", actor="test")
    assert events.count() == 8
    assert all(e.after["legal_source"] and e.reason for e in events)


def test_a_correction_that_only_withdraws_a_measure_lowers_the_parliamentary_count():
    """A third-party payer without an invoice got the measure at 0.00; withdrawing it is a
    correction of units -1 and 0.00, and the internet third-party count of the year drops."""
    period = EmploymentPeriodFactory(entity__code="AIV")
    employee = period.employee
    agreement = AgreementFactory(employee=employee)
    InternetOptionFactory(employee=employee, valid_from=date(2022, 1, 1))
    home_tuesdays(employee, MARCH)
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    month_close(month=MARCH, actor="t")

    def third_party_count() -> int:
        figures = parliament_answer(entity_code="AIV", as_of=date(2023, 12, 31), years=1).to_json()
        (year,) = [y for y in figures["years"] if y["year"] == 2023]
        return year["internet"]["third_party"]

    assert third_party_count() == 1
    agreement.status = "withdrawn"
    agreement.save()
    ledger_compute(month_from=MARCH, month_to=MARCH, actor="t")
    correction = LedgerLine.objects.get(kind="correction", measure="INTERNET_THIRD_PARTY")
    assert (correction.booked_in, correction.units) == (APRIL, -1)
    assert (correction.employee_amount, correction.employer_cost) == (Decimal("0.00"),) * 2
    assert third_party_count() == 0


def test_ledger_errors_speak_dutch_by_default_and_english_on_request():
    next_year = date(timezone.localdate().year + 1, 1, 1)
    with translation.override("nl"), pytest.raises(LedgerError, match="is nog niet begonnen"):
        month_close(month=next_year, actor="hr")
    with translation.override("en"), pytest.raises(LedgerError, match="has not begun yet"):
        month_close(month=next_year, actor="hr")


def test_explain_refuses_a_month_it_cannot_compute_with_a_ledger_error():
    employee = EmploymentPeriodFactory().employee
    with pytest.raises(LedgerError, match="No rule parameters are in force before 2000-01"):
        month_explanation(personnel_number=employee.personnel_number, month=date(1999, 1, 1))
