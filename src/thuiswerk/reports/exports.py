"""Exports of the ledger: every line (for audit and analysis) and the payroll file of one month.

Both write CSV (UTF-8, comma, decimal point, money with two decimals) or XLSX, and stream: rows
are read in chunks and XLSX is written in XlsxWriter's constant-memory mode.
"""

import csv
import io
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import polars as pl
import xlsxwriter

from thuiswerk.allowances.models import LedgerLine, LedgerMonth
from thuiswerk.core.frames import day_number, fetch_frame, scaled_integer
from thuiswerk.core.money import format_eur, from_cents
from thuiswerk.core.months import format_month

from .parliament import entity_by_code

Out = IO[str] | IO[bytes] | Path | str

LEDGER_COLUMNS = (
    "employee_id",
    "month",
    "measure",
    "employee_amount",
    "employer_cost",
    "entity",
    "booked_in",
    "kind",
)
PAYROLL_COLUMNS = (
    "employee_id",
    "last_name",
    "first_name",
    "entity",
    "pay_code",
    "amount",
    "concerns",
    "status",
)

# What payroll pays (or taxes) per ledger measure. INTERNET_THIRD_PARTY is absent: the employer
# pays the provider, the employee gets nothing (employee_amount 0.00), so it is no pay row.
PAY_CODES = {
    LedgerLine.Measure.INTERNET_FORFAIT.value: "TW-INTERNET",
    LedgerLine.Measure.HOMEWORK.value: "TW-THUISWERK",
    LedgerLine.Measure.INTERNET_BIK.value: "TW-VAA-INTERNET",
}
PROVISIONAL = "provisional"
FINAL = "final"

_CHUNK = 20_000


def export_ledger(
    *,
    out: Out,
    fmt: str,
    month_from: date | None = None,
    month_to: date | None = None,
    entity_code: str | None = None,
) -> int:
    """Write the ledger lines whose month (the month they concern) is in the range; returns rows.

    Raises UnknownEntityError for an unknown entity code.
    """
    lines = LedgerLine.objects.all()
    if month_from is not None:
        lines = lines.filter(month__gte=month_from)
    if month_to is not None:
        lines = lines.filter(month__lte=month_to)
    if entity_code is not None:
        lines = lines.filter(entity=entity_by_code(entity_code))
    rows = map(
        _ledger_row,
        lines.order_by("month", "employee__personnel_number", "measure", "booked_in", "id")
        .values_list(
            "employee__personnel_number",
            "month",
            "measure",
            "employee_amount",
            "employer_cost",
            "entity__code",
            "booked_in",
            "kind",
        )
        .iterator(chunk_size=_CHUNK),
    )
    return _write_table(out, fmt, LEDGER_COLUMNS, rows)


def _ledger_row(line: tuple) -> tuple:
    number, month, measure, employee_amount, employer_cost, entity, booked_in, kind = line
    return (
        number,
        format_month(month),
        measure,
        employee_amount,
        employer_cost,
        entity,
        format_month(booked_in),
        kind,
    )


def month_is_closed(month: date) -> bool:
    return LedgerMonth.objects.filter(month=month, status=LedgerMonth.Status.CLOSED).exists()


