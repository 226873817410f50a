"""A large insert on SQLite drops the table's secondary indexes and builds them again after."""

import pytest
from django.db import connection

from thuiswerk.core import frames
from thuiswerk.telework.models import Registration

from .conftest import run, write

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's bulk load"),
]


def schema_and_settings():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'telework_registration' ORDER BY name"
        )
        schema = cursor.fetchall()
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        cursor.execute("PRAGMA threads")
        return schema, cache_size, cursor.fetchone()[0]


def test_indexes_cache_size_and_threads_are_as_before(staff, monkeypatch):
    monkeypatch.setattr(frames, "BATCH_ROWS", 2)  # a "large" insert of three rows, in batches
    before = schema_and_settings()
    assert any(sql and sql.startswith("CREATE INDEX") for _, sql in before[0])
    rows = "".join(f"P2,2023-01-0{day},home,full\n" for day in (2, 3, 4))
    result = run(write("registrations.csv", "employee_id,date,location,part\n" + rows))
    assert result.counts["registrations"]["created"] == 3
    assert Registration.objects.filter(date__gte="2023-01-03").count() == 2  # the date index
    assert schema_and_settings() == before
