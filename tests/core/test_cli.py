"""The console script as a user meets it: its help, its language, and one line for each failure."""

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import get_commands, load_command_class
from django.utils import translation

from thuiswerk import cli
from thuiswerk.core.commands import parsers, requested_language

SCRIPT = str(Path(sys.executable).with_name("thuiswerk"))
OURS = ("compute", "close", "reopen", "explain", "rules", "export")
APPS = {
    "compute": "thuiswerk.allowances",
    "close": "thuiswerk.allowances",
    "reopen": "thuiswerk.allowances",
    "explain": "thuiswerk.allowances",
    "rules": "thuiswerk.allowances",
    "export": "thuiswerk.reports",
}


def thuiswerk(*args, cwd, database=None, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "LANGUAGE"} | {
        "DATABASE_URL": database or f"sqlite:///{cwd / 'cli.sqlite3'}",
        "PYTHONIOENCODING": "utf-8",
        **env,
    }
    return subprocess.run(
        [SCRIPT, *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120
    )


def one_line_error(done: subprocess.CompletedProcess) -> str:
    """The failure as the user sees it: a non-zero exit, no stack trace, one line."""
    assert done.returncode != 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.fixture(scope="module")
def initialised(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    done = thuiswerk("init", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder


# --- help and language -------------------------------------------------------------------------


@pytest.mark.parametrize("args", [(), ("--help",), ("help",)])
def test_the_main_help_lists_the_domain_commands_first_in_dutch(args, tmp_path):
    done = thuiswerk(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith("Gebruik: thuiswerk <opdracht> [opties]")
    ours, django = text.split("Opdrachten van Django zelf")
    listed = [line.split()[0] for line in ours.splitlines() if line.startswith("  ")]
    assert listed[:8] == ["init", "demo", "serve", "user", "worker", "check", "template", "import"]
    assert set(OURS) <= set(listed) and "migrate" not in listed
    assert "migrate" in django and "compute" not in django
    compute = next(line for line in ours.splitlines() if line.startswith("  compute"))
    assert "Het grootboek berekenen voor een reeks maanden" in compute
    assert all(len(line.split()) > 2 for line in ours.splitlines() if line.startswith("  "))


@pytest.mark.parametrize("how", [{"args": ("--lang", "en")}, {"env": {"LANGUAGE": "en_GB:en"}}])
def test_the_main_help_in_english(how, tmp_path):
    done = thuiswerk(*how.get("args", ()), cwd=tmp_path, **how.get("env", {}))
    assert done.stdout.startswith("Usage: thuiswerk <command> [options]")
    assert "  compute   Compute the ledger for a range of months" in done.stdout


def test_a_command_help_is_dutch_by_default_and_english_on_request(tmp_path):
    dutch = thuiswerk("compute", "--help", cwd=tmp_path).stdout
    assert dutch.startswith("gebruik: thuiswerk compute")
    assert "eerste maand om te berekenen" in dutch and "deze hulp tonen en stoppen" in dutch
    assert "opties:" in dutch
    for english in (
        thuiswerk("compute", "--help", "--lang", "en", cwd=tmp_path).stdout,
        thuiswerk("compute", "--help", cwd=tmp_path, LANGUAGE="en").stdout,
        thuiswerk("help", "compute", "--lang=en", cwd=tmp_path).stdout,
    ):
        assert english.startswith("usage: thuiswerk compute")
        assert "first month to compute" in english and "show this help and stop" in english
    payroll = thuiswerk("export", "payroll", "--help", cwd=tmp_path).stdout
    assert "de loonmaand (de lijnen die erin geboekt zijn)" in payroll


@pytest.mark.parametrize("name", OURS)
def test_every_option_of_the_commands_has_help_in_both_languages(name):
    command = load_command_class(APPS[name], name)
    texts = {}
    for language in ("nl", "en"):
        with translation.override(language):
            texts[language] = [str(command.help)]
            for parser in parsers(command.create_parser("thuiswerk", name)):
                for action in parser._actions:
                    if action.help != argparse.SUPPRESS:
                        assert action.help and str(action.help), (name, action.dest)
                        texts[language].append(str(action.help))
    different = [nl != en for nl, en in zip(texts["nl"], texts["en"], strict=True)]
    assert all(different), list(zip(texts["nl"], texts["en"], strict=True))


@pytest.mark.parametrize(
    "name", sorted(n for n, app in get_commands().items() if app.startswith("thuiswerk."))
)
def test_every_command_formats_its_help_in_both_languages(name):
    """argparse wants plain strings: a lazy description (a command's `help`) must be rendered,
    also for the commands that work before `init` (init, template)."""
    command = load_command_class(get_commands()[name], name)
    first_words = {}
    for language in ("nl", "en"):
        with translation.override(language):
            text = " ".join(command.create_parser("thuiswerk", name).format_help().split())
            first_words[language] = " ".join(str(command.help).split()[:3])
        assert first_words[language] in text
    assert first_words["nl"] != first_words["en"]


def test_requested_language():
    assert requested_language(["compute", "--lang", "en"]) == "en"
    assert requested_language(["--lang=nl", "rules"]) == "nl"
    assert requested_language(["--lang", "fr"]) is None
    assert requested_language(["--lang"]) is None


# --- one line for each failure -----------------------------------------------------------------


def test_an_unreachable_database(tmp_path):
    done = thuiswerk("rules", cwd=tmp_path, database="postgresql://nobody@127.0.0.1:1/x")
    assert one_line_error(done).startswith("de databank kan niet gebruikt worden:")
    done = thuiswerk(
        "rules", "--traceback", cwd=tmp_path, database="postgresql://nobody@127.0.0.1:1/x"
    )
    assert "Traceback" in done.stderr and done.returncode != 0  # for developers


def test_a_file_that_is_not_a_database(tmp_path):
    (tmp_path / "cli.sqlite3").write_bytes(b"this is no database" * 100)
    done = thuiswerk("compute", "--from", "2023-01", "--to", "2023-01", cwd=tmp_path, LANGUAGE="en")
    assert one_line_error(done) == "the database cannot be used: file is not a database"


def test_an_unsupported_database(tmp_path):
    assert one_line_error(thuiswerk("rules", cwd=tmp_path, database="mysql://u@127.0.0.1/x"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("compute", "--from", "0001-01", "--to", "2023-01"), "0001-01 ligt buiten de"),
        (("compute", "--from", "2023-01", "--to", "10000-01"), "10000-01 ligt buiten de"),
        (("export", "ledger", "--out", "-", "--from", "0001-01"), "0001-01 ligt buiten de"),
    ],
)
def test_months_outside_the_supported_period(args, message, initialised):
    done = thuiswerk(*args, cwd=initialised)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert message in done.stderr.splitlines()[-1]


def test_export_refusals_write_nothing(initialised):
    done = thuiswerk(
        "export",
        "ledger",
        "--from",
        "2023-02",
        "--to",
        "2023-01",
        "--out",
        "x.csv",
        cwd=initialised,
    )
    assert one_line_error(done) == "thuiswerk export: fout: --from 2023-02 valt na --to 2023-01"
    done = thuiswerk("export", "ledger", "--out", "missing/x.csv", cwd=initialised, LANGUAGE="en")
    assert one_line_error(done) == "thuiswerk export: error: the folder missing does not exist"
    assert not (initialised / "x.csv").exists() and not (initialised / "missing").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("rules",),
        ("export", "ledger", "--out", "-"),
        ("compute", "--from", "2023-01", "--to", "2023-02"),
    ],
)
def test_a_closed_pipe_ends_quietly(args, initialised):
    """`thuiswerk ... | head -1` when the reader has gone: no stack trace, no "Exception ignored"."""
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{initialised / 'cli.sqlite3'}",
    }
    process = subprocess.Popen(
        [SCRIPT, *args],
        cwd=initialised,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # the reader is gone before the first line
    _, stderr = process.communicate(timeout=120)
    assert process.returncode != 0
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr, stderr.decode()


def test_a_real_pipeline_into_head(initialised):
    done = subprocess.run(
        f"{SCRIPT} export ledger --dialect iso --out - | head -1",
        shell=True,
        cwd=initialised,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{initialised / 'cli.sqlite3'}"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.startswith("employee_id,month,measure,")
    assert "Traceback" not in done.stderr


# In-process: failures that a subprocess cannot provoke on demand.


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (KeyboardInterrupt(), 130, "onderbroken"),
        (
            ImproperlyConfigured(
                "DATABASE_URL mysql:// is not supported: use SQLite or PostgreSQL"
            ),
            1,
            "thuiswerk: DATABASE_URL mysql:// is not supported: use SQLite or PostgreSQL",
        ),
    ],
)
def test_what_escapes_a_command_is_one_line(error, code, message, monkeypatch, capsys):
    def escape(args):
        raise error

    monkeypatch.setattr(cli, "_run", escape)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["compute"])
    assert stopped.value.code == code
    assert capsys.readouterr().err == message + "\n"
    with pytest.raises(type(error)):  # --traceback shows what happened
        cli.main(["compute", "--traceback"])


