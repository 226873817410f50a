"""In a browser: an HR officer makes an access token, sees it once, uses it, revokes it; the
API's documentation page renders from the server's own files."""

import pytest
from django.test import Client
from tests.e2e.test_csp import Watched

from thuiswerk.api.models import AccessToken

pytestmark = pytest.mark.e2e


def test_hr_makes_uses_and_revokes_a_token(ui_for, world):
    ui = ui_for(world.a.hr_user)
    ui.goto("/")
    ui.click(ui.page.get_by_role("navigation").get_by_role("link", name="Toegangssleutels"))
    ui.click(ui.page.get_by_role("link", name="Sleutel maken"))
    ui.page.get_by_label("Naam").fill("Tijdsregistratie AIV")
    ui.page.get_by_label("alleen lezen").check()
    ui.page.get_by_label("AIV · Agentschap Informatie Vlaanderen").check()
    ui.click(ui.page.get_by_role("button", name="De sleutel maken"))
    secret = ui.page.locator("#secret").input_value()
    assert secret.startswith("thw_")
    me = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/me").json()
    assert me["people_entities"] == ["AIV"] and me["token_access"] == "read"

    ui.click(ui.page.get_by_role("link", name="Terug naar de sleutels"))
    assert secret not in ui.page.content()
    ui.click(ui.page.get_by_role("button", name="Intrekken Tijdsregistratie AIV"))
    assert AccessToken.objects.get().revoked_at is not None
    assert ui.page.get_by_text("ingetrokken").first.is_visible()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/me").status_code == 401


def test_the_api_documentation_renders_without_anything_from_outside(ui_for, world):
    ui = ui_for(world.a.hr_user)
    watched = Watched(ui)  # its policy allows inline styles (Swagger UI's), nothing more
    outside = []
    ui.page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(ui.base_url) and not request.url.startswith("data:")
            else None
        ),
    )
    assert watched.visit("/api/v1/docs") == []
    ui.page.get_by_text("thuiswerk API").first.wait_for()
    assert ui.page.locator(".opblock").count() >= 1  # the operations are listed
    assert watched.violations() == []
    assert outside == []
