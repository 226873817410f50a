import argparse
import json
from datetime import date
from pathlib import Path

from django.core.management.base import CommandError

from thuiswerk.core.cli_args import date_arg
from thuiswerk.core.commands import LANGUAGES, DomainCommand
from thuiswerk.reports.parliament import ALL, UnknownEntityError, parliament_answer
from thuiswerk.reports.workbook import write_parliament_workbook


class Command(DomainCommand):
    help = "Write the answer to the parliamentary question as an Excel workbook (and JSON)."

    def add_arguments(self, parser):
        reports = parser.add_subparsers(dest="report", required=True, metavar="{parliament}")
        parliament = reports.add_parser(
            "parliament", help="questions 1a, 1b, 2a, 2b, 3 and 4 for an entity or ALL"
        )
        parliament.add_argument("--entity", required=True, metavar="CODE|ALL")
        parliament.add_argument(
            "--as-of", dest="as_of", type=date_arg, default=date.today(), metavar="YYYY-MM-DD"
        )
        parliament.add_argument("--years", type=int, default=3, metavar="N")
        parliament.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
        parliament.add_argument("--json", dest="json_out", type=Path, metavar="FILE.json")
        # Also after the subcommand, as `report parliament ... --lang en`.
        parliament.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)

    def handle(self, *args, entity, as_of, years, out, json_out, lang, **options):
        if years < 1:
            raise CommandError("--years must be at least 1")
        try:
            figures, per_entity = parliament_answer(
                entity_code=entity, as_of=as_of, years=years, with_per_entity=entity == ALL
            )
        except UnknownEntityError as error:
            raise CommandError(f"{error}; use an entity code or ALL") from error
        write_parliament_workbook(figures=figures, path=out, lang=lang, per_entity=per_entity)
        self.stdout.write(f"workbook written to {out}")
        if json_out is not None:
            json_out.write_text(
                json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            self.stdout.write(f"figures written to {json_out}")
