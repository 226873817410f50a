"""The import: CSV files named by their kind, or an .xlsx workbook with a sheet per kind.

All files of one call are checked first, in dependency order (staff first, since the other
kinds refer to its employees and entities), inside one transaction. Any error: nothing is
written. No error: every file is written (upsert on natural keys) and one audit event records
the import. Formats: docs/import-formats.md.
"""

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from tqdm import tqdm

from thuiswerk.audit.services import audit_record

from .issues import Issue
from .readers import open_sources
from .validation import Context, check_source
from .writing import write_rows

__all__ = ["ImportResult", "Issue", "import_files"]


@dataclass
class ImportResult:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    # Per kind of record written: created / updated / unchanged (/ deleted for registrations).
    # Staff rows count as entities, employees and employment_periods. Empty when nothing was
    # written.
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def import_files(*, paths: Sequence[Path], actor: str, progress: bool = False) -> ImportResult:
    """Check and import `paths` all or nothing; data errors are returned, never raised."""
    paths = [Path(path) for path in paths]
    with (
        tempfile.TemporaryDirectory(prefix="thuiswerk-import-") as workdir,
        transaction.atomic(),
    ):
        sources, errors = open_sources(paths, Path(workdir))
        context = Context.from_database()
        checked = []
        for source in tqdm(
            sources, desc="checking", unit="file", disable=not progress, leave=False
        ):
            checked.append(check_source(source, context))
        errors += [issue for one in checked for issue in one.errors.issues("errors")]
        warnings = [issue for one in checked for issue in one.warnings.issues("warnings")]
        if errors:
            return ImportResult(errors, warnings)
        counts: dict[str, dict[str, int]] = {}
        for one in checked:
            for name, numbers in write_rows(
                one.source.kind.name, one.rows, progress=progress
            ).items():
                total = counts.setdefault(name, dict.fromkeys(numbers, 0))
                for outcome, number in numbers.items():
                    total[outcome] += number
        audit_record(
            actor=actor,
            action="import",
            object_type="import",
            data={
                "files": [str(path) for path in paths],
                "counts": counts,
                "warnings": sum(len(one.warnings) for one in checked),
            },
        )
    return ImportResult([], warnings, counts)
