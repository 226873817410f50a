"""`thuiswerk demo` end to end on a small government."""

import json
import re
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from python_calamine import CalamineWorkbook

from thuiswerk.allowances.models import LedgerLine, LedgerMonth
from thuiswerk.core.months import format_month, month_end, month_range
from thuiswerk.demo.generate import last_full_month
from thuiswerk.demo.management.commands.demo import Command, database_url
from thuiswerk.imports.kinds import KINDS


@pytest.mark.slow
def test_demo_imports_computes_closes_and_writes_both_workbooks(tmp_path, capsys):
    out, data = tmp_path / "out", tmp_path / "data"
    last = last_full_month(date.today())
    all_as_of = month_end(last).isoformat()

    call_command("demo", "--staff=40", "--seed=3", f"--out={out}", f"--data={data}", verbosity=0)

    printed = capsys.readouterr().out
    for step in range(1, 6):
        assert f"[{step}/5] " in printed
    assert {path.name for path in data.iterdir()} == {f"{kind}.csv" for kind in KINDS}
    workbooks = {
        "AIV": out / "parlement-AIV-2023-10-12",
        "ALL": out / f"parlement-ALL-{all_as_of}",
    }
    for entity, stem in workbooks.items():
        figures = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        assert figures["entity"] == entity
        assert len(figures["years"]) == 3
        assert str(stem.with_suffix(".xlsx")) in printed
        assert CalamineWorkbook.from_path(str(stem.with_suffix(".xlsx"))).sheet_names
    aiv = json.loads(workbooks["AIV"].with_suffix(".json").read_text(encoding="utf-8"))
    assert [year["year"] for year in aiv["years"]] == [2021, 2022, 2023]
    assert aiv["years"][-1]["headcount"] > 0
    assert aiv["initiatives"]
    everyone = json.loads(workbooks["ALL"].with_suffix(".json").read_text(encoding="utf-8"))
    assert everyone["as_of"] == all_as_of
    assert everyone["years"][-1]["internet"]["total"] > 0

    months = list(month_range(date(2021, 1, 1), last))
    closed = set(
        LedgerMonth.objects.filter(status=LedgerMonth.Status.CLOSED).values_list("month", flat=True)
    )
    assert closed == set(months[:-2]), [format_month(m) for m in sorted(closed)][-3:]
    assert LedgerLine.objects.filter(month=last).exists()

    # It says the disk it needs first, and ends with what to open and the next commands.
    assert printed.startswith("De demo heeft ongeveer ")
    end = printed[printed.index("Klaar.") :]
    for stem in workbooks.values():
        assert f"    {stem.with_suffix('.xlsx')}\n" in end
        assert f"    {stem.with_suffix('.json')}\n" in end
    assert (
        f"export DATABASE_URL={database_url(settings.DATABASES['default'], settings.DATABASE_URL)}\n"
        in end
    )
    last_closed = format_month(months[-3])
    number = re.search(rf"thuiswerk explain (\d+) --month {last_closed}\n", end).group(1)
    assert f"thuiswerk export payroll --month {last_closed} --out loon-{last_closed}.csv" in end
    # The personnel number is a real one with both allowances in that month.
    assert set(
        LedgerLine.objects.filter(
            employee__personnel_number=number, month=months[-3], kind=LedgerLine.Kind.ENTITLEMENT
        ).values_list("measure", flat=True)
    ) >= {LedgerLine.Measure.HOMEWORK, LedgerLine.Measure.INTERNET_FORFAIT}
    call_command("explain", number, f"--month={last_closed}")
    assert capsys.readouterr().out.startswith(number)


def test_the_database_url_to_use_next_is_absolute_and_without_password():
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "var/x.db"}
    assert database_url(sqlite, "sqlite:///var/x.db") == f"sqlite:///{Path('var/x.db').resolve()}"
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "thuiswerk"}
    url = "postgresql://hr:secret@db.example:5432/thuiswerk"
    assert database_url(postgres, url) == "postgresql://hr@db.example:5432/thuiswerk"
    assert database_url(postgres, "postgresql://db/t") == "postgresql://db/t"


def test_what_to_open_is_english_with_lang_en(tmp_path):
    out = StringIO()
    answers = {"AIV": tmp_path / "a", "ALL": tmp_path / "b"}
    with translation.override("en"):
        Command(stdout=out)._what_to_open(answers, date(2024, 5, 1))
    text = out.getvalue()
    assert "Done. What to open (Excel or LibreOffice Calc):" in text
    # Without a ledger, a placeholder instead of a personnel number.
    assert "thuiswerk explain <personnel number of an employee> --month 2024-05" in text


def test_the_end_says_what_a_fresh_shell_needs(settings, monkeypatch):
    """A demo run in development mode (no SECRET_KEY) tells the user to keep DEBUG=1 for the next
    commands, and where the console script is when it is not on the PATH."""
    import sys

    from thuiswerk.demo.management.commands import demo

    settings.DEBUG = True
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(demo.shutil, "which", lambda name: None)
    assert demo._shell_setup() == [
        "  export DEBUG=1",
        f'  export PATH="{Path(sys.executable).parent}:$PATH"',
    ]
    monkeypatch.setenv("SECRET_KEY", "a-real-key")
    monkeypatch.setattr(demo.shutil, "which", lambda name: "/usr/local/bin/thuiswerk")
    assert demo._shell_setup() == []
