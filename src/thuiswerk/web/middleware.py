import logging

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from thuiswerk.accounts.scope import scope_for


class ScopeMiddleware:
    """`request.scope`: what the logged-in user may see, derived once per request from her roles."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = SimpleLazyObject(lambda: scope_for(request.user))
        return self.get_response(request)


logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 10


class DatabaseBusyMiddleware:
    """On SQLite a long run (a compute of many months) holds the write lock; a page's short write
    waits for it (busy timeout 30 s) and then fails with "database is locked". Answer that with
    a 503 page that says to try again, instead of a server error. Nothing else is caught: every
    other database error is a real error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (isinstance(exception, OperationalError) and "database is locked" in str(exception)):
            return None
        logger.warning("database locked during %s %s", request.method, request.path)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
