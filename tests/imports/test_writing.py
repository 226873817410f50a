"""The registration writer's packed comparison: exact, and the same in SQL and in Polars."""

from datetime import date

import polars as pl
from tests.factories import EmployeeFactory, RegistrationFactory

from thuiswerk.imports.kinds import FIRST_DATE, LAST_DATE
from thuiswerk.imports.writing import _packed, _stored_registrations, _unpacked
from thuiswerk.telework.models import Registration

DAYS = [FIRST_DATE, date(1970, 1, 1), date(2024, 2, 29), LAST_DATE]


def test_stored_registrations_pack_as_polars_packs_them_and_unpack_exactly():
    employees = [EmployeeFactory(), EmployeeFactory()]
    parts = [value for value, _ in Registration.Part.choices]
    locations = [value for value, _ in Registration.Location.choices]
    for number, day in enumerate(DAYS):
        for employee in employees:
            RegistrationFactory(
                employee=employee,
                date=day,
                part=parts[number % len(parts)],
                location=locations[(number + employee.id) % len(locations)],
            )
    expected = pl.DataFrame(
        list(Registration.objects.values_list("id", "employee_id", "date", "part", "location")),
        schema={
            "id": pl.Int64,
            "employee_id": pl.Int64,
            "date": pl.Date,
            "part": pl.String,
            "location": pl.String,
        },
        orient="row",
    ).sort("id")
    stored = _stored_registrations(FIRST_DATE, LAST_DATE).sort("id")
    assert stored["_packed"].to_list() == expected.select(_packed())["_packed"].to_list()
    assert _unpacked(stored).equals(expected)
    # A registration's day, employee and nothing else decide its day key.
    assert stored["_packed"].n_unique() == expected.height
