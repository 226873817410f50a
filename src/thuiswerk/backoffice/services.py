"""Writes of the back office: asking for fresh dashboard figures."""

from thuiswerk.jobs.models import Job
from thuiswerk.jobs.services import job_submit


def figures_refresh_request(*, user, actor: str) -> Job | None:
    """Queue a job that computes the dashboards' figures again, unless one is queued or running."""
    pending = Job.objects.filter(
        kind="figures", status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
    ).exists()
    if pending:
        return None
    return job_submit(kind="figures", user=user, actor=actor)
