"""Base class for the domain commands: refuse to run on a database `thuiswerk init` has not set up."""

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

LANGUAGES = ("nl", "en")


def default_language() -> str:
    """Dutch unless LANGUAGE (as gettext reads it, e.g. `en_GB:en`) asks for English."""
    for part in os.environ.get("LANGUAGE", "").split(":"):
        code = part.split("_")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
    return settings.LANGUAGE_CODE


def schema_is_current() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


class DomainCommand(BaseCommand):
    requires_migrations_checks = False

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--lang",
            choices=LANGUAGES,
            default=default_language(),
            help="language of the output: nl (default) or en; LANGUAGE=en also chooses English",
        )
        return parser

    def execute(self, *args, **options):
        # Every text the command writes (messages, errors, files) is in the chosen language.
        with translation.override(options.get("lang") or default_language()):
            if not schema_is_current():
                raise CommandError(
                    "the database is not initialised or not up to date: run `thuiswerk init` first"
                )
            return super().execute(*args, **options)

    def progress_wanted(self, options: dict) -> bool:
        """Progress bars for a person at a terminal; not in logs, pipes or with --verbosity 0."""
        return options.get("verbosity", 1) > 0 and sys.stderr.isatty()
