"""The import: CSV files named by their kind, or an .xlsx workbook with a sheet per kind.

All files of one call are checked first, in dependency order (staff first, since the other
kinds refer to its employees and entities), inside one transaction. Any error: nothing is
written. No error: every file is written (upsert on natural keys) and one audit event records
the import. Formats: docs/import-formats.md. The API's bulk requests (`import_rows`) take the
same way with their rows in memory instead of a file.
"""

import hashlib
import tempfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from thuiswerk.audit.services import audit_record
from thuiswerk.core.locks import run_lock

from .issues import ERROR, FULL_SCHEMA, WARNING, Issue, issue_frame
from .kinds import KINDS
from .readers import ROW, Source, open_sources
from .scope import check_entity_scope, check_own_rows
from .validation import Checked, Context, check_source
from .writing import Writing, write_rows

__all__ = ["ImportResult", "Issue", "import_files", "import_rows"]

_HASH_CHUNK = 1 << 20


@dataclass
class ImportResult:
    # The first issues of each file (see issues.LISTED_PER_FILE); `issues` holds them all.
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    # Per kind of record written: created / updated / unchanged (/ deleted for registrations).
    # Staff rows count as entities, employees and employment_periods. Empty when nothing was
    # written.
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    # Every error and warning: severity, file, row, column, code, message (issues.FULL_SCHEMA).
    issues: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=FULL_SCHEMA))

    @property
    def ok(self) -> bool:
        return not self.errors

    def of(self, severity: str) -> pl.DataFrame:
        return self.issues.filter(pl.col("severity") == severity)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _without_rows(checked: list[Checked]) -> list[Issue]:
    """A warning for each file given that holds a header but no rows (for a workbook: no sheet
    with rows), so an export that went wrong is not taken for a successful import."""
    rows: dict[Path, int] = {}
    for one in checked:
        rows[one.source.path] = rows.get(one.source.path, 0) + one.rows.height
    return [
        Issue(
            str(path), 0, "", _("the file has a header but no rows: nothing to import"), "no_rows"
        )
        for path, count in rows.items()
        if count == 0
    ]


def import_files(
    *,
    paths: Sequence[Path],
    actor: str,
    progress: bool = False,
    entities: Collection[str] | None = None,
) -> ImportResult:
    """Check and import `paths` all or nothing; data errors are returned, never raised.

    `entities` (codes): only rows of these entities and their staff may be imported (an HR
    officer's upload); None: every entity."""
    paths = [Path(path) for path in paths]
    with tempfile.TemporaryDirectory(prefix="thuiswerk-import-") as workdir:
        return _import(
            lambda: open_sources(paths, Path(workdir)),
            actor=actor,
            progress=progress,
            entities=entities,
            label=", ".join(str(path) for path in paths),
            files=lambda: [
                {"path": str(path), "sha256": _sha256(path), "size": path.stat().st_size}
                for path in paths
            ],
        )


def import_rows(
    *,
    kind: str,
    frame: pl.DataFrame,
    titles: dict[str, str],
    actor: str,
    entities: Collection[str] | None = None,
    own: str | None = None,
) -> ImportResult:
    """Check and import rows given in memory (the API's bulk requests) exactly as a file of
    `kind`: `frame` holds `_row` (the number issues name) and the kind's columns as text;
    `titles` names the columns as the caller does. `entities` as for `import_files`; `own`: a
    personnel number, the only employee the rows may name (an employee's own days, which must
    be working days inside her employment, as on her calendar)."""
    label = "request"
    source = Source(
        label, Path(label), KINDS[kind], frame.lazy().select(ROW, *KINDS[kind].names), titles
    )
    return _import(
        lambda: ([source], []),
        actor=actor,
        progress=False,
        entities=entities,
        own=own,
        label=label,
        files=lambda: [{"request": kind, "rows": frame.height}],
    )


def _import(
    open_all: Callable[[], tuple[list[Source], list[Issue]]],
    *,
    actor: str,
    progress: bool,
    entities: Collection[str] | None,
    label: str,
    files: Callable[[], list[dict]],
    own: str | None = None,
) -> ImportResult:
    writing_now = ""
    try:
        # One run at a time (core.locks), taken before the transaction so the checks read what
        # the previous run committed; a busy lock raises RunLocked, which the command prints.
        with run_lock(action="import", actor=actor), transaction.atomic():
            sources, unreadable = open_all()
            context = Context.from_database()
            checked = []
            for source in tqdm(
                sources, desc="checking", unit="file", disable=not progress, leave=False
            ):
                checked.append(check_source(source, context))
            if entities is not None:
                for one in checked:
                    check_entity_scope(one, context, entities)
            if own is not None:
                for one in checked:
                    check_own_rows(one, own)
            empty = _without_rows(checked)
            issues = pl.concat(
                [issue_frame(unreadable, ERROR), *(one.errors.frame() for one in checked)]
                + [issue_frame(empty, WARNING), *(one.warnings.frame() for one in checked)]
            )
            errors = unreadable + [issue for one in checked for issue in one.errors.issues()]
            warnings = empty + [issue for one in checked for issue in one.warnings.issues()]
            if errors:
                return ImportResult(errors, warnings, issues=issues)
            counts: dict[str, dict[str, int]] = {}
            writing = Writing(progress)
            for one in checked:
                writing_now = one.source.label
                for name, numbers in write_rows(one.source.kind.name, one.rows, writing).items():
                    total = counts.setdefault(name, dict.fromkeys(numbers, 0))
                    for outcome, number in numbers.items():
                        total[outcome] += number
            writing_now = ""
            audit_record(
                actor=actor,
                action="import",
                object_type="import",
                data={
                    "files": files(),
                    "counts": counts,
                    "warnings": issues.filter(pl.col("severity") == WARNING).height,
                    "changes": writing.changes.tables,
                },
            )
    # Rows another import or a user stored between this import's checks and its writes (or a
    # constraint the checks missed): the transaction is rolled back, so nothing is written.
    # PostgreSQL's COPY raises the driver's own error, not Django's.
    except (IntegrityError, connection.Database.IntegrityError) as error:
        conflict = Issue(
            writing_now or label,
            0,
            "",
            _(
                "the database refused the rows ({error}): probably another import or user wrote "
                "the same rows at the same time; nothing was imported, try again"
            ).format(error=str(error).splitlines()[0]),
            "write_conflict",
        )
        return ImportResult([conflict], [], issues=issue_frame([conflict], ERROR))
    return ImportResult([], warnings, counts, issues)
