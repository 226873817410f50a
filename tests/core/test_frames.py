"""Tables <-> frames: exact on both databases, and the index rebuild of large writes."""

from datetime import date

import polars as pl
from django.db import connection
from tests.factories import EmployeeFactory, EmploymentPeriodFactory, RegistrationFactory

from thuiswerk.allowances.inputs import load_engine_inputs
from thuiswerk.core import frames
from thuiswerk.core.frames import day_number, delete_ids, fetch_frame, insert_frame
from thuiswerk.people.models import Employee

AWKWARD = ["", 'O\'Brien, "Jr"', "line one\nline two", "Ééckhout;€"]


def test_texts_nulls_and_dates_come_back_exactly():
    for number, last_name in enumerate(AWKWARD):
        EmployeeFactory(personnel_number=f"X{number}", last_name=last_name, email="")
    frame = fetch_frame(
        f"SELECT personnel_number, last_name, NULLIF(email, ''), {day_number('%s')} FROM people_employee"
        " ORDER BY personnel_number",
        [date(2023, 2, 28)],
        {"number": pl.String, "last_name": pl.String, "email": pl.String, "day": pl.Date},
    )
    assert frame["last_name"].to_list() == AWKWARD
    assert frame["email"].to_list() == [None] * len(AWKWARD)
    assert frame["day"].to_list() == [date(2023, 2, 28)] * len(AWKWARD)


def test_an_empty_result_has_the_schema():
    frame = fetch_frame("SELECT id FROM people_employee", [], {"id": pl.Int64})
    assert (frame.height, frame.schema) == (0, pl.Schema({"id": pl.Int64}))


def test_insert_and_delete_in_bulk_keep_the_indexes(monkeypatch):
    monkeypatch.setattr(frames, "BATCH_ROWS", 2)  # so that three rows are a "large" write

    def indexes():
        with connection.cursor() as cursor:
            return sorted(connection.introspection.get_constraints(cursor, "people_employee"))

    before = indexes()
    rows = pl.DataFrame(
        {"personnel_number": ["B1", "B2", "B3"], "first_name": ["a", "b", "c"]}
    ).with_columns(last_name=pl.lit("Bulk"), email=pl.lit(""))
    assert insert_frame("people_employee", rows) == 3
    assert indexes() == before
    ids = pl.Series(list(Employee.objects.filter(last_name="Bulk").values_list("id", flat=True)))
    assert delete_ids("people_employee", ids) == 3
    assert not Employee.objects.filter(last_name="Bulk").exists()
    assert indexes() == before


def test_registrations_reach_the_engine_as_stored():
    period = EmploymentPeriodFactory()
    RegistrationFactory(employee=period.employee, date=date(2023, 3, 6), location="home", part="am")
    RegistrationFactory(
        employee=period.employee, date=date(2023, 3, 6), location="absent", part="pm"
    )
    RegistrationFactory(
        employee=period.employee, date=date(2023, 3, 7), location="home", part="full"
    )
    RegistrationFactory(
        employee=period.employee, date=date(2023, 3, 8), location="office", part="full"
    )
    registrations = load_engine_inputs(date(2023, 3, 1), date(2023, 3, 1))["registrations"]
    assert sorted(registrations.rows()) == [
        (period.employee_id, date(2023, 3, 6), "absent", "pm"),
        (period.employee_id, date(2023, 3, 6), "home", "am"),
        (period.employee_id, date(2023, 3, 7), "home", "full"),
    ]
