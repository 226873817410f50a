import argparse
import json
import os
from contextlib import nullcontext
from datetime import date
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuiswerk.core.cli_args import date_arg
from thuiswerk.core.commands import LANGUAGES, DomainCommand
from thuiswerk.core.files import complete_or_nothing
from thuiswerk.reports.parliament import (
    ReportPeriodError,
    UnknownEntityError,
    parliament_answer,
)
from thuiswerk.reports.workbook import write_parliament_workbook


class Command(DomainCommand):
    help = gettext_lazy(
        "Write the answer to the parliamentary question as an Excel workbook (and JSON)."
    )

    def add_arguments(self, parser):
        reports = parser.add_subparsers(dest="report", required=True, metavar="{parliament}")
        parliament = reports.add_parser(
            "parliament",
            help=gettext_lazy("questions 1a, 1b, 2a, 2b, 3 and 4 for an entity or ALL"),
        )
        parliament.add_argument(
            "--entity",
            required=True,
            metavar="CODE|ALL",
            help=gettext_lazy("the entity's code, or ALL for the Flemish government as a whole"),
        )
        parliament.add_argument(
            "--as-of",
            dest="as_of",
            type=date_arg,
            default=date.today(),
            metavar="YYYY-MM-DD",
            help=gettext_lazy("count the months ended on this day (default: today)"),
        )
        parliament.add_argument(
            "--years",
            type=int,
            default=3,
            metavar="N",
            help=gettext_lazy("the as-of year and the years before it, 1 to 10 (default: 3)"),
        )
        parliament.add_argument(
            "--out",
            type=Path,
            required=True,
            metavar="FILE.xlsx",
            help=gettext_lazy("the workbook to write (.xlsx)"),
        )
        parliament.add_argument(
            "--json",
            dest="json_out",
            type=Path,
            metavar="FILE.json",
            help=gettext_lazy("also write the figures as JSON to this file"),
        )
        # Also after the subcommand, as `report parliament ... --lang en`.
        parliament.add_argument(
            "--lang",
            choices=LANGUAGES,
            default=argparse.SUPPRESS,
            help=gettext_lazy("language of the workbook and the messages: nl (default) or en"),
        )

    def handle(self, *args, entity, as_of, years, out, json_out, lang, **options):
        if out.suffix.lower() != ".xlsx":
            raise CommandError(
                _("--out %(path)s: the workbook is an Excel file, its name must end in .xlsx")
                % {"path": out}
            )
        targets = [out] + ([json_out] if json_out is not None else [])
        if json_out is not None and json_out.resolve() == out.resolve():
            raise CommandError(_("--out and --json name the same file: %(path)s") % {"path": out})
        for target in targets:
            _check_writable(target)
        try:
            answer = parliament_answer(entity_code=entity, as_of=as_of, years=years)
        except UnknownEntityError:
            raise CommandError(
                _("unknown entity %(code)r; use an entity code or ALL") % {"code": entity}
            ) from None
        except ReportPeriodError as error:
            raise CommandError(str(error)) from None

        # Both files are written next to their target under a temporary name and renamed only
        # when both are complete: an error leaves neither half-written.
        try:
            with (
                complete_or_nothing(out) as workbook,
                complete_or_nothing(json_out) if json_out else nullcontext() as figures,
            ):
                write_parliament_workbook(answer=answer, path=workbook, lang=lang)
                if figures is not None:
                    figures.write_text(
                        json.dumps(answer.to_json(), ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8",
                    )
        except OSError as error:
            raise CommandError(
                _("cannot write %(path)s: %(reason)s")
                % {"path": error.filename or out, "reason": error.strerror}
            ) from None
        self.stdout.write(_("workbook written to %(path)s") % {"path": out})
        if json_out is not None:
            self.stdout.write(_("figures written to %(path)s") % {"path": json_out})


def _check_writable(target: Path) -> None:
    folder = target.parent
    if not folder.is_dir():
        raise CommandError(_("%(path)s: the folder %(folder)s does not exist") % _names(target))
    if target.is_dir():
        raise CommandError(_("%(path)s is a folder, not a file") % _names(target))
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise CommandError(_("%(path)s: no permission to write there") % _names(target))


def _names(target: Path) -> dict[str, str]:
    return {"path": str(target), "folder": str(target.parent)}
