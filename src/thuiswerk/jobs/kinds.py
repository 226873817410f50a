"""The kinds of background job: what each runs, through the same services as the CLI.

A kind's `run(job, stage)` returns the JSON result; `stage(text)` reports progress. It raises
for a refusal (a LedgerError, a RunLocked): the job is then `failed` with that message.
"""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thuiswerk.allowances.services import ledger_compute
from thuiswerk.core.months import format_month

from .models import Job

Stage = Callable[[str], None]


@dataclass(frozen=True)
class JobKind:
    name: str
    run: Callable[[Job, Stage], dict[str, Any]]


KINDS: dict[str, JobKind] = {}
# Called after a job that wrote to the domain (compute, import), e.g. to refresh the
# dashboards' figures while nobody waits for them; other apps append to it when they are ready.
AFTER_WRITE: list[Callable[[], None]] = []


def _after_write(stage: Stage) -> None:
    if AFTER_WRITE:
        stage(_("updating the dashboards"))
    for hook in AFTER_WRITE:
        hook()


def register(name: str) -> Callable:
    def decorate(run: Callable[[Job, Stage], dict[str, Any]]) -> Callable:
        KINDS[name] = JobKind(name, run)
        return run

    return decorate


@register("compute")
def _compute(job: Job, stage: Stage) -> dict[str, Any]:
    month_from = date.fromisoformat(job.parameters["month_from"])
    month_to = date.fromisoformat(job.parameters["month_to"])
    stage(
        _("computing %(first)s to %(last)s")
        % {"first": format_month(month_from), "last": format_month(month_to)}
    )
    run = ledger_compute(month_from=month_from, month_to=month_to, actor=job.actor)
    _after_write(stage)
    return {
        "run": run.pk,
        "from": format_month(month_from),
        "to": format_month(month_to),
        "stats": run.stats,
        "warnings": run.warnings[:200],
        "warning_count": len(run.warnings),
    }


@register("import")
def _import(job: Job, stage: Stage) -> dict[str, Any]:
    from thuiswerk.imports.services import import_files

    entities = job.parameters.get("entities")  # None: every entity (an admin)
    with tempfile.TemporaryDirectory(prefix="thuiswerk-job-") as folder:
        # The import reads files; they exist only while it runs, under their uploaded names, so
        # the issues name the file as the user knows it.
        paths = []
        for upload in job.files.all():
            path = Path(folder) / Path(upload.name).name
            path.write_bytes(bytes(upload.content))
            paths.append(path)
        stage(
            ngettext(
                "checking and importing %(count)d file",
                "checking and importing %(count)d files",
                len(paths),
            )
            % {"count": len(paths)}
        )
        result = import_files(paths=paths, actor=job.actor, entities=entities)
        if result.ok:
            _after_write(stage)
        prefix = folder + "/"

        def issues(severity: str) -> list[dict[str, Any]]:
            return [
                {
                    "file": file.replace(prefix, ""),
                    "row": row,
                    "column": column,
                    "code": code,
                    "message": message.replace(prefix, ""),
                }
                for _severity, file, row, column, code, message in result.of(severity)
                .head(1000)
                .iter_rows()
            ]

        return {
            "ok": result.ok,
            "files": [path.name for path in paths],
            "errors": issues("error"),
            "warnings": issues("warning"),
            "error_count": result.of("error").height,
            "warning_count": result.of("warning").height,
            "counts": result.counts,
        }
