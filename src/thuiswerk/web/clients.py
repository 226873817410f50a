"""Who is logging in, for the login throttling (django-axes, settings AXES_*_CALLABLE)."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind the TLS proxy (THUISWERK_BEHIND_PROXY=1) the
    last address of X-Forwarded-For, the one the proxy itself added (earlier ones are whatever
    the client sent, so never trusted)."""
    if settings.THUISWERK_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def login_name(request: HttpRequest, credentials: dict | None) -> str:
    """The e-mail address tried, as the login matches it (case and spaces do not count), so that
    `Eva@x.be` and `eva@x.be ` are one user for the lock too."""
    name = (credentials or {}).get("username") or request.POST.get("username", "")
    return name.strip().lower()
