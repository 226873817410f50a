from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Agreement(models.Model):
    """A hybrid-work agreement; only `approved` ones count for the allowances."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="agreements"
    )
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text="inclusive; empty = open")
    days_per_week = models.DecimalField(max_digits=2, decimal_places=1)
    status = models.CharField(max_length=16, choices=Status.choices)
    approved_by = models.ForeignKey(
        "people.Employee", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_on = models.DateField(null=True, blank=True)
    # The web workflow's record (empty for imported agreements): when the employee asked, who
    # decided when, and why (a rejection needs a reason). The audit trail keeps each transition.
    requested_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "people.Employee", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # A database default, so that the import's bulk insert (which names only its own columns) works.
    decision_reason = models.TextField(blank=True, db_default="")

    class Meta:
        ordering = ["employee", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "valid_from"], name="agreement_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="agreement_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.valid_from}..{self.valid_to or ''} {self.status}"


class Registration(models.Model):
    """Where an employee worked on one day (or half day)."""

    class Location(models.TextChoices):
        HOME = "home", _("home")
        OFFICE = "office", _("office")
        OTHER = "other", _("other location")
        ABSENT = "absent", _("absent")

    class Part(models.TextChoices):
        FULL = "full", _("full day")
        AM = "am", _("morning")
        PM = "pm", _("afternoon")

    # The unique (employee, date, part) index serves lookups by employee.
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="registrations", db_index=False
    )
    date = models.DateField()
    location = models.CharField(max_length=8, choices=Location.choices)
    part = models.CharField(max_length=4, choices=Part.choices, default=Part.FULL)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "date", "part"], name="registration_unique_part"
            ),
        ]
        # Covers the monthly run's read (a date range, home and absent days): an index-only range
        # scan, where a plain date index made SQLite jump to the table for every row.
        indexes = [
            models.Index(
                fields=["date", "location", "employee", "part"], name="registration_date_cover_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.date} {self.part} {self.location}"


class InternetOption(models.Model):
    """The employee's choice between the flat allowance and the third-party payer, from a date."""

    class Option(models.TextChoices):
        FORFAIT = "forfait", _("flat rate")
        THIRD_PARTY = "third_party", _("third-party payer")

    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="internet_options"
    )
    option = models.CharField(max_length=16, choices=Option.choices)
    valid_from = models.DateField()
    provider = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["employee", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "valid_from"], name="internet_option_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.option} from {self.valid_from}"


class ThirdPartyInvoice(models.Model):
    """What the employer paid an internet provider for an employee's subscription in a month."""

    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="invoices"
    )
    month = models.DateField(help_text="first day of the month")
    provider = models.CharField(max_length=100)
    amount = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["employee", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "month", "provider"], name="invoice_unique"
            ),
        ]
        indexes = [models.Index(fields=["month"])]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.month:%Y-%m} {self.provider} {self.amount}"
