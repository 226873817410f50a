"""Single sign-on (OpenID Connect): off by default; when on, it logs in existing users by their
e-mail address and refuses every other address with a message, never creating a user."""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.urls import NoReverseMatch, clear_url_caches, reverse

import thuiswerk.urls
from thuiswerk.web import oidc
from thuiswerk.web.oidc_config import oidc_settings

PROVIDER = "https://login.example.vlaanderen.be"
ENVIRONMENT = {
    "THUISWERK_OIDC": "1",
    "OIDC_RP_CLIENT_ID": "thuiswerk",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{PROVIDER}/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": f"{PROVIDER}/token",
    "OIDC_OP_USER_ENDPOINT": f"{PROVIDER}/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": f"{PROVIDER}/jwks",
}


def reload_urls() -> None:
    importlib.reload(thuiswerk.urls)
    clear_url_caches()


@pytest.fixture
def sso(settings, monkeypatch):
    """SSO switched on as THUISWERK_OIDC=1 does it; the provider answers with `sso.claims`."""
    settings.OIDC_ENABLED = True
    for name, value in oidc_settings(ENVIRONMENT).items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "thuiswerk.web.oidc.GovernmentOIDCBackend",
    ]
    reload_urls()

    class Provider:
        claims: dict = {}

    backend = oidc.GovernmentOIDCBackend
    monkeypatch.setattr(
        backend, "get_token", lambda self, payload: {"id_token": "i", "access_token": "a"}
    )
    monkeypatch.setattr(backend, "verify_token", lambda self, token, **kw: {"sub": "x"})
    monkeypatch.setattr(backend, "get_userinfo", lambda self, *args: Provider.claims)
    yield Provider
    settings.OIDC_ENABLED = False
    reload_urls()


def callback(client):
    """The provider sends the browser back with a code and the state thuiswerk gave it."""
    session = client.session
    session["oidc_states"] = {"st": {"nonce": "n", "code_verifier": None}}
    session.save()
    return client.get("/oidc/callback/?code=c&state=st", follow=True)


def test_off_by_default_no_urls_and_no_button(client, settings, world):
    assert settings.OIDC_ENABLED is False
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/").status_code == 404
    assert (
        "account van de Vlaamse overheid" not in client.get(reverse("web:login")).content.decode()
    )


def test_on_the_login_page_offers_sso_and_sends_to_the_provider(client, sso, world):
    page = client.get(reverse("web:login")).content.decode()
    assert 'href="/oidc/authenticate/"' in page
    response = client.get("/oidc/authenticate/")  # no login needed to start it
    assert response.status_code == 302
    assert response["Location"].startswith(f"{PROVIDER}/authorize?")
    assert "client_id=thuiswerk" in response["Location"]


def test_sso_logs_in_the_user_with_that_email(client, sso, world):
    sso.claims = {"email": "EVA.AIV@vlaanderen.be", "email_verified": True}
    page = callback(client)
    assert page.redirect_chain[-1][0] == reverse("web:home")
    assert page.wsgi_request.user == world.a.employee_user


def test_sso_refuses_an_unknown_address_and_creates_no_user(client, sso, world):
    users = get_user_model().objects.count()
    sso.claims = {"email": "onbekend@vlaanderen.be"}
    page = callback(client)
    assert page.redirect_chain[-1][0] == "/login/"
    assert not page.wsgi_request.user.is_authenticated
    assert "onbekend@vlaanderen.be heeft geen account in thuiswerk" in page.content.decode()
    assert get_user_model().objects.count() == users


@pytest.mark.parametrize(
    "claims",
    [{"email": "eva.aiv@vlaanderen.be", "email_verified": False}, {"sub": "no e-mail"}],
)
def test_sso_refuses_an_unverified_or_missing_address(client, sso, world, claims):
    sso.claims = claims
    page = callback(client)
    assert not page.wsgi_request.user.is_authenticated


def test_an_inactive_user_is_refused(client, sso, world):
    world.a.employee_user.is_active = False
    world.a.employee_user.save()
    sso.claims = {"email": "eva.aiv@vlaanderen.be"}
    assert not callback(client).wsgi_request.user.is_authenticated


def test_switched_on_without_its_settings_names_what_is_missing():
    with pytest.raises(ImproperlyConfigured, match="OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION"):
        oidc_settings({"THUISWERK_OIDC": "1", "OIDC_RP_CLIENT_ID": "x"})
    symmetric = {**ENVIRONMENT, "OIDC_RP_SIGN_ALGO": "HS256", "OIDC_OP_JWKS_ENDPOINT": ""}
    assert oidc_settings(symmetric)["OIDC_CREATE_USER"] is False
    with pytest.raises(ImproperlyConfigured, match="OIDC_OP_JWKS_ENDPOINT"):
        oidc_settings({**ENVIRONMENT, "OIDC_OP_JWKS_ENDPOINT": ""})
