"""Writing checked rows: an upsert on each kind's natural key, set-based and in bulk.

The stored rows of a table are read as a frame, joined to the incoming rows on the natural key,
and only the difference is written: new rows inserted in bulk (COPY on PostgreSQL, a JSON array
expanded by `json_each` on SQLite: no Python object per row), changed rows updated by id. The
counts say what happened: created, updated, unchanged, and for registrations deleted (the rows
of a file for one employee and day state that day completely).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import polars as pl
from django.db import connection

from thuiswerk.core.frames import (
    day_number,
    decimal_text,
    delete_ids,
    fetch_frame,
    insert_frame,
    scaled_integer,
)

from .readers import ROW

Counts = dict[str, int]
# Stored registrations are read a week at a time, to keep the Python rows in flight few.
_WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Table:
    name: str
    schema: dict[str, pl.DataType]  # the natural key and the values, as compared
    key: tuple[str, ...]
    places: dict[str, int] = field(default_factory=dict)  # decimals, held as scaled integers
    # On PostgreSQL an exclusion constraint forbids overlapping periods at every statement:
    # periods that end earlier are updated before those that end later.
    shrink_first: str | None = None

    @property
    def values(self) -> list[str]:
        return [name for name in self.schema if name not in self.key]

    def stored(self, where: str = "", params: Sequence[Any] = ()) -> pl.DataFrame:
        """The stored rows (id, key and values), decimals scaled in SQL so no float is read."""
        quote = connection.ops.quote_name

        def column(name: str) -> str:
            if name in self.places:
                return scaled_integer(quote(name), self.places[name])
            if self.schema[name] == pl.Date:
                return day_number(quote(name))
            return quote(name)

        columns = ", ".join(column(name) for name in self.schema)
        return fetch_frame(
            f"SELECT id, {columns} FROM {quote(self.name)} {where}",
            params,
            {"id": pl.Int64, **self.schema},
        )


S, N, D = pl.String, pl.Int64, pl.Date  # text, integer (ids, scaled decimals), date
ENTITY = Table("people_entity", {"code": S, "name": S}, ("code",))
EMPLOYEE = Table(
    "people_employee",
    {"personnel_number": S, "first_name": S, "last_name": S, "email": S},
    ("personnel_number",),
)
PERIOD = Table(
    "people_employmentperiod",
    {
        "employee_id": N,
        "start_date": D,
        "entity_id": N,
        "fte": N,
        "end_date": D,
        "supervisor_id": N,
    },
    ("employee_id", "start_date"),
    {"fte": 3},
    shrink_first="end_date",
)
AGREEMENT = Table(
    "telework_agreement",
    {
        "employee_id": N,
        "valid_from": D,
        "valid_to": D,
        "days_per_week": N,
        "status": S,
        "approved_by_id": N,
        "approved_on": D,
    },
    ("employee_id", "valid_from"),
    {"days_per_week": 1},
)
REGISTRATION = Table(
    "telework_registration",
    {"employee_id": N, "date": D, "part": S, "location": S},
    ("employee_id", "date", "part"),
)
INTERNET_OPTION = Table(
    "telework_internetoption",
    {"employee_id": N, "valid_from": D, "option": S, "provider": S},
    ("employee_id", "valid_from"),
)
INVOICE = Table(
    "telework_thirdpartyinvoice",
    {"employee_id": N, "month": D, "provider": S, "amount": N},
    ("employee_id", "month", "provider"),
    {"amount": 2},
)
DELIVERY = Table(
    "equipment_delivery",
    {
        "employee_id": N,
        "item": S,
        "delivered_on": D,
        "entity_id": N,
        "category": S,
        "cost": N,
        "ownership": S,
        "returned_on": D,
    },
    ("employee_id", "item", "delivered_on"),
    {"cost": 2},
)
BUDGET = Table(
    "budgets_budgetline",
    {"entity_id": N, "year": N, "measure": S, "amount": N},
    ("entity_id", "year", "measure"),
    {"amount": 2},
)
INITIATIVE = Table(
    "budgets_plannedinitiative",
    {
        "entity_id": N,
        "kind": S,
        "title": S,
        "motivation": S,
        "planned_from": D,
        "planned_to": D,
        "budget": N,
    },
    ("entity_id", "kind", "title"),
    {"budget": 2},
)


def write_rows(kind: str, rows: pl.DataFrame, *, progress: bool) -> dict[str, Counts]:
    """Write the checked rows of one source; the counts per kind of record written."""
    return WRITERS[kind](rows, progress)


# Generic upsert -------------------------------------------------------------------------------


def sync(table: Table, incoming: pl.DataFrame, stored: pl.DataFrame, *, progress: bool) -> Counts:
    incoming = incoming.select(list(table.schema)).cast(table.schema)
    joined = incoming.join(stored, on=list(table.key), how="left", suffix="_stored")
    same = pl.all_horizontal(
        pl.col(name).eq_missing(pl.col(f"{name}_stored")) for name in table.values
    )
    new = joined.filter(pl.col("id").is_null())
    changed = joined.filter(pl.col("id").is_not_null() & ~same)
    if table.shrink_first:
        end, before = pl.col(table.shrink_first), pl.col(f"{table.shrink_first}_stored")
        shrinks = end.is_not_null() & (before.is_null() | (end < before))
        changed = changed.sort(shrinks, descending=True)
    _update(table, changed)
    _insert(table, new.select(list(table.schema)), progress=progress)
    return {
        "created": new.height,
        "updated": changed.height,
        "unchanged": joined.height - new.height - changed.height,
    }


def _as_text(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """Dates as ISO text and decimals as exact text, as both databases take them."""
    return frame.with_columns(
        *(
            pl.col(name).dt.to_string("%Y-%m-%d")
            for name, dtype in frame.schema.items()
            if dtype == pl.Date
        ),
        *(
            decimal_text(pl.col(name), places).alias(name)
            for name, places in table.places.items()
            if name in frame.columns
        ),
    )


def _insert(table: Table, frame: pl.DataFrame, *, progress: bool) -> None:
    insert_frame(table.name, _as_text(table, frame), progress=progress)


def _update(table: Table, changed: pl.DataFrame) -> None:
    if changed.is_empty():
        return
    quote = connection.ops.quote_name
    rows = _as_text(table, changed.select(*table.values, "id")).rows()
    assignments = ", ".join(f"{quote(name)} = %s" for name in table.values)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {quote(table.name)} SET {assignments} WHERE id = %s", rows)


# Database ids ---------------------------------------------------------------------------------


def _ids(table: Table) -> pl.DataFrame:
    """code -> id of the employees or entities."""
    return fetch_frame(
        f"SELECT {table.key[0]}, id FROM {table.name}", [], {"code": pl.String, "id": pl.Int64}
    )


def _resolve(frame: pl.DataFrame, column: str, ids: pl.DataFrame, alias: str) -> pl.DataFrame:
    """Replace the codes in `column` by database ids in `alias`."""
    mapping = ids.select(
        pl.col("code").cast(frame.schema[column]).alias(column), pl.col("id").alias(alias)
    )
    return frame.join(mapping, on=column, how="left", maintain_order="left")


# The kinds ------------------------------------------------------------------------------------


def _write_staff(rows: pl.DataFrame, progress: bool) -> dict[str, Counts]:
    # The most recent period (by start date, then row) says a person's name and an entity's name.
    latest = rows.sort("start_date", ROW)
    entities = latest.group_by("entity_code").agg(pl.col("entity_name").last())
    employees = latest.group_by("employee_id").agg(
        pl.col("first_name", "last_name", "email").last()
    )
    counts = {
        "entities": sync(
            ENTITY,
            entities.rename({"entity_code": "code", "entity_name": "name"}),
            ENTITY.stored(),
            progress=progress,
        ),
        "employees": sync(
            EMPLOYEE,
            employees.rename({"employee_id": "personnel_number"}).with_columns(
                pl.col("email").fill_null("")
            ),
            EMPLOYEE.stored(),
            progress=progress,
        ),
    }
    employee_ids = _ids(EMPLOYEE)
    periods = (
        rows.pipe(_resolve, "employee_id", employee_ids, "employee")
        .pipe(_resolve, "supervisor_id", employee_ids, "supervisor")
        .pipe(_resolve, "entity_code", _ids(ENTITY), "entity_id")
        .drop("employee_id", "supervisor_id")
        .rename({"employee": "employee_id", "supervisor": "supervisor_id"})
    )
    counts["employment_periods"] = sync(PERIOD, periods, PERIOD.stored(), progress=progress)
    return counts


def _employee_rows(table: Table, **fill: object) -> Callable[[pl.DataFrame, bool], Counts]:
    """A writer for a kind keyed by employee: codes to ids, empty optional texts to ''."""

    def write(rows: pl.DataFrame, progress: bool) -> Counts:
        employee_ids = _ids(EMPLOYEE)
        frame = rows.pipe(_resolve, "employee_id", employee_ids, "_employee").drop("employee_id")
        if "approved_by" in frame.columns:
            frame = frame.pipe(_resolve, "approved_by", employee_ids, "approved_by_id")
        if "_entity" in frame.columns:
            frame = frame.pipe(_resolve, "_entity", _ids(ENTITY), "entity_id")
        frame = frame.rename({"_employee": "employee_id"}).with_columns(
            pl.col(name).fill_null(value) for name, value in fill.items()
        )
        return sync(table, frame, table.stored(), progress=progress)

    return write


def _entity_rows(table: Table, **fill: object) -> Callable[[pl.DataFrame, bool], Counts]:
    def write(rows: pl.DataFrame, progress: bool) -> Counts:
        frame = rows.pipe(_resolve, "entity_code", _ids(ENTITY), "entity_id").with_columns(
            pl.col(name).fill_null(value) for name, value in fill.items()
        )
        return sync(table, frame, table.stored(), progress=progress)

    return write


def _weeks(first: date, last: date) -> list[tuple[date, date]]:
    starts = [first + _WEEK * n for n in range((last - first) // _WEEK + 1)]
    return [(start, min(start + _WEEK - timedelta(days=1), last)) for start in starts]


def _write_registrations(rows: pl.DataFrame, progress: bool) -> Counts:
    incoming = (
        rows.pipe(_resolve, "employee_id", _ids(EMPLOYEE), "_employee")
        .drop("employee_id")
        .rename({"_employee": "employee_id"})
        .select(list(REGISTRATION.schema))
        .cast(REGISTRATION.schema)
    )
    if incoming.is_empty():
        return {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0}
    stored = pl.concat(
        REGISTRATION.stored("WHERE date >= %s AND date <= %s", [first, last])
        for first, last in _weeks(incoming["date"].min(), incoming["date"].max())
    )
    if stored.height:
        day = ["employee_id", "date"]
        stored = stored.join(incoming.select(day).unique(), on=day, how="semi")
    # The file states each of its days completely: a stored part it does not name goes.
    gone = stored.join(incoming, on=list(REGISTRATION.key), how="anti")
    delete_ids(REGISTRATION.name, gone["id"])
    counts = sync(
        REGISTRATION,
        incoming,
        stored.join(gone.select("id"), on="id", how="anti"),
        progress=progress,
    )
    return {**counts, "deleted": gone.height}


def _single(kind: str, writer: Callable[[pl.DataFrame, bool], Counts]):
    return lambda rows, progress: {kind: writer(rows, progress)}


WRITERS: dict[str, Callable[[pl.DataFrame, bool], dict[str, Counts]]] = {
    "staff": _write_staff,
    "agreements": _single("agreements", _employee_rows(AGREEMENT)),
    "registrations": _single("registrations", _write_registrations),
    "internet_options": _single("internet_options", _employee_rows(INTERNET_OPTION, provider="")),
    "invoices": _single("invoices", _employee_rows(INVOICE)),
    "equipment": _single("equipment", _employee_rows(DELIVERY)),
    "budgets": _single("budgets", _entity_rows(BUDGET)),
    "initiatives": _single("initiatives", _entity_rows(INITIATIVE, motivation="", budget=0)),
}