def export_payroll(*, month: date, out: Out, fmt: str = "csv") -> int:
    """Write what payroll month `month` pays: one row per employee and pay code; returns rows.

    Every line booked in the month counts (its own entitlements and the corrections of earlier
    months), summed per employee and pay code; `concerns` lists the months the amount concerns and
    `entity` is the entity of the latest of them. `status` is `final` when the month is closed and
    `provisional` while it is open (a recomputation can still change it).
    """
    measures = list(PAY_CODES)
    lines = fetch_frame(
        "SELECT e.personnel_number, e.last_name, e.first_name, n.code, l.measure,"
        f" {day_number('l.month')},"
        f" {scaled_integer('l.employee_amount')}"
        " FROM allowances_ledgerline l"
        " JOIN people_employee e ON e.id = l.employee_id JOIN people_entity n ON n.id = l.entity_id"
        f" WHERE l.booked_in = %s AND l.measure IN ({', '.join('%s' for _ in measures)})",
        [month, *measures],
        {
            "employee_id": pl.String(),
            "last_name": pl.String(),
            "first_name": pl.String(),
            "entity": pl.String(),
            "measure": pl.String(),
            "month": pl.Date(),
            "cents": pl.Int64(),
        },
    )
    status = FINAL if month_is_closed(month) else PROVISIONAL
    pay = (
        lines.sort("month")
        .group_by("employee_id", "measure")
        .agg(
            pl.col("last_name").first(),
            pl.col("first_name").first(),
            pl.col("entity").last(),
            pl.col("cents").sum(),
            pl.col("month").unique().sort().dt.strftime("%Y-%m").str.join(" ").alias("concerns"),
        )
        .with_columns(pl.col("measure").replace_strict(PAY_CODES).alias("pay_code"))
        .sort("employee_id", "pay_code")
    )
    rows = (
        (number, last, first, entity, code, from_cents(cents), concerns, status)
        for number, last, first, entity, code, cents, concerns in pay.select(
            "employee_id", "last_name", "first_name", "entity", "pay_code", "cents", "concerns"
        ).iter_rows()
    )
    return _write_table(out, fmt, PAYROLL_COLUMNS, rows)


def _write_table(out: Out, fmt: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"unknown format {fmt!r} (csv or xlsx)")
    with (_csv_rows if fmt == "csv" else _xlsx_rows)(out, columns) as write:
        count = 0
        for row in rows:
            write(row)
            count += 1
    return count


@contextmanager
def _csv_rows(out: Out, columns: Sequence[str]) -> Iterator[Callable[[Sequence[Any]], None]]:
    with _text_stream(out) as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)

        def write(row: Sequence[Any]) -> None:
            writer.writerow([format_eur(v) if isinstance(v, Decimal) else v for v in row])

        yield write


@contextmanager
def _text_stream(out: Out) -> Iterator[IO[str]]:
    if isinstance(out, str | Path):
        with open(out, "w", newline="", encoding="utf-8") as stream:
            yield stream
    elif isinstance(out, io.TextIOBase) or not _is_binary(out):
        yield out  # type: ignore[misc]
    else:
        stream = io.TextIOWrapper(out, encoding="utf-8", newline="")  # type: ignore[arg-type]
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()  # leave the caller's stream open


def _is_binary(out: Any) -> bool:
    return isinstance(out, io.BufferedIOBase | io.RawIOBase) or "b" in getattr(out, "mode", "")


@contextmanager
def _xlsx_rows(out: Out, columns: Sequence[str]) -> Iterator[Callable[[Sequence[Any]], None]]:
    if isinstance(out, str | Path):
        with _xlsx_workbook(str(out), columns) as write:
            yield write
        return
    # A stream (stdout, a socket, ...) need not be seekable, as a zip file wants: write a
    # temporary file and copy it.
    with tempfile.TemporaryFile() as spool:
        with _xlsx_workbook(spool, columns) as write:
            yield write
        spool.seek(0)
        shutil.copyfileobj(spool, out)  # type: ignore[arg-type]


@contextmanager
def _xlsx_workbook(
    target: Any, columns: Sequence[str]
) -> Iterator[Callable[[Sequence[Any]], None]]:
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True})
    sheet = workbook.add_worksheet("data")
    money = workbook.add_format({"num_format": "0.00"})
    sheet.write_row(0, 0, columns, workbook.add_format({"bold": True}))
    sheet.freeze_panes(1, 0)
    next_row = 1

    def write(row: Sequence[Any]) -> None:
        nonlocal next_row
        for col, value in enumerate(row):
            if isinstance(value, Decimal):
                sheet.write_number(next_row, col, float(value), money)
            else:
                sheet.write_string(next_row, col, value)
        next_row += 1

    try:
        yield write
    finally:
        workbook.close()
