"""Good files in every style Belgian HR systems and Excel write, and what they store."""

from datetime import date
from decimal import Decimal

import pytest
import xlsxwriter

from thuiswerk.budgets.models import BudgetLine, PlannedInitiative
from thuiswerk.equipment.models import Delivery
from thuiswerk.people.models import Employee, EmploymentPeriod, Entity
from thuiswerk.telework.models import Agreement, InternetOption, Registration, ThirdPartyInvoice

from .conftest import GOOD, STAFF, run, strings, write

pytestmark = pytest.mark.django_db


def periods():
    return list(
        EmploymentPeriod.objects.order_by("employee__personnel_number", "start_date").values_list(
            "employee__personnel_number",
            "entity__code",
            "fte",
            "start_date",
            "end_date",
            "supervisor__personnel_number",
        )
    )


STAFF_PERIODS = [
    ("P1", "AIV", Decimal("1.000"), date(2020, 1, 1), None, None),
    ("P2", "AIV", Decimal("0.800"), date(2020, 1, 1), date(2021, 12, 31), "P1"),
    ("P2", "DOV", Decimal("0.800"), date(2022, 1, 1), None, "P3"),
    ("P3", "DOV", Decimal("1.000"), date(2019, 1, 1), None, None),
]


def test_staff_semicolon_belgian_dates_decimal_comma():
    result = run(write("staff.csv", STAFF))
    assert result.ok, strings(result.errors)
    assert result.counts == {
        "entities": {"created": 2, "updated": 0, "unchanged": 0},
        "employees": {"created": 3, "updated": 0, "unchanged": 0},
        "employment_periods": {"created": 4, "updated": 0, "unchanged": 0},
    }
    assert periods() == STAFF_PERIODS
    assert dict(Entity.objects.values_list("code", "name")) == {
        "AIV": "Agentschap Informatie Vlaanderen",
        "DOV": "Departement Omgeving",
    }
    # Name and e-mail come from the most recent period.
    assert Employee.objects.get(personnel_number="P2").email == "bart.janssens@vlaanderen.be"


