from pathlib import Path

from django.core.management.base import CommandError

from thuiswerk.core.cli_args import month_arg
from thuiswerk.core.commands import DomainCommand
from thuiswerk.core.months import format_month
from thuiswerk.reports.exports import export_ledger, export_payroll, month_is_closed
from thuiswerk.reports.parliament import UnknownEntityError

FORMATS = ("csv", "xlsx")


class Command(DomainCommand):
    help = "Export the ledger, or what one payroll month pays, as CSV or XLSX."

    def add_arguments(self, parser):
        exports = parser.add_subparsers(dest="what", required=True, metavar="{ledger,payroll}")
        ledger = exports.add_parser(
            "ledger", help="every ledger line (filters on the month concerned)"
        )
        payroll = exports.add_parser(
            "payroll", help="one row per employee and pay code of a payroll month"
        )
        for sub in (ledger, payroll):
            sub.add_argument(
                "--format",
                dest="fmt",
                choices=FORMATS,
                help="default: from the --out suffix, else csv",
            )
            sub.add_argument(
                "--out", required=True, metavar="FILE|-", help="a file, or - for standard output"
            )
        ledger.add_argument("--from", dest="month_from", type=month_arg, metavar="YYYY-MM")
        ledger.add_argument("--to", dest="month_to", type=month_arg, metavar="YYYY-MM")
        ledger.add_argument("--entity", dest="entity_code", metavar="CODE")
        payroll.add_argument("--month", type=month_arg, required=True, metavar="YYYY-MM")

    def handle(self, *args, what, fmt, out, **options):
        fmt = fmt or ("xlsx" if out.lower().endswith(".xlsx") else "csv")
        target = self._target(out, fmt)
        try:
            if what == "ledger":
                rows = export_ledger(
                    out=target,
                    fmt=fmt,
                    month_from=options["month_from"],
                    month_to=options["month_to"],
                    entity_code=options["entity_code"],
                )
            else:
                rows = export_payroll(month=options["month"], out=target, fmt=fmt)
        except UnknownEntityError as error:
            raise CommandError(str(error)) from error
        # With `--out -` the data is on stdout: the summary goes to stderr.
        report = self.stderr if out == "-" else self.stdout
        report.write(
            f"{what}: {rows} row(s) written to {'standard output' if out == '-' else out}",
            self.style.SUCCESS,
        )
        if what == "payroll" and not month_is_closed(options["month"]):
            self.stderr.write(
                f"{format_month(options['month'])} is not closed: the export is provisional "
                "(column status = provisional); a recomputation can still change it"
            )

    def _target(self, out: str, fmt: str):
        if out != "-":
            return Path(out)
        if fmt == "csv":
            return _Text(self.stdout)
        buffer = getattr(self.stdout, "buffer", None)
        if buffer is None:
            raise CommandError("xlsx to standard output needs a binary stdout; use --out FILE")
        return buffer


class _Text:
    """Django's OutputWrapper adds a newline to each write; CSV rows bring their own."""

    def __init__(self, wrapper):
        self._wrapper = wrapper

    def write(self, text: str) -> None:
        self._wrapper.write(text, ending="")
