"""Login throttling (django-axes): five failed logins for one e-mail address from one client
address lock that pair for the cool-off; the lock-out page says how long, in Dutch; another
address is not locked; a successful login resets the count."""

import io
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from tests.roles import PASSWORD

EMAIL = "hr.aiv@vlaanderen.be"


def login(client, password, *, email=EMAIL, address="10.0.0.1", **headers):
    return client.post(
        reverse("web:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, times, **kwargs):
    for _ in range(times):
        response = login(client, "fout wachtwoord", **kwargs)
        assert response.status_code == 200
        assert "Het e-mailadres of het wachtwoord klopt niet." in response.content.decode()


def test_five_failures_lock_and_the_right_password_is_then_refused(client, world):
    fail(client, 4)
    locking = login(client, "fout wachtwoord")  # the fifth: the lock starts
    assert locking.status_code == 429
    response = login(client, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Aanmelden tijdelijk geblokkeerd" in page
    assert "Probeer het opnieuw over 15 minuten." in page
    assert "_auth_user_id" not in client.session  # not logged in


def test_the_lock_out_page_says_the_minutes_left(client, world):
    fail(client, 4)
    login(client, "fout wachtwoord")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=11, seconds=30))
    page = login(client, PASSWORD).content.decode()
    assert "Probeer het opnieuw over 4 minuten." in page


def test_the_lock_is_per_client_address_and_for_the_address_in_any_case(client, world):
    fail(client, 5 - 1)
    assert login(client, "fout", email=EMAIL.upper()).status_code == 429  # the same user
    other = login(client, PASSWORD, address="10.0.0.2")  # another computer: not locked
    assert other.status_code == 302 and other["Location"] == "/"


def test_the_lock_ends_after_the_cool_off(client, world):
    fail(client, 4)
    assert login(client, "fout wachtwoord").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert login(client, PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(client, world):
    fail(client, 4)
    assert login(client, PASSWORD).status_code == 302
    client.logout()
    assert not AccessAttempt.objects.exists()
    fail(client, 4)  # four again without a lock
    assert login(client, PASSWORD).status_code == 302


def test_behind_the_proxy_the_address_is_the_one_the_proxy_added(client, world, settings):
    settings.THUISWERK_BEHIND_PROXY = True
    # The client sends an X-Forwarded-For of its own; the proxy appends the real address.
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):
        login(client, "fout", address="192.168.1.1", HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.9")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    assert login(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert login(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 302


def test_without_the_proxy_x_forwarded_for_is_ignored(client, world, settings):
    settings.THUISWERK_BEHIND_PROXY = False
    fail(client, 2, address="10.0.0.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.7"}


def test_the_english_lock_out_page(client, world):
    client.cookies["django_language"] = "en"
    fail_english = [login(client, "wrong") for _ in range(5)]
    assert fail_english[-1].status_code == 429
    page = login(client, PASSWORD).content.decode()
    assert "Login blocked for a while" in page and "Try again in 15 minutes." in page


def test_axes_is_the_first_backend_and_quiet():
    from django.conf import settings

    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert "thuiswerk.accounts.backends.EmailBackend" in settings.AUTHENTICATION_BACKENDS
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_RESET_ON_SUCCESS is True and settings.AXES_VERBOSE is False
    assert settings.AXES_ENABLED is True
    assert "axes.middleware.AxesMiddleware" in settings.MIDDLEWARE


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "5 0:15:00"),
        ({"THUISWERK_LOGIN_FAILURES": "3", "THUISWERK_LOGIN_COOLOFF_MINUTES": "60"}, "3 1:00:00"),
    ],
)
def test_the_environment_tunes_the_limit_and_the_cool_off(tmp_path, env, expected):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("THUISWERK_")}
    script = (
        "from django.conf import settings as s; print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME)"
    )
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=tmp_path,
        env={**clean, "DEBUG": "1", **env},
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip() == expected, done.stderr


@pytest.mark.parametrize(
    ("command", "args"),
    [("axes_reset_username", [EMAIL]), ("axes_reset_ip_username", ["10.0.0.1", EMAIL])],
)
def test_an_administrator_lifts_the_lock(client, world, command, args):
    fail(client, 4)
    assert login(client, "fout wachtwoord").status_code == 429
    call_command(command, *args, stdout=io.StringIO())
    assert login(client, PASSWORD).status_code == 302
