"""Writing checked rows: an upsert on each kind's natural key, set-based and in bulk.

The stored rows of a table are read as a frame, joined to the incoming rows on the natural key,
and only the difference is written: new rows inserted in bulk (COPY on PostgreSQL, a JSON array
expanded by `json_each` on SQLite: no Python object per row), changed rows updated by id. The
counts say what happened: created, updated, unchanged, and for registrations deleted (the rows
of a file for one employee and day state that day completely).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db import connection, models

from thuiswerk.budgets.models import BudgetLine, PlannedInitiative
from thuiswerk.core.frames import (
    day_number,
    decimal_text,
    delete_ids,
    fetch_frame,
    insert_frame,
    scaled_integer,
)
from thuiswerk.equipment.models import Delivery
from thuiswerk.people.models import Employee, EmploymentPeriod, Entity
from thuiswerk.telework.models import Agreement, InternetOption, Registration, ThirdPartyInvoice

from .readers import ROW
from .registrations import (
    DAY,
    EMPLOYEE_MONTH,
    changed_employee_months,
    month_of,
    packed,
    stored_masks,
    stored_rows,
    unpacked,
)

Counts = dict[str, int]
# The audit event lists at most this many updated and deleted rows per table (with their values
# before and after); beyond that it says how many more there were.
AUDITED_PER_TABLE = 1000


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


def _dtype(model_field: models.Field) -> pl.DataType:
    """How a column is compared: text, integer (ids, scaled decimals) or date."""
    if isinstance(model_field, models.ForeignKey | models.IntegerField | models.DecimalField):
        return pl.Int64
    if isinstance(model_field, models.DateField):
        return pl.Date
    return pl.String


def _table(
    model: type[models.Model],
    key: tuple[str, ...],
    values: tuple[str, ...],
    shrink_first: str | None = None,
) -> Table:
    """The table of `model` with the columns of its fields `key` and `values`, as the model
    names and types them (table and column names, decimal places)."""
    meta = model._meta
    fields = [meta.get_field(name) for name in (*key, *values)]
    shrink = meta.get_field(shrink_first).column if shrink_first else None
    return Table(
        meta.db_table,
        {f.column: _dtype(f) for f in fields},
        tuple(meta.get_field(name).column for name in key),
        {f.column: f.decimal_places for f in fields if isinstance(f, models.DecimalField)},
        shrink_first=shrink,
    )


ENTITY = _table(Entity, ("code",), ("name",))
EMPLOYEE = _table(Employee, ("personnel_number",), ("first_name", "last_name", "email"))
PERIOD = _table(
    EmploymentPeriod,
    ("employee", "start_date"),
    ("entity", "fte", "end_date", "supervisor"),
    shrink_first="end_date",
)
AGREEMENT = _table(
    Agreement,
    ("employee", "valid_from"),
    ("valid_to", "days_per_week", "status", "approved_by", "approved_on"),
)
REGISTRATION = _table(Registration, ("employee", "date", "part"), ("location",))
INTERNET_OPTION = _table(InternetOption, ("employee", "valid_from"), ("option", "provider"))
INVOICE = _table(ThirdPartyInvoice, ("employee", "month", "provider"), ("amount",))
DELIVERY = _table(
    Delivery,
    ("employee", "item", "delivered_on"),
    ("entity", "category", "cost", "ownership", "returned_on"),
)
BUDGET = _table(BudgetLine, ("entity", "year", "measure"), ("amount",))
INITIATIVE = _table(
    PlannedInitiative,
    ("entity", "kind", "title"),
    ("motivation", "planned_from", "planned_to", "budget"),
)


@dataclass
class Changes:
    """Updated and deleted rows with their values before and after, for the audit event:
    per table at most AUDITED_PER_TABLE rows, and how many more there were."""

    tables: dict[str, dict[str, Any]] = field(default_factory=dict)

    def record(self, table: Table, action: str, before: pl.DataFrame, after: pl.DataFrame | None):
        """`before` and `after` (None for deleted rows): id, key and values, row for row."""
        if before.is_empty():
            return
        entry = self.tables.setdefault(table.name, {"updated": [], "deleted": [], "omitted": 0})
        listed = entry[action]
        room = max(AUDITED_PER_TABLE - len(entry["updated"]) - len(entry["deleted"]), 0)
        entry["omitted"] += max(before.height - room, 0)
        olds = _as_text(table, before.head(room)).to_dicts()
        news = _as_text(table, after.head(room)).to_dicts() if after is not None else olds
        for old, new in zip(olds, news, strict=True):
            changed = [name for name in table.values if after is None or old[name] != new[name]]
            listed.append(
                {
                    "id": old["id"],
                    "key": {name: old[name] for name in table.key},
                    "before": {name: old[name] for name in changed},
                    "after": None if after is None else {name: new[name] for name in changed},
                }
            )


@dataclass
class Writing:
    """What the writers share: progress bars or not, and the changes they record."""

    progress: bool
    changes: Changes = field(default_factory=Changes)


def write_rows(kind: str, rows: pl.DataFrame, writing: Writing) -> dict[str, Counts]:
    """Write the checked rows of one source; the counts per kind of record written."""
    return WRITERS[kind](rows, writing)


# Generic upsert -------------------------------------------------------------------------------


def sync(table: Table, incoming: pl.DataFrame, stored: pl.DataFrame, writing: Writing) -> Counts:
    incoming = incoming.select(list(table.schema)).cast(table.schema)
    if stored.is_empty():
        # Nothing to compare with (a first import): no copy of millions of rows joined to nothing.
        _insert(table, incoming, progress=writing.progress)
        return {"created": incoming.height, "updated": 0, "unchanged": 0}
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
    _insert(table, new.select(list(table.schema)), progress=writing.progress)
    writing.changes.record(
        table,
        "updated",
        changed.select("id", *table.key, *(pl.col(f"{n}_stored").alias(n) for n in table.values)),
        changed.select("id", *table.schema),
    )
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


def _write_staff(rows: pl.DataFrame, writing: Writing) -> dict[str, Counts]:
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
            writing,
        ),
        "employees": sync(
            EMPLOYEE,
            employees.rename({"employee_id": "personnel_number"}).with_columns(
                pl.col("email").fill_null("")
            ),
            EMPLOYEE.stored(),
            writing,
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
    counts["employment_periods"] = sync(PERIOD, periods, PERIOD.stored(), writing)
    return counts


def _employee_rows(table: Table, **fill: object) -> Callable[[pl.DataFrame, Writing], Counts]:
    """A writer for a kind keyed by employee: codes to ids, empty optional texts to ''."""

    def write(rows: pl.DataFrame, writing: Writing) -> Counts:
        employee_ids = _ids(EMPLOYEE)
        frame = rows.pipe(_resolve, "employee_id", employee_ids, "_employee").drop("employee_id")
        if "approved_by" in frame.columns:
            frame = frame.pipe(_resolve, "approved_by", employee_ids, "approved_by_id")
        if "_entity" in frame.columns:
            frame = frame.pipe(_resolve, "_entity", _ids(ENTITY), "entity_id")
        frame = frame.rename({"_employee": "employee_id"}).with_columns(
            pl.col(name).fill_null(value) for name, value in fill.items()
        )
        return sync(table, frame, table.stored(), writing)

    return write


def _entity_rows(table: Table, **fill: object) -> Callable[[pl.DataFrame, Writing], Counts]:
    def write(rows: pl.DataFrame, writing: Writing) -> Counts:
        frame = rows.pipe(_resolve, "entity_code", _ids(ENTITY), "entity_id").with_columns(
            pl.col(name).fill_null(value) for name, value in fill.items()
        )
        return sync(table, frame, table.stored(), writing)

    return write


def _write_registrations(rows: pl.DataFrame, writing: Writing) -> Counts:
    incoming = (
        rows.pipe(_resolve, "employee_id", _ids(EMPLOYEE), "_employee")
        .drop("employee_id")
        .rename({"_employee": "employee_id"})
        .select(list(REGISTRATION.schema))
        .cast(REGISTRATION.schema)
    )
    if incoming.is_empty():
        return {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0}
    total = incoming.height
    masks = stored_masks(incoming["date"].min(), incoming["date"].max())
    if masks.is_empty():
        # None of the file's months holds a registration yet (a first import): all are new.
        return {
            **sync(
                REGISTRATION,
                incoming,
                pl.DataFrame(schema={"id": pl.Int64, **REGISTRATION.schema}),
                writing,
            ),
            "deleted": 0,
        }
    # Only the employee-months that differ from the database are read and compared day by day.
    months = changed_employee_months(incoming, masks)
    incoming = incoming.with_columns(month_of(pl.col("date"))).join(
        months, on=EMPLOYEE_MONTH, how="semi"
    )
    stored = stored_rows(months)
    day = (pl.col("_packed") // DAY).alias("_day")
    incoming = incoming.with_columns(packed()).with_columns(day)
    if stored.height:
        # Stored days the file does not state stay as they are.
        stored = stored.with_columns(day).join(
            incoming.select("_day").unique(), on="_day", how="semi"
        )
        changed_days = pl.concat(
            [
                incoming.join(stored, on="_packed", how="anti").select("_day"),
                stored.join(incoming, on="_packed", how="anti").select("_day"),
            ]
        ).unique()
        incoming = incoming.join(changed_days, on="_day", how="semi")
        stored = stored.join(changed_days, on="_day", how="semi")
    affected = incoming.select(list(REGISTRATION.schema))
    stored = unpacked(stored)
    # The file states each of its days completely: a stored part it does not name goes.
    gone = stored.join(affected, on=list(REGISTRATION.key), how="anti")
    delete_ids(REGISTRATION.name, gone["id"])
    writing.changes.record(REGISTRATION, "deleted", gone, None)
    counts = sync(
        REGISTRATION, affected, stored.join(gone.select("id"), on="id", how="anti"), writing
    )
    counts["unchanged"] += total - affected.height
    return {**counts, "deleted": gone.height}


def _single(kind: str, writer: Callable[[pl.DataFrame, Writing], Counts]):
    return lambda rows, writing: {kind: writer(rows, writing)}


WRITERS: dict[str, Callable[[pl.DataFrame, Writing], dict[str, Counts]]] = {
    "staff": _write_staff,
    "agreements": _single("agreements", _employee_rows(AGREEMENT)),
    "registrations": _single("registrations", _write_registrations),
    "internet_options": _single("internet_options", _employee_rows(INTERNET_OPTION, provider="")),
    "invoices": _single("invoices", _employee_rows(INVOICE)),
    "equipment": _single("equipment", _employee_rows(DELIVERY)),
    "budgets": _single("budgets", _entity_rows(BUDGET)),
    "initiatives": _single("initiatives", _entity_rows(INITIATIVE, motivation="", budget=0)),
}
