from pathlib import Path

from django.core.management.base import CommandError

from thuiswerk.core.cli_args import default_actor
from thuiswerk.core.commands import DomainCommand
from thuiswerk.imports.services import import_files


class Command(DomainCommand):
    help = (
        "Import CSV files named by their kind (staff.csv, agreements.csv, registrations.csv, "
        "internet_options.csv, invoices.csv, equipment.csv, budgets.csv, initiatives.csv) or an "
        ".xlsx workbook with a sheet per kind. All or nothing: any error and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--actor", default=default_actor())

    def handle(self, *args, files, actor, **options):
        result = import_files(paths=files, actor=actor, progress=self.progress_wanted(options))
        if result.warnings:
            self.stdout.write(f"{len(result.warnings)} warning(s):")
            for warning in result.warnings:
                self.stdout.write(str(warning))
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} error(s): nothing was imported")
        for name, counts in result.counts.items():
            self.stdout.write(
                f"{name}: " + ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
            )
