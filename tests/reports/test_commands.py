"""`thuiswerk export ...` and `thuiswerk report parliament ...` end to end on the small government."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from python_calamine import CalamineWorkbook
from tests.reports.conftest import AS_OF

from thuiswerk.reports.parliament import parliament_figures


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_report_parliament_writes_the_workbook_and_the_json(government, tmp_path):
    xlsx, figures = tmp_path / "aiv.xlsx", tmp_path / "aiv.json"
    out, _ = run(
        "report",
        "parliament",
        "--entity",
        "AIV",
        "--as-of",
        "2023-10-12",
        "--years",
        "3",
        "--out",
        str(xlsx),
        "--json",
        str(figures),
    )
    assert str(xlsx) in out and str(figures) in out
    assert json.loads(figures.read_text(encoding="utf-8")) == parliament_figures(
        entity_code="AIV", as_of=AS_OF, years=3
    )
    assert CalamineWorkbook.from_path(str(xlsx)).sheet_names[0] == "Voorblad"


def test_report_parliament_all_in_english(government, tmp_path):
    xlsx = tmp_path / "all.xlsx"
    run(
        "report",
        "parliament",
        "--entity",
        "ALL",
        "--as-of",
        "2023-10-12",
        "--out",
        str(xlsx),
        "--lang",
        "en",
    )
    names = CalamineWorkbook.from_path(str(xlsx)).sheet_names
    assert names[0] == "Cover" and names[-1] == "Per entity"


def test_report_parliament_unknown_entity(government, tmp_path):
    with pytest.raises(CommandError, match="unknown entity 'NOPE'"):
        run(
            "report",
            "parliament",
            "--entity",
            "NOPE",
            "--as-of",
            "2023-10-12",
            "--out",
            str(tmp_path / "x.xlsx"),
        )
    assert not (tmp_path / "x.xlsx").exists()


def test_export_ledger_to_a_file_with_filters(government, tmp_path):
    path = tmp_path / "ledger.csv"
    out, _ = run(
        "export",
        "ledger",
        "--format",
        "csv",
        "--dialect",
        "iso",
        "--out",
        str(path),
        "--from",
        "2023-01",
        "--entity",
        "DV",
        "--lang",
        "en",
    )
    assert "ledger: 4 row(s)" in out
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and all(",DV," in line for line in lines[1:])


def test_export_ledger_to_stdout_keeps_the_summary_out_of_the_data(government):
    out, err = run(
        "export", "ledger", "--format", "csv", "--dialect", "iso", "--out", "-", "--to", "2021-12"
    )
    assert out.splitlines() == [
        "employee_id,month,measure,employee_amount,employer_cost,entity,booked_in,kind",
        "ann,2021-11,INTERNET_FORFAIT,20.00,20.00,AIV,2021-11,entitlement",
        "ann,2021-12,INTERNET_FORFAIT,20.00,20.00,AIV,2021-12,entitlement",
    ]
    assert "2 rij(en)" in err


def test_export_ledger_xlsx_by_suffix(government, tmp_path):
    path = tmp_path / "ledger.xlsx"
    run("export", "ledger", "--out", str(path))
    assert len(CalamineWorkbook.from_path(str(path)).get_sheet_by_name("data").to_python()) == 14


def test_export_ledger_xlsx_to_a_text_stdout_is_refused(government):
    with pytest.raises(CommandError, match="binaire stdout"):
        run("export", "ledger", "--format", "xlsx", "--out", "-")


def test_export_ledger_unknown_entity(government, tmp_path):
    with pytest.raises(CommandError, match="unknown entity"):
        run("export", "ledger", "--out", str(tmp_path / "x.csv"), "--entity", "NOPE")


def test_export_payroll_warns_when_the_month_is_open(government, tmp_path):
    path = tmp_path / "payroll.csv"
    out, err = run("export", "payroll", "--month", "2023-02", "--out", str(path))
    assert "payroll: 1 rij(en)" in out
    assert "2023-02 is niet afgesloten" in err
    assert path.read_text(encoding="utf-8-sig").splitlines()[1] == (
        "cis;Cis;X;DV;TW-VAA-INTERNET;5,00;2023-02;voorlopig"
    )


def test_export_needs_a_month_argument(government):
    with pytest.raises(CommandError):
        run("export", "payroll", "--month", "2023-13", "--out", "-")
