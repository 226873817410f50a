"""The ledger export and the payroll export."""

import csv
import io
from datetime import date

import pytest
import xlsxwriter
from django.db import connection
from django.utils import translation
from python_calamine import CalamineWorkbook
from tests.factories import EmployeeFactory, EntityFactory
from tests.reports.conftest import BIK, FORFAIT, HOMEWORK, THIRD_PARTY, line, third_party

from thuiswerk.allowances.models import LedgerLine, LedgerMonth
from thuiswerk.reports.exports import (
    LEDGER_COLUMNS,
    PAYROLL_COLUMNS,
    ExportError,
    export_ledger,
    export_payroll,
)
from thuiswerk.reports.parliament import UnknownEntityError

MARCH = date(2023, 3, 1)


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def ledger_csv(**filters):
    out = io.StringIO()
    count = export_ledger(out=out, fmt="csv", dialect="iso", **filters)
    rows = read_csv(out.getvalue())
    assert count == len(rows)
    return rows


# --- ledger ------------------------------------------------------------------------------------


def test_ledger_columns_and_values(government):
    out = io.StringIO()
    export_ledger(out=out, fmt="csv", dialect="iso")
    header, *_ = out.getvalue().splitlines()
    assert header.split(",") == list(LEDGER_COLUMNS)
    rows = ledger_csv()
    assert len(rows) == 13
    dirk = [r for r in rows if r["employee_id"] == "dirk"]
    assert dirk == [
        {
            "employee_id": "dirk",
            "month": "2022-05",
            "measure": "INTERNET_FORFAIT",
            "employee_amount": "20.00",
            "employer_cost": "20.00",
            "entity": "DV",
            "booked_in": "2022-05",
            "kind": "entitlement",
        },
        {
            "employee_id": "dirk",
            "month": "2022-05",
            "measure": "INTERNET_FORFAIT",
            "employee_amount": "-20.00",
            "employer_cost": "-20.00",
            "entity": "DV",
            "booked_in": "2022-07",
            "kind": "correction",
        },
    ]
    cis = [r for r in rows if r["employee_id"] == "cis" and r["month"] == "2023-02"]
    assert [(r["measure"], r["employee_amount"], r["employer_cost"]) for r in cis] == [
        ("INTERNET_BIK", "5.00", "0.00"),
        ("INTERNET_THIRD_PARTY", "0.00", "45.50"),
    ]
    assert [r["month"] for r in rows] == sorted(r["month"] for r in rows)


def test_ledger_filters_on_the_month_concerned_and_the_entity(government):
    rows = ledger_csv(month_from=date(2022, 5, 1), month_to=date(2022, 9, 1))
    assert {r["month"] for r in rows} == {"2022-05", "2022-09"}
    rows = ledger_csv(entity_code="AIV")
    assert {r["entity"] for r in rows} == {"AIV"}
    assert len(rows) == 6
    assert ledger_csv(entity_code="AIV", month_from=date(2023, 1, 1)) == [
        r for r in rows if r["month"] >= "2023-01"
    ]


def test_ledger_unknown_entity(government):
    with pytest.raises(UnknownEntityError):
        export_ledger(out=io.StringIO(), fmt="csv", entity_code="NOPE")


def test_ledger_to_a_binary_stream_and_a_path(government, tmp_path):
    binary = io.BytesIO()
    export_ledger(out=binary, fmt="csv")
    assert not binary.closed
    path = tmp_path / "ledger.csv"
    export_ledger(out=path, fmt="csv")
    assert binary.getvalue() == path.read_bytes()
    assert path.read_bytes().startswith(b"\xef\xbb\xbfpersoneelsnummer;maand;")  # be: BOM
    assert list(tmp_path.iterdir()) == [path]  # the temporary file is gone


def test_ledger_xlsx_holds_the_csv_rows(government, tmp_path):
    rows = ledger_csv()
    path = tmp_path / "ledger.xlsx"
    assert export_ledger(out=path, fmt="xlsx", dialect="iso") == len(rows)
    table = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("data").to_python()
    assert table[0] == list(LEDGER_COLUMNS)
    as_text = [[f"{v:.2f}" if isinstance(v, float) else v for v in row] for row in table[1:]]
    assert as_text == [list(r.values()) for r in rows]

    stream = io.BytesIO()
    export_ledger(out=stream, fmt="xlsx")
    assert stream.getvalue()[:2] == b"PK"


