"""/health/ for a load balancer: no login, 200 while the database answers, 503 when it does not."""

import pytest
from django.db import OperationalError, connection
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_health_answers_ok_without_a_login(client):
    response = client.get("/health/")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_database_does_not_answer(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/health/")
    assert (response.status_code, response.content) == (503, b"database unreachable\n")


def test_health_takes_only_get(client):
    assert client.post("/health/").status_code == 405


@override_settings(SECURE_SSL_REDIRECT=True)
def test_health_is_not_sent_to_https_but_the_pages_are(client):
    assert client.get("/health/").status_code == 200
    assert client.get("/login/").status_code == 301
