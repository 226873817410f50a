"""Ledger lines through the API: who sees which lines, the filters, cursor pages, amounts as
decimal strings, corrections linked to the lines they correct, the facts and parameters kept."""

from datetime import date, timedelta

import pytest
from tests.factories import AgreementFactory, InternetOptionFactory, RegistrationFactory

from thuiswerk.allowances.models import LedgerLine
from thuiswerk.allowances.services import ledger_compute, month_close
from thuiswerk.telework.models import Registration

LINES = "/api/v1/ledger-lines"


@pytest.fixture
def ledger(world):
    """A computed ledger for January to March 2026 in both entities (every Tuesday at home,
    the flat internet allowance); January closed, then employee A's January home days
    withdrawn and recomputed: a correction of January booked in February."""
    for side in (world.a, world.b):
        AgreementFactory(employee=side.employee, valid_from=date(2025, 1, 1))
        InternetOptionFactory(employee=side.employee, option="forfait", valid_from=date(2025, 1, 1))
        day = date(2026, 1, 6)
        while day < date(2026, 4, 1):
            RegistrationFactory(employee=side.employee, date=day, location="home", part="full")
            day += timedelta(days=7)
    ledger_compute(month_from=date(2026, 1, 1), month_to=date(2026, 3, 1), actor="test")
    month_close(month=date(2026, 1, 1), actor="test")
    Registration.objects.filter(employee=world.a.employee, date__month=1).update(location="office")
    ledger_compute(month_from=date(2026, 1, 1), month_to=date(2026, 3, 1), actor="test")
    return world


def _all(client, query: str = "", limit: int = 1000) -> list[dict]:
    items, cursor = [], None
    while True:
        path = f"{LINES}?limit={limit}{query}" + (f"&cursor={cursor}" if cursor else "")
        response = client.get(path)
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


def test_the_admin_sees_every_line_with_its_amounts_as_decimal_strings(ledger, token_client):
    items = _all(token_client(ledger.admin_user, access="read"))
    assert len(items) == LedgerLine.objects.count() > 0
    line = LedgerLine.objects.get(pk=items[0]["id"])
    first = items[0]
    assert first["employee_amount"] == f"{line.employee_amount:.2f}"
    assert isinstance(first["employer_cost"], str)
    assert (
        first["month"] == f"{line.month:%Y-%m}" and first["booked_in"] == f"{line.booked_in:%Y-%m}"
    )
    assert first["personnel_number"] == line.employee.personnel_number
    assert first["entity"] == line.entity.code
    assert first["run_id"] == line.run_id
    # Traceability: the month facts (from the registrations) and the parameter values used.
    assert "home_days" in first["explanation"]["facts"]
    assert first["explanation"]["parameters"]


def test_an_employee_sees_only_her_own_lines(ledger, token_client):
    items = _all(token_client(ledger.a.employee_user))
    assert items and {item["employee_id"] for item in items} == {ledger.a.employee.pk}


def test_a_supervisor_does_not_see_her_teams_lines(ledger, token_client):
    items = _all(token_client(ledger.a.supervisor_user))
    assert ledger.a.employee.pk not in {item["employee_id"] for item in items}


def test_an_hr_officer_sees_the_lines_of_her_entity_only(ledger, token_client):
    items = _all(token_client(ledger.a.hr_user))
    assert items and {item["entity"] for item in items} == {"AIV"}
    assert len(items) == LedgerLine.objects.filter(entity=ledger.a.entity).count()


@pytest.mark.parametrize("auditor", ["a", "all"])
def test_an_auditor_sees_no_person_so_no_line(ledger, token_client, auditor):
    user = ledger.a.auditor_user if auditor == "a" else ledger.auditor_all_user
    response = token_client(user).get(LINES)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_an_admin_token_limited_to_an_entity_sees_only_its_lines(ledger, token_client):
    items = _all(token_client(ledger.admin_user, entities=[ledger.b.entity]))
    assert items and {item["entity"] for item in items} == {"DKB"}


