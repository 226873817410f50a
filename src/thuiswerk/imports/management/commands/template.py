from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuiswerk.core.commands import LocalisedCommand
from thuiswerk.imports.template import template_write


class Command(LocalisedCommand):
    # Writes a file and reads no database, so it works before `thuiswerk init` too (hence not a
    # DomainCommand, which checks the database).
    help = gettext_lazy(
        "Write an empty import workbook: a sheet per kind with its headers, drop-down lists "
        "for the enumerations, and a sheet of instructions; in Dutch, or English with --lang en."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            type=Path,
            required=True,
            metavar="FILE.xlsx",
            help=gettext_lazy("the workbook to write"),
        )

    def handle(self, *args, out, **options):
        template_write(path=out)
        self.stdout.write(_("wrote {path}").format(path=out))
