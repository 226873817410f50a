from pathlib import Path

from django.core.management.base import BaseCommand

from thuiswerk.imports.template import template_write


class Command(BaseCommand):
    # Writes a file and reads no database, so it works before `thuiswerk init` too.
    help = (
        "Write an empty import workbook: a sheet per kind with its headers, drop-down lists "
        "for the enumerations, and a sheet of instructions in Dutch."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")

    def handle(self, *args, out, **options):
        template_write(path=out)
        self.stdout.write(f"wrote {out}")
