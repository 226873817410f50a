"""The equipment pages in English (every Dutch message: tests/core/test_catalogues.py)."""

from django.urls import reverse


def test_the_pages_switch_to_english(client, world):
    client.force_login(world.a.hr_user)
    client.post(reverse("web:set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("equipment:hr_queue", args=["AIV"])).content.decode()
    assert "Equipment requests of Agentschap Informatie Vlaanderen" in page
    assert "EUR 0.00" in page
