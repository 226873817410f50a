"""Bulk upsert of day registrations: the import's checks and writer, all or nothing, idempotent,
row-level errors in the error shape, and who may write whose days."""

import time
from datetime import date, timedelta

from django.db import IntegrityError
from tests.factories import EmployeeFactory, EmploymentPeriodFactory, RegistrationFactory

from thuiswerk.audit.models import AuditEvent
from thuiswerk.core.locks import RunLocked
from thuiswerk.imports import services as imports
from thuiswerk.telework.api import MAX_ROWS
from thuiswerk.telework.models import Registration

URL = "/api/v1/registrations"
MONDAY = date(2026, 11, 16)
SATURDAY = date(2026, 11, 21)


def _post(client, rows):
    return client.post(URL, data={"rows": rows}, content_type="application/json")


def _row(employee, day=MONDAY, location="home", **extra):
    return {
        "personnel_number": employee.personnel_number,
        "day": day.isoformat(),
        "location": location,
        **extra,
    }


def _stored(employee):
    return sorted(
        Registration.objects.filter(employee=employee).values_list("date", "part", "location")
    )


def test_hr_upserts_rows_and_the_same_request_again_changes_nothing(world, token_client):
    client = token_client(world.a.hr_user)
    rows = [_row(world.a.employee), _row(world.a.employee, MONDAY + timedelta(days=1), "office")]
    first = _post(client, rows)
    assert first.status_code == 200, first.content
    assert first.json() == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "deleted": 0,
        "warnings": [],
    }
    again = _post(client, rows).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert _stored(world.a.employee) == [
        (MONDAY, "full", "home"),
        (MONDAY + timedelta(days=1), "full", "office"),
    ]
    event = (
        AuditEvent.objects.filter(action="import", actor=world.a.hr_user.email)
        .order_by("pk")
        .first()
    )
    assert event is not None
    assert event.data["counts"]["registrations"]["created"] == 2


def test_a_changed_location_is_updated_and_half_days_replace_the_whole_day(world, token_client):
    RegistrationFactory(employee=world.a.employee, date=MONDAY, location="office")
    RegistrationFactory(employee=world.a.employee, date=MONDAY + timedelta(days=1))
    client = token_client(world.a.hr_user)
    body = _post(
        client,
        [
            _row(world.a.employee, MONDAY + timedelta(days=1), "office"),
            _row(world.a.employee, part="am"),
            _row(world.a.employee, location="absent", part="pm"),
        ],
    ).json()
    assert (body["created"], body["updated"], body["deleted"]) == (2, 1, 1)
    assert _stored(world.a.employee) == [
        (MONDAY, "am", "home"),
        (MONDAY, "pm", "absent"),
        (MONDAY + timedelta(days=1), "full", "office"),
    ]


def test_the_import_formats_dutch_names_and_belgian_dates_are_accepted(world, token_client):
    row = {**_row(world.a.employee, location="Thuis", part="voormiddag"), "day": "16/11/2026"}
    response = _post(token_client(world.a.hr_user), [row])
    assert response.status_code == 200, response.content
    assert _stored(world.a.employee) == [(MONDAY, "am", "home")]


def test_one_wrong_row_and_nothing_is_written_with_each_error_at_its_row(world, token_client):
    client = token_client(world.a.hr_user)
    rows = [
        _row(world.a.employee),
        _row(world.a.employee, MONDAY + timedelta(days=1), location="beach"),
        {**_row(world.a.employee), "day": "2026-13-40"},
        _row(world.a.employee, MONDAY + timedelta(days=2), part="evening"),
    ]
    response = _post(client, rows)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_rows"
    found = {(d["row"], d["field"], d["code"]) for d in body["details"]}
    assert found == {
        (2, "rows[1].location", "unknown_value"),
        (3, "rows[2].day", "bad_format"),
        (4, "rows[3].part", "unknown_value"),
    }
    assert all(d["message"] for d in body["details"])
    assert not Registration.objects.exists()


def test_checks_across_rows_duplicates_and_mixed_parts(world, token_client):
    rows = [
        _row(world.a.employee),
        _row(world.a.employee, location="office"),
        _row(world.a.employee, MONDAY + timedelta(days=1)),
        _row(world.a.employee, MONDAY + timedelta(days=1), part="am"),
    ]
    body = _post(token_client(world.a.hr_user), rows).json()
    found = {(d["row"], d["code"]) for d in body["details"]}
    assert found == {(2, "duplicate"), (4, "mixed_day_parts")}
    assert "rij 1" in next(d["message"] for d in body["details"] if d["row"] == 2)


