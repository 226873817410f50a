"""Password rules (at least 12 characters, not common, not only digits, not like the user's
name or address) and the cookies' flags in production."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Kort-2026!", "password_too_short"),  # 10 characters
        ("password1234", "password_too_common"),
        ("739184620573", "password_entirely_numeric"),
        ("an.peeters.vlaanderen", "password_too_similar"),
    ],
)
def test_weak_passwords_are_refused(db, password, code):
    user = get_user_model()(username="an.peeters@vlaanderen.be", email="an.peeters@vlaanderen.be")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert code in [error.code for error in refused.value.error_list]


def test_a_long_uncommon_password_is_accepted(db):
    user = get_user_model()(username="an.peeters@vlaanderen.be", email="an.peeters@vlaanderen.be")
    assert validate_password("Zomer-in-Gent-2026", user) is None


def test_the_session_and_csrf_cookies_in_production(tmp_path):
    names = [
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SAMESITE",
    ]
    script = (
        "from django.conf import settings as s; print(" + ", ".join(f"s.{n}" for n in names) + ")"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("THUISWERK_") and k != "DEBUG"}
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=tmp_path,
        env={**env, "SECRET_KEY": "k"},
        capture_output=True,
        text=True,
    )
    assert done.stdout.split() == ["True", "True", "Lax", "True", "True", "Lax"], done.stderr


def test_login_sets_a_session_cookie_that_scripts_cannot_read(client, world, settings):
    settings.SESSION_COOKIE_SECURE = False  # the test client speaks plain http
    from tests.roles import PASSWORD

    client.post("/login/", {"username": "eva.aiv@vlaanderen.be", "password": PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
