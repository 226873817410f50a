import argparse
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from thuiswerk.core.cli_args import month_arg
from thuiswerk.core.commands import LANG_HELP, LANGUAGES, DomainCommand
from thuiswerk.core.months import format_month
from thuiswerk.reports.exports import (
    DIALECTS,
    ExportError,
    export_ledger,
    export_payroll,
    month_is_closed,
)
from thuiswerk.reports.parliament import UnknownEntityError

FORMATS = ("csv", "xlsx")


class Command(DomainCommand):
    help = gettext_lazy("Export the ledger, or what one payroll month pays, as CSV or XLSX.")

    def add_arguments(self, parser):
        exports = parser.add_subparsers(
            dest="what",
            required=True,
            metavar="{ledger,payroll}",
            help=gettext_lazy("what to export"),
        )
        ledger = exports.add_parser(
            "ledger",
            help=gettext_lazy("every ledger line (filters on the month concerned)"),
            description=gettext_lazy("Every ledger line (filters on the month concerned)."),
        )
        payroll = exports.add_parser(
            "payroll",
            help=gettext_lazy("one row per employee and pay code of a payroll month"),
            description=gettext_lazy("One row per employee and pay code of a payroll month."),
        )
        for sub in (ledger, payroll):
            sub.add_argument(
                "--format",
                dest="fmt",
                choices=FORMATS,
                help=gettext_lazy("csv or xlsx; default: from the --out suffix, else csv"),
            )
            sub.add_argument(
                "--dialect",
                choices=tuple(DIALECTS),
                default="be",
                help=gettext_lazy(
                    "for CSV: be (default: semicolon, decimal comma, headers in the chosen "
                    "language, for Excel) or iso (comma, decimal point, column names, for programs)"
                ),
            )
            sub.add_argument(
                "--out",
                required=True,
                metavar="FILE|-",
                help=gettext_lazy("a file, or - for standard output"),
            )
            # Also after the subcommand, as `export ledger ... --lang en`.
            sub.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=LANG_HELP)
        ledger.add_argument(
            "--from",
            dest="month_from",
            type=month_arg,
            metavar="YYYY-MM",
            help=gettext_lazy("first month concerned (default: the first there is)"),
        )
        ledger.add_argument(
            "--to",
            dest="month_to",
            type=month_arg,
            metavar="YYYY-MM",
            help=gettext_lazy("last month concerned, included (default: the last there is)"),
        )
        ledger.add_argument(
            "--entity",
            dest="entity_code",
            metavar="CODE",
            help=gettext_lazy("only the lines of this entity"),
        )
        payroll.add_argument(
            "--month",
            type=month_arg,
            required=True,
            metavar="YYYY-MM",
            help=gettext_lazy("the payroll month (the lines booked in it)"),
        )

    def handle(self, *args, what, fmt, dialect, out, **options):
        fmt = fmt or ("xlsx" if out.lower().endswith(".xlsx") else "csv")
        target = self._target(out, fmt)
        try:
            if what == "ledger":
                rows = export_ledger(
                    out=target,
                    fmt=fmt,
                    dialect=dialect,
                    month_from=options["month_from"],
                    month_to=options["month_to"],
                    entity_code=options["entity_code"],
                )
            else:
                rows = export_payroll(month=options["month"], out=target, fmt=fmt, dialect=dialect)
        except (UnknownEntityError, ExportError) as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            if out == "-":
                raise  # a closed pipe: the console script ends quietly
            raise CommandError(
                _("cannot write %(file)s: %(reason)s")
                % {"file": out, "reason": error.strerror or error}
            ) from error
        # With `--out -` the data is on stdout: the summary goes to stderr.
        report = self.stderr if out == "-" else self.stdout
        report.write(
            ngettext(
                "%(what)s: %(rows)s row written to %(target)s",
                "%(what)s: %(rows)s rows written to %(target)s",
                rows,
            )
            % {
                "what": what,
                "rows": rows,
                "target": _("standard output") if out == "-" else out,
            },
            self.style.SUCCESS,
        )
        if what == "payroll" and not month_is_closed(options["month"]):
            self.stderr.write(
                _(
                    "%(month)s is not closed: the export is provisional (column status = "
                    "provisional); a recomputation can still change it"
                )
                % {"month": format_month(options["month"])}
            )

    def _target(self, out: str, fmt: str):
        if out != "-":
            return Path(out)
        if fmt == "csv":
            return _Text(self.stdout)
        buffer = getattr(self.stdout, "buffer", None)
        if buffer is None:
            raise CommandError(_("xlsx to standard output needs a binary stdout; use --out FILE"))
        return buffer


class _Text:
    """Django's OutputWrapper adds a newline to each write; CSV rows bring their own."""

    def __init__(self, wrapper):
        self._wrapper = wrapper

    def write(self, text: str) -> None:
        self._wrapper.write(text, ending="")
