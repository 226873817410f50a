"""Each kind of bad input: an error naming file, row and column, and nothing written."""

import pytest

from thuiswerk.imports.issues import LISTED_PER_FILE

from .conftest import GOOD, STAFF, run, snapshot, strings, write

pytestmark = pytest.mark.django_db

STAFF_HEADER = STAFF.splitlines()[0]
PERIOD = "Dirk;Smet;;AIV;Agentschap Informatie Vlaanderen"

CASES = {
    "unknown employee": (
        "registrations.csv",
        "employee_id,date,location,part\nP9,2023-01-02,home,full\n",
        ["registrations.csv:2:employee_id: unknown employee 'P9'"],
    ),
    "unknown entity": (
        "budgets.csv",
        "entity_code;year;measure;amount\nXYZ;2023;financial;1000\n",
        ["budgets.csv:2:entity_code: unknown entity 'XYZ'"],
    ),
    "unknown supervisor": (
        "staff.csv",
        f"{STAFF_HEADER}\nP4;{PERIOD};1;2020-01-01;;P99\n",
        ["staff.csv:2:supervisor_id: unknown employee 'P99'"],
    ),
    "unknown approver": (
        "agreements.csv",
        "employee_id;valid_from;valid_to;days_per_week;status;approved_by;approved_on\n"
        "P2;2022-03-01;;2;approved;P77;\n",
        ["agreements.csv:2:approved_by: unknown employee 'P77'"],
    ),
    "malformed dates": (
        "agreements.csv",
        "employee_id;valid_from;valid_to;days_per_week;status;approved_by;approved_on\n"
        "P2;31/02/2023;;2;approved;P3;\n"
        "P1;2023-01-01;01-02-2023;2;approved;;15/13/2022\n",
        [
            "agreements.csv:2:valid_from: not a date (YYYY-MM-DD or dd/mm/yyyy): '31/02/2023'",
            "agreements.csv:3:valid_to: not a date (YYYY-MM-DD or dd/mm/yyyy): '01-02-2023'",
            "agreements.csv:3:approved_on: not a date (YYYY-MM-DD or dd/mm/yyyy): '15/13/2022'",
        ],
    ),
    "malformed month": (
        "invoices.csv",
        "employee_id,month,provider,amount\nP2,2023-13,Proximus,45.50\nP2,15/01/2023,Proximus,1\n",
        [
            "invoices.csv:2:month: not a month (YYYY-MM): '2023-13'",
            "invoices.csv:3:month: not a month (YYYY-MM): '15/01/2023'",
        ],
    ),
    "malformed amounts": (
        "invoices.csv",
        "employee_id;month;provider;amount\n"
        "P2;2023-01;Proximus;45,5x\n"
        "P2;2023-02;Proximus;1.234,50\n"
        "P2;2023-03;Proximus;12,345\n"
        "P2;2023-04;Proximus;-5\n",
        [
            "invoices.csv:2:amount: not a number: '45,5x'",
            "invoices.csv:3:amount: not a number: '1.234,50'",
            "invoices.csv:4:amount: more than 2 decimal(s): '12,345'",
            "invoices.csv:5:amount: must be at least 0: '-5'",
        ],
    ),
    "malformed numbers": (
        "budgets.csv",
        "entity_code;year;measure;amount\nAIV;23x;financial;1\nAIV;1999;financial;1\n",
        [
            "budgets.csv:2:year: not a whole number: '23x'",
            "budgets.csv:3:year: must be at least 2000 and at most 2099: '1999'",
        ],
    ),
    "unknown enumeration values": (
        "equipment.csv",
        "employee_id;item;category;delivered_on;cost;ownership;returned_on\n"
        "P2;Lamp;lamp;15/03/2022;20;rent;\n",
        [
            "equipment.csv:2:category: unknown value 'lamp' (allowed: chair, screen, laptop, desk, headset, other)",
            "equipment.csv:2:ownership: unknown value 'rent' (allowed: loan, gift)",
        ],
    ),
    "unknown location and part": (
        "registrations.csv",
        "employee_id,date,location,part\nP2,2023-01-02,garden,evening\n",
        [
            "registrations.csv:2:location: unknown value 'garden' (allowed: home, office, other, absent)",
            "registrations.csv:2:part: unknown value 'evening' (allowed: full, am, pm)",
        ],
    ),
    "unknown status, option, measure and kind": (
        "agreements.csv",
        "employee_id;valid_from;valid_to;days_per_week;status;approved_by;approved_on\n"
        "P2;2022-03-01;;2;ok;P3;\n",
        [
            "agreements.csv:2:status: unknown value 'ok' (allowed: pending, approved, rejected, withdrawn)"
        ],
    ),
    "unknown internet option": (
        "internet_options.csv",
        "employee_id,option,valid_from,provider\nP2,free,2022-01-01,\n",
        ["internet_options.csv:2:option: unknown value 'free' (allowed: forfait, third_party)"],
    ),
    "unknown initiative kind": (
        "initiatives.csv",
        "entity_code;kind;title;motivation;planned_from;planned_to;budget\nAIV;social;Feest;;;;\n",
        ["initiatives.csv:2:kind: unknown value 'social' (allowed: financial, material)"],
    ),
    "missing required values": (
        "registrations.csv",
        "employee_id,date,location,part\n,2023-01-02,home,full\nP2,,,am\n",
        [
            "registrations.csv:2:employee_id: missing value",
            "registrations.csv:3:date: missing value",
            "registrations.csv:3:location: missing value",
        ],
    ),
    "duplicate registration": (
        "registrations.csv",
        "employee_id,date,location,part\nP2,2023-01-02,home,full\nP2,2023-01-02,office,full\n",
        ["registrations.csv:3:employee_id: duplicate of row 2 (same employee_id, date, part)"],
    ),
    "full and half days on one day": (
        "registrations.csv",
        "employee_id,date,location,part\n"
        "P2,2023-01-02,home,full\n"
        "P2,2023-01-02,office,am\n"
        "P2,2023-01-03,home,pm\n"
        "P2,2023-01-03,home,full\n",
        [
            "registrations.csv:3:part: 'am' on a day that row 2 registers as 'full'",
            "registrations.csv:5:part: 'full' on a day that row 4 registers as 'pm'",
        ],
    ),
    "overlapping periods in the file": (
        "staff.csv",
        f"{STAFF_HEADER}\nP5;{PERIOD};1;2020-01-01;2021-06-30;\nP5;{PERIOD};1;2021-01-01;;\n",
        ["staff.csv:3:start_date: overlaps the employment period 2020-01-01..2021-06-30 of row 2"],
    ),
    "overlapping a period in the database": (
        "staff.csv",
        f"{STAFF_HEADER}\nP1;An;Peeters;;AIV;Agentschap Informatie Vlaanderen;1;2022-01-01;;\n"
        f"P3;Chris;V;;DOV;Departement Omgeving;1;2018-01-01;2019-01-01;\n",
        [
            "staff.csv:2:start_date: overlaps the employment period 2020-01-01..open in the database",
            "staff.csv:3:end_date: overlaps the employment period 2019-01-01..open in the database",
        ],
    ),
    "end before start": (
        "staff.csv",
        f"{STAFF_HEADER}\nP5;{PERIOD};1;2020-01-01;2019-12-31;\n",
        ["staff.csv:2:end_date: end_date 2019-12-31 is before start_date 2020-01-01"],
    ),
    "returned before delivered": (
        "equipment.csv",
        "employee_id;item;category;delivered_on;cost;ownership;returned_on\n"
        "P2;Stoel;chair;15/03/2022;20;loan;14/03/2022\n",
        ["equipment.csv:2:returned_on: returned_on 2022-03-14 is before delivered_on 2022-03-15"],
    ),
    "fte outside (0, 1]": (
        "staff.csv",
        f"{STAFF_HEADER}\nP5;{PERIOD};0;2020-01-01;;\nP6;{PERIOD};1,2;2020-01-01;;\n",
        [
            "staff.csv:2:fte: must be more than 0 and at most 1: '0'",
            "staff.csv:3:fte: must be more than 0 and at most 1: '1,2'",
        ],
    ),
    "delivery outside employment": (
        "equipment.csv",
        "employee_id;item;category;delivered_on;cost;ownership;returned_on\n"
        "P2;Stoel;chair;31/12/2019;20;loan;\n",
        ["equipment.csv:2:delivered_on: no employment period of 'P2' covers 2019-12-31"],
    ),
    "duplicate natural key": (
        "agreements.csv",
        "employee_id;valid_from;valid_to;days_per_week;status;approved_by;approved_on\n"
        "P2;2022-03-01;;2;approved;P3;\nP2;01/03/2022;;3;pending;;\n",
        ["agreements.csv:3:employee_id: duplicate of row 2 (same employee_id, valid_from)"],
    ),
    "invalid e-mail and too long a text": (
        "staff.csv",
        f"{STAFF_HEADER}\nP5;Dirk;{'S' * 101};dirk-at-vlaanderen.be;AIV;AIV;1;2020-01-01;;\n",
        [
            "staff.csv:2:last_name: longer than 100 characters",
            "staff.csv:2:email: not an e-mail address: 'dirk-at-vlaanderen.be'",
        ],
    ),
    "missing column": (
        "registrations.csv",
        "employee_id,date,location\nP2,2023-01-02,home\n",
        ["registrations.csv:1:part: missing column"],
    ),
    "unknown and doubled columns": (
        "registrations.csv",
        "employee_id;date;place;part;date\nP2;2023-01-02;home;full;x\n",
        [
            "registrations.csv:1:place: unknown column; the columns of registrations are "
            "employee_id, date, location, part",
            "registrations.csv:1:date: column appears twice",
            "registrations.csv:1:location: missing column",
        ],
    ),
    "unknown kind": (
        "people.csv",
        "a;b\n1;2\n",
        [
            "people.csv: unknown kind 'people': the name must contain one of staff, agreements, "
            "registrations, internet_options, invoices, equipment, budgets, initiatives"
        ],
    ),
    "ambiguous kind": (
        "staff_budgets.csv",
        "a;b\n",
        ["staff_budgets.csv: ambiguous name 'staff_budgets': it names staff and budgets"],
    ),
    "not a csv or xlsx file": ("staff.txt", STAFF, ["staff.txt: not a .csv or .xlsx file"]),
    "empty file": ("budgets.csv", "", ["budgets.csv:1: no header row: the first line is empty"]),
    "too many fields": (
        "budgets.csv",
        "entity_code;year;measure;amount\nAIV;2023;financial;1\nAIV;2024;financial;1;extra\n",
        ["budgets.csv:3: 5 fields, but the header has 4"],
    ),
    "bad quoting": (
        "budgets.csv",
        'entity_code;year;measure;amount\nAIV;2023;financial;1\nAIV;2024;"fin"x;1\n',
        ["budgets.csv:3: unreadable CSV: ';' expected after '\"'"],
    ),
}


