"""Exports of the ledger: every line (for audit and analysis) and the payroll file of one month.

Both write CSV in one of two dialects, or XLSX:

- `be` (the default, for people and Belgian Excel): `;` between cells, decimal comma, headers and
  words (measure, kind, status) in the active language, UTF-8 with a byte order mark;
- `iso` (for machines): `,`, decimal point, column names and codes as in the database, UTF-8.

Months are `YYYY-MM` in both (the form of the import and the command line). A text cell that a
spreadsheet would read as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
return) gets a leading `'`; amounts are numbers and stay as they are, negative or not. A file is
written under a temporary name next to it and renamed when complete: an error never leaves a
truncated export behind.
"""

import io
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

import polars as pl
import xlsxwriter
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from thuiswerk.allowances.models import LedgerLine, LedgerMonth
from thuiswerk.core.cells import neutralise, neutralised
from thuiswerk.core.files import complete_or_nothing
from thuiswerk.core.frames import day_number, decimal_text, fetch_frame, scaled_integer
from thuiswerk.people.models import Employee, Entity

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
# The headers of the `be` dialect and of XLSX (unique msgids: the context keeps them apart).
HEADERS = {
    "employee_id": pgettext_lazy("export column", "personnel number"),
    "month": pgettext_lazy("export column", "month"),
    "measure": pgettext_lazy("export column", "measure"),
    "employee_amount": pgettext_lazy("export column", "amount for the staff member"),
    "employer_cost": pgettext_lazy("export column", "cost for the employer"),
    "entity": pgettext_lazy("export column", "entity"),
    "booked_in": pgettext_lazy("export column", "booked in"),
    "kind": pgettext_lazy("export column", "kind"),
    "last_name": pgettext_lazy("export column", "last name"),
    "first_name": pgettext_lazy("export column", "first name"),
    "pay_code": pgettext_lazy("export column", "pay code"),
    "amount": pgettext_lazy("export column", "amount"),
    "concerns": pgettext_lazy("export column", "concerns"),
    "status": pgettext_lazy("export column", "status"),
}
MONEY_COLUMNS = {"employee_amount", "employer_cost", "amount"}
MONTH_COLUMNS = {"month", "booked_in"}
# Text that came from people (names, codes): the cells a spreadsheet could take for a formula.
TEXT_COLUMNS = {"employee_id", "last_name", "first_name", "entity", "concerns"}

# What payroll pays (or taxes) per ledger measure. INTERNET_THIRD_PARTY is absent: the employer
# pays the provider, the employee gets nothing (employee_amount 0.00), so it is no pay row.
PAY_CODES = {
    LedgerLine.Measure.INTERNET_FORFAIT.value: "TW-INTERNET",
    LedgerLine.Measure.HOMEWORK.value: "TW-THUISWERK",
    LedgerLine.Measure.INTERNET_BIK.value: "TW-VAA-INTERNET",
}
PROVISIONAL = "provisional"
FINAL = "final"
STATUS_LABELS = {
    PROVISIONAL: pgettext_lazy("payroll status", "provisional"),
    FINAL: pgettext_lazy("payroll status", "final"),
}

XLSX_MAX_ROWS = 1_048_576  # Excel's limit, header included


@dataclass(frozen=True)
class Dialect:
    separator: str
    decimal_mark: str
    encoding: str  # of files and binary streams; a text stream keeps its own
    for_people: bool  # headers and words in the active language, rather than names and codes


DIALECTS = {
    # UTF-8 with a byte order mark rather than cp1252: Excel (2007 and later) opens it right on a
    # Belgian Windows, and no name loses a letter cp1252 does not have (Ł, ő, ş, ...).
    "be": Dialect(";", ",", "utf-8-sig", for_people=True),
    "iso": Dialect(",", ".", "utf-8", for_people=False),
}


class ExportError(ValueError):
    """An export that cannot be written as asked (the message says why, in the active language)."""


