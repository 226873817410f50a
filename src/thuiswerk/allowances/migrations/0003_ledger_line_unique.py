"""One ledger line per employee, month, measure, entity and payroll month.

A ledger written by two runs at once (before the run lock) can hold a line twice. Before the
constraint: duplicates that no closed month paid are deleted (the next run books them again);
duplicates in a closed month were paid twice, so they are merged into one line with the sums,
and the next run books the overpayment back as a correction. Each change is audited.
"""

from django.db import migrations, models
from django.db.models import Count, Min, Sum

KEY = ["employee", "month", "measure", "entity", "booked_in"]


def merge_duplicates(apps, schema_editor):
    line_model = apps.get_model("allowances", "LedgerLine")
    month_model = apps.get_model("allowances", "LedgerMonth")
    event_model = apps.get_model("audit", "AuditEvent")
    closed = set(month_model.objects.filter(status="closed").values_list("month", flat=True))
    duplicates = (
        line_model.objects.values(*KEY)
        .annotate(
            n=Count("id"),
            keep=Min("id"),
            amount=Sum("employee_amount"),
            cost=Sum("employer_cost"),
            units=Sum("units"),
        )
        .filter(n__gt=1)
    )
    for group in duplicates:
        lines = line_model.objects.filter(**{name: group[name] for name in KEY})
        before = [
            {"id": line.id, "amount": str(line.employee_amount), "cost": str(line.employer_cost)}
            for line in lines
        ]
        if group["booked_in"] in closed:
            lines.filter(id=group["keep"]).update(
                employee_amount=group["amount"], employer_cost=group["cost"], units=group["units"]
            )
            lines.exclude(id=group["keep"]).delete()
            action = "ledger.merge_duplicates"
        else:
            lines.delete()
            action = "ledger.delete_duplicates"
        event_model.objects.create(
            actor="migration",
            action=action,
            object_type="ledgerline",
            object_id=str(group["keep"]),
            reason="a ledger line stored more than once (before the unique constraint)",
            before={"lines": before},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("allowances", "0002_alter_ledgerline_kind_alter_ledgerline_measure_and_more"),
        ("audit", "0002_auditevent_before_after"),
        ("people", "0002_period_no_overlap_postgresql"),
    ]

    operations = [
        migrations.RunPython(merge_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="ledgerline",
            constraint=models.UniqueConstraint(
                fields=("employee", "month", "measure", "entity", "booked_in"),
                name="ledger_line_unique",
            ),
        ),
    ]
