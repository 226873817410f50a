"""Writes of the jobs app: submit a job, claim the next one, run it and record what came out.

A job is claimed by exactly one runner: on PostgreSQL the queue is read with
`SELECT ... FOR UPDATE SKIP LOCKED` (two workers take different jobs without waiting); on SQLite
the transaction is IMMEDIATE (settings), which takes the database's write lock first, so claims
follow each other. Both then move the job from queued to running with a compare-and-set update,
which is what makes a second claim of the same job (a worker and an eager run) find nothing.
"""

import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation

from thuiswerk.core.commands import domain_errors

from .kinds import KINDS
from .models import Job, JobFile

log = logging.getLogger(__name__)

MAX_ERROR_CHARS = 4000


def job_submit(
    *,
    kind: str,
    user,
    actor: str,
    parameters: dict[str, Any] | None = None,
    files: Sequence[tuple[str, bytes]] = (),
) -> Job:
    """Queue a job of `kind` for `user`; with THUISWERK_JOBS_EAGER it runs as soon as the
    submitting transaction has committed, in this process.

    A job is not audited itself: the job row says who asked what and when, and the services it
    runs audit what they write (so the dashboards' figures, keyed by the newest audit event, do
    not go stale because someone queued a job)."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            parameters=parameters or {},
            actor=actor,
            created_by=user,
            language=translation.get_language() or "nl",
        )
        JobFile.objects.bulk_create(
            JobFile(job=job, name=name, content=content) for name, content in files
        )
    if settings.THUISWERK_JOBS_EAGER:
        if _only_test_transactions():
            job_run(job_id=job.pk)
        else:
            transaction.on_commit(lambda: job_run(job_id=job.pk))
    return job


def _only_test_transactions() -> bool:
    """Inside a test case's transaction (and nothing else), 'after the commit' is now: the test's
    transaction never commits."""
    return connection.in_atomic_block and all(
        getattr(block, "_from_testcase", False) for block in connection.atomic_blocks
    )


def _take(job_id: int) -> bool:
    """Compare-and-set: queued -> running; False when someone else took it first."""
    return bool(
        Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
            status=Job.Status.RUNNING, started_at=timezone.now(), stage=""
        )
    )


def job_claim() -> Job | None:
    """The oldest queued job, now running and claimed by the caller; None when none is queued."""
    with transaction.atomic():
        queued = Job.objects.filter(status=Job.Status.QUEUED).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            queued = queued.select_for_update(skip_locked=True)
        for job_id in queued.values_list("pk", flat=True)[:5]:
            if _take(job_id):
                return Job.objects.get(pk=job_id)
    return None


def job_run(*, job_id: int) -> Job | None:
    """Claim the queued job `job_id` and run it; None when it was not queued (already taken)."""
    if not _take(job_id):
        return None
    return job_execute(Job.objects.get(pk=job_id))


def job_execute(job: Job) -> Job:
    """Run a claimed (running) job and record its result or its error; its files are dropped."""

    def stage(text: str) -> None:
        Job.objects.filter(pk=job.pk).update(stage=str(text)[:200])

    try:
        # In the language of the person who asked: the stages, messages and issues she reads.
        with translation.override(job.language):
            result = KINDS[job.kind].run(job, stage)
    except Exception as error:  # any failure of the work is the job's outcome, not the runner's
        refused = isinstance(error, domain_errors())
        log.warning("job %s (%s) failed: %s", job.pk, job.kind, error, exc_info=not refused)
        _finish(job, Job.Status.FAILED, error=str(error) or type(error).__name__)
    else:
        _finish(job, Job.Status.DONE, result=result)
    job.refresh_from_db()
    return job


def _finish(job: Job, status: str, *, result: Any = None, error: str = "") -> None:
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            status=status,
            result=result,
            error=error[:MAX_ERROR_CHARS],
            finished_at=timezone.now(),
            stage="",
        )
        JobFile.objects.filter(job_id=job.pk).delete()
