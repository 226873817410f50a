"""The app runs on an intranet: every script, style sheet, font and image is vendored and served
by whitenoise, none comes from another host."""

import re
from pathlib import Path

import thuiswerk

SRC = Path(thuiswerk.__file__).resolve().parent
# An element that loads something (script, link, img, source, iframe) from an absolute URL, or
# CSS that does (url(), @import).
REMOTE = re.compile(
    r"<(script|link|img|source|iframe)\b[^>]*\b(src|href|srcset)\s*=\s*[\"']?\s*(https?:)?//"
    r"|url\(\s*[\"']?\s*(https?:)?//|@import\s+[\"']\s*(https?:)?//",
    re.IGNORECASE,
)


def test_no_template_or_style_sheet_loads_from_another_host():
    files = [
        *SRC.glob("*/templates/**/*.html"),
        *SRC.glob("*/static/**/*.css"),
    ]
    assert files
    remote = [
        f"{path.relative_to(SRC)}: {match.group(0)}"
        for path in files
        for match in REMOTE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not remote


def test_the_pattern_finds_a_cdn():
    assert REMOTE.search('<script src="https://unpkg.com/htmx.org@2.0.11"></script>')
    assert REMOTE.search("<link rel=stylesheet href=//cdn.example/x.css>")
    assert REMOTE.search("body { background: url('https://cdn.example/x.png') }")
    assert not REMOTE.search('<a href="https://www.vlaanderen.be">Vlaanderen</a>')
