"""Every page as every role of `world`: own employee, a team member, the other entity."""

from datetime import date

import pytest
from django.urls import reverse
from tests.factories import AgreementFactory

from thuiswerk.telework.models import Agreement, Registration

OTHER_NAMES = ("LeiderAIV", "LeiderDKB", "MedewerkerDKB")

# Who may read Eva of AIV's pages: she herself, AIV's HR officer and the central admin.
READERS = {
    "employee_a": 200,
    "supervisor_a": 403,  # her supervisor sees her through the team pages only
    "hr_a": 200,
    "auditor_a": 404,
    "employee_b": 404,
    "supervisor_b": 404,
    "hr_b": 404,
    "auditor_b": 404,
    "admin": 200,
    "auditor_all": 404,
}


def person_pages(employee_id: int) -> list[str]:
    return [
        reverse("selfservice:months", args=[employee_id]),
        reverse("selfservice:month", args=[employee_id, 2023, 9]),
        reverse("selfservice:calendar", args=[employee_id, 2023, 9]),
        reverse("selfservice:agreements", args=[employee_id]),
        reverse("selfservice:internet", args=[employee_id]),
    ]


@pytest.mark.parametrize("user", sorted(READERS))
def test_employee_pages_by_role(client, world, user):
    client.force_login(world.users()[user])
    for url in person_pages(world.a.employee.pk):
        response = client.get(url)
        assert response.status_code == READERS[user], (user, url)
        if response.status_code == 200:
            page = response.content.decode()
            assert "MedewerkerAIV" in page
            for name in OTHER_NAMES:
                assert name not in page, (user, url, name)


@pytest.mark.parametrize(
    ("user", "status", "save_buttons"),
    [("employee_a", 200, True), ("hr_a", 200, False), ("admin", 200, False)],
)
def test_only_the_employee_gets_save_buttons(client, world, user, status, save_buttons):
    client.force_login(world.users()[user])
    page = client.get(reverse("selfservice:calendar", args=[world.a.employee.pk, 2023, 9]))
    assert page.status_code == status
    html = page.content.decode()
    assert ('name="am"' in html) is save_buttons
    assert ("pattern/" in html) is save_buttons
    for url in ("selfservice:agreements", "selfservice:internet"):
        html = client.get(reverse(url, args=[world.a.employee.pk])).content.decode()
        assert ('type="submit" class="primary"' in html) is save_buttons


def test_an_employee_cannot_open_her_supervisors_pages(client, world):
    client.force_login(world.a.employee_user)
    for url in person_pages(world.a.supervisor.pk):
        assert client.get(url).status_code == 404, url


def test_a_supervisor_opens_her_own_pages(client, world):
    client.force_login(world.a.supervisor_user)
    for url in person_pages(world.a.supervisor.pk):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "MedewerkerAIV" not in response.content.decode()


def test_unknown_employee_is_404(client, world):
    client.force_login(world.admin_user)
    assert client.get(reverse("selfservice:months", args=[999999])).status_code == 404


def test_invalid_month_is_404(client, world):
    client.force_login(world.a.employee_user)
    url = f"/employees/{world.a.employee.pk}/months/2023-13/"
    assert client.get(url).status_code == 404


# -- Writes --------------------------------------------------------------------------------------

WRITERS = {
    "employee_a": 302,
    "supervisor_a": 403,
    "hr_a": 403,
    "auditor_a": 404,
    "employee_b": 404,
    "supervisor_b": 404,
    "hr_b": 404,
    "auditor_b": 404,
    "admin": 403,
    "auditor_all": 404,
}


@pytest.mark.parametrize("user", sorted(WRITERS))
def test_writes_by_role(client, world, user):
    eva = world.a.employee
    client.force_login(world.users()[user])
    day = client.post(
        reverse("selfservice:calendar_day", args=[eva.pk, 2023, 9]),
        {"day": "2023-09-05", "am": "home", "pm": "home"},
    )
    pattern = client.post(
        reverse("selfservice:calendar_pattern", args=[eva.pk, 2023, 9]),
        {"first_week": "2023-09-04", "last_week": "2023-09-04", "tuesday": "home"},
    )
    request = client.post(
        reverse("selfservice:agreements", args=[eva.pk]),
        {"valid_from": "2023-09-01", "days_per_week": "2"},
    )
    internet = client.post(
        reverse("selfservice:internet", args=[eva.pk]),
        {"option": "third_party", "provider": "Telenet", "valid_from": "2023-09-01"},
    )
    expected = WRITERS[user]
    assert [day.status_code, pattern.status_code, request.status_code, internet.status_code] == [
        expected
    ] * 4
    written = expected == 302
    assert Registration.objects.filter(employee=eva).exists() is written
    assert Agreement.objects.filter(employee=eva).exists() is written
    assert eva.internet_options.exists() is written