def test_ledger_unknown_format(government):
    with pytest.raises(ValueError, match="format"):
        export_ledger(out=io.StringIO(), fmt="ods")


# --- payroll -----------------------------------------------------------------------------------


@pytest.fixture
def payroll_month():
    """March 2023: ann (forfait + homework, and a correction for January), cis (third-party payer)."""
    aiv, dv = EntityFactory(code="AIV"), EntityFactory(code="DV")
    ann = EmployeeFactory(personnel_number="P1", last_name="Peeters", first_name="Ann")
    cis = EmployeeFactory(personnel_number="P2", last_name="Claes", first_name="Cis")
    line(ann, aiv, MARCH, FORFAIT)
    line(ann, aiv, MARCH, HOMEWORK)
    line(ann, dv, date(2023, 1, 1), FORFAIT, kind="correction", booked_in=MARCH)
    line(ann, aiv, date(2023, 4, 1), FORFAIT)  # booked in April: not in March's payroll
    third_party(cis, dv, MARCH)
    line(
        cis,
        dv,
        date(2023, 2, 1),
        BIK,
        amount="-5.00",
        cost="0.00",
        kind="correction",
        booked_in=MARCH,
    )
    line(
        cis,
        dv,
        date(2023, 2, 1),
        THIRD_PARTY,
        amount="0.00",
        cost="-45.50",
        kind="correction",
        booked_in=MARCH,
    )


def payroll_rows(month=MARCH):
    out = io.StringIO()
    count = export_payroll(month=month, out=out, dialect="iso")
    assert out.getvalue().splitlines()[0].split(",") == list(PAYROLL_COLUMNS)
    rows = read_csv(out.getvalue())
    assert count == len(rows)
    return [tuple(r.values()) for r in rows]


def test_payroll_one_row_per_employee_and_pay_code(payroll_month):
    assert payroll_rows() == [
        ("P1", "Peeters", "Ann", "AIV", "TW-INTERNET", "40.00", "2023-01 2023-03", "provisional"),
        ("P1", "Peeters", "Ann", "AIV", "TW-THUISWERK", "20.00", "2023-03", "provisional"),
        ("P2", "Claes", "Cis", "DV", "TW-VAA-INTERNET", "0.00", "2023-02 2023-03", "provisional"),
    ]


def test_payroll_of_a_closed_month_is_final(payroll_month):
    LedgerMonth.objects.create(month=MARCH, status=LedgerMonth.Status.CLOSED)
    assert {row[-1] for row in payroll_rows()} == {"final"}


def test_payroll_of_a_month_without_lines_is_just_the_header(payroll_month):
    assert payroll_rows(date(2022, 1, 1)) == []


def test_payroll_xlsx(payroll_month, tmp_path):
    path = tmp_path / "payroll.xlsx"
    assert export_payroll(month=MARCH, out=path, fmt="xlsx", dialect="iso") == 3
    table = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("data").to_python()
    assert table[0] == list(PAYROLL_COLUMNS)
    assert table[1] == [
        "P1",
        "Peeters",
        "Ann",
        "AIV",
        "TW-INTERNET",
        40.0,
        "2023-01 2023-03",
        "provisional",
    ]


# --- dialects, formula-like cells, large amounts, complete files only --------------------------


def test_ledger_be_dialect_is_dutch_with_semicolons_and_decimal_commas(government):
    out = io.StringIO()
    export_ledger(out=out, fmt="csv")  # be is the default
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter=";"))
    assert list(rows[0]) == [
        "personeelsnummer",
        "maand",
        "maatregel",
        "bedrag voor het personeelslid",
        "kosten voor de werkgever",
        "entiteit",
        "geboekt in",
        "soort",
    ]
    withdrawn = [r for r in rows if r["personeelsnummer"] == "dirk"][1]
    assert withdrawn == {
        "personeelsnummer": "dirk",
        "maand": "2022-05",
        "maatregel": "internetvergoeding, forfait",
        "bedrag voor het personeelslid": "-20,00",  # a number: negative, not neutralised
        "kosten voor de werkgever": "-20,00",
        "entiteit": "DV",
        "geboekt in": "2022-07",
        "soort": "correctie",
    }
    with translation.override("en"):
        out = io.StringIO()
        export_ledger(out=out, fmt="csv")
    header, first, *_ = out.getvalue().splitlines()
    assert header.startswith("personnel number;month;measure;amount for the staff member;")
    assert first == "ann;2021-11;internet allowance, flat rate;20,00;20,00;AIV;2021-11;entitlement"


