"""`thuiswerk import` and `thuiswerk template`."""

import pytest
from django.core.management import CommandError, call_command

from thuiswerk.people.models import Employee

from .conftest import STAFF, write

pytestmark = pytest.mark.django_db


def test_import_prints_warnings_and_a_summary(capsys, monkeypatch):
    monkeypatch.setattr(
        "thuiswerk.core.commands.DomainCommand.progress_wanted", lambda self, options: True
    )  # as at a terminal
    staff = write("staff.csv", STAFF)
    registrations = write(
        "registrations.csv", "employee_id,date,location,part\nP2,2023-01-07,home,full\n"
    )
    call_command("import", str(staff), str(registrations), "--actor", "hr")
    captured = capsys.readouterr()
    assert "checking" in captured.err  # the progress bar
    assert captured.out.splitlines() == [
        "1 warning(s):",
        "registrations.csv:2:date: 2023-01-07 is a Saturday, not a working day",
        "entities: 2 created, 0 updated, 0 unchanged",
        "employees: 3 created, 0 updated, 0 unchanged",
        "employment_periods: 4 created, 0 updated, 0 unchanged",
        "registrations: 1 created, 0 updated, 0 unchanged, 0 deleted",
    ]


def test_import_with_errors_prints_them_and_fails(capsys):
    bad = write("staff.csv", STAFF.replace(";0,8;01/01/2020", ";8;01/01/2020"))
    with pytest.raises(CommandError, match=r"^1 error\(s\): nothing was imported$"):
        call_command("import", str(bad))
    assert capsys.readouterr().err.splitlines() == [
        "staff.csv:3:fte: must be more than 0 and at most 1: '8'"
    ]
    assert not Employee.objects.exists()


def test_template_writes_the_workbook(tmp_path, capsys):
    out = tmp_path / "import.xlsx"
    call_command("template", "--out", str(out))
    assert out.stat().st_size > 0
    assert capsys.readouterr().out == f"wrote {out}\n"


def test_no_progress_bars_when_not_at_a_terminal(capsys):
    call_command("import", str(write("staff.csv", STAFF)), "--actor", "hr")
    assert "checking" not in capsys.readouterr().err
