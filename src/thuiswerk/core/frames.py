"""Tables <-> Polars frames through Django's connection, in bulk and exactly.

Millions of registrations and ledger lines cross here; none of them becomes a Python object per
row on the way out, and inserts go in bulk (COPY on PostgreSQL).
"""

import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import polars as pl
from django.db import connection
from tqdm import tqdm

BATCH_ROWS = 100_000
_BULK_SORT_MEMORY = "1GB"  # PostgreSQL's maintenance_work_mem while it builds them again
# Set on the connection while `bulk_changes` has dropped a table's indexes (its name).
_BULK_MARK = "_thuiswerk_bulk_table"
_BULK_CACHE_KIB = (
    -262_144
)  # 256 MiB while SQLite rebuilds indexes (negative: KiB, as the PRAGMA takes it)


def day_number(column: str) -> str:
    """SQL for a date column as days since 1970-01-01: integers cross far faster than date objects
    (Django's SQLite converter parses every date in Python), and Polars reads them as dates."""
    if connection.vendor == "postgresql":
        return f"({column} - DATE '1970-01-01')"
    return f"CAST(julianday({column}) - 2440587.5 AS INTEGER)"


def scaled_integer(expression: str, places: int = 2) -> str:
    """SQL for a decimal expression as an integer scaled by 10**places (cents by default): money
    leaves the database as an exact integer, never as a float (SQLite stores NUMERIC as REAL)."""
    return f"CAST(ROUND({expression} * {10**places}) AS BIGINT)"


