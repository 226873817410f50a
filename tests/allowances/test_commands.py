"""The ledger commands as a user runs them."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.factories import AgreementFactory, EmploymentPeriodFactory, RegistrationFactory

from thuiswerk.allowances.models import LedgerLine, LedgerMonth


@pytest.fixture
def teleworker():
    period = EmploymentPeriodFactory(entity__code="AIV", employee__personnel_number="P000042")
    AgreementFactory(employee=period.employee)
    for day in (7, 14, 21, 28):  # the Tuesdays of March 2023
        RegistrationFactory(employee=period.employee, date=date(2023, 3, day))
    return period.employee


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_compute_close_reopen(teleworker):
    out = run("compute", "--from", "2023-03", "--to", "2023-04", "--actor", "hr")
    assert "2 lines written" in out
    assert LedgerLine.objects.count() == 2
    assert run("close", "--month", "2023-03") == "2023-03 closed\n"
    assert LedgerMonth.objects.get(month=date(2023, 3, 1)).status == "closed"
    with pytest.raises(CommandError, match="already closed"):
        run("close", "--month", "2023-03", "--lang", "en")
    assert "reopened" in run("reopen", "--month", "2023-03", "--reason", "bank rejected the file")


@pytest.mark.parametrize("bad", ["2023-13", "March", "2023-3-1"])
def test_compute_refuses_a_malformed_month(bad):
    with pytest.raises(CommandError, match="YYYY-MM"):
        run("compute", "--from", bad, "--to", "2023-04")


def test_explain_says_why(teleworker):
    out = run("explain", "P000042", "--month", "2023-03", "--lang", "en")
    assert "home days" in out
    assert "HOMEWORK  DUE: 4 home day(s) >= 4 required" in out
    assert "homework_amount" in out and "BVR van 8 september 2023" in out
    out = run("explain", "P000042", "--month", "2022-03", "--lang", "en")
    assert "HOMEWORK  not due: the measure applies from 2023-01-01" in out
    with pytest.raises(CommandError, match="unknown employee: NOPE"):
        run("explain", "NOPE", "--month", "2023-03", "--lang", "en")


def test_explain_speaks_dutch_by_default(teleworker):
    out = run("explain", "P000042", "--month", "2022-03")
    assert "Maandgegevens" in out and "thuiswerkdagen" in out
    assert "HOMEWORK  niet verschuldigd: de maatregel geldt vanaf 2023-01-01" in out
    assert "INTERNET  niet verschuldigd: 0 thuiswerkdag(en), 1 vereist" in out
    with pytest.raises(CommandError, match="onbekend personeelslid: NOPE"):
        run("explain", "NOPE", "--month", "2023-03")


def test_rules_lists_every_parameter_with_its_source():
    out = run("rules")
    for name in ("internet_forfait_amount", "homework_min_days_per_week", "calendar"):
        assert name in out
    assert "assumption" in out and "VPS art. VII 109" in out


def test_commands_refuse_an_uninitialised_database(monkeypatch):
    monkeypatch.setattr("thuiswerk.core.commands.schema_is_current", lambda: False)
    with pytest.raises(CommandError, match="thuiswerk init"):
        run("rules")