def test_a_correction_names_the_lines_it_corrects_and_what_was_paid(ledger, token_client):
    client = token_client(ledger.admin_user)
    corrections = _all(client, f"&month=2026-01&kind=correction&employee={ledger.a.employee.pk}")
    assert corrections
    for item in corrections:
        assert item["booked_in"] == "2026-02" and item["month"] == "2026-01"
        paid = LedgerLine.objects.filter(pk__in=item["correction"]["corrects"])
        assert paid.exists()
        assert {line.booked_in for line in paid} == {date(2026, 1, 1)}
        assert {line.measure for line in paid} == {item["measure"]}
        assert item["correction"]["paid_employee_amount"] == f"{paid[0].employee_amount:.2f}"
        assert item["units"] == -1  # the measure is withdrawn: no home day in January any more
    entitlements = _all(client, "&booked_in=2026-01")
    assert all(item["correction"] is None for item in entitlements)


def test_filters_by_month_range_entity_employee_and_measure(ledger, token_client):
    client = token_client(ledger.admin_user)
    february = _all(client, "&month=2026-02")
    assert february and {item["month"] for item in february} == {"2026-02"}
    spring = _all(client, "&from=2026-02&to=2026-03")
    assert {item["month"] for item in spring} == {"2026-02", "2026-03"}
    aiv = _all(client, "&entity=AIV")
    assert aiv and {item["entity"] for item in aiv} == {"AIV"}
    hers = _all(client, f"&employee={ledger.b.employee.pk}&measure=HOMEWORK")
    assert hers and {(i["employee_id"], i["measure"]) for i in hers} == {
        (ledger.b.employee.pk, "HOMEWORK")
    }
    paid_in_february = _all(client, "&booked_in=2026-02")
    assert {item["booked_in"] for item in paid_in_february} == {"2026-02"}


@pytest.mark.parametrize(
    "query, field",
    [
        ("month=2026-13", "month"),
        ("from=2026", "from"),
        ("measure=BONUS", "measure"),
        ("entity=NOPE", "entity"),
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("employee=abc", "employee"),
        ("kind=bonus", "kind"),
    ],
)
def test_bad_filters_are_422_naming_the_field(ledger, token_client, query, field):
    response = token_client(ledger.admin_user).get(f"{LINES}?{query}")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert field in {detail["field"] for detail in body["details"]}


def test_pages_follow_each_other_without_gaps_or_repeats(ledger, token_client):
    client = token_client(ledger.admin_user)
    paged = _all(client, limit=2)
    assert [item["id"] for item in paged] == sorted(LedgerLine.objects.values_list("id", flat=True))
    assert len({item["id"] for item in paged}) == len(paged)


def test_a_foreign_cursor_is_refused(ledger, token_client):
    response = token_client(ledger.admin_user).get(f"{LINES}?cursor=bm9wZQ")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_cursor"


def test_lines_written_while_paging_come_on_the_later_pages(ledger, token_client):
    """By id: a run that writes lines while a client pages through puts them after the lines it
    has seen, so no line is skipped and none repeats."""
    client = token_client(ledger.admin_user)
    first = client.get(f"{LINES}?limit=2").json()
    RegistrationFactory(employee=ledger.b.employee, date=date(2026, 4, 7), location="home")
    ledger_compute(month_from=date(2026, 4, 1), month_to=date(2026, 4, 1), actor="test")
    rest = _all(client, f"&cursor={first['next_cursor']}")
    ids = [item["id"] for item in first["items"] + rest]
    assert ids == sorted(LedgerLine.objects.values_list("id", flat=True))
    assert "2026-04" in {item["month"] for item in rest}


def test_kind_filter(ledger, token_client):
    items = _all(token_client(ledger.admin_user), "&kind=correction")
    assert items and {item["kind"] for item in items} == {"correction"}
