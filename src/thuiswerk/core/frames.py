"""Read query results straight into Polars frames through Django's connection (no model objects)."""

from collections.abc import Sequence
from typing import Any

import polars as pl
from django.db import connection


def fetch_frame(sql: str, params: Sequence[Any], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Run `sql` and return its rows as a frame with `schema` (column order = SELECT order).

    Django's SQLite backend converts columns declared as date to `date` objects, so selected date
    columns arrive typed on both databases.
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema=schema, orient="row")


def insert_frame(table: str, frame: pl.DataFrame, batch_rows: int = 50_000) -> int:
    """Append the rows of `frame` to `table` (columns named as in the table), in bulk.

    PostgreSQL gets COPY; SQLite gets executemany in batches. Decimal columns are passed as text
    so no float ever touches money.
    """
    if frame.is_empty():
        return 0
    columns = frame.columns
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(
                f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
            ) as copy:
                for row in frame.iter_rows():
                    copy.write_row(row)
        else:
            sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({', '.join('%s' for _ in columns)})"
            for batch in frame.iter_slices(batch_rows):
                cursor.executemany(sql, batch.rows())
    return frame.height
