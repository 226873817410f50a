"""`thuiswerk export ...` and `thuiswerk report parliament ...` end to end on the small government."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from python_calamine import CalamineWorkbook
from tests.reports.conftest import AS_OF, figures_json


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
    assert out.splitlines() == [
        f"werkmap geschreven naar {xlsx}",
        f"cijfers geschreven naar {figures}",
    ]
    assert json.loads(figures.read_text(encoding="utf-8")) == figures_json(
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


def report(tmp_path, *options, out="r.xlsx", as_of="2023-10-12"):
    """`report parliament` for AIV with `options`; returns the output and the folder's files."""
    args = ["report", "parliament", "--entity", "AIV", "--as-of", as_of, *options]
    if out is not None:
        args += ["--out", str(tmp_path / out)]
    return run(*args)


def files_in(folder):
    return sorted(p.name for p in folder.rglob("*"))


def test_report_parliament_unknown_entity(government, tmp_path):
    with pytest.raises(CommandError, match="onbekende entiteit 'NOPE'; geef de code"):
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
    assert files_in(tmp_path) == []


@pytest.mark.parametrize(
    ("options", "as_of", "message"),
    [
        (["--years", "28"], "2023-10-12", "het aantal jaren moet tussen 1 en 10 liggen, niet 28"),
        (["--years", "0"], "2023-10-12", "tussen 1 en 10"),
        # Dates outside the supported period are refused as arguments (core.cli_args).
        ([], "1999-12-31", "1999-12-31 ligt buiten de ondersteunde periode 2000-01 .. 2100-12"),
        (["--years", "3"], "2001-06-30", "het rapport begint op 1999-01-01"),
        ([], "9999-12-31", "9999-12-31 ligt buiten de ondersteunde periode"),
    ],
)
def test_report_parliament_refuses_a_period_it_cannot_answer(
    government, tmp_path, options, as_of, message
):
    with pytest.raises(CommandError, match=message):
        report(tmp_path, *options, "--json", str(tmp_path / "r.json"), as_of=as_of)
    assert files_in(tmp_path) == []


def test_report_parliament_refuses_an_as_of_date_that_is_no_date(government, tmp_path):
    with pytest.raises(CommandError, match="10000-01-01"):
        report(tmp_path, as_of="10000-01-01")
    assert files_in(tmp_path) == []


def test_report_parliament_in_english(government, tmp_path):
    with pytest.raises(CommandError, match="the number of years must be between 1 and 10, not 28"):
        report(tmp_path, "--years", "28", "--lang", "en")


def test_report_parliament_refuses_a_workbook_not_named_xlsx(government, tmp_path):
    with pytest.raises(CommandError, match=r"r\.csv: de werkmap is een Excel-bestand"):
        report(tmp_path, out="r.csv")
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("which", ["--out", "--json"])
def test_report_parliament_checks_both_paths_before_writing_anything(government, tmp_path, which):
    missing = tmp_path / "nope" / ("r.xlsx" if which == "--out" else "r.json")
    paths = {"--out": tmp_path / "r.xlsx", "--json": tmp_path / "r.json", which: missing}
    with pytest.raises(CommandError, match="de map .*nope bestaat niet"):
        report(tmp_path, "--out", str(paths["--out"]), "--json", str(paths["--json"]), out=None)
    assert files_in(tmp_path) == []


def test_report_parliament_refuses_a_folder_it_may_not_write(government, tmp_path, monkeypatch):
    # os.access decides; as root every folder is writable, so the test asks it to say no.
    monkeypatch.setattr(
        "thuiswerk.reports.management.commands.report.os.access", lambda path, mode: False
    )
    with pytest.raises(CommandError, match="geen schrijfrechten"):
        report(tmp_path)
    assert files_in(tmp_path) == []


def test_report_parliament_refuses_a_folder_as_output(government, tmp_path):
    (tmp_path / "r.xlsx").mkdir()
    with pytest.raises(CommandError, match="is een map, geen bestand"):
        report(tmp_path)


def test_report_parliament_refuses_the_same_file_twice(government, tmp_path):
    with pytest.raises(CommandError, match="hetzelfde bestand"):
        report(tmp_path, "--json", str(tmp_path / "r.xlsx"))


def test_a_failure_while_writing_leaves_neither_file_nor_a_temporary_one(
    government, tmp_path, monkeypatch
):
    (tmp_path / "r.xlsx").write_text("the previous workbook")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "r.json"))

    monkeypatch.setattr("thuiswerk.reports.management.commands.report.json.dumps", full_disk)
    with pytest.raises(CommandError, match="kan .*r.json niet schrijven: No space left"):
        report(tmp_path, "--json", str(tmp_path / "r.json"))
    assert files_in(tmp_path) == ["r.xlsx"]
    assert (tmp_path / "r.xlsx").read_text() == "the previous workbook"


def test_the_written_files_get_the_usual_permissions(government, tmp_path):
    report(tmp_path, "--json", str(tmp_path / "r.json"))
    assert files_in(tmp_path) == ["r.json", "r.xlsx"]
    (tmp_path / "usual").mkdir()
    usual = tmp_path / "usual" / "file"
    usual.write_text("")
    assert {(tmp_path / n).stat().st_mode for n in ("r.json", "r.xlsx")} == {usual.stat().st_mode}


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
    assert "ledger: 4 rows" in out
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
    assert "2 rijen" in err


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
    assert "payroll: 1 rij" in out
    assert "2023-02 is niet afgesloten" in err
    assert path.read_text(encoding="utf-8-sig").splitlines()[1] == (
        "cis;Cis;X;DV;TW-VAA-INTERNET;5,00;2023-02;voorlopig"
    )


def test_export_needs_a_month_argument(government):
    with pytest.raises(CommandError):
        run("export", "payroll", "--month", "2023-13", "--out", "-")
