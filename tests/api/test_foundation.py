"""The API's frame: authentication by token and session, the error shape, languages, the
OpenAPI document, pagination cursors."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from thuiswerk.api.models import AccessToken
from thuiswerk.api.services import token_revoke

ME = "/api/v1/me"


def test_a_token_sees_its_users_roles_and_entities(world, token_client):
    response = token_client(world.a.hr_user, access="read").get(ME)
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == world.a.hr_user.email
    assert body["roles"] == ["hr"]
    assert body["people_entities"] == ["AIV"]
    assert body["token_access"] == "read"
    assert body["token"].startswith("thw_")


def test_an_admin_token_limited_to_an_entity_is_its_hr_officer(world, token_client):
    body = token_client(world.admin_user, entities=[world.b.entity]).get(ME).json()
    assert body["roles"] == ["hr"]
    assert body["people_entities"] == ["DKB"]
    assert body["figure_entities"] == ["DKB"]


def test_no_credentials_is_401_in_the_error_shape():
    response = Client().get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    body = response.json()
    assert body["code"] == "unauthenticated"
    assert set(body) == {"code", "message", "details"}


@pytest.mark.parametrize(
    "header", ["Bearer thw_not-a-token", "Bearer nonsense", "Bearer ", "Basic dXNlcjpwYXNz"]
)
def test_a_wrong_token_is_refused(world, header):
    response = Client(HTTP_AUTHORIZATION=header).get(ME)
    assert response.status_code == 401
    assert response.json()["code"] in {"invalid_token", "unauthenticated"}


def test_a_revoked_token_is_refused_at_once(world, token_client):
    client = token_client(world.a.employee_user)
    assert client.get(ME).status_code == 200
    token_revoke(token=AccessToken.objects.get(), actor="test")
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"


def test_an_expired_token_is_refused(world, token_client):
    client = token_client(world.a.employee_user)
    AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(ME).json()["code"] == "invalid_token"


def test_the_token_of_a_deactivated_user_is_refused(world, token_client):
    client = token_client(world.a.employee_user)
    world.a.employee_user.is_active = False
    world.a.employee_user.save()
    assert client.get(ME).status_code == 401


def test_a_token_is_stored_only_as_a_digest(world, token_client):
    client = token_client(world.a.employee_user)
    token = AccessToken.objects.get()
    assert client.secret not in {token.digest, token.prefix}
    assert len(client.secret) > 40 and client.secret.startswith(token.prefix)


def test_the_session_sees_what_its_user_sees(world, session_client):
    body = session_client(world.a.employee_user).get(ME).json()
    assert body["email"] == world.a.employee_user.email
    assert body["token"] is None


def test_a_method_an_operation_does_not_have_is_405_in_the_error_shape(world, token_client):
    response = token_client(world.a.employee_user).post(ME)
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert response["Allow"] == "GET"


def test_messages_are_dutch_unless_english_is_asked():
    dutch = Client().get(ME)
    english = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,nl;q=0.5").get(ME)
    assert dutch["Content-Language"] == "nl" and english["Content-Language"] == "en"
    assert dutch.json()["message"] != english.json()["message"]
    assert "token" in english.json()["message"]


def test_the_openapi_document_and_docs_are_public_and_local(client):
    document = client.get("/api/v1/openapi.json")
    assert document.status_code == 200
    schema = document.json()
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle" in html and "cdn" not in html.lower()


def test_every_operation_declares_the_common_errors_and_a_unique_id(client):
    schema = client.get("/api/v1/openapi.json").json()
    ids = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            ids.append(operation["operationId"])
            declared = set(operation["responses"])
            assert {"401", "403", "413", "422", "429", "503"} <= declared, (method, path)
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    content = response["content"]["application/json"]["schema"]
                    assert content["$ref"].endswith("/ErrorOut"), (method, path, status)
    assert len(ids) == len(set(ids))


def test_a_nul_character_is_refused_before_any_operation(world, token_client):
    client = token_client(world.admin_user)
    assert client.get("/api/v1/employees?search=a%00b").json()["details"][0]["code"] == (
        "nul_character"
    )
    response = client.post(
        "/api/v1/months/2026-01/reopen",
        data='{"reason": "a\\u0000b"}',
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"


def test_a_body_over_the_limit_is_413_in_the_error_shape(world, token_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = token_client(world.a.hr_user).post(
        "/api/v1/registrations", data="{" + " " * 2000 + "}", content_type="application/json"
    )
    assert response.status_code == 413 and response.json()["code"] == "too_large"
