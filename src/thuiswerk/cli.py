"""The `thuiswerk` console script: every domain command is a Django management command.

What escapes a command (an unreachable or corrupt database, invalid settings, a closed pipe,
Ctrl-C) ends in one line on stderr and a non-zero exit, not a stack trace; `--traceback` shows
the trace for developers.
"""

import os
import re
import shutil
import sys
import textwrap

# The order in which a new user meets the commands; commands of the project not named here follow.
COMMAND_ORDER = (
    "init",
    "demo",
    "serve",
    "user",
    "worker",
    "check",
    "template",
    "import",
    "compute",
    "explain",
    "close",
    "reopen",
    "rules",
    "export",
    "report",
)
EXIT_ERROR = 1
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuiswerk.settings")
    try:
        _run(args)
        sys.stdout.flush()  # a closed pipe shows here, while the handler below still runs
    except BrokenPipeError:
        # `thuiswerk ... | head -1`: the reader has gone. Python would still flush stdout at exit
        # and print "Exception ignored ... BrokenPipeError"; point stdout at devnull instead.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        if "--traceback" in args:
            raise
        _fail(_message("interrupted"), EXIT_INTERRUPTED)
    except Exception as error:
        if "--traceback" in args or not _expected(error):
            raise
        _fail(_describe(error), EXIT_ERROR)


def _run(args: list[str]) -> None:
    import django
    from django.core.management import ManagementUtility
    from django.utils import translation

    django.setup()
    from thuiswerk.core.commands import default_language, requested_language, translate_argparse

    translate_argparse()
    # Before anything is written: the main help, and Django's own commands.
    translation.activate(requested_language(args) or default_language())
    if args[:1] == ["--lang"]:  # `thuiswerk --lang en [command ...]`: not a command name
        args = args[2:]
    elif args[:1] and args[0].startswith("--lang="):
        args = args[1:]

    class Utility(ManagementUtility):
        def main_help_text(self, commands_only=False):
            return super().main_help_text(True) if commands_only else main_help_text(self.prog_name)

    Utility(["thuiswerk", *args]).execute()


def main_help_text(prog_name: str) -> str:
    """The project's commands first, each with the first sentence of its own `help`; then
    Django's commands, for administrators and developers."""
    from django.core.management import get_commands, load_command_class
    from django.utils.translation import gettext as _

    commands = get_commands()
    ours = [name for name, app in commands.items() if app.startswith("thuiswerk.")]
    ours.sort(
        key=lambda n: (COMMAND_ORDER.index(n) if n in COMMAND_ORDER else len(COMMAND_ORDER), n)
    )
    width = max(map(len, ours))
    columns = shutil.get_terminal_size().columns
    lines = [
        _("Usage: %(prog)s <command> [options]") % {"prog": prog_name},
        _("Help on one command: %(prog)s <command> --help (or %(prog)s help <command>).")
        % {"prog": prog_name},
        _("Dutch by default; --lang en or LANGUAGE=en for English."),
        "",
        _("Commands:"),
    ]
    room = max(40, columns - width - 5)
    for name in ours:
        summary = summary_line(str(load_command_class(commands[name], name).help), room)
        lines.append(f"  {name:<{width}}  {summary}")
    django_names = sorted(name for name in commands if name not in ours)
    lines += ["", _("Django's own commands (for administrators and developers):")]
    lines += textwrap.wrap(
        ", ".join(django_names), max(40, columns - 2), initial_indent="  ", subsequent_indent="  "
    )
    return "\n".join(lines)


def summary_line(text: str, room: int) -> str:
    """The first sentence of a command's help; when it is too long, what comes before its first
    colon (the help texts say what the command does, then how); shortened if still too long."""
    sentence = re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0]
    if len(sentence) > room and ": " in sentence:
        sentence = sentence.split(": ", 1)[0]
    return textwrap.shorten(sentence, room, placeholder=" …")


def _expected(error: Exception) -> bool:
    """Errors of the environment, not of the code: shown as one line."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db import Error as DatabaseError

    return isinstance(error, ImproperlyConfigured | DatabaseError)


def _describe(error: Exception) -> str:
    from django.core.exceptions import ImproperlyConfigured

    detail = " ".join(str(error).split())  # drivers write several lines; one is enough
    if isinstance(error, ImproperlyConfigured):
        # The settings could not load, so neither could the translations: the message as it is.
        return f"thuiswerk: {detail}"
    return _message("the database cannot be used: %(error)s") % {"error": detail}


def _message(text: str) -> str:
    """`text` translated when the translations are ready (they are not when settings failed)."""
    from django.apps import apps
    from django.utils.translation import gettext

    return gettext(text) if apps.ready else text


def _fail(message: str, code: int) -> None:
    sys.stderr.write(message + "\n")
    sys.exit(code)


if __name__ == "__main__":
    main()
