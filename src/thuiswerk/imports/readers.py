"""Reading import files into lazy Polars frames of text, one per file (or workbook sheet).

CSV files are scanned by Polars (streamed, never loaded as Python objects); a cp1252 or UTF-16
file (Excel's "Unicode text") is first re-encoded to a UTF-8 copy in `workdir`. An .xlsx
workbook is read with python-calamine, sheet by sheet, in batches of rows. Either way a source
is a frame with the kind's columns (their English names) as text and `_row`, the line number the
user sees (the header is row 1).
"""

import codecs
import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from python_calamine import CalamineWorkbook

from .issues import Issue
from .kinds import KINDS, Kind, kind_of_name, normal_name

ROW = "_row"
UNREADABLE = "unreadable_file"
SEPARATORS = (";", ",", "\t")
# Sheets of a workbook that hold no data (the template's instructions).
IGNORED_SHEETS = frozenset({"instructies", "instructions"})
_CHUNK = 1 << 20
_SHEET_BATCH = 50_000


@dataclass
class Source:
    label: str  # how issues name the file: its path, or `book.xlsx[sheet]`
    path: Path  # the file given (a workbook for its sheets)
    kind: Kind
    frame: pl.LazyFrame  # `_row` and the kind's columns (English names), as text
    titles: dict[str, str]  # a column's English name -> its header in the file
    csv_path: Path | None = None  # the (UTF-8) file Polars reads, to explain a parse failure
    separator: str = ","

    def explain_failure(self, error: Exception) -> Issue:
        """An issue for a file Polars could not parse: the first line the csv module refuses, or
        that has more fields than the header."""
        if self.csv_path is not None:
            with self.csv_path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle, delimiter=self.separator, strict=True)
                try:
                    width = len(next(reader))
                    for fields in reader:
                        if len(fields) > width:
                            message = _("{fields} fields, but the header has {width}")
                            return Issue(
                                self.label,
                                reader.line_num,
                                "",
                                message.format(fields=len(fields), width=width),
                                UNREADABLE,
                            )
                except csv.Error as csv_error:
                    message = _("unreadable CSV: {error}").format(error=csv_error)
                    return Issue(self.label, reader.line_num, "", message, UNREADABLE)
        message = _("unreadable file: {error}").format(error=str(error).splitlines()[0])
        return Issue(self.label, 0, "", message, UNREADABLE)


def open_sources(paths: Sequence[Path], workdir: Path) -> tuple[list[Source], list[Issue]]:
    """The sources of `paths` in dependency order (staff first), and the issues of files that
    cannot be read at all (unknown kind, bad encoding, wrong header...)."""
    sources: list[Source] = []
    issues: list[Issue] = []
    for path in paths:
        suffix = path.suffix.lower()
        if suffix == ".csv":
            found, problems = _csv_source(path, workdir)
        elif suffix == ".xlsx":
            found, problems = _workbook_sources(path)
        else:
            found = []
            problems = [Issue(str(path), 0, "", _("not a .csv or .xlsx file"), UNREADABLE)]
        sources.extend(found)
        issues.extend(problems)
    order = list(KINDS)
    sources.sort(key=lambda source: order.index(source.kind.name))
    return sources, issues


def _kind(label: str, name: str) -> tuple[Kind | None, list[Issue]]:
    kinds = kind_of_name(name)
    if len(kinds) == 1:
        return kinds[0], []
    if not kinds:
        message = _("unknown kind '{name}': the name must contain one of {kinds}").format(
            name=name, kinds=", ".join(kind.title for kind in KINDS.values())
        )
    else:
        message = _("ambiguous name '{name}': it names {kinds}").format(
            name=name, kinds=pgettext("import", " and ").join(kind.title for kind in kinds)
        )
    return None, [Issue(label, 0, "", message, "unknown_kind")]


def _header(
    label: str, kind: Kind, cells: Sequence[str]
) -> tuple[list[str], dict[str, str], list[Issue]]:
    """The English column names in file order (`_ignored_<i>` for empty header cells, whose
    columns are ignored), the headers as in the file, and the header's issues. A header may be
    the English or the Dutch name, compared as `normal_name` does."""
    accepted = kind.header_names()
    names: list[str] = []
    titles: dict[str, str] = {}
    issues: list[Issue] = []
    for index, cell in enumerate(cells):
        header = cell.strip()
        if not header:
            names.append(f"_ignored_{index}")
            continue
        name = accepted.get(normal_name(header))
        if name is None:
            message = _("unknown column; the columns of {kind} are {columns}").format(
                kind=kind.title, columns=", ".join(column.title for column in kind.columns)
            )
            issues.append(Issue(label, 1, header, message, "header"))
            name = f"_unknown_{index}"
        elif name in names:
            issues.append(Issue(label, 1, header, _("column appears twice"), "header"))
        else:
            titles[name] = header
        names.append(name)
    issues.extend(
        Issue(label, 1, column.title, _("missing column"), "header")
        for column in kind.columns
        if column.name not in names
    )
    return names, titles, issues


# CSV ------------------------------------------------------------------------------------------


