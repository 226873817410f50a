"""Tables <-> frames: exact on both databases, and the index rebuild of large writes."""

from datetime import date
from decimal import Decimal

import polars as pl
import pytest
from django.db import IntegrityError, connection, transaction
from tests.factories import (
    EmployeeFactory,
    EmploymentPeriodFactory,
    EntityFactory,
    RegistrationFactory,
)

from thuiswerk.allowances.inputs import load_engine_inputs
from thuiswerk.core import frames
from thuiswerk.core.frames import day_number, delete_ids, fetch_frame, insert_frame
from thuiswerk.people.models import Employee, EmploymentPeriod

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


def _constraints(table: str) -> list[tuple]:
    """Every index and constraint of `table` with its columns, kind and target."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return sorted(
        (name, tuple(c["columns"]), c["unique"], c["foreign_key"], c["index"])
        for name, c in found.items()
    )


@pytest.mark.parametrize("bulk", [False, True], ids=["small", "bulk"])
def test_inserted_texts_nulls_dates_and_decimals_come_back_exactly(bulk, monkeypatch):
    if bulk:  # the JSON rows (SQLite) or COPY (PostgreSQL) with the indexes built afterwards
        monkeypatch.setattr(frames, "BATCH_ROWS", 2)
    numbers = [f"T{n}" for n in range(len(AWKWARD))]
    insert_frame(
        "people_employee",
        pl.DataFrame(
            {"personnel_number": numbers, "first_name": AWKWARD, "last_name": AWKWARD[::-1]}
        ).with_columns(email=pl.lit("")),
    )
    employees = dict(Employee.objects.values_list("personnel_number", "id"))
    entity = EntityFactory()
    insert_frame(
        "people_employmentperiod",
        pl.DataFrame(
            {
                "employee_id": [employees[n] for n in numbers],
                "entity_id": [entity.id] * len(numbers),
                "start_date": [date(2020, 1, 1), date(2021, 2, 28), date(2024, 2, 29), None],
                "end_date": [None, date(2021, 12, 31), None, None],
                "fte": ["1.00", "0.80", "0.55", "0.01"],
            }
        ).with_columns(pl.col("start_date").fill_null(date(1999, 12, 31))),
    )
    stored = Employee.objects.order_by("personnel_number").values_list("first_name", "last_name")
    assert list(stored) == list(zip(AWKWARD, AWKWARD[::-1], strict=True))
    periods = EmploymentPeriod.objects.order_by("employee__personnel_number")
    assert [(p.start_date, p.end_date, p.fte, p.supervisor_id) for p in periods] == [
        (date(2020, 1, 1), None, Decimal("1.00"), None),
        (date(2021, 2, 28), date(2021, 12, 31), Decimal("0.80"), None),
        (date(2024, 2, 29), None, Decimal("0.55"), None),
        (date(1999, 12, 31), None, Decimal("0.01"), None),
    ]


def test_a_bulk_insert_keeps_the_foreign_keys_and_unique_constraints(monkeypatch):
    monkeypatch.setattr(frames, "BATCH_ROWS", 2)
    before = _constraints("telework_registration")
    employee = EmployeeFactory()
    rows = pl.DataFrame(
        {
            "employee_id": [employee.id] * 3,
            "date": [date(2023, 3, 6), date(2023, 3, 7), date(2023, 3, 8)],
            "part": ["full"] * 3,
            "location": ["home", "office", "home"],
        }
    )
    assert insert_frame("telework_registration", rows) == 3
    assert _constraints("telework_registration") == before
    assert employee.registrations.filter(location="home").count() == 2


@pytest.mark.parametrize("fault", ["unknown employee", "same day twice"])
def test_a_bulk_insert_refuses_what_the_constraints_refuse(fault, monkeypatch):
    monkeypatch.setattr(frames, "BATCH_ROWS", 2)
    employee = EmployeeFactory()
    days = [date(2023, 3, 6), date(2023, 3, 7), date(2023, 3, 8)]
    if fault == "same day twice":
        days[2] = days[1]
    employees = [
        employee.id,
        employee.id,
        employee.id + 1000 if fault == "unknown employee" else employee.id,
    ]
    rows = pl.DataFrame(
        {"employee_id": employees, "date": days, "part": ["full"] * 3, "location": ["home"] * 3}
    )
    with (
        pytest.raises((IntegrityError, connection.Database.IntegrityError)),
        transaction.atomic(),
    ):
        insert_frame("telework_registration", rows)
        # SQLite checks deferred foreign keys at commit; this checks them now.
        connection.check_constraints(table_names=["telework_registration"])
    assert not employee.registrations.exists()


def test_insert_and_delete_in_bulk_keep_the_indexes(monkeypatch):
    monkeypatch.setattr(frames, "BATCH_ROWS", 2)  # so that three rows are a "large" write

    def indexes():
        return _constraints("people_employee")

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
