"""The Content-Security-Policy: on every page, the same strict directives; no template or chart
holds inline script or style that the policy would block."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from thuiswerk.backoffice.charts import Series, bar_chart, line_chart, render

SRC = Path(__file__).resolve().parents[2] / "src" / "thuiswerk"
DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize("name", ["web:login", "admin:login"])
def test_pages_without_login_carry_the_policy(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert policy(response) == DIRECTIVES


@pytest.mark.parametrize("name", ["web:home", "admin:index"])
def test_pages_after_login_carry_the_policy(client, world, name):
    world.admin_user.is_staff = world.admin_user.is_superuser = True
    world.admin_user.save()
    client.force_login(world.admin_user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert policy(response) == DIRECTIVES


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style= attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an on...= handler"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def test_no_template_holds_inline_script_or_style():
    found = [
        f"{path.relative_to(SRC)}: {what}"
        for path in SRC.glob("*/templates/**/*.html")
        for pattern, what in INLINE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not found, found
    assert list(SRC.glob("*/templates/**/*.html"))  # the glob finds the templates


def test_the_base_template_turns_off_htmx_s_inline_indicator_style(client):
    html = client.get(reverse("web:login")).content.decode()
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in html
    css = (SRC / "web" / "static" / "web" / "thuiswerk.css").read_text(encoding="utf-8")
    assert ".htmx-indicator" in css and ".htmx-request .htmx-indicator" in css


@pytest.mark.parametrize("make", [bar_chart, line_chart])
def test_charts_use_presentation_attributes_not_style(make):
    chart = make(
        title="t",
        x_label="x",
        y_label="y",
        categories=["2024", "2025"],
        series=[Series("a", [1, 2]), Series("b", [3, 0])],
    )
    svg = str(render(chart))
    assert "<svg" in svg and 'fill="' in svg
    assert "style=" not in svg and "<style" not in svg