@pytest.mark.parametrize(("name", "text", "expected"), CASES.values(), ids=CASES.keys())
def test_bad_input_is_an_error_and_writes_nothing(staff, name, text, expected):
    before = snapshot()
    result = run(write(name, text))
    assert strings(result.errors) == expected
    assert not result.ok
    assert result.counts == {}
    assert snapshot() == before


def test_unreadable_encoding(staff):
    before = snapshot()
    path = write("budgets.csv", "entity_code;year;measure;amount\nAIV;2023;financial;1\n")
    path.write_bytes(path.read_bytes() + b"\x81\x8d\n")  # undefined in cp1252, invalid in UTF-8
    assert strings(run(path).errors) == [
        "budgets.csv: the file is neither UTF-8, UTF-16 nor Windows-1252 (cp1252)"
    ]
    assert snapshot() == before


def test_missing_file(db):
    assert strings(run("nowhere/staff.csv").errors) == [
        "nowhere/staff.csv: cannot read the file: No such file or directory"
    ]


def test_one_bad_file_writes_none_of_the_others(db):
    # Staff is good, the registrations are not: the staff is not written either.
    before = snapshot()
    bad = "employee_id,date,location,part\nP2,2023-01-02,home,full\nP2,2023-01-02,home,full\n"
    result = run(write("staff.csv", STAFF), write("registrations.csv", bad))
    assert strings(result.errors) == [
        "registrations.csv:3:employee_id: duplicate of row 2 (same employee_id, date, part)"
    ]
    assert snapshot() == before


