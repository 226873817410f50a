from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.Model):
    """An item of material support handed to an employee; spending of `entity` in its year."""

    class Category(models.TextChoices):
        CHAIR = "chair", _("office chair")
        SCREEN = "screen", _("screen")
        LAPTOP = "laptop", _("laptop")
        DESK = "desk", _("desk")
        HEADSET = "headset", _("headset")
        OTHER = "other", _("other")

    class Ownership(models.TextChoices):
        LOAN = "loan", _("loan")
        GIFT = "gift", _("gift")

    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="deliveries"
    )
    entity = models.ForeignKey(
        "people.Entity",
        on_delete=models.PROTECT,
        related_name="deliveries",
        help_text="the employee's entity on delivered_on",
    )
    item = models.CharField(max_length=200)
    category = models.CharField(max_length=16, choices=Category.choices)
    delivered_on = models.DateField()
    cost = models.DecimalField(max_digits=10, decimal_places=2)
    ownership = models.CharField(max_length=8, choices=Ownership.choices)
    returned_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["delivered_on", "employee"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "item", "delivered_on"], name="delivery_unique"
            ),
        ]
        indexes = [models.Index(fields=["entity", "delivered_on"])]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.item} {self.delivered_on}"
