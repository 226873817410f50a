import logging

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject

from thuiswerk.accounts.scope import scope_for


class LanguageMiddleware:
    """Dutch unless the user chose English with the switch (Django's language cookie, set by
    `set_language`). Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language:
    an intranet of the Flemish government speaks Dutch, whatever language a PC was installed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


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
