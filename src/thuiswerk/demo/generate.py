"""The import files of a synthetic Flemish government (the `demo` command's data).

`write_demo_files` writes the eight CSV files of the import formats (thuiswerk.imports.kinds),
deterministic for a seed. They come in the styles that Belgian HR systems and Excel write, so
that the demo exercises the importer as real files would:
- staff, agreements, budgets, initiatives: Excel with Belgian settings: `;`, dd/mm/yyyy,
  decimal comma, UTF-8 with BOM, CRLF;
- equipment: an older Excel: the same, but in cp1252;
- registrations, internet_options, invoices: machine exports: `,`, ISO dates, YYYY-MM months,
  decimal point, UTF-8, LF.

The registrations file holds only home, other and absent days: an office day is the default
for a working day without a registration. The invoices follow from the register (see
thuiswerk.demo.invoices), so they are written after it.
"""

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import polars as pl
from tqdm import tqdm

from thuiswerk.core.months import format_month, month_end
from thuiswerk.imports.kinds import KINDS

from .invoices import due_months, invoices, third_party_payers
from .population import (
    FIRST_PERSONNEL_NUMBER,
    Government,
    build_government,
    employee_id,
    periods_of,
)
from .register import CHUNK_PEOPLE, registration_chunks


@dataclass(frozen=True)
class CsvStyle:
    separator: str
    date_format: str
    decimal_comma: bool
    encoding: str
    line_end: str


EXCEL_BE = CsvStyle(";", "%d/%m/%Y", True, "utf-8-sig", "\r\n")
EXCEL_BE_LEGACY = CsvStyle(";", "%d/%m/%Y", True, "cp1252", "\r\n")
MACHINE = CsvStyle(",", "%Y-%m-%d", False, "utf-8", "\n")

STYLES: dict[str, CsvStyle] = {
    "staff": EXCEL_BE,
    "agreements": EXCEL_BE,
    "registrations": MACHINE,
    "internet_options": MACHINE,
    "invoices": MACHINE,
    "equipment": EXCEL_BE_LEGACY,
    "budgets": EXCEL_BE,
    "initiatives": EXCEL_BE,
}


def last_full_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def write_demo_files(
    *,
    out_dir: Path,
    staff: int = 30000,
    seed: int = 1,
    first_month: date = date(2021, 1, 1),
    last_month: date | None = None,
    progress: bool = False,
) -> dict[str, Path]:
    """Write the eight import files for a government of `staff` people, from `first_month` to
    `last_month` (default: the last full month before today); returns the path of each kind."""
    first_month = first_month.replace(day=1)
    last_month = (last_month or last_full_month(date.today())).replace(day=1)
    if last_month < first_month:
        raise ValueError("last_month is before first_month")
    gov = build_government(
        staff=staff, seed=seed, first_day=first_month, last_day=month_end(last_month)
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {kind: out_dir / f"{kind}.csv" for kind in KINDS}
    _write(paths["staff"], "staff", _staff_rows(gov))
    _write(paths["agreements"], "agreements", _agreement_rows(gov))
    payers_register = _write_registrations(
        paths["registrations"], gov, seed=seed, progress=progress
    )
    _write(
        paths["internet_options"],
        "internet_options",
        (
            (employee_id(p), option, valid_from, provider)
            for p, option, valid_from, provider in gov.internet_options
        ),
    )
    _write(
        paths["invoices"],
        "invoices",
        (
            (employee_id(p), format_month(month), provider, amount)
            for p, month, provider, amount in invoices(
                gov, due_months(gov, payers_register), seed=seed
            )
        ),
    )
    _write(
        paths["equipment"],
        "equipment",
        (
            (
                employee_id(d.person),
                d.item,
                d.category,
                d.delivered_on,
                d.cost,
                d.ownership,
                d.returned_on,
            )
            for d in gov.deliveries
        ),
    )
    _write(paths["budgets"], "budgets", gov.budgets)
    _write(paths["initiatives"], "initiatives", gov.initiatives)
    return paths


def _staff_rows(gov: Government) -> Iterable[Sequence[object]]:
    names = {entity.code: entity.name for entity, _ in gov.entities}
    for person, period in periods_of(gov):
        yield (
            person.employee_id,
            person.first_name,
            person.last_name,
            person.email,
            period.entity,
            names[period.entity],
            period.fte,
            period.start,
            period.end,
            None if period.supervisor is None else employee_id(period.supervisor),
        )


def _agreement_rows(gov: Government) -> Iterable[Sequence[object]]:
    for a in gov.agreements:
        approver = None if a.approved_by is None else employee_id(a.approved_by)
        yield (
            employee_id(a.person),
            a.valid_from,
            a.valid_to,
            a.days_per_week,
            a.status,
            approver,
            a.approved_on,
        )


def _cell(value: object, style: CsvStyle) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime(style.date_format)
    if isinstance(value, Decimal) and style.decimal_comma:
        return str(value).replace(".", ",")
    return str(value)


def _write(path: Path, kind: str, rows: Iterable[Sequence[object]]) -> None:
    style = STYLES[kind]
    with path.open("w", encoding=style.encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=style.separator, lineterminator=style.line_end)
        writer.writerow(KINDS[kind].names)
        writer.writerows([_cell(value, style) for value in row] for row in rows)


def _write_registrations(path: Path, gov: Government, *, seed: int, progress: bool) -> pl.DataFrame:
    """Write the register; return the third-party payers' part of it, which their invoices
    depend on (employee: the person's index, date, location, part)."""
    style = STYLES["registrations"]
    payers = pl.Series([employee_id(p) for p in third_party_payers(gov)], dtype=pl.String)
    kept = []
    chunks = registration_chunks(gov, seed=seed)
    if progress:
        chunks = tqdm(
            chunks, desc="registrations", unit="chunk", total=-(-len(gov.people) // CHUNK_PEOPLE)
        )
    with path.open("wb") as handle:
        handle.write((style.separator.join(KINDS["registrations"].names) + style.line_end).encode())
        for chunk in chunks:
            chunk.write_csv(
                handle,
                include_header=False,
                separator=style.separator,
                line_terminator=style.line_end,
                date_format=style.date_format,
            )
            kept.append(chunk.filter(pl.col("employee_id").is_in(payers.implode())))
    return pl.concat(kept).select(
        employee=pl.col("employee_id").cast(pl.Int64) - FIRST_PERSONNEL_NUMBER,
        date="date",
        location="location",
        part="part",
    )
