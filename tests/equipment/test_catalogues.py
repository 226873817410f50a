"""Every message of the equipment and budget pages has its Dutch translation, and English works."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

import thuiswerk

ENTRY = re.compile(
    r'^msgid "(.*?)"\n((?:".*"\n)*)((?:msgid_plural .*\n(?:".*"\n)*)?)((?:msgstr.*\n(?:".*"\n)*)+)',
    re.M,
)


@pytest.mark.parametrize("app", ["equipment", "budgets"])
def test_every_message_is_translated(app):
    po = Path(thuiswerk.__file__).parent / app / "locale/nl/LC_MESSAGES/django.po"
    entries = ENTRY.findall(po.read_text(encoding="utf-8"))
    assert len(entries) > 20
    for msgid, more, _plural, translations in entries[1:]:  # the first is the header
        for line in translations.strip().splitlines():
            if line.startswith("msgstr"):
                value = line.split(" ", 1)[1]
                following = translations.split(line, 1)[1].split("msgstr", 1)[0]
                assert value != '""' or following.strip(), f"{app}: {msgid}{more} untranslated"


def test_the_pages_switch_to_english(client, world):
    client.force_login(world.a.hr_user)
    client.post(reverse("web:set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("equipment:hr_queue", args=["AIV"])).content.decode()
    assert "Equipment requests of Agentschap Informatie Vlaanderen" in page
    assert "EUR 0.00" in page
