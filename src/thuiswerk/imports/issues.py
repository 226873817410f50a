"""Errors and warnings of an import, each naming the file, row and column it is about."""

from dataclasses import dataclass

import polars as pl

# A file of millions of rows can have millions of problems; listing the first ones per file
# is what a person can act on, and keeps the result small.
LISTED_PER_FILE = 1000


@dataclass(frozen=True, order=True)
class Issue:
    """`row` is the line number as the user sees it (the header is row 1); row 0 means the file
    as a whole. `column` is the header name, empty when the issue is about a whole row or file."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


ISSUE_SCHEMA = {"row": pl.Int64, "column": pl.String, "message": pl.String}


class IssueLog:
    """The issues of one file, gathered as frames (row, column, message) by vectorised checks."""

    def __init__(self, file: str, columns: tuple[str, ...] = ()):
        self.file = file
        self._columns = columns
        self._frames: list[pl.DataFrame] = []

    def add(self, row: int, column: str, message: str) -> None:
        self._frames.append(
            pl.DataFrame({"row": [row], "column": [column], "message": [message]}, ISSUE_SCHEMA)
        )

    def extend(self, frame: pl.DataFrame) -> None:
        """Add a frame with columns row, column and message."""
        if frame.height:
            self._frames.append(frame.select(list(ISSUE_SCHEMA)).cast(ISSUE_SCHEMA))

    def rows(self, columns: tuple[str, ...]) -> pl.Series:
        """The rows that have an issue in one of `columns`."""
        found = [frame.filter(pl.col("column").is_in(columns)) for frame in self._frames]
        return pl.concat([pl.DataFrame(schema=ISSUE_SCHEMA), *found])["row"].unique()

    def __len__(self) -> int:
        return sum(frame.height for frame in self._frames)

    def issues(self, noun: str) -> list[Issue]:
        """By row and column order, the first LISTED_PER_FILE, then one line for the rest."""
        if not self._frames:
            return []
        order = {name: index for index, name in enumerate(self._columns)}
        frame = (
            pl.concat(self._frames)
            .with_columns(_order=pl.col("column").replace_strict(order, default=-1))
            .sort("row", "_order", "message")
        )
        listed = [
            Issue(self.file, row, column, message)
            for row, column, message, _ in frame.head(LISTED_PER_FILE).iter_rows()
        ]
        if frame.height > LISTED_PER_FILE:
            first = frame.row(LISTED_PER_FILE)
            listed.append(
                Issue(
                    self.file,
                    first[0],
                    first[1],
                    f"... and {frame.height - LISTED_PER_FILE} more {noun} in this file"
                    f" (only the first {LISTED_PER_FILE} are listed)",
                )
            )
        return listed
