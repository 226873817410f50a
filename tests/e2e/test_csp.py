"""The Content-Security-Policy in a browser: the main pages of every role, and Django's admin,
report no violation (no inline script or style anywhere), and htmx still swaps a day of the
calendar in place under the policy."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from tests.factories import AgreementFactory

from thuiswerk.rules.calendar import is_working_day

pytestmark = pytest.mark.e2e

# Collects the browser's own reports; the init script is Playwright's, outside the page's policy.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


class Watched:
    """A page whose CSP violations (events and console messages) are collected per visit."""

    def __init__(self, ui):
        self.ui, self.page = ui, ui.page
        self.console: list[str] = []
        self.page.add_init_script(LISTEN)
        self.page.on(
            "console",
            lambda message: (
                self.console.append(message.text)
                if "Content Security Policy" in message.text
                or "Content-Security-Policy" in message.text
                else None
            ),
        )

    def visit(self, path: str) -> list[str]:
        response = self.page.goto(self.ui.base_url + path)
        assert response.status < 400, (path, response.status)
        assert "content-security-policy" in response.headers  # Playwright: lower case
        self.page.wait_for_load_state("load")
        return self.violations()

    def violations(self) -> list[str]:
        found = self.page.evaluate("window.__violations") + self.console
        self.console.clear()
        return found


def menu_paths(page) -> list[str]:
    links = page.locator("nav.menu a").evaluate_all("links => links.map(a => a.pathname)")
    return list(dict.fromkeys(links))


def test_the_main_pages_of_every_role_report_no_violation(ui_for, world):
    seen: dict[str, list[str]] = {}
    for name, user in world.users().items():
        watched = Watched(ui_for(user, label=name))
        assert watched.visit("/") == [], name
        paths = menu_paths(watched.page)
        assert paths, f"{name} has a menu"
        for path in paths:
            seen[f"{name} {path}"] = watched.visit(path)
    assert len(seen) > len(world.users())  # every role saw more than its start page
    assert {page: found for page, found in seen.items() if found} == {}


def test_the_login_page_and_a_failed_login_report_no_violation(ui_for, world):
    watched = Watched(ui_for())
    assert watched.visit("/login/") == []
    watched.page.get_by_label("E-mailadres").fill("eva.aiv@vlaanderen.be")
    watched.page.get_by_label("Wachtwoord").fill("fout wachtwoord")
    with watched.page.expect_navigation():
        watched.page.get_by_role("button", name="Aanmelden").click()
    assert "klopt niet" in watched.page.content()
    assert watched.violations() == []


def test_django_s_admin_reports_no_violation(ui_for, world):
    admin = world.admin_user
    admin.is_staff = admin.is_superuser = True
    admin.save()
    watched = Watched(ui_for(admin, label="admin"))
    for path in (
        "/admin/",
        "/admin/auth/user/",
        f"/admin/auth/user/{admin.pk}/change/",
        "/admin/auth/user/add/",
        "/admin/accounts/role/",
    ):
        assert watched.visit(path) == [], path
    watched.page.locator("#searchbar").fill("eva")  # the admin's own scripts still run
    with watched.page.expect_navigation():
        watched.page.locator("#searchbar").press("Enter")
    assert "eva.aiv@vlaanderen.be" in watched.page.content()
    assert watched.violations() == []


def a_working_day(month: date) -> date:
    day = month + timedelta(days=7)
    while not is_working_day("vlaamse-overheid", day):
        day += timedelta(days=1)
    return day


def test_htmx_swaps_a_calendar_day_under_the_policy(ui_for, world):
    eva = world.a.employee
    AgreementFactory(employee=eva, valid_from=date(2020, 1, 1), approved_by=world.a.supervisor)
    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    watched = Watched(ui_for(world.a.employee_user, label="eva"))
    assert watched.visit(f"/employees/{eva.pk}/calendar/{month.year}-{month.month}/") == []
    page, url = watched.page, watched.page.url
    day = page.locator(f"#day-{a_working_day(month).isoformat()}")
    day.locator("[name=am]").select_option("home")
    day.locator("[name=pm]").select_option("home")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true") as swap:
        day.get_by_role("button").click()
    assert swap.value.status == 200
    day.locator(".note.success").wait_for()  # swapped in place by htmx
    assert page.url == url  # no page load
    assert watched.violations() == []
    assert eva.registrations.filter(location="home").count() == 1
