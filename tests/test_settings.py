"""Settings read the environment and refuse, in one line, what they cannot run with."""

import os
import subprocess
import sys

import pytest


def thuiswerk(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    environment.update(THUISWERK_VAR=str(tmp_path / "var"), **env)
    return subprocess.run(
        [sys.executable, "-m", "thuiswerk.cli", *args],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("url", ["mysql://user@host/db", "oracle://user@host/db", "nonsense"])
def test_an_unsupported_database_is_refused_in_one_line_naming_the_supported_ones(tmp_path, url):
    done = thuiswerk(tmp_path, "rules", DATABASE_URL=url, SECRET_KEY="k")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "not supported" in done.stderr
    assert "SQLite" in done.stderr and "PostgreSQL" in done.stderr


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    done = thuiswerk(tmp_path, "rules", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "thuiswerk: SECRET_KEY is not set: set SECRET_KEY to a long random value, or DEBUG=1 for"
        " development."
    )
    development = thuiswerk(  # DEBUG=1: a fixed development key
        tmp_path, "init", DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}"
    )
    assert development.returncode == 0, development.stderr


def test_settings_create_no_folder_and_init_creates_var_for_the_default_database(tmp_path):
    assert thuiswerk(tmp_path, "help", DEBUG="1").returncode == 0
    assert not (tmp_path / "var").exists()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "thuiswerk.cli", "init"],
        cwd=tmp_path,
        env={**env, "DEBUG": "1", "THUISWERK_VAR": str(tmp_path / "var")},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "var" / "thuiswerk.sqlite3").is_file()


def test_a_sqlite_file_in_a_missing_folder_is_a_clear_error(tmp_path):
    missing = tmp_path / "nowhere" / "db.sqlite3"
    done = thuiswerk(tmp_path, "init", DEBUG="1", DATABASE_URL=f"sqlite:///{missing}")
    assert done.returncode != 0
    assert "De map van de SQLite-databank bestaat niet" in done.stderr  # Dutch by default
    assert str(tmp_path / "nowhere") in done.stderr
    assert "unable to open database file" not in done.stderr


def test_production_settings_pass_django_s_deployment_checks(tmp_path):
    production = {k: v for k, v in os.environ.items() if not k.startswith("THUISWERK_")}
    # Not the test run's own settings (the browser tests allow async-unsafe calls in-process).
    production = {
        k: v
        for k, v in production.items()
        if k not in ("SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    done = subprocess.run(
        [sys.executable, "-m", "thuiswerk.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=tmp_path,
        env={
            **production,
            "SECRET_KEY": "kV3-" + "x9Qw" * 16,  # long and varied, as check --deploy wants
            "ALLOWED_HOSTS": "thuiswerk.vlaanderen.be",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}",
        },
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_plain_http_is_sent_to_https_in_production(tmp_path):
    script = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("THUISWERK_")}
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=tmp_path,
        env={**env, "THUISWERK_BEHIND_PROXY": "1"},
        capture_output=True,
        text=True,
    )
    assert done.stdout.split() == [
        "True",
        "31536000",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
    ], done.stderr
