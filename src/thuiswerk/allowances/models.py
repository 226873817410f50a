import json

from django.db import models
from django.utils.translation import gettext_lazy as _

from thuiswerk.rules import booking


class ParameterValue(models.Model):
    """A rule parameter's value from a date on (Odoo-style dated values); the past is never rewritten."""

    name = models.CharField(max_length=64)
    value = models.CharField(
        max_length=64, help_text="as text: a date, a decimal, an integer or a name"
    )
    effective_from = models.DateField()
    legal_source = models.TextField()
    assumption = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "effective_from"], name="parameter_unique_from"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} = {self.value} from {self.effective_from}"


class LedgerMonth(models.Model):
    """A payroll month's state. A month without a row is open."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed (paid)")

    month = models.DateField(unique=True, help_text="first day of the month")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.status}"


class ComputationRun(models.Model):
    """One execution of the monthly computation over a range of months."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    actor = models.CharField(max_length=150)
    month_from = models.DateField()
    month_to = models.DateField()
    parameters = models.JSONField(default=list, help_text="the parameter values the run could use")
    stats = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(
        default=list, blank=True, help_text="e.g. unmatched invoices, missing invoices"
    )

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"run {self.pk} {self.month_from:%Y-%m}..{self.month_to:%Y-%m}"


LEDGER_COVER_INDEX = "ledger_month_cover_idx"  # named in hand-written SQL too


class LedgerLine(models.Model):
    """What is due to (or paid for) one employee for one month and measure.

    `month` is the month the line concerns; `booked_in` the payroll month that pays it. An
    entitlement is booked in its own month; a correction (new - old, for a closed month) in the
    first open month after it.
    """

    class Measure(models.TextChoices):
        INTERNET_FORFAIT = "INTERNET_FORFAIT", _("internet allowance, flat rate")
        INTERNET_THIRD_PARTY = "INTERNET_THIRD_PARTY", _("internet allowance, third-party payer")
        INTERNET_BIK = "INTERNET_BIK", _("benefit in kind, internet")
        HOMEWORK = "HOMEWORK", _("home-working allowance")

    class Kind(models.TextChoices):
        ENTITLEMENT = booking.ENTITLEMENT, _("entitlement")
        CORRECTION = booking.CORRECTION, _("correction")

    # Millions of rows: no single-column foreign key indexes (the covering index serves the
    # lookups), so that a run's bulk insert and delete stay fast.
    run = models.ForeignKey(
        ComputationRun, on_delete=models.PROTECT, related_name="lines", db_index=False
    )
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="ledger_lines", db_index=False
    )
    entity = models.ForeignKey(
        "people.Entity", on_delete=models.PROTECT, related_name="ledger_lines", db_index=False
    )
    month = models.DateField()
    booked_in = models.DateField()
    measure = models.CharField(max_length=24, choices=Measure.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    employee_amount = models.DecimalField(max_digits=10, decimal_places=2)
    employer_cost = models.DecimalField(max_digits=10, decimal_places=2)
    units = models.SmallIntegerField(
        default=1,
        help_text="+1 when the line grants the measure, -1 when a correction withdraws it, 0 when a "
        "correction only changes an amount: the sum over a month says whether the measure was due",
    )
    # JSON kept as text, byte for byte as the engine wrote it (jsonb would reformat it), so that a
    # run can tell an unchanged line from a changed one and leave it alone.
    explanation = models.TextField(
        default="{}", help_text="JSON: the month facts and parameter values used"
    )
    # A run compares what it would write with what is stored through this 64-bit digest of the
    # line (amounts, units, kind, explanation...) instead of reading back every explanation.
    # Null (a line not written by a run) never equals a digest, so such a line is rewritten.
    digest = models.BigIntegerField(
        null=True, editable=False, help_text="digest of everything the line says, set by the run"
    )

    class Meta:
        ordering = ["month", "employee", "measure"]
        # What identifies a line: one per employee, month, measure and entity in each payroll
        # month. A closed payroll month's lines stay; an unpaid line (entitlement or correction)
        # is replaced by the next run, never stacked. So no bug can book a line twice.
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "month", "measure", "entity", "booked_in"],
                name="ledger_line_unique",
            ),
        ]
        indexes = [
            # Serves the run (a month range: what was paid, the places and digests of what is
            # stored) and the reports (counts and sums per employee, entity and measure) from
            # the index alone, never reading the table (PostgreSQL: with the id included).
            models.Index(
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
                include=["id"],
                name=LEDGER_COVER_INDEX,
            ),
            models.Index(fields=["booked_in"], name="ledger_booked_in_idx"),
            # The API's pages of an entity's lines (GET /ledger-lines?entity=&month= or
            # &booked_in=), in id order: the first page and every next one are a range of these,
            # not a sort of the month's tens of thousands of lines.
            models.Index(fields=["entity", "month", "id"], name="ledger_entity_month_idx"),
            models.Index(fields=["entity", "booked_in", "id"], name="ledger_entity_booked_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.month:%Y-%m} {self.measure} {self.employee_amount}"

    @property
    def explanation_data(self) -> dict:
        return json.loads(self.explanation)
