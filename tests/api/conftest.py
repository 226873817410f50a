"""Clients for the API tests: by token (`token_client`) or by session (`session_client`)."""

import pytest
from django.test import Client

from thuiswerk.api.services import token_create


@pytest.fixture(autouse=True)
def _generous_rates(settings):
    # The limits have their own tests (test_rate_limits); the others must never meet them.
    settings.THUISWERK_API_RATE_PER_TOKEN = "100000/min"
    settings.THUISWERK_API_RATE_PER_ADDRESS = "100000/min"


def bearer_client(user, access: str = "write", entities=(), days: int = 30) -> Client:
    _token, secret = token_create(
        user=user,
        name="test",
        access=access,
        expires_days=days,
        entity_codes=[entity.code for entity in entities],
        actor="test",
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    client.secret = secret
    return client


@pytest.fixture
def token_client():
    """`token_client(user, access="write", entities=())`: a client that sends a new token."""
    return bearer_client


@pytest.fixture
def session_client():
    """`session_client(user)`: a client logged in to the web app, that enforces CSRF."""

    def make(user) -> Client:
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        return client

    return make
