"""`thuiswerk import` and `thuiswerk template`: Dutch by default, English with --lang en."""

import csv

import pytest
from django.core.management import CommandError, call_command, load_command_class
from django.utils import translation

from thuiswerk.people.models import Employee

from .conftest import STAFF, write

pytestmark = pytest.mark.django_db

SATURDAY = "employee_id,date,location,part\nP2,2023-01-07,home,full\nP2,2023-01-14,home,full\n"
SATURDAYS = SATURDAY + "".join(f"P2,2023-01-{day},home,full\n" for day in (21, 28))


def test_import_prints_a_summary_of_the_warnings_in_dutch(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(
        "thuiswerk.core.commands.DomainCommand.progress_wanted", lambda self, options: True
    )  # as at a terminal
    staff = write("staff.csv", STAFF)
    registrations = write("registrations.csv", SATURDAYS)
    issues = tmp_path / "meldingen.csv"
    call_command(
        "import", str(staff), str(registrations), "--actor", "hr", "--issues-file", str(issues)
    )
    captured = capsys.readouterr()
    assert "checking" in captured.err  # the progress bar
    assert captured.out.splitlines() == [
        "4 waarschuwingen, per soort:",
        "  4 × registratie op een weekenddag of feestdag (non_working_day)",
        "      registrations.csv:2:date: 07/01/2023 is een zaterdag, geen werkdag",
        "      registrations.csv:3:date: 14/01/2023 is een zaterdag, geen werkdag",
        "      registrations.csv:4:date: 21/01/2023 is een zaterdag, geen werkdag",
        "      ...",
        f"alle fouten en waarschuwingen: {issues}",
        "entiteiten: 2 aangemaakt, 0 bijgewerkt, 0 ongewijzigd",
        "personeelsleden: 3 aangemaakt, 0 bijgewerkt, 0 ongewijzigd",
        "tewerkstellingsperiodes: 4 aangemaakt, 0 bijgewerkt, 0 ongewijzigd",
        "registraties: 4 aangemaakt, 0 bijgewerkt, 0 ongewijzigd, 0 verwijderd",
    ]
    with issues.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["soort", "bestand", "rij", "kolom", "code", "melding"]
    assert rows[1:] == [
        ["waarschuwing", "registrations.csv", str(row), "date", "non_working_day", message]
        for row, message in zip(
            range(2, 6),
            [f"{day}/01/2023 is een zaterdag, geen werkdag" for day in ("07", "14", "21", "28")],
            strict=True,
        )
    ]


def test_import_in_english(capsys, tmp_path):
    staff = write("staff.csv", STAFF)
    registrations = write("registrations.csv", SATURDAY)
    issues = tmp_path / "issues.csv"
    call_command(
        "import", str(staff), str(registrations), "--lang", "en", "--issues-file", str(issues)
    )
    assert capsys.readouterr().out.splitlines() == [
        "2 warnings, by kind:",
        "  2 × registration on a weekend day or holiday (non_working_day)",
        "      registrations.csv:2:date: 2023-01-07 is a Saturday, not a working day",
        "      registrations.csv:3:date: 2023-01-14 is a Saturday, not a working day",
        f"all errors and warnings: {issues}",
        "entities: 2 created, 0 updated, 0 unchanged",
        "employees: 3 created, 0 updated, 0 unchanged",
        "employment periods: 4 created, 0 updated, 0 unchanged",
        "registrations: 2 created, 0 updated, 0 unchanged, 0 deleted",
    ]
    assert issues.read_text(encoding="utf-8-sig").splitlines()[0] == (
        "severity;file;row;column;code;message"
    )


def test_the_issues_file_goes_to_var_by_default(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    call_command("import", str(write("staff.csv", STAFF.splitlines()[0] + "\n")))
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        "1 waarschuwing, per soort:",
        "  1 × bestand zonder rijen (no_rows)",
        "      staff.csv: het bestand heeft een kopregel maar geen rijen: niets in te lezen",
    ]
    [written] = (tmp_path / "var").glob("import-issues-*.csv")
    assert out[3] == f"alle fouten en waarschuwingen: {written}"


def test_no_issues_file_without_issues(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    call_command("import", str(write("staff.csv", STAFF)))
    assert not (tmp_path / "var").exists()
    assert "alle fouten" not in capsys.readouterr().out


def test_import_with_errors_prints_them_and_fails(capsys, tmp_path):
    bad = write("staff.csv", STAFF.replace(";0,8;01/01/2020", ";8;01/01/2020"))
    issues = tmp_path / "issues.csv"
    with pytest.raises(CommandError, match=r"^1 fout: er is niets ingelezen$"):
        call_command("import", str(bad), "--issues-file", str(issues))
    assert capsys.readouterr().err.splitlines() == [
        "staff.csv:3:fte: moet meer dan 0 en hoogstens 1 zijn: '8'"
    ]
    assert "fout;staff.csv;3;fte;out_of_range;" in issues.read_text(encoding="utf-8-sig")
    assert not Employee.objects.exists()


def test_import_with_errors_in_english(capsys, tmp_path):
    bad = write("staff.csv", STAFF.replace(";0,8;01/01/2020", ";8;01/01/2020"))
    with pytest.raises(CommandError, match=r"^1 error: nothing was imported$"):
        call_command("import", str(bad), "--lang", "en", "--issues-file", str(tmp_path / "i.csv"))
    assert capsys.readouterr().err.splitlines() == [
        "staff.csv:3:fte: must be more than 0 and at most 1: '8'"
    ]


def test_an_unwritable_issues_file_is_one_clear_error(tmp_path):
    (tmp_path / "file").write_text("")
    bad = write("staff.csv", STAFF.replace(";0,8;01/01/2020", ";8;01/01/2020"))
    with pytest.raises(CommandError, match="kan het bestand met meldingen .* niet schrijven"):
        call_command("import", str(bad), "--issues-file", str(tmp_path / "file" / "x.csv"))


def test_the_help_is_dutch_by_default():
    with translation.override("nl"):
        command = load_command_class("thuiswerk.imports", "import")
        text = " ".join(command.create_parser("thuiswerk", "import").format_help().split())
    assert "Lees CSV-bestanden in" in text
    assert "volledige lijst van fouten en waarschuwingen" in text
    assert "voor het auditspoor" in text


def test_template_writes_the_workbook(tmp_path, capsys):
    out = tmp_path / "import.xlsx"
    call_command("template", "--out", str(out))
    assert out.stat().st_size > 0
    assert capsys.readouterr().out == f"{out} geschreven\n"
    call_command("template", "--out", str(out), "--lang", "en")
    assert capsys.readouterr().out == f"wrote {out}\n"


def test_no_progress_bars_when_not_at_a_terminal(capsys):
    call_command("import", str(write("staff.csv", STAFF)), "--actor", "hr")
    assert "checking" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], "Lees CSV-bestanden in"),
        (["--lang", "en"], "Import CSV files named by their kind"),
        (["--lang=en"], "Import CSV files named by their kind"),
    ],
)
def test_the_help_follows_lang(argv, expected, capsys, dutch):
    command = load_command_class("thuiswerk.imports", "import")
    with pytest.raises(SystemExit):
        command.run_from_argv(["thuiswerk", "import", "--help", *argv])
    assert expected in " ".join(capsys.readouterr().out.split())
