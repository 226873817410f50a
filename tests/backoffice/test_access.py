"""Every back-office page as every role of `world`, for her own and the other entity: allowed,
404 (outside her scope) or 403 (her role may not); never a person an allowed page should not show."""

import pytest
from django.urls import reverse

OK, HIDDEN, REFUSED = 200, 404, 403
ROLES = (
    "employee_a",
    "supervisor_a",
    "hr_a",
    "auditor_a",
    "hr_b",
    "auditor_b",
    "admin",
    "auditor_all",
)


def expected(table: dict[str, int]) -> list[tuple[str, int]]:
    assert set(table) == set(ROLES)
    return list(table.items())


# Pages about entity A (AIV) or A's employee.
PAGES = {
    "entities": (
        lambda w: reverse("backoffice:entities"),
        {
            "employee_a": REFUSED,
            "supervisor_a": REFUSED,
            "hr_a": OK,
            "auditor_a": OK,
            "hr_b": OK,
            "auditor_b": OK,
            "admin": OK,
            "auditor_all": OK,
        },
    ),
    "dashboard": (
        lambda w: reverse("backoffice:dashboard", args=[w.a.entity.code]),
        {
            "employee_a": HIDDEN,
            "supervisor_a": HIDDEN,
            "hr_a": OK,
            "auditor_a": OK,
            "hr_b": HIDDEN,
            "auditor_b": HIDDEN,
            "admin": OK,
            "auditor_all": OK,
        },
    ),
    "central": (
        lambda w: reverse("backoffice:central"),
        {
            "employee_a": HIDDEN,
            "supervisor_a": HIDDEN,
            "hr_a": HIDDEN,
            "auditor_a": HIDDEN,
            "hr_b": HIDDEN,
            "auditor_b": HIDDEN,
            "admin": OK,
            "auditor_all": OK,
        },
    ),
    "staff": (
        lambda w: reverse("backoffice:staff", args=[w.a.entity.code]),
        {
            "employee_a": HIDDEN,
            "supervisor_a": HIDDEN,
            "hr_a": OK,
            "auditor_a": HIDDEN,
            "hr_b": HIDDEN,
            "auditor_b": HIDDEN,
            "admin": OK,
            "auditor_all": HIDDEN,
        },
    ),
    "employee": (
        lambda w: reverse("backoffice:employee", args=[w.a.employee.pk]),
        # Her own file and her supervisor's team member: seen elsewhere, but not HR's view.
        {
            "employee_a": REFUSED,
            "supervisor_a": REFUSED,
            "hr_a": OK,
            "auditor_a": HIDDEN,
            "hr_b": HIDDEN,
            "auditor_b": HIDDEN,
            "admin": OK,
            "auditor_all": HIDDEN,
        },
    ),
    "imports": (
        lambda w: reverse("backoffice:imports"),
        {
            "employee_a": REFUSED,
            "supervisor_a": REFUSED,
            "hr_a": OK,
            "auditor_a": REFUSED,
            "hr_b": OK,
            "auditor_b": REFUSED,
            "admin": OK,
            "auditor_all": REFUSED,
        },
    ),
    "months": (
        lambda w: reverse("backoffice:months"),
        {
            "employee_a": REFUSED,
            "supervisor_a": REFUSED,
            "hr_a": OK,
            "auditor_a": REFUSED,
            "hr_b": OK,
            "auditor_b": REFUSED,
            "admin": OK,
            "auditor_all": REFUSED,
        },
    ),
    "parameters": (
        lambda w: reverse("backoffice:parameters"),
        {
            "employee_a": REFUSED,
            "supervisor_a": REFUSED,
            "hr_a": OK,
            "auditor_a": OK,
            "hr_b": OK,
            "auditor_b": OK,
            "admin": OK,
            "auditor_all": OK,
        },
    ),
    "audit": (
        lambda w: reverse("backoffice:audit"),
        {
            "employee_a": REFUSED,
            "supervisor_a": REFUSED,
            "hr_a": REFUSED,
            "auditor_a": REFUSED,
            "hr_b": REFUSED,
            "auditor_b": REFUSED,
            "admin": OK,
            "auditor_all": REFUSED,
        },
    ),
    "report": (
        lambda w: reverse("backoffice:report", args=[w.a.entity.code]),
        {
            "employee_a": HIDDEN,
            "supervisor_a": HIDDEN,
            "hr_a": OK,
            "auditor_a": OK,
            "hr_b": HIDDEN,
            "auditor_b": HIDDEN,
            "admin": OK,
            "auditor_all": OK,
        },
    ),
    "report_all": (
        lambda w: reverse("backoffice:report", args=["ALL"]),
        {
            "employee_a": HIDDEN,
            "supervisor_a": HIDDEN,
            "hr_a": HIDDEN,
            "auditor_a": HIDDEN,
            "hr_b": HIDDEN,
            "auditor_b": HIDDEN,
            "admin": OK,
            "auditor_all": OK,
        },
    ),
    "payroll": (
        lambda w: reverse("backoffice:payroll"),
        {
            "employee_a": REFUSED,
            "supervisor_a": REFUSED,
            "hr_a": OK,
            "auditor_a": REFUSED,
            "hr_b": OK,
            "auditor_b": REFUSED,
            "admin": OK,
            "auditor_all": REFUSED,
        },
    ),
}

