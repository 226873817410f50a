"""Base class for the domain commands: their language, their help, and one line for each refusal.

A domain command refuses to run on a database `thuiswerk init` has not set up, speaks Dutch
unless `--lang en` or `LANGUAGE=en` asks for English (its help too: `thuiswerk.cli.main` activates
the language before argparse formats the help), and turns the refusals of the services into one
line (`CommandError`) instead of a stack trace.
"""

import argparse
import os
import sys
from collections.abc import Iterator, Sequence

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

LANGUAGES = ("nl", "en")
LANG_HELP = gettext_lazy(
    "language of the output: nl (default) or en; LANGUAGE=en also chooses English"
)

# Django's own options, in the language of the rest of the help.
BASE_OPTION_HELP = {
    "help": gettext_lazy("show this help and stop"),
    "version": gettext_lazy("show the Django version and stop"),
    "verbosity": gettext_lazy(
        "how much to say: 0 nothing but errors, 1 normal (default), 2 or 3 more"
    ),
    "settings": gettext_lazy("the settings module (default: DJANGO_SETTINGS_MODULE)"),
    "pythonpath": gettext_lazy("a folder to add to the Python path"),
    "traceback": gettext_lazy("show the full stack trace of an error (for developers)"),
    "no_color": gettext_lazy("no colours in the output"),
    "force_color": gettext_lazy("colours in the output, also when it is not a terminal"),
    "skip_checks": gettext_lazy("skip Django's system checks"),
}


def default_language() -> str:
    """Dutch unless LANGUAGE (as gettext reads it, e.g. `en_GB:en`) asks for English."""
    for part in os.environ.get("LANGUAGE", "").split(":"):
        code = part.split("_")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
    return settings.LANGUAGE_CODE


def requested_language(argv: Sequence[str]) -> str | None:
    """The value of `--lang X` or `--lang=X` anywhere on the command line, if a known language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in LANGUAGES else None
        if arg.startswith("--lang="):
            code = arg.partition("=")[2]
            return code if code in LANGUAGES else None
    return None


def domain_errors() -> tuple[type[Exception], ...]:
    """The errors by which the services refuse a request (not bugs): each is shown as one line.

    Imported when needed, because the services need the app registry that this module does not.
    """
    from thuiswerk.allowances.services import LedgerError
    from thuiswerk.core.locks import RunLocked

    return (LedgerError, RunLocked)


def schema_is_current() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def translate_argparse() -> None:
    """Let argparse's own texts (`usage:`, `error:`, "the following arguments are required", ...)
    go through Django's gettext, so they follow the active language like the rest. argparse looks
    its `_` and `ngettext` up at call time; the console script calls this once at its start."""

    def gettext(message):
        return message if message is None else translation.gettext(message)

    argparse._ = gettext
    argparse.ngettext = translation.ngettext


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """`parser` and the parsers of its sub-commands, at every depth."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from parsers(sub)


def render_descriptions(parser: argparse.ArgumentParser) -> None:
    """argparse wants the description as a plain string: render the translatable one (a command's
    `help`) in the active language."""
    for each in parsers(parser):
        lazy = each.__dict__.setdefault("lazy_description", each.description)
        each.description = None if lazy is None else str(lazy)


def localise_parser(parser: argparse.ArgumentParser) -> None:
    """Django's own options in the active language, down into sub-commands."""
    for each in parsers(parser):
        for action in each._actions:
            if action.dest in BASE_OPTION_HELP and action.help != argparse.SUPPRESS:
                action.help = BASE_OPTION_HELP[action.dest]


class LocalisedCommand(BaseCommand):
    """A command that speaks the user's language: `--lang`, help and argument errors in it (the
    help texts may be lazy translations), and everything `handle` writes. For commands that must
    work before `thuiswerk init` (init, template); the others are DomainCommands."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--lang",
            choices=LANGUAGES,
            default=default_language(),
            help=LANG_HELP,
        )
        localise_parser(parser)
        render_descriptions(parser)
        parse = parser.parse_args

        def parse_args(args=None, namespace=None):
            # Argument errors and --help are written while parsing: in the language asked for,
            # even when --lang comes after the argument that is wrong.
            language = requested_language(list(args or [])) or translation.get_language()
            with translation.override(language):
                render_descriptions(parser)
                return parse(args, namespace)

        parser.parse_args = parse_args
        return parser

    def execute(self, *args, **options):
        # Every text the command writes (messages, errors, files) is in the chosen language.
        with translation.override(options.get("lang") or default_language()):
            try:
                try:
                    self.check_ready()
                    return super().execute(*args, **options)
                except domain_errors() as error:
                    raise CommandError(str(error)) from error
            except CommandError as error:
                if not getattr(self, "_called_from_command_line", False) or options.get(
                    "traceback"
                ):
                    raise
                # As argparse writes its errors ("thuiswerk close: fout: ..."), not Django's
                # "CommandError: ...", which names a Python class to a civil servant.
                self.stderr.write(
                    f"thuiswerk {self._command_name()}: {pgettext('cli', 'error')}: {error}"
                )
                sys.exit(error.returncode)

    def check_ready(self) -> None:
        """Refuse to run, with a CommandError, when the command cannot work yet."""

    def _command_name(self) -> str:
        return type(self).__module__.rpartition(".")[2]


class DomainCommand(LocalisedCommand):
    """A command on the domain: refuses a database that `thuiswerk init` has not set up (the
    services' refusals, domain_errors, are shown as one line by every LocalisedCommand)."""

    requires_migrations_checks = False

    def check_ready(self) -> None:
        if not schema_is_current():
            raise CommandError(
                _("the database is not initialised or not up to date: run `thuiswerk init` first")
            )

    def progress_wanted(self, options: dict) -> bool:
        """Progress bars for a person at a terminal; not in logs, pipes or with --verbosity 0."""
        return options.get("verbosity", 1) > 0 and sys.stderr.isatty()
