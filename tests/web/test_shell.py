from django.urls import reverse
from tests.roles import PASSWORD


def test_pages_need_a_login(client, world):
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_login_with_email_case_insensitive(client, world):
    response = client.post(
        reverse("web:login"), {"username": "HR.AIV@vlaanderen.be", "password": PASSWORD}
    )
    assert response.status_code == 302
    page = client.get(reverse("web:home"))
    assert page.status_code == 200
    assert "hr.aiv@vlaanderen.be" in page.content.decode()


def test_wrong_password_is_refused_in_dutch(client, world):
    response = client.post(
        reverse("web:login"), {"username": "hr.aiv@vlaanderen.be", "password": "fout"}
    )
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.content.decode()


def test_logout_ends_the_session(client, world):
    client.force_login(world.a.hr_user)
    client.post(reverse("web:logout"))
    assert client.get(reverse("web:home")).status_code == 302


def test_language_switch_to_english(client, world):
    client.force_login(world.a.employee_user)
    client.post(reverse("web:set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("web:home")).content.decode()
    assert 'lang="en"' in page and "Log out" in page


def test_unknown_page_is_a_dutch_404(client, world):
    client.force_login(world.a.employee_user)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()


def test_dutch_whatever_the_browser_asks_until_the_switch(client, world):
    client.force_login(world.a.employee_user)
    page = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="nl"' in page.content.decode() and page["Content-Language"] == "nl"
    client.post(reverse("web:set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="nl-BE")
    assert 'lang="en"' in page.content.decode() and page["Content-Language"] == "en"
