from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessToken(models.Model):
    """A personal access token: a system acts as its user through the API, within the token's
    access (read or read-write) and entities. Only a digest of the token is kept: it is shown
    once, when it is made, and cannot be read back."""

    class Access(models.TextChoices):
        READ = "read", _("read only")
        WRITE = "write", _("read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(max_length=100, help_text="what the token is for, e.g. the system")
    prefix = models.CharField(max_length=12, help_text="the token's first characters, to tell it")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token")
    access = models.CharField(max_length=8, choices=Access.choices)
    entities = models.ManyToManyField(
        "people.Entity",
        blank=True,
        related_name="access_tokens",
        help_text="the entities the token is limited to (none: all of the user's entities)",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.CharField(max_length=254, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