CASES = [
    pytest.param(page, role, status, id=f"{page}-{role}")
    for page, (_url, table) in PAGES.items()
    for role, status in expected(table)
]


@pytest.mark.parametrize(("page", "role", "status"), CASES)
def test_page_by_role(client, figures, outsider, page, role, status):
    url = PAGES[page][0](figures)
    client.force_login(figures.users()[role])
    response = client.get(url)
    assert response.status_code == status
    if status != OK:
        return
    text = response.content.decode()
    people = [figures.a.employee, figures.a.supervisor, figures.b.employee, figures.b.supervisor]
    if role.startswith("auditor"):
        # No name of a person, and no personnel number, on any page an auditor sees.
        for person in [*people, outsider]:
            assert person.last_name not in text
            assert person.personnel_number not in text
    if role == "hr_a":
        # Nothing of entity B's staff on A's HR pages.
        for person in (figures.b.employee, figures.b.supervisor, outsider):
            assert person.last_name not in text


def test_dashboard_of_b_for_hr_b(client, figures):
    client.force_login(figures.b.hr_user)
    response = client.get(reverse("backoffice:dashboard", args=[figures.b.entity.code]))
    assert response.status_code == OK
    assert figures.b.entity.name in response.content.decode()


def test_unknown_entity_is_not_found_even_for_admin(client, world):
    client.force_login(world.admin_user)
    assert client.get(reverse("backoffice:dashboard", args=["NOPE"])).status_code == HIDDEN


def test_staff_list_shows_own_staff_and_filters(client, figures, outsider):
    client.force_login(figures.a.hr_user)
    url = reverse("backoffice:staff", args=[figures.a.entity.code])
    text = client.get(url).content.decode()
    assert figures.a.employee.last_name in text
    assert figures.a.supervisor.last_name in text
    # Search by personnel number.
    text = client.get(url, {"q": figures.a.employee.personnel_number}).content.decode()
    assert figures.a.employee.last_name in text
    assert figures.a.supervisor.last_name not in text
    # The employee has an approved agreement in force, her supervisor has none.
    text = client.get(url, {"agreement": "without"}).content.decode()
    assert figures.a.supervisor.last_name in text
    assert figures.a.employee.last_name not in text
    text = client.get(url, {"internet": "third_party"}).content.decode()
    assert figures.a.employee.last_name not in text


def test_staff_list_is_paginated(client, world):
    from datetime import date

    from tests.factories import EmployeeFactory, EmploymentPeriodFactory

    for n in range(55):
        EmploymentPeriodFactory(
            employee=EmployeeFactory(last_name=f"Zz{n:03d}"),
            entity=world.a.entity,
            start_date=date(2020, 1, 1),
        )
    client.force_login(world.a.hr_user)
    url = reverse("backoffice:staff", args=[world.a.entity.code])
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert "Zz054" not in first
    assert "Zz054" in second
    assert "57" in first  # the count of all matches


def test_employee_file_shows_history_and_links(client, figures):
    client.force_login(figures.a.hr_user)
    response = client.get(reverse("backoffice:employee", args=[figures.a.employee.pk]))
    text = response.content.decode()
    assert "Bureaustoel" in text
    assert figures.a.entity.code in text
    assert reverse("selfservice:months", args=[figures.a.employee.pk]) in text
    assert reverse("equipment:employee", args=[figures.a.employee.pk]) in text


def test_menu_lists_back_office_pages_by_role(client, world):
    client.force_login(world.a.hr_user)
    text = client.get(reverse("web:home")).content.decode()
    assert reverse("backoffice:months") in text
    assert reverse("backoffice:audit") not in text
    client.force_login(world.admin_user)
    text = client.get(reverse("web:home")).content.decode()
    assert reverse("backoffice:audit") in text
    assert reverse("backoffice:central") in text


def english_texts() -> list[str]:
    """The longer English msgids of the back office and jobs catalogues whose Dutch differs."""
    import re
    from pathlib import Path

    import thuiswerk

    texts = []
    for app in ("backoffice", "jobs"):
        po = Path(thuiswerk.__file__).parent / app / "locale/nl/LC_MESSAGES/django.po"
        pairs = re.findall(r'\nmsgid "(.+)"\nmsgstr "(.+)"\n', po.read_text(encoding="utf-8"))
        texts += [i for i, s in pairs if i != s and len(i) > 12 and "%(" not in i]
    return texts


@pytest.mark.parametrize("page", list(PAGES))
def test_no_english_on_a_dutch_page(client, figures, page):
    client.force_login(figures.admin_user)
    text = client.get(PAGES[page][0](figures)).content.decode()
    assert '<html lang="nl">' in text
    left = [msgid for msgid in english_texts() if msgid in text]
    assert not left


def test_the_english_check_has_texts_to_look_for():
    assert len(english_texts()) > 50
