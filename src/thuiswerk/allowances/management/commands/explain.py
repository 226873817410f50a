from django.core.management.base import CommandError

from thuiswerk.allowances.selectors import month_explanation
from thuiswerk.core.cli_args import month_arg
from thuiswerk.core.commands import DomainCommand
from thuiswerk.core.months import format_month
from thuiswerk.people.models import Employee

FACT_LABELS = [
    ("employed_days", "employed days (working days in employment)"),
    ("absent_days", "absent days"),
    ("present_days", "present days"),
    ("home_days", "home days"),
    ("has_agreement", "approved agreement"),
    ("internet_option", "internet option (on the last employed day)"),
    ("last_employed_day", "last employed day"),
]


class Command(DomainCommand):
    help = "Show one employee's month facts, the parameter values used, and why each measure is or is not due."

    def add_arguments(self, parser):
        parser.add_argument("employee_id", help="personnel number")
        parser.add_argument("--month", type=month_arg, required=True, metavar="YYYY-MM")

    def handle(self, *args, employee_id, month, **options):
        try:
            x = month_explanation(personnel_number=employee_id, month=month)
        except Employee.DoesNotExist:
            raise CommandError(f"unknown employee: {employee_id}") from None
        out = self.stdout.write
        e = x.employee
        out(f"{e.personnel_number} {e.first_name} {e.last_name} — {format_month(month)}")
        out("\nEmployment")
        for p in x.periods:
            out(f"  {p.entity.code:<8} {p.start_date} .. {p.end_date or 'open'}  fte {p.fte}")
        out("\nAgreements")
        for a in x.agreements or []:
            out(f"  {a.valid_from} .. {a.valid_to or 'open'}  {a.days_per_week} d/week  {a.status}")
        if not x.agreements:
            out("  none")
        out("\nMonth facts")
        if x.facts is None:
            out("  no employed day in this month: nothing is due")
        else:
            out(f"  {'entity':<45} {x.entity.code} {x.entity.name}")
            for key, label in FACT_LABELS:
                value = x.facts[key]
                value = ("yes" if value else "no") if isinstance(value, bool) else value
                out(
                    f"  {label:<45} {value:g}"
                    if isinstance(value, float)
                    else f"  {label:<45} {value}"
                )
        out(f"\nParameters in force on {month.isoformat()}")
        for name, p in sorted(x.parameters.items()):
            flag = " (assumption)" if p.assumption else ""
            out(f"  {name:<30} {p.value:<18} from {p.effective_from}{flag}  — {p.legal_source}")
        out("\nMeasures")
        for v in x.verdicts:
            out(f"  {v.measure:<9} {'DUE' if v.due else 'not due'}: " + "; ".join(v.reasons))
        for line in x.due_lines:
            out(
                f"    -> {line['measure']:<22} employee {line['employee_amount']:>8}  employer {line['employer_cost']:>8}"
            )
        out("\nLedger lines stored for this month")
        for line in x.stored_lines:
            out(
                f"  {line.measure:<22} {line.kind:<11} booked {format_month(line.booked_in)}  "
                f"employee {line.employee_amount:>8}  employer {line.employer_cost:>8}  {line.entity.code}  run {line.run_id}"
            )
        if not x.stored_lines:
            out("  none")