FORMULAS = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "\tTab", "\rCR"]


@pytest.fixture
def formula_names():
    aiv = EntityFactory(code="AIV")
    for i, name in enumerate(FORMULAS):
        person = EmployeeFactory(personnel_number=f"P{i}", last_name=name, first_name="Ann")
        line(person, aiv, MARCH, FORFAIT, amount="-20.00")


@pytest.mark.parametrize("dialect", ["be", "iso"])
def test_payroll_csv_neutralises_cells_that_a_spreadsheet_reads_as_a_formula(
    formula_names, dialect
):
    out = io.StringIO()
    export_payroll(month=MARCH, out=out, dialect=dialect)
    separator = ";" if dialect == "be" else ","
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline=""), delimiter=separator))[1:]
    assert sorted(r[1] for r in rows) == sorted("'" + name for name in FORMULAS)
    assert {r[5] for r in rows} == {"-20,00" if dialect == "be" else "-20.00"}
    assert {r[0][0] for r in rows} == {"P"}  # ordinary text stays as it is


def test_payroll_xlsx_writes_formula_like_names_as_neutralised_text(formula_names, tmp_path):
    path = tmp_path / "payroll.xlsx"
    export_payroll(month=MARCH, out=path, fmt="xlsx")
    table = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("data").to_python()
    assert table[0][:3] == ["personeelsnummer", "familienaam", "voornaam"]
    # Text cells, never formulas, and with the quote as in the CSV (for a copy to a CSV).
    assert sorted(row[1] for row in table[1:]) == sorted("'" + name for name in FORMULAS)
    assert {row[5] for row in table[1:]} == {-20.0}  # a negative amount stays a number


def test_ledger_export_of_an_amount_beyond_the_column_digits(government, tmp_path):
    """SQLite stores what it is given: 123456789.00 in a NUMERIC(10, 2) column. Django's decimal
    converter would stop the export with decimal.InvalidOperation; the export reads cents."""
    big = "123456789.00" if connection.vendor == "sqlite" else "99999999.99"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {LedgerLine._meta.db_table} SET employer_cost = {big} WHERE id = %s",
            [LedgerLine.objects.order_by("id").first().pk],
        )
    path = tmp_path / "ledger.csv"
    export_ledger(out=path, fmt="csv", dialect="iso")
    costs = {r["employer_cost"] for r in csv.DictReader(path.open(encoding="utf-8"))}
    assert big in costs
    assert export_ledger(out=tmp_path / "ledger.xlsx", fmt="xlsx") == 13


def test_a_failed_export_leaves_no_file_and_keeps_the_old_one(government, tmp_path, monkeypatch):
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(b"yesterday's export")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(xlsxwriter.worksheet.Worksheet, "write_string", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        export_ledger(out=path, fmt="xlsx")
    assert list(tmp_path.iterdir()) == [path]
    assert path.read_bytes() == b"yesterday's export"


def test_exports_refuse_what_they_cannot_write(government, tmp_path, monkeypatch):
    with pytest.raises(ExportError, match="bestaat niet"):
        export_ledger(out=tmp_path / "missing" / "ledger.csv", fmt="csv")
    with pytest.raises(ExportError, match="--from 2023-02 valt na --to 2023-01"):
        export_ledger(
            out=tmp_path / "x.csv",
            fmt="csv",
            month_from=date(2023, 2, 1),
            month_to=MARCH.replace(month=1),
        )
    monkeypatch.setattr("thuiswerk.reports.exports.XLSX_MAX_ROWS", 10)
    with pytest.raises(ExportError, match="13 rijen passen niet in een Excel-blad"):
        export_ledger(out=tmp_path / "x.xlsx", fmt="xlsx")
    with pytest.raises(ValueError, match="dialect"):
        export_ledger(out=io.StringIO(), fmt="csv", dialect="excel")
    assert list(tmp_path.iterdir()) == []
