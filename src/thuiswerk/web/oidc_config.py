"""The settings of single sign-on from the environment, read by settings.py (so this module
imports nothing of Django's apps); the backend and the URLs are in `thuiswerk.web.oidc`."""

import os

from django.core.exceptions import ImproperlyConfigured

REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
)
OPTIONAL = {
    "OIDC_OP_JWKS_ENDPOINT": "",  # needed for RS256/ES256 (the default algorithm)
    "OIDC_RP_SIGN_ALGO": "RS256",
    "OIDC_RP_SCOPES": "openid email",
}


def enabled(environ=os.environ) -> bool:
    return environ.get("THUISWERK_OIDC", "0") == "1"


def oidc_settings(environ=os.environ) -> dict[str, object]:
    """The settings of mozilla-django-oidc from the environment; refused, naming what is missing,
    when SSO is on and incomplete."""
    missing = [name for name in REQUIRED if not environ.get(name)]
    values: dict[str, object] = {name: environ.get(name, "") for name in REQUIRED}
    values |= {name: environ.get(name) or default for name, default in OPTIONAL.items()}
    if values["OIDC_RP_SIGN_ALGO"][:2] in ("RS", "ES") and not values["OIDC_OP_JWKS_ENDPOINT"]:
        missing.append("OIDC_OP_JWKS_ENDPOINT")
    if missing:
        raise ImproperlyConfigured(
            "THUISWERK_OIDC=1 but these environment variables are not set: " + ", ".join(missing)
        )
    return values | {
        "OIDC_CREATE_USER": False,  # users and their roles come from thuiswerk, never from SSO
        "LOGIN_REDIRECT_URL_FAILURE": "/login/",
    }
