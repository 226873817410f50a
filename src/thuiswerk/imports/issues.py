"""Errors and warnings of an import, each naming the file, row and column it is about, and a
stable `code` (its kind) by which they are counted and grouped."""

from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from thuiswerk.core.cells import neutralised

# A file of millions of rows can have millions of problems; listing the first ones per file
# is what a person can act on, and keeps the result small. The issues file holds them all.
LISTED_PER_FILE = 1000
# Examples shown per code in the summary.
EXAMPLES = 3

ERROR, WARNING = "error", "warning"

# What each code means, as the summary names it.
CODES = {
    "unreadable_file": gettext_lazy("file that cannot be read"),
    "unknown_kind": gettext_lazy("file or sheet name that names no kind, or two"),
    "header": gettext_lazy("missing, unknown or doubled column"),
    "missing_value": gettext_lazy("missing required value"),
    "bad_format": gettext_lazy("value that is not a date, month, number or e-mail address"),
    "nul_character": gettext_lazy("text with a NUL character"),
    "too_long": gettext_lazy("text longer than the database holds"),
    "too_many_digits": gettext_lazy("number with more digits than the database holds"),
    "too_many_decimals": gettext_lazy("number with too many decimals"),
    "out_of_range": gettext_lazy("value outside its allowed range"),
    "unknown_value": gettext_lazy("value that is not in the list"),
    "unknown_reference": gettext_lazy("unknown employee or entity"),
    "duplicate": gettext_lazy("row with the same key as an earlier row"),
    "end_before_start": gettext_lazy("end before its start"),
    "mixed_day_parts": gettext_lazy("whole day and half day on the same day"),
    "overlapping_periods": gettext_lazy("overlapping employment periods"),
    "delivery_outside_employment": gettext_lazy("delivery outside every employment period"),
    "write_conflict": gettext_lazy("rows written by someone else at the same time"),
    "non_working_day": gettext_lazy("registration on a weekend day or holiday"),
    "registration_outside_employment": gettext_lazy("registration outside every employment period"),
    "approval_not_by_supervisor": gettext_lazy(
        "approved agreement without approval by the supervisor"
    ),
    "no_rows": gettext_lazy("file without rows"),
}


@dataclass(frozen=True, order=True)
class Issue:
    """`row` is the line number as the user sees it (the header is row 1); row 0 means the file
    as a whole. `column` is the header as in the file, empty when the issue is about a whole row
    or file."""

    file: str
    row: int
    column: str
    message: str
    code: str = ""

    def __str__(self) -> str:
        # file:row:column: message, leaving out what the issue is not about (a whole file or row)
        where = [
            self.file,
            *([str(self.row)] if self.row else []),
            *([self.column] if self.column else []),
        ]
        return f"{':'.join(where)}: {self.message}"


ISSUE_SCHEMA = {"row": pl.Int64, "column": pl.String, "code": pl.String, "message": pl.String}
FULL_SCHEMA = {"severity": pl.String, "file": pl.String, **ISSUE_SCHEMA}


def issue_frame(issues: list[Issue], severity: str) -> pl.DataFrame:
    return pl.DataFrame(
        [(severity, i.file, i.row, i.column, i.code, i.message) for i in issues],
        FULL_SCHEMA,
        orient="row",
    )