def test_unknown_employees_by_number_or_id_and_rows_that_name_nobody(world, token_client):
    rows = [
        {**_row(world.a.employee), "personnel_number": "NOBODY"},
        {"employee_id": 999999, "day": "2026-11-16", "location": "home"},
        {"day": "2026-11-16", "location": "home"},
        {**_row(world.a.employee), "employee_id": world.a.employee.pk},
    ]
    body = _post(token_client(world.admin_user), rows).json()
    assert [(d["row"], d["field"], d["code"]) for d in body["details"]] == [
        (1, "rows[0].personnel_number", "unknown_reference"),
        (2, "rows[1].employee_id", "unknown_reference"),
        (3, "rows[2].personnel_number", "missing_value"),
        (4, "rows[3].employee_id", "conflicting_values"),
    ]


def test_an_employee_named_by_id_gets_errors_at_that_field(world, token_client):
    rows = [{"employee_id": world.a.employee.pk, "day": "2026-11-16", "location": "x"}]
    body = _post(token_client(world.a.hr_user), rows).json()
    assert [(d["field"], d["code"]) for d in body["details"]] == [
        ("rows[0].location", "unknown_value")
    ]
    rows[0]["location"] = "home"
    assert _post(token_client(world.a.hr_user), rows).json()["created"] == 1


def test_schema_errors_name_the_row_too(world, token_client):
    rows = [_row(world.a.employee), {**_row(world.a.employee), "day": 20261102}]
    response = _post(token_client(world.a.hr_user), rows)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert [(d["row"], d["field"]) for d in body["details"]] == [(2, "rows[1].day")]


def test_more_than_ten_thousand_rows_is_refused(world, token_client):
    rows = [_row(world.a.employee)] * (MAX_ROWS + 1)
    response = _post(token_client(world.a.hr_user), rows)
    assert response.status_code == 422
    assert response.json()["code"] == "too_many_rows"
    assert not Registration.objects.exists()


def test_an_hr_officer_writes_only_the_staff_of_her_entities(world, token_client):
    rows = [_row(world.b.employee), _row(world.a.employee)]
    response = _post(token_client(world.a.hr_user), rows)
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "rows_out_of_scope"
    assert [(d["row"], d["code"]) for d in body["details"]] == [(1, "employee_out_of_scope")]
    assert not Registration.objects.exists()


def test_an_id_outside_her_access_is_refused_without_naming_the_person(world, token_client):
    rows = [{"employee_id": world.b.employee.pk, "day": "2026-11-16", "location": "home"}]
    response = _post(token_client(world.a.hr_user), rows)
    assert response.status_code == 403
    detail = response.json()["details"][0]
    assert detail["code"] == "employee_out_of_scope"
    assert world.b.employee.personnel_number not in detail["message"]


def test_an_hr_officer_is_warned_of_a_saturday_an_employee_refused(world, token_client):
    hr = _post(token_client(world.a.hr_user), [_row(world.a.employee, SATURDAY)])
    assert hr.status_code == 200
    assert [w["code"] for w in hr.json()["warnings"]] == ["non_working_day"]
    Registration.objects.all().delete()
    own = _post(token_client(world.a.employee_user), [_row(world.a.employee, SATURDAY)])
    assert own.status_code == 422
    assert [(d["field"], d["code"]) for d in own.json()["details"]] == [
        ("rows[0].day", "non_working_day")
    ]
    assert not Registration.objects.exists()


def test_an_employee_writes_her_own_days_only(world, token_client):
    client = token_client(world.a.employee_user)
    own = _post(
        client,
        [
            _row(world.a.employee),
            {"employee_id": world.a.employee.pk, "day": "2026-11-17", "location": "office"},
        ],
    )
    assert own.status_code == 200, own.content
    assert own.json()["created"] == 2
    assert AuditEvent.objects.filter(action="import", actor=world.a.employee_user.email).exists()
    other = _post(client, [_row(world.b.employee, MONDAY + timedelta(days=2))])
    assert other.status_code == 403
    assert other.json()["details"][0]["code"] == "employee_out_of_scope"
    assert len(_stored(world.a.employee)) == 2


def test_a_supervisor_does_not_write_her_teams_days(world, token_client):
    response = _post(token_client(world.a.supervisor_user), [_row(world.a.employee)])
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_an_auditor_may_not_write_registrations(world, token_client):
    response = _post(token_client(world.a.auditor_user), [_row(world.a.employee)])
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_the_session_needs_the_csrf_token_for_the_upsert(world, session_client):
    response = _post(session_client(world.a.hr_user), [_row(world.a.employee)])
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"


