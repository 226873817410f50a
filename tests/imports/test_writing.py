"""The registration writer's comparison with the stored rows: exact, and the same in SQL (over
the stored rows) and in Polars (over a file's)."""

from datetime import date

import polars as pl
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.factories import EmployeeFactory, RegistrationFactory

from thuiswerk.imports import registrations
from thuiswerk.imports.kinds import FIRST_DATE, LAST_DATE
from thuiswerk.telework.models import Registration

DAYS = [FIRST_DATE, date(1970, 1, 1), date(2024, 2, 29), date(2024, 3, 31), LAST_DATE]
SCHEMA = {
    "id": pl.Int64,
    "employee_id": pl.Int64,
    "date": pl.Date,
    "part": pl.String,
    "location": pl.String,
}


def _stored() -> pl.DataFrame:
    rows = Registration.objects.values_list("id", "employee_id", "date", "part", "location")
    return pl.DataFrame(list(rows), schema=SCHEMA, orient="row").sort("id")


def _register_every_kind_of_day() -> None:
    employees = [EmployeeFactory(), EmployeeFactory()]
    for number, day in enumerate(DAYS):
        for employee in employees:
            RegistrationFactory(
                employee=employee,
                date=day,
                part=registrations.PARTS[number % len(registrations.PARTS)],
                location=registrations.LOCATIONS[
                    (number + employee.id) % len(registrations.LOCATIONS)
                ],
            )


def test_stored_registrations_pack_as_polars_packs_them_and_unpack_exactly(db):
    _register_every_kind_of_day()
    expected = _stored()
    months = expected.select("employee_id", registrations.month_of(pl.col("date"))).unique()
    stored = registrations.stored_rows(months).sort("id")
    assert stored["id"].to_list() == expected["id"].to_list()
    assert (
        stored["_packed"].to_list() == expected.select(registrations.packed())["_packed"].to_list()
    )
    assert registrations.unpacked(stored).equals(expected)


def test_the_stored_month_masks_are_the_files_when_nothing_changed(db):
    _register_every_kind_of_day()
    file = _stored().drop("id")
    # Also as Django runs SQL with DEBUG on (it formats each query for its log).
    with CaptureQueriesContext(connection):
        masks = registrations.stored_masks(FIRST_DATE, LAST_DATE)
        assert registrations.changed_employee_months(file, masks).is_empty()
    # One location changed, one half day added, one day left out: those employee-months differ
    # (a month's days the file leaves out count as a difference: the writer then compares it
    # day by day, and keeps the stored days the file does not state).
    first = file.filter(pl.col("date") == FIRST_DATE).sort("employee_id").row(0, named=True)
    changed = pl.concat(
        [
            file.filter(
                (pl.col("date") != FIRST_DATE) | (pl.col("employee_id") != first["employee_id"])
            ).with_columns(
                pl.when(pl.col("date") == date(2024, 2, 29))
                .then(pl.lit("other"))
                .otherwise(pl.col("location"))
                .alias("location")
            ),
            pl.DataFrame([first]).with_columns(date=pl.lit(date(2030, 5, 6)), part=pl.lit("am")),
        ]
    )
    found = registrations.changed_employee_months(changed, masks).sort(registrations.EMPLOYEE_MONTH)
    leap_day = file.filter((pl.col("date") == date(2024, 2, 29)) & (pl.col("location") != "other"))[
        "employee_id"
    ].to_list()
    assert leap_day  # at least one employee's location changes
    expected = pl.DataFrame(
        {
            "employee_id": [*leap_day, first["employee_id"]],
            "_month": [2024 * 12 + 1] * len(leap_day) + [2030 * 12 + 4],
        }
    ).sort(registrations.EMPLOYEE_MONTH)
    assert found.equals(expected)