def test_references_to_staff_rows_with_errors_are_not_reported_again(db):
    # P5's only period has a bad fte, but P5 and the period are known to the other files.
    staff_text = f"{STAFF_HEADER}\nP5;{PERIOD};2;2020-01-01;;\n"
    registrations = "employee_id,date,location,part\nP5,2023-01-02,home,full\n"
    equipment = (
        "employee_id;item;category;delivered_on;cost;ownership;returned_on\n"
        "P5;Stoel;chair;2022-03-15;20;loan;\n"
    )
    result = run(
        write("staff.csv", staff_text),
        write("registrations.csv", registrations),
        write("equipment.csv", equipment),
    )
    assert strings(result.errors) == ["staff.csv:2:fte: must be more than 0 and at most 1: '2'"]
    assert result.warnings == []


def test_errors_of_every_file_are_listed(staff):
    result = run(*[write(name, text.replace("P2", "PX")) for name, text in GOOD.items()])
    assert {issue.file for issue in result.errors} == {
        "agreements.csv",
        "registrations.csv",
        "internet_options.csv",
        "invoices.csv",
        "equipment.csv",
    }
    assert all(issue.column == "employee_id" for issue in result.errors)


def test_a_long_list_of_errors_is_cut_per_file(staff):
    rows = "".join(
        f"P9,2023-01-{day % 28 + 1:02d},home,full\n" for day in range(LISTED_PER_FILE + 5)
    )
    result = run(write("registrations.csv", "employee_id,date,location,part\n" + rows))
    assert len(result.errors) == LISTED_PER_FILE + 1
    assert str(result.errors[-1]) == (
        f"registrations.csv:{LISTED_PER_FILE + 2}:employee_id: ... and 5 more errors in this file "
        f"(only the first {LISTED_PER_FILE} are listed)"
    )


def test_overlaps_with_an_earlier_staff_file_name_that_file(db):
    later = (
        f"{STAFF_HEADER}\nP9;{PERIOD};1;2020-01-01;;\nP2;Bart;Janssens;;AIV;AIV;1;2021-06-01;;\n"
    )
    result = run(write("staff.csv", STAFF), write("staff-2.csv", later))
    assert strings(result.errors) == [
        "staff-2.csv:3:start_date: overlaps the employment period 2020-01-01..2021-12-31 of row 3 "
        "of staff.csv"
    ]