def export_ledger(
    *,
    out: Out,
    fmt: str,
    dialect: str = "be",
    month_from: date | None = None,
    month_to: date | None = None,
    entity_code: str | None = None,
) -> int:
    """Write the ledger lines whose month (the month they concern) is in the range; returns rows.

    Raises UnknownEntityError for an unknown entity code, ExportError for an empty range.
    """
    if month_from is not None and month_to is not None and month_from > month_to:
        raise ExportError(
            _("--from %(first)s is after --to %(last)s")
            % {"first": month_from.strftime("%Y-%m"), "last": month_to.strftime("%Y-%m")}
        )
    _check(fmt, dialect)
    line, employee, entity = (m._meta.db_table for m in (LedgerLine, Employee, Entity))
    where, params = ["1 = 1"], []
    if month_from is not None:
        where.append("l.month >= %s")
        params.append(month_from)
    if month_to is not None:
        where.append("l.month <= %s")
        params.append(month_to)
    if entity_code is not None:
        where.append("l.entity_id = %s")
        params.append(entity_by_code(entity_code).pk)
    # Amounts leave the database as integer cents: Django's decimal converter would refuse (with
    # decimal.InvalidOperation) an amount with more digits than the column declares, which
    # SQLite stores all the same.
    lines = fetch_frame(
        "SELECT l.id, e.personnel_number, "
        f"{day_number('l.month')}, l.measure, "
        f"{scaled_integer('l.employee_amount')}, {scaled_integer('l.employer_cost')}, "
        f"n.code, {day_number('l.booked_in')}, l.kind"
        f" FROM {line} l JOIN {employee} e ON e.id = l.employee_id"
        f" JOIN {entity} n ON n.id = l.entity_id WHERE {' AND '.join(where)}",
        params,
        {
            "id": pl.Int64(),
            "employee_id": pl.String(),
            "month": pl.Date(),
            "measure": pl.String(),
            "employee_amount": pl.Int64(),
            "employer_cost": pl.Int64(),
            "entity": pl.String(),
            "booked_in": pl.Date(),
            "kind": pl.String(),
        },
    )
    lines = lines.sort("month", "employee_id", "measure", "booked_in", "id").drop("id")
    return _write(lines, out, fmt, DIALECTS[dialect])


def month_is_closed(month: date) -> bool:
    return LedgerMonth.objects.filter(month=month, status=LedgerMonth.Status.CLOSED).exists()


def export_payroll(
    *,
    month: date,
    out: Out,
    fmt: str = "csv",
    dialect: str = "be",
    entity_codes: Sequence[str] | None = None,
) -> int:
    """Write what payroll month `month` pays: one row per employee and pay code; returns rows.

    `entity_codes`: only the lines of these entities (an HR officer's download); None: all.

    Every line booked in the month counts (its own entitlements and the corrections of earlier
    months), summed per employee and pay code; `concerns` lists the months the amount concerns and
    `entity` is the entity of the latest of them. `status` is `final` when the month is closed and
    `provisional` while it is open (a recomputation can still change it).
    """
    _check(fmt, dialect)
    measures = list(PAY_CODES)
    line, employee, entity = (m._meta.db_table for m in (LedgerLine, Employee, Entity))
    where, params = "", []
    if entity_codes is not None:
        codes = sorted(entity_codes) or [""]
        where = f" AND n.code IN ({', '.join('%s' for _ in codes)})"
        params = codes
    lines = fetch_frame(
        "SELECT e.personnel_number, e.last_name, e.first_name, n.code, l.measure,"
        f" {day_number('l.month')},"
        f" {scaled_integer('l.employee_amount')}"
        f" FROM {line} l"
        f" JOIN {employee} e ON e.id = l.employee_id JOIN {entity} n ON n.id = l.entity_id"
        f" WHERE l.booked_in = %s AND l.measure IN ({', '.join('%s' for _ in measures)}){where}",
        [month, *measures, *params],
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
            pl.col("cents").sum().alias("amount"),
            pl.col("month").unique().sort().dt.strftime("%Y-%m").str.join(" ").alias("concerns"),
        )
        .with_columns(
            pl.col("measure").replace_strict(PAY_CODES).alias("pay_code"),
            pl.lit(status).alias("status"),
        )
        .sort("employee_id", "pay_code")
        .select(PAYROLL_COLUMNS)
    )
    return _write(pay, out, fmt, DIALECTS[dialect])


def _check(fmt: str, dialect: str) -> None:
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"unknown format {fmt!r} (csv or xlsx)")
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r} ({' or '.join(DIALECTS)})")


