"""The run lock's parts that need no second process (the races are in allowances/test_concurrency)."""

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.utils import translation

from thuiswerk.core import locks


def test_the_wait_comes_from_the_caller_else_the_environment_else_sixty_seconds(monkeypatch):
    monkeypatch.delenv("THUISWERK_LOCK_WAIT", raising=False)
    assert locks.lock_wait_seconds() == 60
    monkeypatch.setenv("THUISWERK_LOCK_WAIT", "2.5")
    assert locks.lock_wait_seconds() == 2.5
    assert locks.lock_wait_seconds(0) == 0
    monkeypatch.setenv("THUISWERK_LOCK_WAIT", "soon")
    assert locks.lock_wait_seconds() == 60


def test_the_busy_message_names_the_holder_in_the_users_language():
    holder = {"action": "import", "actor": "an", "since": 0, "pid": 41, "host": "srv"}
    with translation.override("nl"):
        dutch = locks._busy_message(holder)
    with translation.override("en"):
        english = locks._busy_message(holder)
    assert dutch.startswith(
        "Een andere verwerking houdt de databank bezet: import door an sinds 1970"
    )
    assert "(proces 41 op srv)" in dutch
    assert english.startswith("Another run holds the database: import by an since 1970")


def test_a_half_written_or_foreign_lock_file_names_no_holder():
    assert locks._read_holder("") is None
    assert locks._read_holder('{"action": "x"}') is None
    assert locks._read_holder("[1]") is None


def test_a_postgresql_session_name_keeps_the_actor_and_cuts_the_host():
    holder = {
        "action": "compute",
        "actor": "an",
        "since": 1764744256,
        "pid": 12345,
        "host": "h" * 80,
    }
    name = locks._pg_name(holder)
    assert len(name.encode()) <= 63
    assert name.startswith("thuiswerk|compute|1764744256|12345|an|hhh")


@pytest.mark.django_db
def test_the_lock_is_released_when_the_block_ends_even_by_an_error():
    with pytest.raises(ZeroDivisionError), locks.run_lock(action="compute", actor="t"):
        raise ZeroDivisionError
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
            )
            assert cursor.fetchone()[0] == 0
            cursor.execute("SHOW application_name")
            assert cursor.fetchone()[0] == ""
    else:
        assert locks.lock_file_path() is None  # the in-memory test database: one process only
    with locks.run_lock(action="compute", actor="t", wait_seconds=0):
        assert True  # taken again at once


@pytest.fixture
def lock_file(tmp_path, monkeypatch):
    """The SQLite lock on a file of its own, also under the in-memory test database."""
    path = tmp_path / "db.sqlite3.lock"
    monkeypatch.setattr(locks, "lock_file_path", lambda: path)
    monkeypatch.setattr(locks, "_advisory", lambda: False)
    return path


@contextmanager
def held_in_another_thread(*, action: str, actor: str) -> Iterator[None]:
    """The run lock held by another thread for the block (as another run would hold it)."""
    taken, release = threading.Event(), threading.Event()

    def hold():
        with locks.run_lock(action=action, actor=actor):
            taken.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(10)
    try:
        yield
    finally:
        release.set()
        holder.join()


def test_a_holder_names_itself_in_the_lock_file_and_another_thread_is_told_who(lock_file):
    with held_in_another_thread(action="import", actor="an"):
        assert json.loads(lock_file.read_text())["actor"] == "an"
        with (
            translation.override("en"),
            pytest.raises(locks.RunLocked) as busy,
            locks.run_lock(action="compute", actor="bo", wait_seconds=0.3),
        ):
            pass
        assert "import by an since" in str(busy.value)
        assert f"(process {os.getpid()} on " in str(busy.value)
    assert lock_file.read_text() == ""  # free again, and says so
    with locks.run_lock(action="compute", actor="bo", wait_seconds=0):
        assert json.loads(lock_file.read_text())["action"] == "compute"


def test_the_lock_is_reentrant_within_its_thread(lock_file):
    with locks.run_lock(action="init", actor="t", wait_seconds=0):
        with locks.run_lock(action="parameter", actor="t", wait_seconds=0):
            assert json.loads(lock_file.read_text())["action"] == "init"
        assert json.loads(lock_file.read_text())["action"] == "init"  # still held
    assert lock_file.read_text() == ""


@pytest.mark.django_db
def test_an_import_waits_for_the_run_lock_and_writes_nothing_when_it_stays_busy(
    lock_file, tmp_path, monkeypatch
):
    from thuiswerk.imports.services import import_files
    from thuiswerk.people.models import Entity

    entities = tmp_path / "staff.csv"
    entities.write_text(
        "employee_id;first_name;last_name;email;entity_code;entity_name;fte;start_date;end_date;"
        "supervisor_id\nP1;An;Peeters;;AIV;Agentschap Informatie Vlaanderen;1;01/01/2020;;\n"
    )
    monkeypatch.setenv("THUISWERK_LOCK_WAIT", "0.3")
    with (
        held_in_another_thread(action="compute", actor="an"),
        translation.override("en"),
        pytest.raises(locks.RunLocked, match="compute by an"),
    ):
        import_files(paths=[entities], actor="bo")
    assert not Entity.objects.exists()
    assert import_files(paths=[entities], actor="bo").ok  # free again
    assert Entity.objects.get().code == "AIV"
