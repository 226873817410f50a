"""Base class for the domain commands: refuse to run on a database `thuiswerk init` has not set up."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def schema_is_current() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


class DomainCommand(BaseCommand):
    requires_migrations_checks = False

    def execute(self, *args, **options):
        if not schema_is_current():
            raise CommandError(
                "the database is not initialised or not up to date: run `thuiswerk init` first"
            )
        return super().execute(*args, **options)

    def progress_wanted(self, options: dict) -> bool:
        """Progress bars for a person at a terminal; not in logs, pipes or with --verbosity 0."""
        return options.get("verbosity", 1) > 0 and sys.stderr.isatty()
