"""Rate limits: per token (or logged-in user) and per client address, answered 429 with
Retry-After in the error shape."""

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client

from thuiswerk.api.throttling import Rate

ME = "/api/v1/me"


@pytest.fixture(autouse=True)
def _fresh_counters(settings):
    caches[settings.THUISWERK_RATE_LIMIT_CACHE].clear()


def test_a_token_over_its_rate_gets_429_with_retry_after(world, token_client, settings):
    settings.THUISWERK_API_RATE_PER_TOKEN = "3/min"
    client = token_client(world.a.employee_user)
    assert [client.get(ME).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(ME)
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 61
    # Another token of the same user has its own count.
    assert token_client(world.a.employee_user).get(ME).status_code == 200


def test_a_logged_in_user_has_the_same_limit(world, session_client, settings):
    settings.THUISWERK_API_RATE_PER_TOKEN = "2/min"
    client = session_client(world.a.employee_user)
    assert [client.get(ME).status_code for _ in range(3)] == [200, 200, 429]


def test_an_address_over_its_rate_is_stopped_before_authentication(world, settings):
    settings.THUISWERK_API_RATE_PER_ADDRESS = "2/min"
    other = Client(REMOTE_ADDR="10.0.0.9")
    here = Client(REMOTE_ADDR="10.0.0.8")
    assert [here.get(ME).status_code for _ in range(2)] == [401, 401]
    response = here.get(ME)
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
    assert int(response["Retry-After"]) >= 1
    assert other.get(ME).status_code == 401
    # The web app's pages are not counted.
    assert here.get("/login/").status_code == 200


def test_behind_the_proxy_the_address_it_adds_counts(world, settings):
    settings.THUISWERK_API_RATE_PER_ADDRESS = "1/min"
    settings.THUISWERK_BEHIND_PROXY = True
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.7")
    spoofed = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="5.6.7.8, 192.0.2.7")
    assert first.get(ME).status_code == 401
    # A forged first address does not give a fresh count: the proxy's own entry is the last.
    assert spoofed.get(ME).status_code == 429
    assert (
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.8").get(ME).status_code == 401
    )


def test_several_servers_share_the_count_in_the_database(world, token_client, settings):
    settings.THUISWERK_RATE_LIMIT_CACHE = "database"  # its table: `thuiswerk init`, test setup
    settings.THUISWERK_API_RATE_PER_TOKEN = "2/min"
    client = token_client(world.a.employee_user)
    assert [client.get(ME).status_code for _ in range(3)] == [200, 200, 429]
    assert "thuiswerk_rate_limit" in connection.introspection.table_names()


def test_a_malformed_rate_is_a_configuration_error(settings):
    assert Rate.parse("600/min") == Rate(600, 60)
    for text in ("600", "ten/min", "5/week", "0/s"):
        with pytest.raises(ImproperlyConfigured):
            Rate.parse(text)
