"""`thuiswerk serve`: the web application under gunicorn, with the background worker beside it.

The static files are collected into STATIC_ROOT first (whitenoise serves them from there; every
asset is vendored, none comes from a CDN). gunicorn and `thuiswerk worker` (the long runs of the
pages: computes, uploads) run as two child processes of this one; when either stops, or this
one is asked to stop (Ctrl-C, SIGTERM), both are stopped and waited for, so no process is left.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from thuiswerk.core.commands import DomainCommand

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_WORKERS = 2
# Longer than SQLite's busy timeout (30 s), so that a request waiting on a lock ends in the
# "a computation is running" page (web.middleware) rather than in gunicorn killing its worker.
REQUEST_TIMEOUT = 60
STOP_SECONDS = 15  # how long the children get to finish their work before they are killed
POLL_SECONDS = 0.2
# One line per request: address, time, method, path WITHOUT its query string (a search can hold
# an e-mail address), protocol, status, bytes, seconds. No referrer (it has query strings too),
# no user agent.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(L)s'


def bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def child_commands(*, host: str, port: int, workers: int, worker: bool) -> dict[str, list[str]]:
    """The processes to start, by name: gunicorn, and `thuiswerk worker` when asked for and
    installed (the jobs app provides it)."""
    commands = {
        "web": [
            sys.executable,
            "-m",
            "gunicorn",
            "thuiswerk.wsgi:application",
            f"--bind={bind_address(host, port)}",
            f"--workers={workers}",
            f"--timeout={REQUEST_TIMEOUT}",
            f"--graceful-timeout={STOP_SECONDS - 5}",
            "--access-logfile=-",
            f"--access-logformat={ACCESS_LOG_FORMAT}",
            # No control socket in $HOME: two servers on one machine would share its path.
            "--no-control-socket",
        ]
    }
    if worker and "worker" in get_commands():
        commands["worker"] = [sys.executable, "-m", "thuiswerk.cli", "worker"]
    return commands


def signal_group(process: subprocess.Popen, signum: int) -> None:
    """`signum` to the child's whole process group: gunicorn's own workers too, also when their
    master has died and left them behind."""
    with contextlib.suppress(ProcessLookupError):  # the group has ended
        os.killpg(process.pid, signum)


def stop(processes: dict[str, subprocess.Popen]) -> None:
    """SIGTERM to every child's group, then wait; SIGKILL to any that does not end in time."""
    for process in processes.values():
        signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            signal_group(process, signal.SIGKILL)
            process.wait()


class Command(DomainCommand):
    @property
    def help(self) -> str:
        return _(
            "Serve the web application under gunicorn (default http://127.0.0.1:8000/), with the "
            "background worker for long runs; Ctrl-C stops both."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=DEFAULT_HOST,
            metavar="H",
            help=_("address to listen on (default %(default)s)") % {"default": DEFAULT_HOST},
        )
        parser.add_argument(
            "--port",
            type=int,
            default=DEFAULT_PORT,
            metavar="P",
            help=_("port to listen on (default %(default)s)") % {"default": DEFAULT_PORT},
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=DEFAULT_WORKERS,
            metavar="N",
            help=_("number of gunicorn worker processes (default %(default)s)")
            % {"default": DEFAULT_WORKERS},
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help=_("do not start the background worker (when it runs elsewhere)"),
        )

    def handle(self, *args, host, port, workers, no_worker, **options):
        if workers < 1:
            raise CommandError(_("--workers must be at least 1"))
        if not 0 < port < 65536:
            raise CommandError(_("--port must lie between 1 and 65535"))
        if not port_free(host, port):
            raise CommandError(
                _("%(address)s is in use or cannot be used: choose another --port or --host")
                % {"address": bind_address(host, port)}
            )
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(
            _("static files collected in %(folder)s") % {"folder": settings.STATIC_ROOT}
        )

        stopping: list[int] = []

        def ask_to_stop(signum, frame):
            stopping.append(signum)

        previous = {
            signum: signal.signal(signum, ask_to_stop) for signum in (signal.SIGINT, signal.SIGTERM)
        }
        processes: dict[str, subprocess.Popen] = {}
        try:
            commands = child_commands(host=host, port=port, workers=workers, worker=not no_worker)
            for name, command in commands.items():
                # Each in its own process group, which `stop` ends as a whole; this process
                # receives Ctrl-C and passes it on.
                processes[name] = subprocess.Popen(command, process_group=0)
            url = f"http://{bind_address(host, port)}/"
            self.stdout.write(_("thuiswerk runs on %(url)s (Ctrl-C stops it)") % {"url": url})
            if "worker" not in processes:
                self.stdout.write(_("no background worker: long runs wait until one runs"))
            self.stdout.flush()
            ended = None
            while not stopping and ended is None:
                ended = next((n for n, p in processes.items() if p.poll() is not None), None)
                time.sleep(POLL_SECONDS)
        finally:
            stop(processes)
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        if not stopping and ended is not None:
            raise CommandError(
                _("the %(process)s process stopped (exit %(code)s); the server is stopped too")
                % {"process": ended, "code": processes[ended].returncode}
            )
        self.stdout.write(_("stopped"))
