"""Encodings and separators as Excel writes them, files without rows, and rows that someone
else writes between the checks and the writes."""

import codecs

import polars as pl
import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from thuiswerk.imports import writing
from thuiswerk.people.models import Employee, EmploymentPeriod, Entity

from .conftest import STAFF, run, snapshot, strings, write

pytestmark = pytest.mark.django_db

TAB_STAFF = STAFF.replace(";", "\t").replace("\n", "\r\n")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + TAB_STAFF.encode("utf-16-le"),  # Excel's "Unicode text"
        codecs.BOM_UTF16_BE + TAB_STAFF.encode("utf-16-be"),
        TAB_STAFF.encode("utf-16-le"),  # without a byte order mark
        TAB_STAFF.encode("utf-8"),  # tab-separated UTF-8
    ],
    ids=["utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-8-tab"],
)
def test_utf16_and_tab_separated_files(data, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(data)
    result = run(path)
    assert result.ok, strings(result.errors)
    assert Employee.objects.get(personnel_number="P3").last_name == "Vandenbroucke-Ééckhout"
    assert EmploymentPeriod.objects.count() == 4


def test_a_file_with_only_a_header_warns(db):
    result = run(write("staff.csv", STAFF.splitlines()[0] + "\n"))
    assert result.ok
    assert strings(result.warnings) == [
        "staff.csv: the file has a header but no rows: nothing to import"
    ]
    assert [issue.code for issue in result.warnings] == ["no_rows"]


def test_a_file_with_rows_does_not_warn_for_rows(staff):
    result = run(write("budgets.csv", "entity_code;year;measure;amount\nAIV;2023;financial;1\n"))
    assert result.warnings == []


def test_rows_written_by_someone_else_meanwhile_are_one_clear_error(staff, monkeypatch):
    # As if another import stored these rows after this import read the stored ones: the
    # insert meets the unique constraint. The transaction is rolled back, nothing is written.
    text = "entity_code;year;measure;amount\nAIV;2023;financial;1\n"
    assert run(write("budgets.csv", text)).ok
    before = snapshot()
    monkeypatch.setattr(writing.Table, "stored", lambda self, *args: _nothing(self))
    result = run(write("staff.csv", STAFF), write("budgets.csv", text))
    assert not result.ok
    [error] = result.errors
    assert error.code == "write_conflict"
    assert str(error).startswith("staff.csv: the database refused the rows (")
    assert str(error).endswith(
        "probably another import or user wrote the same rows at the same time; "
        "nothing was imported, try again"
    )
    assert result.counts == {}
    assert snapshot() == before


def _nothing(table: writing.Table) -> pl.DataFrame:
    return pl.DataFrame(schema={"id": pl.Int64, **table.schema})


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writers wait on each other")
def test_a_concurrent_import_on_postgresql_is_one_clear_error(monkeypatch):
    # Another connection commits the same entity after this import read the stored rows and
    # before it inserts them: PostgreSQL's COPY raises UniqueViolation, reported as one line.
    insert = writing.insert_frame

    def racing_insert(table, frame, **options):
        if table == Entity._meta.db_table:
            other = connections.create_connection(DEFAULT_DB_ALIAS)
            with other.cursor() as cursor:
                cursor.execute(f"INSERT INTO {table} (code, name) VALUES ('AIV', 'other')")
            other.close()
        return insert(table, frame, **options)

    monkeypatch.setattr(writing, "insert_frame", racing_insert)
    result = run(write("staff.csv", STAFF))
    assert [error.code for error in result.errors] == ["write_conflict"]
    assert "UniqueViolation" not in str(result.errors[0])
    assert "duplicate key" in str(result.errors[0])
    assert list(Entity.objects.values_list("name", flat=True)) == ["other"]
    assert not Employee.objects.exists()
