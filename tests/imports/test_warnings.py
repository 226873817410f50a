"""Warnings are listed and do not block: registrations on non-working days or outside
employment, and approvals by someone other than the supervisor."""

import pytest

from thuiswerk.imports.issues import WARNING, issues_summary
from thuiswerk.telework.models import Agreement, Registration

from .conftest import run, strings, write

pytestmark = pytest.mark.django_db


def test_registrations_on_non_working_days_or_outside_employment(staff):
    result = run(
        write(
            "registrations.csv",
            "employee_id,date,location,part\n"
            "P2,2023-01-06,home,full\n"  # a Friday: fine
            "P2,2023-01-07,home,full\n"  # a Saturday
            "P2,2023-07-11,home,full\n"  # Feestdag van de Vlaamse Gemeenschap
            "P2,2023-12-25,home,am\n"  # Christmas
            "P2,2019-06-03,home,full\n",  # a Monday before P2 was employed
        )
    )
    assert result.ok
    assert strings(result.warnings) == [
        "registrations.csv:3:date: 2023-01-07 is a Saturday, not a working day",
        "registrations.csv:4:date: 2023-07-11 is a holiday (Feestdag van de Vlaamse Gemeenschap), not a working day",
        "registrations.csv:5:date: 2023-12-25 is a holiday (Kerstmis), not a working day",
        "registrations.csv:6:date: no employment period of 'P2' covers 2019-06-03",
    ]
    assert Registration.objects.count() == 5


def test_days_before_between_and_after_employment_periods_are_outside_employment(db):
    staff = write(
        "staff.csv",
        "employee_id;first_name;last_name;email;entity_code;entity_name;fte;start_date;end_date;supervisor_id\n"
        "G1;Greet;Gaten;;AIV;Agentschap Informatie Vlaanderen;1;2020-01-01;2020-12-31;\n"
        "G1;Greet;Gaten;;AIV;Agentschap Informatie Vlaanderen;1;2022-01-01;2022-06-30;\n"
        "E1;Erik;Einde;;AIV;Agentschap Informatie Vlaanderen;1;2020-01-01;2020-12-31;\n"
        "O1;Olga;Open;;AIV;Agentschap Informatie Vlaanderen;1;2020-01-01;2021-06-30;\n"
        "O1;Olga;Open;;AIV;Agentschap Informatie Vlaanderen;1;2021-07-01;;\n",
    )
    registrations = write(
        "registrations.csv",
        "employee_id,date,location,part\n"
        "G1,2020-06-02,home,full\n"  # in the first period
        "G1,2021-03-01,home,full\n"  # between the two periods
        "G1,2022-03-01,home,full\n"  # in the second period
        "G1,2022-09-01,home,full\n"  # after the last one
        "G1,2019-03-04,home,full\n"  # before the first one
        "E1,2021-02-01,home,full\n"  # after the only one
        "O1,2019-03-04,home,full\n"  # before the first of two periods without a gap
        "O1,2021-07-01,home,full\n"  # the first day of the open period
        "O1,2030-03-04,home,full\n",  # years later, still in the open period
    )
    result = run(staff, registrations)
    assert result.ok, strings(result.errors)
    assert strings(result.warnings) == [
        "registrations.csv:3:date: no employment period of 'G1' covers 2021-03-01",
        "registrations.csv:5:date: no employment period of 'G1' covers 2022-09-01",
        "registrations.csv:6:date: no employment period of 'G1' covers 2019-03-04",
        "registrations.csv:7:date: no employment period of 'E1' covers 2021-02-01",
        "registrations.csv:8:date: no employment period of 'O1' covers 2019-03-04",
    ]


def test_approval_by_someone_other_than_the_supervisor(staff):
    result = run(
        write(
            "agreements.csv",
            "employee_id;valid_from;valid_to;days_per_week;status;approved_by;approved_on\n"
            "P2;2022-03-01;;2;approved;P3;\n"  # P3 supervises P2 from 2022: fine
            "P2;2021-03-01;2021-12-31;2;approved;P3;\n"  # in 2021 P1 did
            "P3;2022-03-01;;2;approved;P1;\n"  # P3 has no supervisor
            "P1;2022-03-01;;2;approved;;\n"  # nobody approved
            "P1;2023-03-01;;2;rejected;P2;\n",  # not approved: not checked
        )
    )
    assert result.ok
    assert strings(result.warnings) == [
        "agreements.csv:3:approved_by: approved by 'P3', who is not the employee's supervisor on 2021-03-01 ('P1')",
        "agreements.csv:4:approved_by: approved by 'P1', but the employee has no supervisor on 2022-03-01",
        "agreements.csv:5:approved_by: approved, but approved_by is empty",
    ]
    assert Agreement.objects.count() == 5


def test_warnings_come_with_errors_too(staff):
    result = run(
        write(
            "registrations.csv",
            "employee_id,date,location,part\nP2,2023-01-07,home,full\nP2,2023-01-09,gone,full\n",
        )
    )
    assert strings(result.errors) == [
        "registrations.csv:3:location: unknown value 'gone' (allowed: home, office, other, absent)"
    ]
    assert strings(result.warnings) == [
        "registrations.csv:2:date: 2023-01-07 is a Saturday, not a working day"
    ]


def test_the_summary_counts_warnings_by_code_with_the_first_examples(staff):
    result = run(
        write(
            "registrations.csv",
            "employee_id,date,location,part\n"
            + "".join(f"P2,2023-01-{day},home,full\n" for day in (7, 8, 14, 15, 21))
            + "P2,2019-06-03,home,full\n",
        )
    )
    assert issues_summary(result.of(WARNING), examples=2) == [
        "  5 × registration on a weekend day or holiday (non_working_day)",
        "      registrations.csv:2:date: 2023-01-07 is a Saturday, not a working day",
        "      registrations.csv:3:date: 2023-01-08 is a Sunday, not a working day",
        "      ...",
        "  1 × registration outside every employment period (registration_outside_employment)",
        "      registrations.csv:7:date: no employment period of 'P2' covers 2019-06-03",
    ]