def _encoding(path: Path) -> str:
    """utf-8-sig (with a byte order mark), UTF-16 (with a byte order mark, as Excel writes
    "Unicode text", or without one when the header's ASCII letters show it), utf-8, or else
    cp1252 (older Belgian Excel)."""
    with path.open("rb") as handle:
        start = handle.read(4)
        if start.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        if len(start) == 4 and start[1] == start[3] == 0 and start[0] and start[2]:
            return "utf-16-le"
        if len(start) == 4 and start[0] == start[2] == 0 and start[1] and start[3]:
            return "utf-16-be"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _to_utf8(path: Path, encoding: str, workdir: Path) -> Path:
    copy = workdir / f"{len(list(workdir.iterdir()))}-{path.name}"
    with (
        path.open(encoding=encoding, newline="") as source,
        copy.open("w", encoding="utf-8", newline="") as target,
    ):
        while chunk := source.read(_CHUNK):
            target.write(chunk)
    return copy


def _separator(header_line: str, kind: Kind) -> str:
    """The separator that splits the header into most of the kind's column names."""
    accepted = kind.header_names()

    def score(separator: str) -> tuple[int, int]:
        cells = next(csv.reader([header_line], delimiter=separator), [])
        return sum(normal_name(cell) in accepted for cell in cells), len(cells)

    return max(SEPARATORS, key=score)


def _csv_source(path: Path, workdir: Path) -> tuple[list[Source], list[Issue]]:
    label = str(path)
    kind, issues = _kind(label, path.stem)
    if kind is None:
        return [], issues
    try:
        encoding = _encoding(path)
        readable = path
        if encoding not in ("utf-8", "utf-8-sig"):
            readable = _to_utf8(path, encoding, workdir)
            encoding = "utf-8"
        with readable.open(encoding=encoding, newline="") as handle:
            header_line = handle.readline().rstrip("\r\n")
    except UnicodeDecodeError:
        message = _("the file is neither UTF-8, UTF-16 nor Windows-1252 (cp1252)")
        return [], [Issue(label, 0, "", message, UNREADABLE)]
    except OSError as error:
        message = _("cannot read the file: {error}").format(error=error.strerror or error)
        return [], [Issue(label, 0, "", message, UNREADABLE)]
    if not header_line.strip():
        message = _("no header row: the first line is empty")
        return [], [Issue(label, 1, "", message, UNREADABLE)]
    separator = _separator(header_line, kind)
    cells = next(csv.reader([header_line], delimiter=separator))
    names, titles, issues = _header(label, kind, cells)
    if issues:
        return [], issues
    frame = pl.scan_csv(
        readable,
        separator=separator,
        has_header=True,
        new_columns=names,
        infer_schema=False,
        row_index_name=ROW,
        row_index_offset=2,
        raise_if_empty=False,
    ).select(pl.col(ROW).cast(pl.Int64), *kind.names)
    source = Source(label, path, kind, frame, titles, csv_path=readable, separator=separator)
    return [source], []


# XLSX -----------------------------------------------------------------------------------------


def cell_text(value: object) -> str | None:
    """A workbook cell as the text a CSV export would hold (dates ISO, numbers with a point)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        # Excel keeps 15 significant digits: 0.1 + 0.2 in a formula is 0.3, not 0.30000000000000004.
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _workbook_sources(path: Path) -> tuple[list[Source], list[Issue]]:
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own error types for bad workbooks
        message = _("cannot read the workbook: {error}").format(error=error)
        return [], [Issue(str(path), 0, "", message, UNREADABLE)]
    sources: list[Source] = []
    issues: list[Issue] = []
    for sheet_name in workbook.sheet_names:
        if normal_name(sheet_name) in IGNORED_SHEETS:
            continue
        label = f"{path}[{sheet_name}]"
        kind, problems = _kind(label, sheet_name)
        if kind is None:
            issues.extend(problems)
            continue
        rows = enumerate(workbook.get_sheet_by_name(sheet_name).iter_rows(), start=1)
        header = next(((n, cells) for n, cells in rows if any(c != "" for c in cells)), None)
        if header is None:
            message = _("no header row: the sheet is empty")
            issues.append(Issue(label, 1, "", message, UNREADABLE))
            continue
        names, titles, problems = _header(label, kind, [cell_text(c) or "" for c in header[1]])
        if problems:
            issues.extend(problems)
            continue
        frame = pl.concat(
            [pl.DataFrame(schema={ROW: pl.Int64, **dict.fromkeys(names, pl.String)})]
            + list(_sheet_batches(rows, names)),
            how="vertical",
        )
        sources.append(Source(label, path, kind, frame.lazy().select(ROW, *kind.names), titles))
    return sources, issues


def _sheet_batches(
    rows: Iterator[tuple[int, list[object]]], names: list[str]
) -> Iterator[pl.DataFrame]:
    schema = {ROW: pl.Int64, **dict.fromkeys(names, pl.String)}
    width = len(names)
    batch: list[list[object]] = []
    for number, cells in rows:
        texts = [cell_text(c) for c in cells[:width]]
        batch.append([number, *texts, *[None] * (width - len(texts))])
        if len(batch) == _SHEET_BATCH:
            yield pl.DataFrame(batch, schema=schema, orient="row")
            batch = []
    if batch:
        yield pl.DataFrame(batch, schema=schema, orient="row")
