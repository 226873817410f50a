from django.db import models


class FigureSnapshot(models.Model):
    """The dashboards' figures of one as-of day, computed once for every entity and for all
    (`selectors.figures_refresh`) and shared by every web process and the worker; `version` is
    the newest audit event when they were computed (a later event makes them stale)."""

    as_of = models.DateField(unique=True)
    version = models.BigIntegerField()
    payload = models.BinaryField()
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"figures {self.as_of} v{self.version}"
