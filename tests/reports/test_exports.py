"""The ledger export and the payroll export."""

import csv
import io
from datetime import date

import pytest
from python_calamine import CalamineWorkbook
from tests.factories import EmployeeFactory, EntityFactory
from tests.reports.conftest import BIK, FORFAIT, HOMEWORK, THIRD_PARTY, line, third_party

from thuiswerk.allowances.models import LedgerMonth
from thuiswerk.reports.exports import (
    LEDGER_COLUMNS,
    PAYROLL_COLUMNS,
    export_ledger,
    export_payroll,
)
from thuiswerk.reports.parliament import UnknownEntityError

MARCH = date(2023, 3, 1)


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def ledger_csv(**filters):
    out = io.StringIO()
    count = export_ledger(out=out, fmt="csv", **filters)
    rows = read_csv(out.getvalue())
    assert count == len(rows)
    return rows


# --- ledger ------------------------------------------------------------------------------------


def test_ledger_columns_and_values(government):
    out = io.StringIO()
    export_ledger(out=out, fmt="csv")
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
    assert binary.getvalue().decode("utf-8") == path.read_text(encoding="utf-8")


def test_ledger_xlsx_holds_the_csv_rows(government, tmp_path):
    rows = ledger_csv()
    path = tmp_path / "ledger.xlsx"
    assert export_ledger(out=path, fmt="xlsx") == len(rows)
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
    count = export_payroll(month=month, out=out)
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
    assert export_payroll(month=MARCH, out=path, fmt="xlsx") == 3
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
