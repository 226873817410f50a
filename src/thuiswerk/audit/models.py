from django.db import models
from django.db.models import Q

# The registrations of days: by far the most frequent events, and none changes a stored figure
# until a run books it (the run writes its own event). The dashboards' figures are as new as the
# newest other event (backoffice.selectors.figures_version), found through the index below.
DAY_REGISTRATION_ACTIONS = ("registration.set", "registration.pattern")


class AuditEvent(models.Model):
    """One write to the domain: who did what, to which object, when and why."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.CharField(max_length=150)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    # The object's values before and after the change (null: it did not exist before / after).
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(
                fields=["-id"],
                condition=~Q(action__in=DAY_REGISTRATION_ACTIONS),
                name="audit_not_registration_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_type} {self.object_id}"
