"""Browser tests: Playwright on Debian's Chromium against Django's live server.

One browser for the session; per test a fresh context (Dutch, a phone-sized or desktop window)
logged in as one role. Every page a test visits through `UI` is checked with axe-core (no
serious or critical violation) and saved as a screenshot under test-artifacts/screenshots/.
"""

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

# Playwright's sync API runs an event loop in this thread; the ORM calls of the tests are
# still synchronous, one at a time.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
FAILING_IMPACTS = {"serious", "critical"}
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = "browser tests need Debian's chromium: apt-get install chromium"
        if os.environ.get("CI"):  # .ci/run installs it: a missing browser there is a failure
            pytest.fail(message)
        pytest.skip(message)
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)  # the screenshots of this run only
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox"] if os.geteuid() == 0 else [],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def violations(results: dict) -> list[str]:
    """The serious and critical violations, one line each with the elements they are on."""
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in FAILING_IMPACTS
    ]


class UI:
    """A browser page for one role; every navigation through it is checked and photographed."""

    def __init__(self, page, base_url: str, axe, name: str):
        self.page, self.base_url, self.axe, self.name = page, base_url, axe, name
        self.shots = 0
        self.checked_url = None

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        self.check()
        return response

    def click(self, locator) -> None:
        """Click something that loads a page (a link, a form's button), then check that page."""
        with self.page.expect_navigation():
            locator.click()
        self.check()

    def check(self, label: str = "") -> None:
        self.page.wait_for_load_state("load")
        self.shots += 1
        path = self.page.url.removeprefix(self.base_url).split("?")[0].strip("/") or "home"
        slug = re.sub(r"[^a-z0-9]+", "-", f"{path}-{label}".lower()).strip("-")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(
            path=SCREENSHOTS / f"{self.name}-{self.shots:02d}-{slug}.png", full_page=True
        )
        found = violations(self.axe.run(self.page).response)
        assert not found, f"axe on {self.page.url}:\n" + "\n".join(found)
        self.checked_url = self.page.url


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The users of `world` are made before every browser test: hash their passwords quickly."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def e2e_settings(settings):
    # The live server speaks plain HTTP: cookies that need HTTPS would not come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # A compute asked for in a page runs right after its request, as `thuiswerk worker` would.
    settings.THUISWERK_JOBS_EAGER = True
    return settings


@pytest.fixture
def ui_for(browser, axe, live_server, e2e_settings, request) -> Iterator:
    """`ui_for(user)` gives a UI logged in as `user` (None: not logged in); `phone=True` for a
    375 px wide window."""
    contexts = []
    name = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")

    def make(user=None, *, phone: bool = False, label: str = "") -> UI:
        viewport = {"width": 375, "height": 800} if phone else {"width": 1280, "height": 900}
        context = browser.new_context(locale="nl-BE", viewport=viewport)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
        suffix = f"-{label}" if label else ""
        return UI(context.new_page(), live_server.url, axe, name + suffix)

    yield make
    for context in contexts:
        context.close()
