"""Ledger lines get a digest of what they say, and the covering index gets the line's payroll
month and digest: a run then reads the places and digests of the stored lines from the index
alone (lines written before have none and are rewritten once, by the next run).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("allowances", "0004_dutch_legal_sources"),
        ("people", "0002_period_no_overlap_postgresql"),
    ]

    operations = [
        migrations.AddField(
            model_name="ledgerline",
            name="digest",
            field=models.BigIntegerField(
                editable=False,
                help_text="digest of everything the line says, set by the run",
                null=True,
            ),
        ),
        migrations.RemoveIndex(
            model_name="ledgerline",
            name="ledger_month_cover_idx",
        ),
        migrations.AddIndex(
            model_name="ledgerline",
            index=models.Index(
                fields=[
                    "month",
                    "measure",
                    "entity",
                    "employee",
                    "units",
                    "employee_amount",
                    "employer_cost",
                    "booked_in",
                    "digest",
                ],
                include=("id",),
                name="ledger_month_cover_idx",
            ),
        ),
    ]
