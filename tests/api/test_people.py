"""Entities, employees and employment periods: read only, within what the user sees."""

from datetime import date

from tests.factories import EmployeeFactory, EmploymentPeriodFactory

EMPLOYEES = "/api/v1/employees"


def _codes(body):
    return [item["code"] for item in body["items"]]


def test_entities_are_those_whose_figures_or_staff_the_user_sees(world, token_client):
    assert _codes(token_client(world.a.hr_user).get("/api/v1/entities").json()) == ["AIV"]
    assert _codes(token_client(world.b.auditor_user).get("/api/v1/entities").json()) == ["DKB"]
    assert _codes(token_client(world.admin_user).get("/api/v1/entities").json()) == ["AIV", "DKB"]
    assert _codes(token_client(world.a.employee_user).get("/api/v1/entities").json()) == []


def test_an_entity_by_code_or_404(world, token_client):
    client = token_client(world.a.hr_user)
    assert client.get("/api/v1/entities/AIV").json() == {
        "code": "AIV",
        "name": "Agentschap Informatie Vlaanderen",
    }
    response = client.get("/api/v1/entities/DKB")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert client.get("/api/v1/entities/NOPE").status_code == 404


def test_entities_in_pages(world, token_client):
    client = token_client(world.admin_user)
    first = client.get("/api/v1/entities", {"limit": 1}).json()
    assert _codes(first) == ["AIV"]
    second = client.get("/api/v1/entities", {"limit": 1, "cursor": first["next_cursor"]}).json()
    assert _codes(second) == ["DKB"] and second["next_cursor"] is None


def _numbers(body):
    return [item["personnel_number"] for item in body["items"]]


def test_employees_are_the_persons_the_user_sees(world, token_client):
    a, b = world.a, world.b
    hr = _numbers(token_client(a.hr_user).get(EMPLOYEES).json())
    assert sorted(hr) == sorted([a.employee.personnel_number, a.supervisor.personnel_number])
    own = token_client(a.employee_user).get(EMPLOYEES).json()
    assert _numbers(own) == [a.employee.personnel_number]
    team = _numbers(token_client(a.supervisor_user).get(EMPLOYEES).json())
    assert sorted(team) == sorted([a.employee.personnel_number, a.supervisor.personnel_number])
    assert _numbers(token_client(a.auditor_user).get(EMPLOYEES).json()) == []
    assert len(_numbers(token_client(world.admin_user).get(EMPLOYEES).json())) == 4
    limited = token_client(world.admin_user, entities=[b.entity]).get(EMPLOYEES).json()
    assert sorted(_numbers(limited)) == sorted(
        [b.employee.personnel_number, b.supervisor.personnel_number]
    )


def test_employees_filtered_by_entity_number_and_name(world, token_client):
    client = token_client(world.admin_user)
    in_b = _numbers(client.get(EMPLOYEES, {"entity": "DKB"}).json())
    assert sorted(in_b) == sorted(
        [world.b.employee.personnel_number, world.b.supervisor.personnel_number]
    )
    number = world.a.employee.personnel_number
    assert _numbers(client.get(EMPLOYEES, {"personnel_number": number}).json()) == [number]
    found = client.get(EMPLOYEES, {"search": "eva medewerkerdkb"}).json()
    assert _numbers(found) == [world.b.employee.personnel_number]
    assert found["items"][0]["first_name"] == "Eva"


def test_employees_in_cursor_pages_that_neither_skip_nor_repeat(world, token_client):
    for _ in range(5):
        EmploymentPeriodFactory(employee=EmployeeFactory(), entity=world.a.entity)
    client = token_client(world.a.hr_user)
    seen, cursor = [], None
    while True:
        page = client.get(EMPLOYEES, {"limit": 3, **({"cursor": cursor} if cursor else {})})
        body = page.json()
        seen += _numbers(body)
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 7 and seen == sorted(seen)
    bad = client.get(EMPLOYEES, {"cursor": "not-a-cursor"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_cursor"
    assert client.get(EMPLOYEES, {"limit": 0}).status_code == 422


def test_an_employee_by_id_or_404(world, token_client):
    url = f"{EMPLOYEES}/{world.a.employee.pk}"
    body = token_client(world.a.supervisor_user).get(url).json()
    assert body["personnel_number"] == world.a.employee.personnel_number
    assert set(body) == {"id", "personnel_number", "first_name", "last_name", "email"}
    assert token_client(world.b.hr_user).get(url).status_code == 404
    assert token_client(world.a.hr_user).get(f"{EMPLOYEES}/999999").status_code == 404


def test_employment_periods_for_her_hr_officers_only(world, token_client):
    EmploymentPeriodFactory(
        employee=world.a.employee,
        entity=world.b.entity,
        start_date=date(2018, 1, 1),
        end_date=date(2019, 12, 31),
    )
    url = f"{EMPLOYEES}/{world.a.employee.pk}/periods"
    body = token_client(world.a.hr_user).get(url).json()
    assert [(p["entity"], p["start_date"], p["end_date"]) for p in body["items"]] == [
        ("DKB", "2018-01-01", "2019-12-31"),
        ("AIV", "2020-01-01", None),
    ]
    assert body["items"][1]["supervisor_id"] == world.a.supervisor.pk
    assert body["items"][1]["fte"] == "1.000"
    # HR of B sees her too (she worked in B) and the periods; her supervisor and she do not.
    assert token_client(world.b.hr_user).get(url).status_code == 200
    assert token_client(world.a.supervisor_user).get(url).status_code == 403
    assert token_client(world.a.employee_user).get(url).status_code == 403
    assert token_client(world.a.auditor_user).get(url).status_code == 404


def test_people_are_read_only(world, token_client):
    client = token_client(world.admin_user)
    response = client.post(EMPLOYEES, data={}, content_type="application/json")
    assert response.status_code == 405
    assert client.delete(f"{EMPLOYEES}/{world.a.employee.pk}").status_code == 405


def test_ids_beyond_the_databases_integers_are_422_not_a_server_error(world, token_client):
    client = token_client(world.admin_user)
    huge = 2**64
    assert client.get(f"{EMPLOYEES}/{huge}").status_code == 422
    assert client.get("/api/v1/agreements", {"employee_id": huge}).status_code == 422
    assert client.get("/api/v1/invoices", {"employee_id": huge}).status_code == 422
