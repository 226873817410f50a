"""The shell in a browser: log in with e-mail and password, the menu, the language, 404, log out."""

import re

import pytest
from tests.roles import PASSWORD

pytestmark = pytest.mark.e2e


def test_login_menu_language_404_and_logout(ui_for, world):
    ui = ui_for()
    ui.goto("/")
    page = ui.page
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", level=1).inner_text() == "Aanmelden"
    page.get_by_label("E-mailadres").fill("hr.aiv@vlaanderen.be")
    page.get_by_label("Wachtwoord").fill("fout wachtwoord")
    ui.click(page.get_by_role("button", name="Aanmelden"))
    assert "Het e-mailadres of het wachtwoord klopt niet." in page.content()

    page.get_by_label("Wachtwoord").fill(PASSWORD)
    ui.click(page.get_by_role("button", name="Aanmelden"))
    assert page.url == ui.base_url + "/"
    assert page.get_by_text("hr.aiv@vlaanderen.be", exact=True).is_visible()
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    assert menu.get_by_role("link", name="Start", exact=True).is_visible()

    ui.click(page.get_by_role("button", name=re.compile(r"^EN ")))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Log out").is_visible()
    ui.click(page.get_by_role("button", name=re.compile(r"^NL ")))
    assert page.locator("html").get_attribute("lang") == "nl"

    response = ui.goto("/bestaat-niet/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Niet gevonden"

    ui.goto("/")
    ui.click(page.get_by_role("button", name="Afmelden"))
    assert page.get_by_role("heading", level=1).inner_text() == "Aanmelden"
    ui.goto("/")
    assert "/login/" in page.url  # the session has ended


def test_the_login_page_works_on_a_phone(ui_for, world):
    ui = ui_for(phone=True)
    ui.goto("/login/")
    width = ui.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "no sideways scrolling on a 375 px wide phone"
    ui.page.get_by_label("E-mailadres").fill("eva.aiv@vlaanderen.be")
    ui.page.get_by_label("Wachtwoord").fill(PASSWORD)
    ui.page.keyboard.press("Enter")  # the keyboard alone logs in
    ui.page.wait_for_url(ui.base_url + "/")
    ui.check()
