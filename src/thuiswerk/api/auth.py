"""Who is asking: a personal access token (systems) or the browser's session (with CSRF).

Both end with `request.user` and `request.scope`, the same scope the web app uses, so that the
API never shows more than the same user sees in the browser. A token's scope is narrowed to its
entities; a read-only token may only read.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie

from thuiswerk.accounts.scope import scope_for

from .errors import ApiError
from .services import token_authenticate, token_scope
from .throttling import over_limit

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _count_request(key: str) -> None:
    wait = over_limit(key, "THUISWERK_API_RATE_PER_TOKEN")
    if wait is not None:
        message = _("Too many requests: wait the seconds in Retry-After, then try again.")
        raise ApiError(429, "rate_limited", message, headers={"Retry-After": str(wait)})


class BearerToken(HttpBearer):
    """`Authorization: Bearer thw_...`: a personal access token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        access_token = token_authenticate(token.strip())
        if access_token is None:
            raise ApiError(
                401,
                "invalid_token",
                _("This token is unknown, revoked or expired."),
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        _count_request(f"token:{access_token.pk}")
        if request.method not in SAFE_METHODS and access_token.access != "write":
            raise ApiError(
                403, "read_only_token", _("This token may only read: make a read-write token.")
            )
        request.user = access_token.user
        request.scope = token_scope(access_token)
        request.access_token = access_token
        return access_token


class Session(APIKeyCookie):
    """The browser's session: the user logged in to the web app. Changes need the CSRF token
    (header X-CSRFToken), as the web app's forms do."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # No session, no CSRF question: the answer is 401, not a CSRF failure.
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if key is None or not request.user.is_authenticated:
            return None
        _count_request(f"user:{request.user.pk}")
        # The scope itself, not the middleware's lazy stand-in: handlers may derive scopes
        # from it (dataclasses.replace needs the dataclass).
        request.scope = scope_for(request.user)
        request.access_token = None
        return request.user
