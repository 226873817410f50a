from decimal import Decimal

from django.db import models
from django.db.models import Q


class Entity(models.Model):
    """An organisation of the administration (department or agency), e.g. AIV."""

    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "entities"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Employee(models.Model):
    personnel_number = models.CharField(max_length=32, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["personnel_number"]

    def __str__(self) -> str:
        return f"{self.personnel_number} {self.first_name} {self.last_name}"


class EmploymentPeriod(models.Model):
    """One period of employment in one entity; an employee who moves has two periods.

    Periods of one employee never overlap: checked on import, and on PostgreSQL also by an
    exclusion constraint (migration 0002).
    """

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="periods")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="periods")
    fte = models.DecimalField(max_digits=4, decimal_places=3)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="inclusive; empty = open")
    supervisor = models.ForeignKey(
        Employee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised_periods",
    )

    class Meta:
        ordering = ["employee", "start_date"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "start_date"], name="period_unique_start"),
            models.CheckConstraint(
                condition=Q(fte__gt=Decimal("0")) & Q(fte__lte=Decimal("1")),
                name="period_fte_range",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="period_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["entity", "start_date"])]

    def __str__(self) -> str:
        return f"{self.employee_id} @ {self.entity_id} {self.start_date}..{self.end_date or ''}"
