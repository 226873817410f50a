"""Background jobs through the API: the state of a job, polled after a request queued it (a
compute answers 202 with its Location). As the job's page: its creator's and admins' only."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema

from thuiswerk.accounts.scope import Scope
from thuiswerk.allowances.selectors import persons_seen, visible_warnings
from thuiswerk.api.errors import responses

from .models import Job
from .selectors import job_for

router = Router(tags=["jobs"])
routes = [("", router)]


class JobOut(Schema):
    id: int
    kind: str  # compute, import
    status: Literal["queued", "running", "done", "failed"]
    stage: str  # what a running job is doing
    actor: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    error: str  # why a failed job failed
    result: dict[str, Any] | None  # a done job's outcome (a compute: the run's id and figures)


def job_out(scope: Scope, job: Job) -> dict[str, Any]:
    result = job.result
    if job.kind == "compute" and result and "warnings" in result:
        # The run's warnings name persons: only those the reader sees, as on the run itself.
        seen = persons_seen(scope=scope)
        result = {**result, "warnings": visible_warnings(result["warnings"], seen)}
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "stage": job.stage,
        "actor": job.actor,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "error": job.error,
        "result": result,
    }


@router.get(
    "/jobs/{job_id}",
    response=responses({200: JobOut}, 404),
    url_name="job_get",
    summary="A job's state and result (yours; every job for an admin)",
)
def job_get(request: HttpRequest, job_id: int):
    return job_out(request.scope, job_for(scope=request.scope, user=request.user, job_id=job_id))