def test_the_list_of_an_employees_days_by_month_range(world, token_client):
    RegistrationFactory(employee=world.a.employee, date=date(2026, 10, 30))
    RegistrationFactory(employee=world.a.employee, date=MONDAY, part="am")
    RegistrationFactory(employee=world.a.employee, date=MONDAY, part="pm", location="office")
    RegistrationFactory(employee=world.a.employee, date=date(2026, 12, 1))
    url = f"/api/v1/employees/{world.a.employee.pk}/registrations"
    client = token_client(world.a.employee_user)
    page = client.get(url, {"from_month": "2026-11", "to_month": "2026-11", "limit": 1}).json()
    assert page["items"] == [{"day": "2026-11-16", "part": "am", "location": "home"}]
    rest = client.get(
        url, {"from_month": "2026-11", "to_month": "2026-11", "cursor": page["next_cursor"]}
    ).json()
    assert rest == {
        "items": [{"day": "2026-11-16", "part": "pm", "location": "office"}],
        "next_cursor": None,
    }
    whole = client.get(url, {"from_month": "2026-10", "to_month": "2026-12"}).json()
    assert len(whole["items"]) == 4
    assert (
        token_client(world.a.hr_user)
        .get(url, {"from_month": "2026-11", "to_month": "2026-11"})
        .status_code
        == 200
    )
    assert (
        token_client(world.a.supervisor_user)
        .get(url, {"from_month": "2026-11", "to_month": "2026-11"})
        .status_code
        == 403
    )
    assert (
        token_client(world.b.hr_user)
        .get(url, {"from_month": "2026-11", "to_month": "2026-11"})
        .status_code
        == 404
    )


def test_ten_thousand_rows_are_written_in_seconds(world, token_client, capsys):
    entity = world.a.entity
    staff = [EmployeeFactory() for _ in range(500)]
    for employee in staff:
        EmploymentPeriodFactory(employee=employee, entity=entity, start_date=date(2020, 1, 1))
    days = [
        MONDAY + timedelta(days=n) for n in range(28) if (MONDAY + timedelta(days=n)).weekday() < 5
    ]
    rows = [
        _row(employee, day, "home" if day.weekday() < 2 else "office")
        for employee in staff
        for day in days[:20]
    ]
    assert len(rows) == MAX_ROWS
    client = token_client(world.a.hr_user)
    started = time.perf_counter()
    first = _post(client, rows)
    created = time.perf_counter() - started
    started = time.perf_counter()
    again = _post(client, rows)
    repeated = time.perf_counter() - started
    assert first.json()["created"] == MAX_ROWS
    assert again.json()["unchanged"] == MAX_ROWS
    with capsys.disabled():
        print(f"\n10,000 registrations: {created:.2f} s new, {repeated:.2f} s unchanged")
    assert created < 30 and repeated < 30


def test_a_run_in_progress_is_409_and_nothing_is_written(world, token_client, monkeypatch):
    def locked(**_kwargs):
        raise RunLocked("compute by centraal@vlaanderen.be")

    monkeypatch.setattr(imports, "run_lock", locked)
    response = _post(token_client(world.a.hr_user), [_row(world.a.employee)])
    assert response.status_code == 409
    assert response.json()["code"] == "run_in_progress"
    assert not Registration.objects.exists()


def test_rows_someone_else_wrote_meanwhile_are_a_409_write_conflict(
    world, token_client, monkeypatch
):
    def conflict(*_args):
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr(imports, "write_rows", conflict)
    response = _post(token_client(world.a.hr_user), [_row(world.a.employee)])
    assert response.status_code == 409
    assert response.json()["code"] == "write_conflict"


def test_row_errors_in_english_when_asked(world, token_client):
    client = token_client(world.a.hr_user)
    response = client.post(
        URL,
        data={"rows": [_row(world.a.employee, location="beach")]},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = response.json()
    assert body["message"].startswith("Nothing was written")
    assert "unknown value 'beach'" in body["details"][0]["message"]


def test_an_empty_request_writes_nothing_and_says_so(world, token_client):
    body = _post(token_client(world.a.hr_user), []).json()
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 0, 0)
    assert [w["code"] for w in body["warnings"]] == ["no_rows"]


def test_an_id_too_large_for_the_database_is_a_schema_error_at_its_row(world, token_client):
    rows = [_row(world.a.employee), {"employee_id": 2**64, "day": "2026-11-16", "location": "x"}]
    body = _post(token_client(world.a.hr_user), rows).json()
    assert body["code"] == "invalid_input"
    assert [(d["row"], d["field"]) for d in body["details"]] == [(2, "rows[1].employee_id")]
