"""One run at a time per database: compute, close, reopen and import take `run_lock`.

PostgreSQL: a session-level advisory lock; the holder names itself in its session's
`application_name`, which every other session reads in `pg_stat_activity`. SQLite: an exclusive
`flock` on a file beside the database, holding the holder's description as JSON. Both are
released by the operating system or the server when the holder dies, so a crash never leaves a
stale lock. A second run waits a bounded time (`wait_seconds`, else `THUISWERK_LOCK_WAIT`, else
60 s) and then raises `RunLocked` naming the run that holds the lock.
"""

import fcntl
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.translation import gettext as _

DEFAULT_WAIT_SECONDS = 60.0
_POLL_SECONDS = 0.2
# The advisory lock's key: any fixed 64-bit number that no other application on the server uses.
_ADVISORY_KEY = 0x7468_7569_7377_6B00  # "thuiswk\0"
_NAME_PREFIX = "thuiswerk"
_PG_NAME_BYTES = 63  # PostgreSQL cuts application_name at NAMEDATALEN - 1


# Per thread, as Django's connections are: the lock is re-entrant within the thread that holds it.
_held = threading.local()


class RunLocked(Exception):
    """Another run holds the database's run lock and did not release it in time."""


def lock_wait_seconds(wait_seconds: float | None = None) -> float:
    if wait_seconds is not None:
        return max(0.0, wait_seconds)
    text = os.environ.get("THUISWERK_LOCK_WAIT", "")
    try:
        return max(0.0, float(text)) if text else DEFAULT_WAIT_SECONDS
    except ValueError:
        return DEFAULT_WAIT_SECONDS


@contextmanager
def run_lock(
    *,
    action: str,
    actor: str,
    wait_seconds: float | None = None,
    error: type[Exception] = RunLocked,
) -> Iterator[None]:
    """Hold the database's run lock for the block; take it before the block's transaction starts,
    so that the block reads what the previous holder committed. A caller may name the `error` to
    raise when the lock stays busy (e.g. its own domain error, which its command prints). Within
    a block that holds the lock, taking it again (a service calling another) just goes on."""
    holder = {
        "action": action,
        "actor": actor,
        "since": int(time.time()),
        "pid": os.getpid(),
        "host": socket.gethostname(),
    }
    if getattr(_held, "depth", 0):  # a service inside another that holds the lock already
        _held.depth += 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    deadline = time.monotonic() + lock_wait_seconds(wait_seconds)
    if _advisory():
        lock = _postgresql_lock(holder, deadline, error)
    else:
        lock = _sqlite_lock(holder, deadline, error)
    with lock:
        _held.depth = 1
        try:
            yield
        finally:
            _held.depth = 0


def _advisory() -> bool:
    """Whether the database has advisory locks (PostgreSQL); else the lock file (SQLite)."""
    return connection.vendor == "postgresql"


@contextmanager
def _postgresql_lock(holder: dict, deadline: float, error: type[Exception]) -> Iterator[None]:
    with connection.cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [_ADVISORY_KEY])
            if cursor.fetchone()[0]:
                break
            if time.monotonic() >= deadline:
                raise error(_busy_message(_postgresql_holder(cursor)))
            time.sleep(_POLL_SECONDS)
        cursor.execute("SELECT set_config('application_name', %s, false)", [_pg_name(holder)])
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('application_name', '', false)")
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_ADVISORY_KEY])
        except DatabaseError:
            # A broken connection or an aborted outer transaction (the reason the block failed,
            # whose error goes on): the server releases the lock when the session ends.
            pass


def _pg_name(holder: dict) -> str:
    """'thuiswerk|compute|1764744256|12345|alice|host', cut to what the server keeps (the host
    comes last, so it is the first to be shortened)."""
    fields = [_NAME_PREFIX, holder["action"], holder["since"], holder["pid"], holder["actor"]]
    text = "|".join(str(field).replace("|", "/") for field in [*fields, holder["host"]])
    return text.encode()[:_PG_NAME_BYTES].decode(errors="ignore")


def lock_state() -> tuple[bool, dict | None]:
    """Whether some run holds the database's run lock now, and its holder (None when it has not
    named itself); takes nothing, for `thuiswerk check`."""
    if _advisory():
        with connection.cursor() as cursor:
            row = _postgresql_lock_row(cursor)
        return (False, None) if row is None else (True, _parse_pg_name(row[0]))
    path = lock_file_path()
    if path is None or not path.exists():
        return False, None
    with open(path, encoding="utf-8") as file:
        try:
            # Shared and at once: if it can be had, nobody holds the exclusive lock.
            fcntl.flock(file, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True, _read_holder(file.read())
        fcntl.flock(file, fcntl.LOCK_UN)
    return False, None


def _postgresql_lock_row(cursor) -> tuple[str, int] | None:
    cursor.execute(
        "SELECT a.application_name, a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        " WHERE l.locktype = 'advisory' AND l.granted AND l.database ="
        " (SELECT oid FROM pg_database WHERE datname = current_database())"
        " AND l.objsubid = 1 AND ((l.classid::bigint << 32) | l.objid::bigint) = %s",
        [_ADVISORY_KEY],
    )
    return cursor.fetchone()


def _postgresql_holder(cursor) -> dict | None:
    row = _postgresql_lock_row(cursor)
    return None if row is None else _parse_pg_name(row[0])


def _parse_pg_name(name: str) -> dict | None:
    parts = name.split("|", 5)
    if len(parts) < 5 or parts[0] != _NAME_PREFIX or not parts[2].isdigit():
        return None  # released meanwhile, or held by a session that did not name itself
    _, action, since, pid, actor, *host = parts
    return {
        "action": action,
        "since": int(since),
        "pid": pid,
        "actor": actor,
        "host": "".join(host),
    }


@contextmanager
def _sqlite_lock(holder: dict, deadline: float, error: type[Exception]) -> Iterator[None]:
    path = lock_file_path()
    if path is None:  # an in-memory database lives in one process: nobody else can run on it
        yield
        return
    with open(path, "a+", encoding="utf-8") as file:
        while True:
            try:
                fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    file.seek(0)
                    raise error(_busy_message(_read_holder(file.read()))) from None
                time.sleep(_POLL_SECONDS)
        try:
            file.seek(0)
            file.truncate()
            file.write(json.dumps(holder))
            file.flush()
            yield
        finally:
            file.seek(0)
            file.truncate()
            file.flush()
            fcntl.flock(file, fcntl.LOCK_UN)


def lock_file_path() -> Path | None:
    """The lock file beside the SQLite database file (None for an in-memory database)."""
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return None
    return Path(name).with_name(Path(name).name + ".lock")


def _read_holder(text: str) -> dict | None:
    try:
        holder = json.loads(text)
    except ValueError:
        return None  # the holder is between taking the lock and writing its name
    keys = {"action", "actor", "since", "pid", "host"}
    if not isinstance(holder, dict) or keys - set(holder) or not isinstance(holder["since"], int):
        return None
    return holder


def _busy_message(holder: dict | None) -> str:
    if holder is None:
        return _("Another run holds the database; try again when it has finished.")
    since = timezone.localtime(datetime.fromtimestamp(holder.get("since", 0), UTC))
    return _(
        "Another run holds the database: %(action)s by %(actor)s since %(since)s"
        " (process %(pid)s on %(host)s); try again when it has finished, or wait longer"
        " with THUISWERK_LOCK_WAIT=seconds."
    ) % {**holder, "since": since.strftime("%Y-%m-%d %H:%M:%S")}
