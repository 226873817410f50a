"""Clients for the API tests: by token (`token_client`) or by session (`session_client`)."""

import pytest
from django.test import Client
from tests.api.clients import bearer_client


@pytest.fixture(autouse=True)
def _generous_rates(settings):
    # The limits have their own tests (test_rate_limits); the others must never meet them.
    settings.THUISWERK_API_RATE_PER_TOKEN = "100000/min"
    settings.THUISWERK_API_RATE_PER_ADDRESS = "100000/min"


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
