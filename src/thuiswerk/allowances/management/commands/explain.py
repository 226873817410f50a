from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuiswerk.allowances.selectors import MonthExplanation, month_explanation
from thuiswerk.core.cli_args import month_arg
from thuiswerk.core.commands import DomainCommand
from thuiswerk.core.months import format_month
from thuiswerk.people.models import Employee

FACT_LABELS = [
    ("employed_days", gettext_lazy("employed days (working days in employment)")),
    ("absent_days", gettext_lazy("absent days")),
    ("present_days", gettext_lazy("present days")),
    ("home_days", gettext_lazy("home days")),
    ("has_agreement", gettext_lazy("approved agreement")),
    ("internet_option", gettext_lazy("internet option (on the last employed day)")),
    ("last_employed_day", gettext_lazy("last employed day")),
]
WIDTH = 48


class Command(DomainCommand):
    help = "Show one employee's month facts, the parameter values used, and why each measure is or is not due."

    def add_arguments(self, parser):
        parser.add_argument("employee_id", help="personnel number")
        parser.add_argument("--month", type=month_arg, required=True, metavar="YYYY-MM")

    def handle(self, *args, employee_id, month, lang, **options):
        with translation.override(lang):
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
            out(f"  {p.entity.code:<8} {p.start_date} .. {p.end_date or _('open')}  fte {p.fte}")
        out("\n" + _("Agreements"))
        for a in x.agreements:
            out(
                f"  {a.valid_from} .. {a.valid_to or _('open')}  {a.days_per_week} d/week  {a.status}"
            )
        if not x.agreements:
            out("  " + _("none"))
        out("\n" + _("Month facts"))
        if x.facts is None:
            out("  " + _("no employed day in this month: nothing is due"))
        else:
            out(f"  {_('entity'):<{WIDTH}} {x.entity.code} {x.entity.name}")
            for key, label in FACT_LABELS:
                value = x.facts[key]
                if isinstance(value, bool):
                    value = _("yes") if value else _("no")
                elif isinstance(value, float):
                    value = f"{value:g}"
                out(f"  {label!s:<{WIDTH}} {value}")
        out("\n" + _("Parameters in force on %(day)s") % {"day": x.month.isoformat()})
        for name, p in sorted(x.parameters.items()):
            flag = " " + _("(assumption)") if p.assumption else ""
            out(
                f"  {name:<30} {p.value:<18} {_('from')} {p.effective_from}{flag}  — {p.legal_source}"
            )
        out("\n" + _("Measures"))
        for v in x.verdicts:
            out(f"  {v.measure:<9} {_('DUE') if v.due else _('not due')}: " + "; ".join(v.reasons))
        for line in x.due_lines:
            out(
                f"    -> {line['measure']:<22} {_('employee')} {line['employee_amount']:>8}"
                f"  {_('employer')} {line['employer_cost']:>8}"
            )
        out("\n" + _("Ledger lines stored for this month"))
        for line in x.stored_lines:
            out(
                f"  {line.measure:<22} {line.kind:<11} {_('booked in')} {format_month(line.booked_in)}  "
                f"{_('employee')} {line.employee_amount:>8}  {_('employer')} {line.employer_cost:>8}  "
                f"{line.entity.code}  run {line.run_id}"
            )
        if not x.stored_lines:
            out("  " + _("none"))
