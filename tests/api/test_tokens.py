"""Personal access tokens: made and revoked in the web app and with `thuiswerk token`, shown
once, stored hashed, audited, limited to the user's entities."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from thuiswerk.api.models import AccessToken
from thuiswerk.api.services import TokenError, token_authenticate, token_create
from thuiswerk.audit.models import AuditEvent

ME = "/api/v1/me"


def test_hr_makes_a_read_token_for_one_of_her_entities_and_sees_it_once(world, client):
    client.force_login(world.a.hr_user)
    form = client.get("/tokens/new/")
    assert form.status_code == 200
    assert b'value="AIV"' in form.content and b'value="DKB"' not in form.content
    response = client.post(
        "/tokens/new/",
        {"name": "Tijdsregistratie AIV", "access": "read", "expires_days": 30, "entities": ["AIV"]},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = AccessToken.objects.get()
    secret = response.context["secret"]
    assert secret.encode() in response.content
    assert token.name == "Tijdsregistratie AIV" and token.access == "read"
    assert [e.code for e in token.entities.all()] == ["AIV"]
    # Shown once: the list shows only the prefix.
    listing = client.get("/tokens/").content.decode()
    assert token.prefix in listing and secret not in listing
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(ME).status_code == 200
    event = AuditEvent.objects.get(action="token.add")
    assert secret not in str(event.after) and token.digest not in str(event.after)


def test_a_token_cannot_reach_an_entity_its_user_does_not_work_for(world, client):
    with pytest.raises(TokenError):
        token_create(user=world.a.hr_user, name="x", access="read", entity_codes=["DKB"], actor="t")
    client.force_login(world.a.hr_user)
    response = client.post(
        "/tokens/new/", {"name": "x", "access": "read", "expires_days": 30, "entities": ["DKB"]}
    )
    assert response.status_code == 200 and "secret" not in response.context
    assert not AccessToken.objects.exists()


@pytest.mark.parametrize("days", [0, 367])
def test_the_validity_is_one_day_to_a_year(world, days):
    with pytest.raises(TokenError):
        token_create(user=world.admin_user, name="x", access="read", expires_days=days, actor="t")


def test_revoking_in_the_web_app_stops_the_token_and_is_audited(world, client):
    _token, secret = token_create(user=world.a.employee_user, name="x", access="read", actor="t")
    token = AccessToken.objects.get()
    client.force_login(world.a.employee_user)
    response = client.post(f"/tokens/{token.pk}/revoke/", follow=True)
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == world.a.employee_user.email
    assert token_authenticate(secret) is None
    assert AuditEvent.objects.filter(action="token.revoke", object_id=str(token.pk)).exists()


def test_a_user_sees_and_revokes_only_her_own_tokens_an_admin_all(world, client):
    token_create(user=world.a.employee_user, name="van Eva", access="read", actor="t")
    token = AccessToken.objects.get()
    client.force_login(world.b.employee_user)
    assert b"van Eva" not in client.get("/tokens/").content
    assert client.post(f"/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    client.force_login(world.admin_user)
    assert b"van Eva" in client.get("/tokens/").content
    client.post(f"/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_by == world.admin_user.email


def test_revoke_needs_a_post(world, client):
    token_create(user=world.a.employee_user, name="x", access="read", actor="t")
    client.force_login(world.a.employee_user)
    assert client.get(f"/tokens/{AccessToken.objects.get().pk}/revoke/").status_code == 405


def test_the_menu_offers_tokens_to_every_user_with_a_role(world, client):
    client.force_login(world.a.auditor_user)
    assert b'href="/tokens/"' in client.get("/").content


def _token_command(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_prints_a_new_token_once_on_stdout_alone(world):
    out, err = _token_command(
        "create", world.a.hr_user.email, "--scope", "write", "--expires-days", "7"
    )
    secret = out.strip()
    assert secret.startswith("thw_") and "\n" not in secret
    token = token_authenticate(secret)
    assert token.user == world.a.hr_user and token.access == "write"
    assert token.prefix in err and secret not in err
    listing, _ = _token_command("list")
    assert token.prefix in listing and secret not in listing
    revoked, _ = _token_command("revoke", token.prefix)
    assert token.prefix in revoked
    assert token_authenticate(secret) is None


def test_the_command_refuses_an_unknown_user_or_entity(world):
    with pytest.raises(CommandError, match="nobody@"):
        _token_command("create", "nobody@vlaanderen.be", "--scope", "read")
    with pytest.raises(CommandError):
        _token_command(
            "create", world.a.hr_user.email, "--scope", "read", "--entity", "DKB", "--lang", "en"
        )
    assert not AccessToken.objects.exists()