def test_a_bug_is_not_hidden(monkeypatch):
    def bug(args):
        raise ZeroDivisionError

    monkeypatch.setattr(cli, "_run", bug)
    with pytest.raises(ZeroDivisionError):
        cli.main(["rules"])


def test_summary_line():
    assert (
        cli.summary_line("Close a month: then more.  And more.", 80) == "Close a month: then more."
    )
    assert cli.summary_line("Compute the ledger: " + "x " * 50, 40) == "Compute the ledger"
    assert len(cli.summary_line("word " * 40, 30)) <= 30


def test_argument_errors_speak_the_language_asked_for(tmp_path):
    done = thuiswerk("compute", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "thuiswerk compute: fout: deze argumenten ontbreken: --from, --to"
    )
    done = thuiswerk(
        "export", "ledger", "--format", "ods", "--out", "x", "--lang", "en", cwd=tmp_path
    )
    assert "error: argument --format: invalid choice: 'ods'" in done.stderr


def test_a_refusal_of_a_service_reads_like_an_argument_error(initialised):
    """A LedgerError (here: closing a month that has not begun) is one line in the user's
    language, named by the command as argparse names its errors, never 'CommandError:'."""
    done = thuiswerk("close", "--month", "2099-01", cwd=initialised)
    assert done.returncode == 1
    assert one_line_error(done).startswith("thuiswerk close: fout: 2099-01 is nog niet begonnen")
    done = thuiswerk("close", "--month", "2099-01", "--lang", "en", cwd=initialised)
    assert one_line_error(done).startswith("thuiswerk close: error: 2099-01 has not begun yet")
