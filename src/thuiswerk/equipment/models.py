from django.core.validators import MinValueValidator
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


class CatalogItem(models.Model):
    """An item an entity offers its staff: what an employee can ask for, at what cost."""

    entity = models.ForeignKey(
        "people.Entity",
        on_delete=models.PROTECT,
        related_name="catalog_items",
        verbose_name=_("entity"),
    )
    name = models.CharField(_("item"), max_length=200)
    category = models.CharField(_("category"), max_length=16, choices=Delivery.Category.choices)
    unit_cost = models.DecimalField(
        _("unit cost"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    max_per_employee = models.PositiveSmallIntegerField(
        _("maximum per employee"), default=1, validators=[MinValueValidator(1)]
    )
    ownership = models.CharField(
        _("loan or gift"), max_length=8, choices=Delivery.Ownership.choices
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["entity", "category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["entity", "name"], name="catalog_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.entity_id} {self.name}"


class EquipmentRequest(models.Model):
    """An employee's request for one catalog item, through her supervisor and HR to a delivery."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("awaiting the supervisor")
        SUPERVISOR_APPROVED = "supervisor_approved", _("awaiting HR")
        HR_APPROVED = "hr_approved", _("approved, to be delivered")
        DELIVERED = "delivered", _("delivered")
        RETURNED = "returned", _("returned")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # Requests that hold one of the employee's "maximum per employee" places for their item.
    HOLDING = (
        Status.REQUESTED,
        Status.SUPERVISOR_APPROVED,
        Status.HR_APPROVED,
        Status.DELIVERED,
    )

    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="equipment_requests"
    )
    entity = models.ForeignKey(
        "people.Entity",
        on_delete=models.PROTECT,
        related_name="equipment_requests",
        help_text="the employee's entity on requested_on",
    )
    item = models.ForeignKey(CatalogItem, on_delete=models.PROTECT, related_name="requests")
    cost = models.DecimalField(max_digits=10, decimal_places=2, help_text="unit cost when asked")
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.REQUESTED)
    requested_on = models.DateField()
    motivation = models.TextField(blank=True)
    supervisor = models.ForeignKey(
        "people.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="equipment_decisions",
        help_text="the supervisor who decided",
    )
    supervisor_at = models.DateTimeField(null=True, blank=True)
    supervisor_reason = models.TextField(blank=True)
    hr_actor = models.CharField(max_length=150, blank=True, help_text="the HR officer who decided")
    hr_at = models.DateTimeField(null=True, blank=True)
    hr_reason = models.TextField(blank=True)
    # The budget year the HR approval was checked against, and why HR went over it.
    budget_year = models.PositiveSmallIntegerField(null=True, blank=True)
    override_reason = models.TextField(blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    delivery = models.OneToOneField(
        Delivery,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="request",
    )

    class Meta:
        ordering = ["-requested_on", "-id"]
        indexes = [
            models.Index(fields=["entity", "status"]),
            models.Index(fields=["employee", "item"]),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.item_id} {self.status}"

    @property
    def is_loan(self) -> bool:
        return self.item.ownership == Delivery.Ownership.LOAN
