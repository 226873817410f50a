"""The ledger commands as a user runs them."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.factories import AgreementFactory, EmploymentPeriodFactory, RegistrationFactory

from thuiswerk.allowances.models import LedgerLine, LedgerMonth, ParameterValue


@pytest.fixture(autouse=True)
def _english():
    """Not English here (tests/allowances/conftest.py): the commands speak Dutch by default and
    these tests choose the language as a user does, with --lang."""
    yield


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
    assert "2 lijnen geschreven (recht 2), 0 ongewijzigd, 0 verwijderd" in out
    assert LedgerLine.objects.count() == 2
    assert run("close", "--month", "2023-03") == "2023-03 afgesloten\n"
    assert LedgerMonth.objects.get(month=date(2023, 3, 1)).status == "closed"
    with pytest.raises(CommandError, match="already closed"):  # LedgerError: one line
        run("close", "--month", "2023-03", "--lang", "en")
    out = run("reopen", "--month", "2023-03", "--reason", "bank rejected the file", "--lang", "en")
    assert out == "2023-03 reopened\n"
    out = run("compute", "--from", "2023-03", "--to", "2023-03", "--lang", "en")
    assert "0 lines written (none), 2 unchanged, 0 removed" in out


@pytest.mark.parametrize("bad", ["2023-13", "March", "2023-3-1"])
def test_compute_refuses_a_malformed_month(bad):
    with pytest.raises(CommandError, match="geen maand \\(JJJJ-MM\\)"):
        run("compute", "--from", bad, "--to", "2023-04")
    with pytest.raises(CommandError, match="not a month \\(YYYY-MM\\)"):
        run("compute", "--from", bad, "--to", "2023-04", "--lang", "en")


@pytest.mark.parametrize(
    ("command", "bad"),
    [
        (("compute", "--to", "2023-01", "--from"), "0001-01"),
        (("compute", "--from", "2023-01", "--to"), "10000-01"),
        (("compute", "--from", "2023-01", "--to"), "2101-01"),  # no holiday calendar after 2100
        (("close", "--month"), "1999-12"),
        (("explain", "P1", "--month"), "99999-01"),
        (("export", "ledger", "--out", "-", "--from"), "0001-01"),
    ],
)
def test_months_outside_the_supported_period_are_argument_errors(command, bad):
    with pytest.raises(
        CommandError, match=f"{bad} is outside the supported period 2000-01 .. 2100-12"
    ):
        run(*command, bad, "--lang", "en")


def test_explain_says_why(teleworker):
    run("compute", "--from", "2023-03", "--to", "2023-03")
    out = run("explain", "P000042", "--month", "2023-03", "--lang", "en")
    assert "home days" in out and "FTE 1.0" in out
    assert "home-working allowance: DUE: 4 home day(s) >= 4 required" in out
    assert "-> internet allowance, flat rate: employee EUR 20.00, employer EUR 20.00" in out
    assert "home-working allowance, entitlement, booked in 2023-03, employee EUR 20.00" in out
    assert "Home-working allowance per month" in out and "BVR van 8 september 2023" in out
    out = run("explain", "P000042", "--month", "2022-03", "--lang", "en")
    assert "home-working allowance: not due: the measure applies from 2023-01-01" in out
    with pytest.raises(CommandError, match="unknown employee: NOPE"):
        run("explain", "NOPE", "--month", "2023-03", "--lang", "en")


def test_explain_speaks_dutch_by_default(teleworker):
    run("compute", "--from", "2023-03", "--to", "2023-03")
    out = run("explain", "P000042", "--month", "2023-03")
    assert "Maandgegevens" in out and "thuiswerkdagen" in out
    assert "VTE 1,0" in out and "01/01/2020 .. open" in out
    assert "2 dag(en) per week  goedgekeurd" in out
    assert "laatste werkdag in dienst                        31/03/2023" in out
    assert "Parameters van kracht op 01/03/2023" in out
    assert "Thuiswerkvergoeding per maand" in out and "€ 20,00" in out
    assert "thuiswerkvergoeding: VERSCHULDIGD: 4 thuiswerkdag(en) >= 4 vereist" in out
    assert "-> internetvergoeding, forfait: personeelslid € 20,00, werkgever € 20,00" in out
    assert "thuiswerkvergoeding, recht, geboekt in 2023-03, personeelslid € 20,00" in out
    out = run("explain", "P000042", "--month", "2022-03")
    assert "thuiswerkvergoeding: niet verschuldigd: de maatregel geldt vanaf 01/01/2023" in out
    assert "internetvergoeding: niet verschuldigd: 0 thuiswerkdag(en), 1 vereist" in out
    with pytest.raises(CommandError, match="onbekend personeelslid: NOPE"):
        run("explain", "NOPE", "--month", "2023-03")


def test_rules_lists_every_parameter_with_its_source():
    header, *rows = run("rules").splitlines()
    assert header.split() == ["Parameter", "Waarde", "Van", "kracht", "Aanname", "Rechtsgrond"]
    assert len(rows) == len(ParameterValue.objects.all())
    forfait = next(r for r in rows if r.startswith("Internetvergoeding: forfait per maand"))
    assert forfait.split("  ")[-1] == "" or "VPS art. VII 109" in forfait
    assert "€ 20,00" in forfait and "sinds het begin" in forfait and "  nee  " in forfait
    due = next(r for r in rows if r.startswith("Internetvergoeding: verschuldigd vanaf"))
    assert "01/10/2021" in due and "  ja  " in due
    days = next(r for r in rows if r.startswith("Thuiswerkvergoeding: minimum aantal"))
    assert " 1,0 " in days and "Omzendbrief 2021/C/20" in days
    english = run("rules", "--lang", "en")
    assert "Internet allowance: flat rate per month" in english and "EUR 20.00" in english
    assert "2021-10-01" in english and "since the start" in english


def test_rules_shows_the_date_a_later_value_takes_effect():
    ParameterValue.objects.create(
        name="homework_amount",
        value="22.50",
        effective_from=date(2025, 1, 1),
        legal_source="BVR test",
        assumption=False,
    )
    rows = [r for r in run("rules").splitlines() if r.startswith("Thuiswerkvergoeding per maand")]
    assert ["€ 20,00" in rows[0], "€ 22,50" in rows[1], "vanaf 01/01/2025" in rows[1]] == [True] * 3


def test_commands_refuse_an_uninitialised_database(monkeypatch):
    monkeypatch.setattr("thuiswerk.core.commands.schema_is_current", lambda: False)
    with pytest.raises(CommandError, match="thuiswerk init"):
        run("rules")


def test_compute_warnings_in_words():
    from django.utils import translation

    from thuiswerk.allowances.management.commands.compute import warning_text

    unmatched = {
        "code": "unmatched_invoice",
        "employee_id": "P1",
        "month": "2023-03",
        "amount": "49.99",
    }
    missing = {"code": "missing_invoice", "employee_id": "P2", "month": "2023-04"}
    assert warning_text(unmatched) == (
        "factuur zonder verschuldigde maand in de derdebetalersregeling: P1 2023-03, € 49,99"
    )
    assert warning_text(missing).startswith("maand in de derdebetalersregeling zonder factuur")
    with translation.override("en"):
        assert warning_text(unmatched).endswith("P1 2023-03, EUR 49.99")
    new = {"code": "something_new", "employee_id": "P3", "month": "2023-05"}
    assert warning_text(new) == "something_new P3 2023-05"
