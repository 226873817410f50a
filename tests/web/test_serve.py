"""`thuiswerk serve` end to end: its own process on a free port, stopped as a user stops it."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import get_commands

from thuiswerk.web.management.commands import serve

START_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[1])


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, from /proc (gunicorn's master, its workers, the worker)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        children = {child for child, ppid in parents.items() if ppid == parent}
        found |= children
        todo.extend(children)
    return found


def command_line(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().rstrip("\0").split("\0")
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


@pytest.fixture
def site(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "THUISWERK_VAR": str(tmp_path),
        "LANGUAGE": "nl",
    }
    subprocess.run(
        [sys.executable, "-m", "thuiswerk.cli", "init"], env=env, check=True, capture_output=True
    )
    return env


def start_serve(env: dict, port: int) -> tuple[subprocess.Popen, str]:
    """`thuiswerk serve` on `port`, once its login page answers (the page is returned)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "thuiswerk.cli", "serve", f"--port={port}", "--workers=1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a foreground job
    )
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            status, page = get(f"http://127.0.0.1:{port}/login/")
            assert status == 200
            return process, page
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("serve did not answer in time:\n" + process.communicate()[0])
            time.sleep(0.2)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl-C"])
def test_serve_answers_in_dutch_and_stops_every_process(site, tmp_path, how):
    port = free_port()
    process, page = start_serve(site, port)
    try:
        assert '<html lang="nl"' in page and "Aanmelden" in page
        css_status, css = get(f"http://127.0.0.1:{port}/static/web/thuiswerk.css")
        assert css_status == 200 and css
        assert (tmp_path / "static" / "web" / "thuiswerk.css").exists()  # collected
        children = descendants(process.pid)
        commands = [command_line(pid) for pid in children]
        assert any("gunicorn" in command for command in commands)
        if "worker" in get_commands():  # the jobs app is installed: its worker runs beside
            assert any(command[-2:] == ["thuiswerk.cli", "worker"] for command in commands)
    finally:
        if how == "SIGTERM":
            process.terminate()
        else:  # a terminal sends SIGINT to the whole foreground group
            os.killpg(process.pid, signal.SIGINT)
        output = process.communicate(timeout=30)[0]
    assert process.returncode == 0, output
    assert f"http://127.0.0.1:{port}/" in output
    assert not [pid for pid in children if alive(pid)], output


@pytest.mark.slow
def test_when_gunicorn_dies_the_worker_is_stopped_too(site):
    process, _page = start_serve(site, free_port())
    children = descendants(process.pid)
    master = next(
        pid for pid in children if "gunicorn" in command_line(pid) and parent_of(pid) == process.pid
    )
    os.kill(master, signal.SIGKILL)
    output = process.communicate(timeout=30)[0]
    assert process.returncode == 1
    assert "het proces web is gestopt" in output
    assert not [pid for pid in children if alive(pid)], output


def test_serve_refuses_a_port_in_use(site, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "thuiswerk.cli", "serve", f"--port={port}"],
            env=site,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 1
    assert f"127.0.0.1:{port} is in gebruik" in done.stderr


def test_the_worker_is_started_only_when_the_command_exists(monkeypatch):
    commands = {"init": "thuiswerk.core"}
    monkeypatch.setattr(serve, "get_commands", lambda: commands)
    started = serve.child_commands(host="::1", port=8001, workers=3, worker=True)
    assert list(started) == ["web"]
    assert "--bind=[::1]:8001" in started["web"] and "--workers=3" in started["web"]

    commands["worker"] = "thuiswerk.jobs"
    started = serve.child_commands(host="127.0.0.1", port=8000, workers=2, worker=True)
    assert started["worker"][-1] == "worker"
    assert list(serve.child_commands(host="h", port=1, workers=1, worker=False)) == ["web"]