def decimal_text(scaled: pl.Expr, places: int = 2) -> pl.Expr:
    """An integer scaled by 10**places back to exact decimal text, as both databases take it for
    NUMERIC: 4550 -> '45.50', -2000 -> '-20.00'."""
    magnitude = scaled.abs()
    return pl.concat_str(
        pl.when(scaled < 0).then(pl.lit("-")).otherwise(pl.lit("")),
        (magnitude // 10**places).cast(pl.String),
        pl.lit("."),
        (magnitude % 10**places).cast(pl.String).str.zfill(places),
    )


def fetch_frame(sql: str, params: Sequence[Any], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Run `sql` and return its rows as a frame with `schema` (column order = SELECT order).

    Date columns must be selected through `day_number()`. The rows travel as one CSV text:
    PostgreSQL writes it with COPY, SQLite builds it in SQL (texts quoted, so that a null, an
    empty text and a text with line breaks or quotes all come back as they were), and Polars
    parses it.
    """
    raw_schema = {name: (pl.Int32 if dtype == pl.Date else dtype) for name, dtype in schema.items()}
    names = list(schema)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)", params) as copy:
                data = b"".join(bytes(block) for block in copy)
        else:
            # quote() writes a text as 'text' with '' for a quote: C-fast, and it keeps an empty
            # text apart from a null (left empty, unquoted).
            fields = " || ',' || ".join(
                f"CASE WHEN c{i} IS NULL THEN '' ELSE quote(c{i}) END"
                if raw_schema[name] == pl.String
                else f"COALESCE(c{i}, '')"
                for i, name in enumerate(names)
            )
            columns = ", ".join(f"c{i}" for i in range(len(names)))
            cursor.execute(
                f"WITH q({columns}) AS ({sql}) SELECT group_concat({fields}, char(10)) FROM q",
                params,
            )
            data = (cursor.fetchone()[0] or "").encode()
    if not data:
        frame = pl.DataFrame(schema=raw_schema)
    else:
        quote = '"' if connection.vendor == "postgresql" else "'"
        frame = pl.read_csv(
            data, has_header=False, new_columns=names, schema=raw_schema, quote_char=quote
        )
    return frame.with_columns(
        pl.col(name).cast(pl.Date) for name, dtype in schema.items() if dtype == pl.Date
    )


def insert_frame(table: str, frame: pl.DataFrame, *, progress: bool = False) -> int:
    """Append the rows of `frame` to `table` (columns named as in the table); returns the count.

    Decimal columns must come as exact text ('20.00'): no float ever touches money. PostgreSQL
    gets COPY; SQLite gets each batch as one JSON array of rows that `json_each` expands in SQL
    (twice as fast as executemany, which makes a Python tuple of every row). Either way the
    table's indexes and constraints are built again once when the insert is at least as large
    as the table (see `bulk_changes`).
    """
    if frame.is_empty():
        return 0
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in frame.columns)
    text = frame.with_columns(
        pl.col(name).dt.to_string("%Y-%m-%d")
        for name, dtype in frame.schema.items()
        if dtype == pl.Date
    )
    bar = tqdm(total=frame.height, desc=table, unit="rows", disable=not progress, leave=False)
    with connection.cursor() as cursor, bulk_changes(cursor, table, frame.height):
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(
                f"COPY {quote(table)} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
            ) as copy:
                for batch in text.iter_slices(BATCH_ROWS):
                    copy.write(batch.write_csv(include_header=False, null_value="\\N"))
                    bar.update(batch.height)
        else:
            values = ", ".join(f"value ->> {i}" for i in range(len(frame.columns)))
            sql = f"INSERT INTO {quote(table)} ({columns}) SELECT {values} FROM json_each(%s)"
            for batch in text.iter_slices(BATCH_ROWS):
                cursor.execute(sql, [_json_rows(batch)])
                bar.update(batch.height)
    bar.close()
    return frame.height


def _json_rows(frame: pl.DataFrame) -> str:
    """The rows of `frame` as one JSON array of arrays, encoded by Polars (texts escaped, nulls
    as null): `[[1,"2021-01-04","home"],...]`."""
    fields = []
    for name in frame.columns:
        # A one-field struct encodes as {"name":value}: what is between the colon and the brace
        # is the value exactly as JSON writes it.
        prefix = len(json.dumps(name)) + 2
        fields.append(pl.struct(name).struct.json_encode().str.slice(prefix).str.head(-1))
    rows = pl.concat_str([pl.lit("["), pl.concat_str(fields, separator=","), pl.lit("]")])
    return "[" + frame.select(rows.str.join(",")).item() + "]"


def delete_ids(table: str, ids: pl.Series) -> int:
    """Delete the rows of `table` whose id is in `ids`, in one statement per batch."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor, bulk_changes(cursor, table, ids.len()):
        for batch in ids.cast(pl.Int64).to_frame().iter_slices(BATCH_ROWS):
            values = batch.to_series().to_list()
            if connection.vendor == "postgresql":
                cursor.execute(f"DELETE FROM {quote(table)} WHERE id = ANY(%s)", [values])
            else:
                cursor.execute(
                    f"DELETE FROM {quote(table)} WHERE id IN (SELECT value FROM json_each(%s))",
                    ["[" + ",".join(map(str, values)) + "]"],
                )
    return ids.len()


@contextmanager
def bulk_changes(cursor, table: str, rows: int) -> Iterator[None]:
    """Around a write of `rows` rows (insert or delete) at least as large as the table (a first
    import, a first run): the table's secondary indexes, and on PostgreSQL its unique and
    foreign-key constraints, are dropped and built again once afterwards, which is several times
    faster than keeping them up to date row by row (and on PostgreSQL saves a queued trigger
    event per row for the deferred foreign keys, each checked again at commit). All of it happens
    inside the caller's transaction: nobody sees the table without them, and a violation still
    fails the transaction when the constraint is built again. Nested uses rebuild once, at the
    outer exit. Smaller writes keep the indexes: rebuilding a large table for a few rows would
    cost more.
    """
    quote = connection.ops.quote_name
    if getattr(connection, _BULK_MARK, None) is not None:
        yield
        return
    cursor.execute(f"SELECT count(*) FROM {quote(table)}")
    if rows < BATCH_ROWS or rows < cursor.fetchone()[0]:
        yield
        return
    rebuild = _pg_drop_indexes if connection.vendor == "postgresql" else _sqlite_drop_indexes
    setattr(connection, _BULK_MARK, table)
    try:
        with rebuild(cursor, table):
            yield
    finally:
        setattr(connection, _BULK_MARK, None)


@contextmanager
def _sqlite_drop_indexes(cursor, table: str) -> Iterator[None]:
    # Unique constraints stay in force: SQLite keeps them as automatic indexes, not dropped.
    cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
        [table],
    )
    indexes = cursor.fetchall()
    cursor.execute("PRAGMA cache_size")
    cache_size = cursor.fetchone()[0]
    cursor.execute("PRAGMA threads")
    threads = cursor.fetchone()[0]
    cursor.execute(f"PRAGMA cache_size = {_BULK_CACHE_KIB}")
    # The sorter that builds an index may use a helper thread per core.
    cursor.execute(f"PRAGMA threads = {os.cpu_count() or 1}")
    try:
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        yield
        for _, sql in indexes:
            cursor.execute(sql)
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
        cursor.execute(f"PRAGMA threads = {int(threads)}")


@contextmanager
def _pg_drop_indexes(cursor, table: str) -> Iterator[None]:
    quote = connection.ops.quote_name
    # Unique and foreign-key constraints of the table (the primary key stays), then the indexes
    # that back no constraint.
    cursor.execute(
        "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC, conname",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index"
        " WHERE indrelid = %s::regclass AND NOT indisprimary AND indexrelid NOT IN"
        " (SELECT conindid FROM pg_constraint WHERE conrelid = %s::regclass)",
        [table, table],
    )
    indexes = cursor.fetchall()
    _check_deferred(cursor)
    # Room to sort an index of millions of rows in memory (this transaction only).
    cursor.execute(f"SET LOCAL maintenance_work_mem = '{_BULK_SORT_MEMORY}'")
    for name, _, _ in constraints:
        cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    yield
    _check_deferred(cursor)
    for _, sql in indexes:
        cursor.execute(sql)
    for name, kind, definition in constraints:
        if kind == "u":
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
        else:
            # NOT VALID + VALIDATE: the existing rows are checked in one join, not row by row.
            cursor.execute(
                f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition} NOT VALID"
            )
            cursor.execute(f"ALTER TABLE {quote(table)} VALIDATE CONSTRAINT {quote(name)}")
    # Fresh statistics for the queries that follow in this transaction and after it.
    cursor.execute(f"ANALYZE {quote(table)}")


def _check_deferred(cursor) -> None:
    """Run the deferred constraint checks queued so far (PostgreSQL refuses to alter or index a
    table with checks still queued); later ones are deferred again, as Django declares them."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
