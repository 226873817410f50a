import signal
import threading

from django.db import close_old_connections, connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from thuiswerk.core.commands import DomainCommand
from thuiswerk.jobs.services import job_claim, job_execute


class Command(DomainCommand):
    help = gettext_lazy(
        "Run the background jobs of the web application (computes, imports) as they are queued."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help=gettext_lazy("run the jobs queued now, then stop"),
        )
        parser.add_argument(
            "--poll",
            type=float,
            default=1.0,
            metavar="SECONDS",
            help=gettext_lazy("how long to wait before looking for new jobs (default 1)"),
        )

    def handle(self, *args, once, poll, **options):
        stop = threading.Event()

        def request_stop(signum, frame):
            # The job that runs now finishes (its transaction lands or not); then the loop ends.
            stop.set()

        previous = {
            sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            ran = 0
            while not stop.is_set():
                # A long-running process drops a broken or too old connection between jobs (not
                # inside a transaction: a test's, where the worker runs in-process).
                if not connection.in_atomic_block:
                    close_old_connections()
                job = job_claim()
                if job is None:
                    if once:
                        break
                    stop.wait(max(0.05, poll))
                    continue
                job = job_execute(job)
                ran += 1
                if options["verbosity"] > 1:
                    self.stdout.write(
                        _("job %(id)d (%(kind)s): %(status)s")
                        % {"id": job.pk, "kind": job.kind, "status": job.get_status_display()}
                    )
            if options["verbosity"] > 0 and once:
                self.stdout.write(
                    ngettext("%(count)d job run", "%(count)d jobs run", ran) % {"count": ran}
                )
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
