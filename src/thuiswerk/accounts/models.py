from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.Model):
    """What a user may do, and for whom. A user holds one or more roles; `accounts.scope` turns
    them into the one Scope every selector filters by."""

    class Kind(models.TextChoices):
        EMPLOYEE = "employee", _("employee")
        SUPERVISOR = "supervisor", _("supervisor")
        HR = "hr", _("HR officer")
        ADMIN = "admin", _("central administrator")
        AUDITOR = "auditor", _("auditor")

    # Roles that act as a person (her own data, her team) and roles that act for entities.
    PERSONAL = (Kind.EMPLOYEE, Kind.SUPERVISOR)
    FOR_ENTITIES = (Kind.HR, Kind.AUDITOR)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    employee = models.ForeignKey(
        "people.Employee",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        help_text="the employee this user is (employee and supervisor roles)",
    )
    entities = models.ManyToManyField(
        "people.Entity",
        blank=True,
        related_name="roles",
        help_text="the entities an HR officer or auditor works for",
    )
    all_entities = models.BooleanField(
        default=False, help_text="an auditor for every entity (an admin always has every entity)"
    )

    class Meta:
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="role_unique_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=["employee", "supervisor"], employee__isnull=False)
                | Q(~Q(kind__in=["employee", "supervisor"]), employee__isnull=True),
                name="role_employee_for_personal_roles",
            ),
            models.CheckConstraint(
                condition=Q(all_entities=False) | Q(kind="auditor"),
                name="role_all_entities_only_auditor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}"
