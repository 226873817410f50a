from django.shortcuts import render
from django.utils import timezone

from thuiswerk.allowances.selectors import persons_seen, visible_warnings

from .selectors import job_for


def detail(request, pk: int):
    """A job's status, stage, elapsed time and result; while it runs the page (or, with htmx,
    its status fragment) refreshes itself."""
    job = job_for(scope=request.scope, user=request.user, job_id=pk)
    end = job.finished_at or timezone.now()
    elapsed = (end - (job.started_at or job.created_at)).total_seconds()
    context = {"job": job, "elapsed": elapsed, "result_template": f"jobs/result_{job.kind}.html"}
    if job.kind == "compute" and job.result:
        # A run covers every entity; its warnings name persons: only those the reader sees.
        everyone = job.result.get("warnings", [])
        shown = visible_warnings(everyone, persons_seen(scope=request.scope))
        context |= {"warnings": shown, "warnings_elsewhere": len(everyone) - len(shown)}
    if request.htmx:
        return render(request, "jobs/status.html", context)
    return render(request, "jobs/detail.html", context)