@pytest.mark.parametrize(
    ("encoding", "line_end"),
    [("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("cp1252", "\r\n"), ("cp1252", "\n")],
)
def test_encodings_and_line_ends(encoding, line_end):
    result = run(write("staff.csv", STAFF.replace("\n", line_end), encoding=encoding))
    assert result.ok, strings(result.errors)
    assert Employee.objects.get(personnel_number="P3").last_name == "Vandenbroucke-Ééckhout"
    assert periods() == STAFF_PERIODS


def test_comma_separator_iso_dates_decimal_point():
    text = (
        STAFF.replace(";", ",")
        .replace("0,8", '"0.8"')
        .replace("01/01/2020", "2020-01-01")
        .replace("31/12/2021", "2021-12-31")
    )
    result = run(write("staff.csv", text))
    assert result.ok, strings(result.errors)
    assert periods() == STAFF_PERIODS


def test_decimal_comma_in_a_comma_separated_file_when_quoted(staff):
    write("invoices.csv", 'employee_id,month,provider,amount\nP2,2023-01,Proximus,"45,50"\n')
    assert run("invoices.csv").ok
    assert ThirdPartyInvoice.objects.get().amount == Decimal("45.50")


def test_every_kind(staff):
    paths = [write(name, text) for name, text in GOOD.items()]
    result = run(*paths)
    assert result.ok, strings(result.errors)
    assert {name: counts["created"] for name, counts in result.counts.items()} == {
        "agreements": 2,
        "registrations": 4,
        "internet_options": 2,
        "invoices": 2,
        "equipment": 2,
        "budgets": 2,
        "initiatives": 2,
    }
    agreement = Agreement.objects.get(employee__personnel_number="P2")
    assert (agreement.valid_from, agreement.valid_to, agreement.days_per_week) == (
        date(2022, 3, 1),
        None,
        Decimal("2.5"),
    )
    assert (agreement.status, agreement.approved_by.personnel_number, agreement.approved_on) == (
        "approved",
        "P3",
        date(2022, 2, 15),
    )
    assert sorted(
        Registration.objects.values_list("employee__personnel_number", "date", "part", "location")
    ) == [
        ("P1", date(2023, 1, 2), "full", "absent"),  # an empty part is a full day
        ("P2", date(2023, 1, 2), "full", "home"),
        ("P2", date(2023, 1, 3), "am", "office"),
        ("P2", date(2023, 1, 3), "pm", "home"),
    ]
    assert sorted(
        InternetOption.objects.values_list("employee__personnel_number", "option", "provider")
    ) == [("P1", "forfait", ""), ("P2", "third_party", "Proximus")]
    assert sorted(ThirdPartyInvoice.objects.values_list("month", "amount")) == [
        (date(2023, 1, 1), Decimal("45.50")),
        (date(2023, 2, 1), Decimal("45.50")),
    ]
    # A delivery is spending of the entity of the period covering its day: P2 moved in 2022.
    assert sorted(
        Delivery.objects.values_list("delivered_on", "entity__code", "cost", "ownership")
    ) == [
        (date(2021, 3, 15), "AIV", Decimal("249.00"), "loan"),
        (date(2022, 3, 15), "DOV", Decimal("189.99"), "gift"),
    ]
    assert sorted(BudgetLine.objects.values_list("entity__code", "year", "measure", "amount")) == [
        ("AIV", 2023, "financial", Decimal("120000.00")),
        ("DOV", 2023, "material", Decimal("50000.50")),
    ]
    assert sorted(
        PlannedInitiative.objects.values_list(
            "entity__code", "title", "planned_from", "budget", "motivation"
        )
    ) == [
        (
            "AIV",
            "Tweede scherm voor iedereen",
            date(2024, 1, 1),
            Decimal("75000.00"),
            "Betere ergonomie",
        ),
        ("DOV", "Hogere internetvergoeding", None, Decimal("0.00"), ""),
    ]


def test_files_are_imported_in_dependency_order():
    # The agreements name employees that only the staff file brings; given first, they wait.
    agreements = write("agreements.csv", GOOD["agreements.csv"])
    result = run(agreements, write("staff.csv", STAFF))
    assert result.ok, strings(result.errors)
    assert list(result.counts) == ["entities", "employees", "employment_periods", "agreements"]
    assert Agreement.objects.count() == 2


def test_supervisor_may_be_a_later_row_of_the_same_file():
    # P2's 2022 supervisor P3 is on the last row.
    assert run(write("staff.csv", STAFF)).ok
    assert (
        EmploymentPeriod.objects.get(start_date=date(2022, 1, 1)).supervisor.personnel_number
        == "P3"
    )


@pytest.mark.parametrize("name", ["2023_staff.csv", "staff-aiv.csv", "Staff export 2023.csv"])
def test_a_prefix_or_suffix_in_the_file_name(name):
    assert run(write(name, STAFF)).ok
    assert Employee.objects.count() == 3


def test_headers_in_any_order_case_and_with_spaces(staff):
    write("budgets.csv", " Amount ; ENTITY_CODE;year;measure\n120000;AIV;2023;financial\n")
    assert run("budgets.csv").ok
    assert BudgetLine.objects.get().amount == Decimal("120000.00")


def test_blank_lines_and_cells_with_spaces_are_ignored(staff):
    write("budgets.csv", "entity_code;year;measure;amount\n\n AIV ; 2023 ; Financial ;1000\n;;;\n")
    result = run("budgets.csv")
    assert result.ok, strings(result.errors)
    assert result.counts["budgets"]["created"] == 1
    assert BudgetLine.objects.get().measure == "financial"


def _workbook(path, sheets):
    workbook = xlsxwriter.Workbook(str(path))
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    sheet.write_datetime(r, c, value, date_format)
                elif value is not None:
                    sheet.write(r, c, value)
    workbook.close()
    return path


def test_xlsx_workbook_with_typed_cells():
    path = _workbook(
        "import.xlsx",
        {
            "Instructies": [["Uitleg"]],
            "staff": [
                STAFF.splitlines()[0].split(";"),
                [
                    1001,
                    "An",
                    "Peeters",
                    "",
                    "AIV",
                    "Agentschap Informatie Vlaanderen",
                    1,
                    date(2020, 1, 1),
                    None,
                    None,
                ],
                [
                    1002,
                    "Ézra",
                    "Ééckhout",
                    "",
                    "AIV",
                    "Agentschap Informatie Vlaanderen",
                    0.8,
                    date(2020, 1, 1),
                    None,
                    1001,
                ],
            ],
            "registrations": [
                ["employee_id", "date", "location", "part"],
                [1002, date(2023, 1, 2), "home", "full"],
                [1002, "3/01/2023", "home", "am"],
            ],
            "invoices": [
                ["employee_id", "month", "provider", "amount"],
                [1002, "2023-01", "Telenet", 45.5],
                [1002, date(2023, 2, 1), "Telenet", 19.99],  # Excel made the month a date
                [1002, "2023-03", "Telenet", 0.1 + 0.2],  # a formula's float: 0.3
            ],
            "budgets": [
                ["entity_code", "year", "measure", "amount"],
                ["AIV", 2023, "material", 1234.56],
            ],
        },
    )
    result = run(path)
    assert result.ok, strings(result.errors)
    assert sorted(
        EmploymentPeriod.objects.values_list(
            "employee__personnel_number", "fte", "supervisor__personnel_number"
        )
    ) == [("1001", Decimal("1.000"), None), ("1002", Decimal("0.800"), "1001")]
    assert Employee.objects.get(personnel_number="1002").first_name == "Ézra"
    assert sorted(Registration.objects.values_list("date", "part")) == [
        (date(2023, 1, 2), "full"),
        (date(2023, 1, 3), "am"),
    ]
    assert sorted(ThirdPartyInvoice.objects.values_list("month", "amount")) == [
        (date(2023, 1, 1), Decimal("45.50")),
        (date(2023, 2, 1), Decimal("19.99")),
        (date(2023, 3, 1), Decimal("0.30")),
    ]
    assert BudgetLine.objects.get().amount == Decimal("1234.56")


def test_xlsx_row_numbers_are_the_sheet_rows(staff):
    path = _workbook(
        "book.xlsx",
        {
            "budgets": [
                [],
                ["entity_code", "year", "measure", "amount"],
                ["AIV", 2023, "financial", 1],
                [],
                ["AIV", 2023, "bonus", 1],
            ]
        },
    )
    assert strings(run(path).errors) == [
        "book.xlsx[budgets]:5:measure: unknown value 'bonus' (allowed: financial, material)"
    ]
