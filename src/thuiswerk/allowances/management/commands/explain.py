from datetime import date
from decimal import Decimal

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from thuiswerk.allowances.models import LedgerLine
from thuiswerk.allowances.selectors import MonthExplanation, month_explanation
from thuiswerk.core.cli_args import month_arg
from thuiswerk.core.commands import DomainCommand
from thuiswerk.core.formatting import format_date, format_money, format_number
from thuiswerk.core.labels import parameter_label
from thuiswerk.core.months import format_month
from thuiswerk.people.models import Employee
from thuiswerk.telework.models import Agreement, InternetOption

from .rules import effective_text, parameter_value_text

FACT_LABELS = [
    ("employed_days", gettext_lazy("employed days (working days in employment)")),
    ("absent_days", gettext_lazy("absent days")),
    ("present_days", gettext_lazy("present days")),
    ("home_days", gettext_lazy("home days")),
    ("has_agreement", gettext_lazy("approved agreement")),
    ("internet_option", gettext_lazy("internet option (on the last employed day)")),
    ("last_employed_day", gettext_lazy("last employed day")),
]
# The two measures as `explain` judges them; the ledger splits the internet allowance in three.
VERDICT_LABELS = {
    "INTERNET": gettext_lazy("internet allowance"),
    "HOMEWORK": LedgerLine.Measure.HOMEWORK.label,
}
WIDTH = 48


def days_text(value: float | int | Decimal) -> str:
    """A count of days: `4`, or `2,5` with a half day."""
    return format_number(value, 0 if value == int(value) else 1)


def fact_text(value) -> str:
    if isinstance(value, bool):
        return pgettext("cli", "yes") if value else pgettext("cli", "no")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, int | float):
        return days_text(value)
    if value in InternetOption.Option.values:
        return str(InternetOption.Option(value).label)
    return pgettext("cli", "none") if value is None else str(value)


class Command(DomainCommand):
    help = gettext_lazy(
        "Show one employee's month facts, the parameter values used, and why each measure is or "
        "is not due."
    )

    def add_arguments(self, parser):
        parser.add_argument("employee_id", help=gettext_lazy("personnel number"))
        parser.add_argument(
            "--month",
            type=month_arg,
            required=True,
            metavar="YYYY-MM",
            help=gettext_lazy("the month to explain"),
        )

    def handle(self, *args, employee_id, month, **options):
        try:
            explanation = month_explanation(personnel_number=employee_id, month=month)
        except Employee.DoesNotExist:
            raise CommandError(_("unknown employee: %(id)s") % {"id": employee_id}) from None
        self._render(explanation)

    def _render(self, x: MonthExplanation) -> None:
        out = self.stdout.write
        e = x.employee
        out(f"{e.personnel_number} {e.first_name} {e.last_name} — {format_month(x.month)}")
        out("\n" + _("Employment"))
        for p in x.periods:
            end = format_date(p.end_date) if p.end_date else pgettext("cli", "open")
            out(
                f"  {p.entity.code:<8} {format_date(p.start_date)} .. {end}  "
                + _("FTE %(fte)s") % {"fte": format_number(p.fte)}
            )
        out("\n" + _("Agreements"))
        for a in x.agreements:
            end = format_date(a.valid_to) if a.valid_to else pgettext("cli", "open")
            out(
                f"  {format_date(a.valid_from)} .. {end}  "
                + _("%(days)s day(s) a week") % {"days": days_text(a.days_per_week)}
                + f"  {Agreement.Status(a.status).label}"
            )
        if not x.agreements:
            out("  " + pgettext("cli", "none"))
        out("\n" + _("Month facts"))
        if x.facts is None:
            out("  " + _("no employed day in this month: nothing is due"))
        else:
            out(f"  {pgettext('cli', 'entity'):<{WIDTH}} {x.entity.code} {x.entity.name}")
            for key, label in FACT_LABELS:
                out(f"  {label!s:<{WIDTH}} {fact_text(x.facts[key])}")
        out("\n" + _("Parameters in force on %(day)s") % {"day": format_date(x.month)})
        width = max(map(len, map(parameter_label, x.parameters)), default=0)
        for name, p in sorted(x.parameters.items()):
            flag = " " + _("(assumption)") if p.assumption else ""
            out(
                f"  {parameter_label(name):<{width}} {parameter_value_text(name, p.value):<18} "
                f"{effective_text(p.effective_from)}{flag}  — {p.legal_source}"
            )
        out("\n" + _("Measures"))
        for v in x.verdicts:
            verdict = _("DUE") if v.due else _("not due")
            out(f"  {VERDICT_LABELS[v.measure]!s}: {verdict}: " + "; ".join(v.reasons))
        for line in x.due_lines:
            out(
                f"    -> {LedgerLine.Measure(line['measure']).label!s}: "
                + _("employee %(amount)s") % {"amount": format_money(line["employee_amount"])}
                + ", "
                + _("employer %(amount)s") % {"amount": format_money(line["employer_cost"])}
            )
        out("\n" + _("Ledger lines stored for this month"))
        for line in x.stored_lines:
            out(
                f"  {LedgerLine.Measure(line.measure).label!s}, {LedgerLine.Kind(line.kind).label}, "
                + _("booked in %(month)s") % {"month": format_month(line.booked_in)}
                + ", "
                + _("employee %(amount)s") % {"amount": format_money(line.employee_amount)}
                + ", "
                + _("employer %(amount)s") % {"amount": format_money(line.employer_cost)}
                + f", {line.entity.code}, "
                + _("run %(run)s") % {"run": line.run_id}
            )
        if not x.stored_lines:
            out("  " + pgettext("cli", "none"))
