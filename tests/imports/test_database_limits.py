"""Values the database cannot hold are `file:row:column` errors on SQLite and PostgreSQL alike,
never a stack trace, and nothing is written. The limits come from the models."""

import polars as pl
import pytest

from thuiswerk.imports import writing
from thuiswerk.imports.kinds import KINDS
from thuiswerk.people.models import Employee, EmploymentPeriod
from thuiswerk.telework.models import Agreement, Registration, ThirdPartyInvoice

from .conftest import STAFF, run, snapshot, strings, write

pytestmark = pytest.mark.django_db

STAFF_HEADER = STAFF.splitlines()[0]
AGREEMENTS = "employee_id;valid_from;valid_to;days_per_week;status;approved_by;approved_on\n"
INVOICES = "employee_id;month;provider;amount\n"
REGISTRATIONS = "employee_id,date,location,part\n"

CASES = {
    "dates at the edges of the calendar": (
        "agreements.csv",
        AGREEMENTS
        + "P2;0001-01-01;9999-12-31;2;approved;P3;1900-12-31\nP1;1/01/2100;;2;pending;;\n",
        [
            "agreements.csv:2:valid_from: outside the accepted dates 1901-01-01 to 2099-12-31: "
            "'0001-01-01'",
            "agreements.csv:2:valid_to: outside the accepted dates 1901-01-01 to 2099-12-31: "
            "'9999-12-31'",
            "agreements.csv:2:approved_on: outside the accepted dates 1901-01-01 to 2099-12-31: "
            "'1900-12-31'",
            "agreements.csv:3:valid_from: outside the accepted dates 1901-01-01 to 2099-12-31: "
            "'1/01/2100'",
        ],
    ),
    "registrations outside the holiday calendar": (
        "registrations.csv",
        REGISTRATIONS + "P2,1850-01-07,home,full\nP2,2150-01-07,home,full\n",
        [
            "registrations.csv:2:date: outside the accepted dates 1901-01-01 to 2099-12-31: "
            "'1850-01-07'",
            "registrations.csv:3:date: outside the accepted dates 1901-01-01 to 2099-12-31: "
            "'2150-01-07'",
        ],
    ),
    "a month beyond the range": (
        "invoices.csv",
        INVOICES + "P2;9999-12;Proximus;1\n",
        ["invoices.csv:2:month: outside the accepted dates 1901-01-01 to 2099-12-31: '9999-12'"],
    ),
    "amounts beyond the digits of the column": (
        "invoices.csv",
        INVOICES
        + "P2;2023-01;Proximus;999999999999999,99\n"
        + "P2;2023-02;Proximus;123456789.00\n"
        + "P2;2023-03;Proximus;12345678901234567890123\n"
        + "P2;2023-04;Proximus;000099999999.99\n",  # leading zeros do not count: fits
        [
            "invoices.csv:2:amount: too large: at most 8 digit(s) before the decimal mark: "
            "'999999999999999,99'",
            "invoices.csv:3:amount: too large: at most 8 digit(s) before the decimal mark: "
            "'123456789.00'",
            "invoices.csv:4:amount: too large: at most 8 digit(s) before the decimal mark: "
            "'12345678901234567890123'",
        ],
    ),
    "NUL characters in text": (
        "staff.csv",
        f"{STAFF_HEADER}\nP5;Di\x00rk;Smet;d\x00@x.be;AIV;AIV;1;2020-01-01;;\n",
        [
            "staff.csv:2:first_name: contains a NUL character (code 0), which cannot be stored",
            "staff.csv:2:email: contains a NUL character (code 0), which cannot be stored",
        ],
    ),
    "texts longer than the model holds": (
        "staff.csv",
        f"{STAFF_HEADER}\n{'P' * 33};Dirk;Smet;;{'A' * 33};{'N' * 201};1;2020-01-01;;\n",
        [
            "staff.csv:2:employee_id: longer than 32 characters",
            "staff.csv:2:entity_code: longer than 32 characters",
            "staff.csv:2:entity_name: longer than 200 characters",
        ],
    ),
}


@pytest.mark.parametrize(("name", "text", "expected"), CASES.values(), ids=CASES.keys())
def test_values_the_database_cannot_hold_are_errors(staff, name, text, expected):
    before = snapshot()
    result = run(write(name, text))
    assert strings(result.errors) == expected
    assert snapshot() == before


def test_the_largest_amount_the_column_holds_is_stored_exactly(staff):
    result = run(write("invoices.csv", INVOICES + "P2;2023-01;Proximus;99999999,99\n"))
    assert result.ok, strings(result.errors)
    assert str(ThirdPartyInvoice.objects.get().amount) == "99999999.99"
    again = run(write("invoices.csv", INVOICES + "P2;2023-01;Proximus;99999999.99\n"))
    assert again.counts == {"invoices": {"created": 0, "updated": 0, "unchanged": 1}}


def test_the_edges_of_the_accepted_dates_are_stored(staff):
    text = REGISTRATIONS + "P2,1901-01-01,home,full\nP2,31/12/2099,home,full\n"
    result = run(write("registrations.csv", text))
    assert result.ok, strings(result.errors)
    assert strings(result.warnings) == [
        "registrations.csv:2:date: no employment period of 'P2' covers 1901-01-01"
    ]


def test_a_long_text_counts_characters_not_bytes(staff):
    name = "É" * 100  # 200 bytes in UTF-8: fits varchar(100)
    result = run(write("staff.csv", f"{STAFF_HEADER}\nP5;{name};Smet;;AIV;AIV;1;2020-01-01;;\n"))
    assert result.ok, strings(result.errors)
    assert Employee.objects.get(personnel_number="P5").first_name == name


def test_limits_come_from_the_models():
    staff, invoices = KINDS["staff"], KINDS["invoices"]
    assert (
        staff.column("employee_id").max_length
        == Employee._meta.get_field("personnel_number").max_length
    )
    amount = ThirdPartyInvoice._meta.get_field("amount")
    assert (invoices.column("amount").digits, invoices.column("amount").places) == (
        amount.max_digits,
        amount.decimal_places,
    )


def test_the_table_specs_come_from_the_models():
    assert writing.PERIOD.name == EmploymentPeriod._meta.db_table
    assert writing.PERIOD.key == ("employee_id", "start_date")
    assert writing.PERIOD.places == {"fte": EmploymentPeriod._meta.get_field("fte").decimal_places}
    assert writing.PERIOD.shrink_first == "end_date"
    assert writing.AGREEMENT.schema["approved_by_id"] == pl.Int64
    assert writing.INVOICE.schema == {
        "employee_id": pl.Int64,
        "month": pl.Date,
        "provider": pl.String,
        "amount": pl.Int64,
    }


def test_enumeration_values_are_those_of_the_models():
    assert list(KINDS["registrations"].column("location").choices) == Registration.Location.values
    assert list(KINDS["agreements"].column("status").choices) == Agreement.Status.values
    assert KINDS["registrations"].column("part").value_names()["volledige dag"] == "full"
    assert KINDS["internet_options"].column("option").value_names()["third-party"] == "third_party"
