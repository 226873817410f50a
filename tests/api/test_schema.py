"""The API against its own OpenAPI document (schemathesis): for anonymous, token and session
clients, generated requests never cause a server error, every answer's status is declared and its
body and headers match the schema."""

import secrets

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from thuiswerk.api.services import token_create

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Enough examples to reach every branch of the input checks without making the suite slow: the
# whole document runs three times (anonymous, token, session).
EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


from thuiswerk.wsgi import application  # noqa: E402  (after the imports that set Django up)

# Fetched through the application itself, as a client would (no database needed for it).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _database_connection_stays_open():
    """The application is called directly, not through Django's test client: without this its
    `request_finished` signal closes the test's database connection (PostgreSQL then fails the
    next request), as the test client prevents."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def admin_token(world) -> str:
    _token, secret = token_create(
        user=world.admin_user, name="schemathesis", access="write", actor="test"
    )
    return secret


@pytest.fixture
def hr_session(world, client) -> dict:
    """The cookies and header of a logged-in HR officer of entity A, CSRF token included."""
    client.force_login(world.a.hr_user)
    csrf = secrets.token_hex(16)  # 32 characters: a CSRF secret Django accepts as cookie
    return {
        "cookies": {
            django_settings.SESSION_COOKIE_NAME: client.cookies[
                django_settings.SESSION_COOKIE_NAME
            ].value,
            django_settings.CSRF_COOKIE_NAME: csrf,
        },
        "headers": {"X-CSRFToken": csrf},
    }


@schema.parametrize()
@EXAMPLES
def test_anonymous(case, db):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@EXAMPLES
def test_token(case, admin_token):
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {admin_token}"})


@schema.parametrize()
@EXAMPLES
def test_session(case, hr_session):
    response = case.call(cookies=hr_session["cookies"], headers=hr_session["headers"])
    case.validate_response(response, checks=CHECKS)
