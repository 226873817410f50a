"""Reads of the jobs app."""

from django.http import Http404

from thuiswerk.accounts.scope import Scope

from .models import Job


def job_for(*, scope: Scope, user, job_id: int) -> Job:
    """A job its creator or an admin may see; anyone else gets 404."""
    jobs = Job.objects.all() if scope.is_admin else Job.objects.filter(created_by=user)
    try:
        return jobs.get(pk=job_id)
    except Job.DoesNotExist:
        raise Http404 from None


def jobs_of(*, scope: Scope, user, kind: str, limit: int = 10) -> list[Job]:
    """The user's latest jobs of one kind (every user's for an admin)."""
    jobs = Job.objects.filter(kind=kind)
    if not scope.is_admin:
        jobs = jobs.filter(created_by=user)
    return list(jobs.defer("result")[:limit])