def _write(frame: pl.DataFrame, out: Out, fmt: str, dialect: Dialect) -> int:
    """Write `frame` (money in integer cents, months as dates); returns its rows."""
    words = _words(frame, dialect)
    headers = [str(HEADERS[c]) if dialect.for_people else c for c in frame.columns]
    if fmt == "csv":
        _write_csv(
            _csv_cells(words, dialect).rename(dict(zip(frame.columns, headers, strict=True))),
            out,
            dialect,
        )
    else:
        if frame.height + 1 > XLSX_MAX_ROWS:
            raise ExportError(
                _("%(rows)s rows do not fit in an Excel sheet (at most %(max)s): export as csv")
                % {"rows": frame.height, "max": XLSX_MAX_ROWS - 1}
            )
        _write_xlsx(words, headers, out)
    return frame.height


def _words(frame: pl.DataFrame, dialect: Dialect) -> pl.DataFrame:
    """Months as `YYYY-MM`; for people the codes of measure, kind and status in words."""
    frame = frame.with_columns(
        pl.col(c).dt.strftime("%Y-%m") for c in MONTH_COLUMNS & set(frame.columns)
    )
    if not dialect.for_people:
        return frame
    labels = {
        "measure": {m.value: str(m.label) for m in LedgerLine.Measure},
        "kind": {k.value: str(k.label) for k in LedgerLine.Kind},
        "status": {code: str(label) for code, label in STATUS_LABELS.items()},
    }
    return frame.with_columns(
        pl.col(c).replace_strict(mapping) for c, mapping in labels.items() if c in frame.columns
    )


def _csv_cells(frame: pl.DataFrame, dialect: Dialect) -> pl.DataFrame:
    money = [c for c in frame.columns if c in MONEY_COLUMNS]
    text = [c for c in frame.columns if c in TEXT_COLUMNS]
    return frame.with_columns(
        *(
            decimal_text(pl.col(c)).str.replace(".", dialect.decimal_mark, literal=True).alias(c)
            for c in money
        ),
        *(neutralised(c) for c in text),
    )


def _write_csv(cells: pl.DataFrame, out: Out, dialect: Dialect) -> None:
    text = cells.write_csv(separator=dialect.separator, line_terminator="\n")
    if isinstance(out, str | Path):
        with _complete_or_nothing(Path(out)) as part:
            part.write_text(text, encoding=dialect.encoding, newline="")
    elif isinstance(out, io.TextIOBase) or not _is_binary(out):
        out.write(text)  # type: ignore[call-overload]
    else:
        out.write(text.encode(dialect.encoding))  # type: ignore[call-overload]


def _is_binary(out: Any) -> bool:
    return isinstance(out, io.BufferedIOBase | io.RawIOBase) or "b" in getattr(out, "mode", "")


def _complete_or_nothing(path: Path):
    """`core.files.complete_or_nothing`, after saying so when the folder is missing."""
    if not path.parent.is_dir():
        raise ExportError(_("the folder %(folder)s does not exist") % {"folder": path.parent})
    return complete_or_nothing(path)


def _write_xlsx(frame: pl.DataFrame, headers: Sequence[str], out: Out) -> None:
    if isinstance(out, str | Path):
        with _complete_or_nothing(Path(out)) as part:
            _xlsx_workbook(str(part), frame, headers)
        return
    # A stream (stdout, a socket, ...) need not be seekable, as a zip file wants: write a
    # temporary file and copy it.
    with tempfile.TemporaryFile() as spool:
        _xlsx_workbook(spool, frame, headers)
        spool.seek(0)
        shutil.copyfileobj(spool, out)  # type: ignore[arg-type]


def _xlsx_workbook(target: Any, frame: pl.DataFrame, headers: Sequence[str]) -> None:
    """One sheet `data`; money as numbers with two decimals, text as text (never a formula)."""
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True})
    sheet = workbook.add_worksheet("data")
    money = workbook.add_format({"num_format": "0.00"})
    sheet.write_row(0, 0, headers, workbook.add_format({"bold": True}))
    sheet.freeze_panes(1, 0)
    is_money = [c in MONEY_COLUMNS for c in frame.columns]
    is_text = [c in TEXT_COLUMNS for c in frame.columns]
    try:
        for row, values in enumerate(frame.iter_rows(), start=1):
            for col, value in enumerate(values):
                if is_money[col]:
                    sheet.write_number(row, col, value / 100, money)
                else:
                    sheet.write_string(row, col, neutralise(value) if is_text[col] else value)
    finally:
        workbook.close()  # also on error: it removes XlsxWriter's own temporary files
