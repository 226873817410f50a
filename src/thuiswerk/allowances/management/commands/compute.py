from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from thuiswerk.allowances.models import LedgerLine
from thuiswerk.allowances.services import ledger_compute
from thuiswerk.core.cli_args import ACTOR_HELP, default_actor, month_arg
from thuiswerk.core.commands import DomainCommand
from thuiswerk.core.formatting import format_money, format_number
from thuiswerk.core.months import format_month

WARNINGS_SHOWN = 20
WARNING_TEXTS = {
    "unmatched_invoice": gettext_lazy(
        "invoice without a due third-party payer month: %(employee)s %(month)s, %(amount)s"
    ),
    "missing_invoice": gettext_lazy(
        "third-party payer month without an invoice (cost 0.00 for now): %(employee)s %(month)s"
    ),
}


class Command(DomainCommand):
    help = gettext_lazy(
        "Compute the ledger for a range of months: open months are replaced, closed months get "
        "corrections."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="month_from",
            type=month_arg,
            required=True,
            metavar="YYYY-MM",
            help=gettext_lazy("first month to compute"),
        )
        parser.add_argument(
            "--to",
            dest="month_to",
            type=month_arg,
            required=True,
            metavar="YYYY-MM",
            help=gettext_lazy("last month to compute (included)"),
        )
        parser.add_argument("--actor", default=default_actor(), help=ACTOR_HELP)

    def handle(self, *args, month_from, month_to, actor, **options):
        run = ledger_compute(
            month_from=month_from,
            month_to=month_to,
            actor=actor,
            progress=self.progress_wanted(options),
        )
        stats = run.stats
        kinds = ", ".join(
            f"{LedgerLine.Kind(kind).label} {count}"
            for kind, count in sorted(stats["by_kind"].items())
        )
        self.stdout.write(
            ngettext(
                "run %(run)s: %(first)s..%(last)s, %(months)s employee-months, %(written)s line "
                "written (%(kinds)s), %(unchanged)s unchanged, %(removed)s removed, %(seconds)s s",
                "run %(run)s: %(first)s..%(last)s, %(months)s employee-months, %(written)s lines "
                "written (%(kinds)s), %(unchanged)s unchanged, %(removed)s removed, %(seconds)s s",
                stats["lines_written"],
            )
            % {
                "run": run.pk,
                "first": format_month(month_from),
                "last": format_month(month_to),
                "months": stats["employee_months"],
                "written": stats["lines_written"],
                "kinds": kinds or pgettext("cli", "none"),
                "unchanged": stats["lines_unchanged"],
                "removed": stats["lines_removed"],
                "seconds": format_number(stats["seconds"]),
            }
        )
        for warning in run.warnings[:WARNINGS_SHOWN]:
            self.stdout.write(_("warning: %(text)s") % {"text": warning_text(warning)})
        if len(run.warnings) > WARNINGS_SHOWN:
            self.stdout.write(
                _("... and %(more)s more warnings (see run %(run)s)")
                % {"more": len(run.warnings) - WARNINGS_SHOWN, "run": run.pk}
            )


def warning_text(warning: dict) -> str:
    """A run's warning (as stored: a code and its values) in the active language."""
    values = {"employee": warning["employee_id"], "month": warning["month"]}
    if "amount" in warning:
        values["amount"] = format_money(Decimal(warning["amount"]))
    text = WARNING_TEXTS.get(warning["code"])
    if text is None:  # a code this command does not know yet: its values as they are
        return " ".join([warning["code"], *map(str, values.values())])
    return str(text) % values
