from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from thuiswerk.core.cli_args import default_actor
from thuiswerk.core.commands import DomainCommand
from thuiswerk.imports.issues import ERROR, WARNING, issues_summary, issues_write
from thuiswerk.imports.services import import_files

OUTCOMES = {
    "created": pgettext_lazy("import count", "created"),
    "updated": pgettext_lazy("import count", "updated"),
    "unchanged": pgettext_lazy("import count", "unchanged"),
    "deleted": pgettext_lazy("import count", "deleted"),
}
RECORDS = {
    "entities": pgettext_lazy("import count", "entities"),
    "employees": pgettext_lazy("import count", "employees"),
    "employment_periods": pgettext_lazy("import count", "employment periods"),
    "agreements": pgettext_lazy("import count", "agreements"),
    "registrations": pgettext_lazy("import count", "registrations"),
    "internet_options": pgettext_lazy("import count", "internet options"),
    "invoices": pgettext_lazy("import count", "invoices"),
    "equipment": pgettext_lazy("import count", "equipment"),
    "budgets": pgettext_lazy("import count", "budgets"),
    "initiatives": pgettext_lazy("import count", "initiatives"),
}


def default_issues_file() -> Path:
    return Path(settings.VAR_DIR) / f"import-issues-{datetime.now():%Y%m%d-%H%M%S}.csv"


def counts_lines(counts: dict[str, dict[str, int]]) -> list[str]:
    """`registraties: 1 aangemaakt, 0 bijgewerkt, ...` per kind of record written."""
    return [
        f"{RECORDS.get(name, name)}: "
        + ", ".join(f"{n} {OUTCOMES.get(outcome, outcome)}" for outcome, n in numbers.items())
        for name, numbers in counts.items()
    ]


class Command(DomainCommand):
    help = gettext_lazy(
        "Import CSV files named by their kind (staff.csv or personeel.csv, agreements.csv, "
        "registrations.csv, internet_options.csv, invoices.csv, equipment.csv, budgets.csv, "
        "initiatives.csv, or their Dutch names) or an .xlsx workbook with a sheet per kind. "
        "All or nothing: any error and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="+",
            type=Path,
            metavar="FILE",
            help=gettext_lazy("CSV files or .xlsx workbooks to import"),
        )
        parser.add_argument(
            "--actor",
            default=default_actor(),
            help=gettext_lazy("who imports, for the audit trail (default: the login name)"),
        )
        parser.add_argument(
            "--issues-file",
            type=Path,
            metavar="PATH",
            help=gettext_lazy(
                "CSV file for the full list of errors and warnings "
                "(default: var/import-issues-<date-time>.csv, only when there are any)"
            ),
        )

    def handle(self, *args, files, actor, issues_file, **options):
        result = import_files(paths=files, actor=actor, progress=self.progress_wanted(options))
        if not result.issues.is_empty():
            path = issues_file or default_issues_file()
            try:
                issues_write(result.issues, path)
            except OSError as error:
                raise CommandError(
                    _("cannot write the issues file {path}: {error}").format(
                        path=path, error=error.strerror or error
                    )
                ) from error
        warnings = result.of(WARNING)
        if warnings.height:
            self.stdout.write(
                ngettext(
                    "{count} warning, by kind:", "{count} warnings, by kind:", warnings.height
                ).format(count=warnings.height)
            )
            for line in issues_summary(warnings):
                self.stdout.write(line)
        if not result.issues.is_empty():
            self.stdout.write(_("all errors and warnings: {path}").format(path=path))
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                ngettext(
                    "{count} error: nothing was imported",
                    "{count} errors: nothing was imported",
                    result.of(ERROR).height,
                ).format(count=result.of(ERROR).height)
            )
        for line in counts_lines(result.counts):
            self.stdout.write(line)
