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
