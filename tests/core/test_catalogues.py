"""The Dutch catalogues as Django loads them: every message translated and compiled, and no message
translated two ways. Django merges all catalogues into one per language (the first app wins), so
two translations of one message mean one page shows the other app's wording."""

import ast
import gettext
import re
from pathlib import Path

import pytest

import thuiswerk

ROOT = Path(thuiswerk.__file__).parent
CATALOGUES = sorted(ROOT.glob("**/locale/nl/LC_MESSAGES/django.po"))
STRING = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$|^(".*")$')


def messages(po: Path) -> dict[str, list[str]]:
    """{msgid (with its context, as gettext keys it): [msgstr, ...]} of one .po file."""
    return {
        msgid: [v for k, v in entry.items() if k.startswith("msgstr")]
        for msgid, entry in _entries(po).items()
    }


def _entries(po: Path) -> dict[str, dict[str, str]]:
    entries: list[dict[str, str]] = [{}]
    key = ""
    for line in po.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            entries.append({})
            continue
        if line.startswith("#,") and "fuzzy" in line:
            entries[-1]["fuzzy"] = line  # msgfmt leaves a fuzzy translation out
        match = STRING.match(line)
        if not match:
            continue
        if match.group(1):
            key = match.group(1)
            entries[-1][key] = ast.literal_eval(match.group(2))
        else:
            entries[-1][key] += ast.literal_eval(match.group(3))
    found = {}
    for entry in entries:
        if entry.get("msgid"):
            context = entry.get("msgctxt")
            msgid = f"{context}\x04{entry['msgid']}" if context is not None else entry["msgid"]
            found[msgid] = entry
    return found


def fuzzy_messages(po: Path) -> set[str]:
    return {msgid for msgid, entry in _entries(po).items() if "fuzzy" in entry}


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 10


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_is_translated_and_compiled(po):
    compiled = gettext.GNUTranslations(po.with_suffix(".mo").open("rb"))._catalog
    fuzzy = fuzzy_messages(po)
    for msgid, translations in messages(po).items():
        assert all(translations), f"{po}: {msgid!r} has no Dutch translation"
        assert msgid not in fuzzy, f"{po}: {msgid!r} is marked fuzzy: check it, drop the mark"
        keys = [msgid] if len(translations) == 1 else [(msgid, 0)]
        assert any(key in compiled for key in keys), (
            f"{po}: {msgid!r} is not in django.mo: compile it"
        )


def test_no_message_is_translated_two_ways():
    seen: dict[str, tuple[str, list[str]]] = {}
    clashes = []
    for po in CATALOGUES:
        for msgid, translations in messages(po).items():
            if msgid in seen and seen[msgid][1] != translations:
                clashes.append(
                    f"{msgid!r}: {seen[msgid][0]} {seen[msgid][1]} vs {po} {translations}"
                )
            seen.setdefault(msgid, (str(po.relative_to(ROOT)), translations))
    assert not clashes, "\n".join(clashes)