@pytest.mark.parametrize("user", sorted(WRITERS))
def test_withdraw_by_role(client, world, user):
    pending = AgreementFactory(
        employee=world.a.employee,
        valid_from=date(2023, 9, 1),
        status=Agreement.Status.PENDING,
        approved_on=None,
    )
    client.force_login(world.users()[user])
    response = client.post(
        reverse("selfservice:agreement_withdraw", args=[world.a.employee.pk, pending.pk])
    )
    assert response.status_code == WRITERS[user]
    pending.refresh_from_db()
    assert (pending.status == Agreement.Status.WITHDRAWN) is (WRITERS[user] == 302)


def test_withdraw_through_another_employees_url_is_404(client, world):
    """Her own URL with someone else's agreement: not found."""
    other = AgreementFactory(
        employee=world.a.supervisor, status=Agreement.Status.PENDING, approved_on=None
    )
    client.force_login(world.a.employee_user)
    url = reverse("selfservice:agreement_withdraw", args=[world.a.employee.pk, other.pk])
    assert client.post(url).status_code == 404
    other.refresh_from_db()
    assert other.status == Agreement.Status.PENDING


# -- The supervisor's pages ----------------------------------------------------------------------

TEAM_PAGES = {
    "employee_a": 404,
    "supervisor_a": 200,
    "hr_a": 404,
    "auditor_a": 404,
    "employee_b": 404,
    "supervisor_b": 200,
    "hr_b": 404,
    "auditor_b": 404,
    "admin": 404,
    "auditor_all": 404,
}


@pytest.mark.parametrize("user", sorted(TEAM_PAGES))
def test_team_pages_by_role(client, world, user):
    AgreementFactory(employee=world.a.employee, status=Agreement.Status.PENDING, approved_on=None)
    AgreementFactory(employee=world.b.employee, status=Agreement.Status.PENDING, approved_on=None)
    client.force_login(world.users()[user])
    for name in ("selfservice:queue", "selfservice:team"):
        response = client.get(reverse(name))
        assert response.status_code == TEAM_PAGES[user], (user, name)
        if response.status_code == 200:
            page = response.content.decode()
            own, other = ("AIV", "DKB") if user.endswith("_a") else ("DKB", "AIV")
            assert f"Medewerker{own}" in page
            assert f"Medewerker{other}" not in page
            assert f"Leider{other}" not in page


@pytest.mark.parametrize("user", sorted(TEAM_PAGES))
def test_decide_by_role(client, world, user):
    pending = AgreementFactory(
        employee=world.a.employee, status=Agreement.Status.PENDING, approved_on=None
    )
    client.force_login(world.users()[user])
    response = client.post(
        reverse("selfservice:decide", args=[pending.pk]), {f"a{pending.pk}-decision": "approve"}
    )
    pending.refresh_from_db()
    if user == "supervisor_a":
        assert response.status_code == 302
        assert pending.status == Agreement.Status.APPROVED
    else:
        assert response.status_code == 404
        assert pending.status == Agreement.Status.PENDING


def test_me_redirects_to_her_months(client, world):
    client.force_login(world.a.employee_user)
    response = client.get(reverse("selfservice:me"))
    assert response.status_code == 302
    assert response["Location"] == reverse("selfservice:months", args=[world.a.employee.pk])
    for name, page in (("me_agreements", "agreements"), ("me_internet", "internet")):
        response = client.get(reverse(f"selfservice:{name}"))
        assert response["Location"] == reverse(f"selfservice:{page}", args=[world.a.employee.pk])
    response = client.get(reverse("selfservice:me_calendar"))
    assert response["Location"].startswith(f"/employees/{world.a.employee.pk}/calendar/")


@pytest.mark.parametrize("user", ["hr_a", "admin", "auditor_all"])
def test_me_without_an_employee_explains(client, world, user):
    client.force_login(world.users()[user])
    response = client.get(reverse("selfservice:me"))
    assert response.status_code == 200
    assert "niet gekoppeld aan een personeelslid" in response.content.decode()


def test_menu_by_role(client, world):
    client.force_login(world.a.supervisor_user)
    page = client.get(reverse("web:home")).content.decode()
    assert reverse("selfservice:queue") in page and reverse("selfservice:me") in page
    client.force_login(world.a.hr_user)
    page = client.get(reverse("web:home")).content.decode()
    assert reverse("selfservice:queue") not in page and reverse("selfservice:me") not in page