class IssueLog:
    """The issues of one file, gathered as frames (row, column, code, message) by vectorised
    checks. Columns are named by their English name; `titles` gives the header in the file."""

    def __init__(
        self,
        file: str,
        severity: str,
        columns: tuple[str, ...] = (),
        titles: dict[str, str] | None = None,
    ):
        self.file = file
        self.severity = severity
        self._columns = columns
        self._titles = titles or {}
        self._frames: list[pl.DataFrame] = []

    def add(self, row: int, column: str, code: str, message: str) -> None:
        self._frames.append(
            pl.DataFrame(
                {"row": [row], "column": [column], "code": [code], "message": [message]},
                ISSUE_SCHEMA,
            )
        )

    def extend(self, frame: pl.DataFrame) -> None:
        """Add a frame with columns row, column, code and message."""
        if frame.height:
            self._frames.append(frame.select(list(ISSUE_SCHEMA)).cast(ISSUE_SCHEMA))

    def take(self, codes: tuple[str, ...]) -> pl.DataFrame:
        """Remove the issues with one of `codes` and return them (row, column, code, message)."""
        every = pl.concat([pl.DataFrame(schema=ISSUE_SCHEMA), *self._frames])
        self._frames = [every.filter(~pl.col("code").is_in(codes))]
        return every.filter(pl.col("code").is_in(codes))

    def rows(self, columns: tuple[str, ...]) -> pl.Series:
        """The rows that have an issue in one of `columns`."""
        found = [frame.filter(pl.col("column").is_in(columns)) for frame in self._frames]
        return pl.concat([pl.DataFrame(schema=ISSUE_SCHEMA), *found])["row"].unique()

    def __len__(self) -> int:
        return sum(frame.height for frame in self._frames)

    def frame(self) -> pl.DataFrame:
        """All issues (FULL_SCHEMA) by row and column order, columns named as in the file."""
        if not self._frames:
            return pl.DataFrame(schema=FULL_SCHEMA)
        order = {name: index for index, name in enumerate(self._columns)}
        return (
            pl.concat(self._frames)
            .with_columns(_order=pl.col("column").replace_strict(order, default=-1))
            .sort("row", "_order", "message")
            .select(
                pl.lit(self.severity).alias("severity"),
                pl.lit(self.file).alias("file"),
                "row",
                pl.col("column").replace(self._titles),
                "code",
                "message",
            )
        )

    def issues(self) -> list[Issue]:
        """The first LISTED_PER_FILE, then one line for the rest."""
        frame = self.frame()
        listed = [
            Issue(file, row, column, message, code)
            for _, file, row, column, code, message in frame.head(LISTED_PER_FILE).iter_rows()
        ]
        if frame.height > LISTED_PER_FILE:
            _severity, file, row, column, code, _message = frame.row(LISTED_PER_FILE)
            more = frame.height - LISTED_PER_FILE
            text = (
                _("... and {more} more errors in this file (only the first {listed} are listed)")
                if self.severity == ERROR
                else _(
                    "... and {more} more warnings in this file (only the first {listed} are listed)"
                )
            )
            listed.append(
                Issue(file, row, column, text.format(more=more, listed=LISTED_PER_FILE), code)
            )
        return listed


def issues_summary(frame: pl.DataFrame, examples: int = EXAMPLES) -> list[str]:
    """Per code, in order of first appearance: its count and meaning, then the first examples."""
    if frame.is_empty():
        return []
    lines: list[str] = []
    groups = frame.with_row_index("_order").group_by("code", maintain_order=True)
    for (code,), group in groups:
        title = CODES.get(code, code)
        lines.append(f"  {group.height} × {title} ({code})")
        lines.extend(
            f"      {Issue(file, row, column or '', message)}"
            for file, row, column, message in group.head(examples)
            .select("file", "row", "column", "message")
            .iter_rows()
        )
        if group.height > examples:
            lines.append("      ...")
    return lines


def issues_write(frame: pl.DataFrame, path: Path) -> None:
    """All issues as CSV in the Belgian style of the import files (`;`, UTF-8 with a byte order
    mark so Excel reads it right), headers and severities in the active language."""
    severities = {
        ERROR: pgettext("import issue", "error"),
        WARNING: pgettext("import issue", "warning"),
    }
    headers = {
        "severity": pgettext("import issue", "severity"),
        "file": pgettext("import issue", "file"),
        "row": pgettext("import issue", "row"),
        "column": pgettext("import issue", "column"),
        "code": pgettext("import issue", "code"),
        "message": pgettext("import issue", "message"),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    # The messages quote the files' values: no cell a spreadsheet would run as a formula.
    text = [c for c in ("file", "column", "code", "message") if c in frame.columns]
    frame.with_columns(
        pl.col("severity").replace(severities), *(neutralised(c) for c in text)
    ).rename(headers).write_csv(path, separator=";", include_bom=True)
