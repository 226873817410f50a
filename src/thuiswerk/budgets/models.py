from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    FINANCIAL = "financial", _("financial")
    MATERIAL = "material", _("material")


class BudgetLine(models.Model):
    """The amount an entity reserved for one kind of support in one year."""

    entity = models.ForeignKey(
        "people.Entity", on_delete=models.PROTECT, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField()
    measure = models.CharField(max_length=16, choices=Measure.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["entity", "year", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["entity", "year", "measure"], name="budget_line_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entity_id} {self.year} {self.measure} {self.amount}"


class PlannedInitiative(models.Model):
    """An initiative an entity plans (parliamentary questions 3 and 4)."""

    entity = models.ForeignKey(
        "people.Entity", on_delete=models.PROTECT, related_name="initiatives"
    )
    kind = models.CharField(max_length=16, choices=Measure.choices)
    title = models.CharField(max_length=200)
    motivation = models.TextField(blank=True)
    planned_from = models.DateField(null=True, blank=True)
    planned_to = models.DateField(null=True, blank=True)
    budget = models.DecimalField(max_digits=14, decimal_places=2, default=0)

    class Meta:
        ordering = ["entity", "planned_from", "title"]
        constraints = [
            models.UniqueConstraint(fields=["entity", "kind", "title"], name="initiative_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.entity_id} {self.kind} {self.title}"
