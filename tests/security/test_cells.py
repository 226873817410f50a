"""Formula injection: text from people that starts like a formula (=, +, -, @, tab, carriage
return) goes out with a leading quote in every CSV and workbook; numbers stay numbers."""

import csv
import io
import zipfile
from datetime import date

import polars as pl
import pytest
from python_calamine import CalamineWorkbook
from tests.factories import EmployeeFactory, EntityFactory, PlannedInitiativeFactory
from tests.reports.conftest import CORRECTION, employed, line

from thuiswerk.core.cells import neutralise, neutralised
from thuiswerk.imports.issues import issues_write
from thuiswerk.reports.exports import export_payroll
from thuiswerk.reports.parliament import parliament_answer
from thuiswerk.reports.workbook import write_parliament_workbook

DANGEROUS = ['=HYPERLINK("http://x","klik")', "+32 470 12 34 56", "-x", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_starts_like_a_formula_gets_a_quote(text):
    assert neutralise(text) == "'" + text
    frame = pl.DataFrame({"name": [text]})
    assert frame.with_columns(neutralised("name"))["name"].to_list() == ["'" + text]


@pytest.mark.parametrize("text", ["Peeters", "", "x=1", "'=already", "De Smet-Janssens", "1+1"])
def test_other_text_stays_as_it_is(text):
    assert neutralise(text) == text
    assert pl.DataFrame({"t": [text]}).with_columns(neutralised("t"))["t"].to_list() == [text]


MARCH = date(2024, 3, 1)


@pytest.fixture
def dangerous_people():
    entity = EntityFactory(code="AIV")
    for i, name in enumerate(DANGEROUS[:3]):
        person = EmployeeFactory(personnel_number=f"P{i}", last_name=name, first_name=name)
        employed(person, entity)
        line(person, entity, MARCH)


def test_the_payroll_csv_and_xlsx_neutralise_names_and_keep_amounts(dangerous_people, tmp_path):
    out = io.StringIO()
    export_payroll(month=MARCH, out=out, dialect="iso")
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert sorted(r["last_name"] for r in rows) == sorted("'" + n for n in DANGEROUS[:3])
    assert sorted(r["first_name"] for r in rows) == sorted("'" + n for n in DANGEROUS[:3])

    path = tmp_path / "payroll.xlsx"
    export_payroll(month=MARCH, out=path, fmt="xlsx", dialect="iso")
    table = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("data").to_python()
    header, *body = table
    names = [row[header.index("last_name")] for row in body]
    assert sorted(names) == sorted("'" + n for n in DANGEROUS[:3])
    amounts = [row[header.index("amount")] for row in body]
    assert all(isinstance(a, float) for a in amounts)  # numbers, not text


def test_a_negative_correction_amount_stays_a_number_in_the_xlsx(tmp_path):
    entity = EntityFactory(code="AIV")
    person = EmployeeFactory(personnel_number="P9", last_name="-Min", first_name="Ann")
    employed(person, entity)
    # February withdrawn in March: a negative amount, which is a number and stays one.
    february = date(2024, 2, 1)
    line(person, entity, february, amount="-20.00", kind=CORRECTION, booked_in=MARCH, units=-1)
    path = tmp_path / "payroll.xlsx"
    export_payroll(month=MARCH, out=path, fmt="xlsx", dialect="iso")
    header, row = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("data").to_python()
    assert row[header.index("amount")] == -20.0
    assert row[header.index("last_name")] == "'-Min"


def test_the_parliament_workbook_neutralises_names_and_titles(tmp_path):
    entity = EntityFactory(code="AIV", name='=HYPERLINK("http://x","klik")')
    person = EmployeeFactory(personnel_number="P1")
    employed(person, entity)
    line(person, entity, date(2023, 3, 1))
    PlannedInitiativeFactory(entity=entity, title="+32 bel ons", motivation="-x")
    answer = parliament_answer(entity_code="ALL", as_of=date(2023, 10, 12), years=1)
    path = tmp_path / "answer.xlsx"
    write_parliament_workbook(answer=answer, path=path)

    book = CalamineWorkbook.from_path(str(path))
    cells = [
        cell
        for name in book.sheet_names
        for row in book.get_sheet_by_name(name).to_python()
        for cell in row
        if isinstance(cell, str)
    ]
    assert "'" + entity.name in cells  # the per-entity sheet
    assert any(c.startswith("'" + entity.name) for c in cells)  # the cover: name (code)
    assert "'+32 bel ons" in cells and "'-x" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    assert any(
        isinstance(c, float)
        for row in book.get_sheet_by_name("Per entiteit").to_python()
        for c in row
    )
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in archive.read(n) for n in sheets)  # no formula


def test_the_import_issue_list_neutralises_quoted_values(tmp_path):
    frame = pl.DataFrame(
        {
            "severity": ["error"],
            "file": ["staff.csv"],
            "row": [2],
            "column": ["last_name"],
            "code": ["bad_value"],
            "message": ['=HYPERLINK("http://x") is no name'],
        }
    )
    path = tmp_path / "issues.csv"
    issues_write(frame, path)
    (row,) = list(csv.reader(path.open(encoding="utf-8-sig", newline=""), delimiter=";"))[1:]
    assert row[2] == "2" and row[-1] == '\'=HYPERLINK("http://x") is no name'
