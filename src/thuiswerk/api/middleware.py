from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from thuiswerk.web.clients import client_address

from .throttling import over_limit

API_PREFIX = "/api/"


class ApiMiddleware:
    """For the API's paths: the language of the messages from Accept-Language (Dutch unless the
    client asks English: systems have no language switch), and the limit per client address,
    counted before anything else is done for the request (no database read at all)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        language = translation.get_supported_language_variant(
            _preferred(request.headers.get("Accept-Language", ""))
        )
        translation.activate(language)
        request.LANGUAGE_CODE = language
        wait = over_limit(f"address:{client_address(request)}", "THUISWERK_API_RATE_PER_ADDRESS")
        if wait is not None:
            message = _("Too many requests: wait the seconds in Retry-After, then try again.")
            response = _error(429, "rate_limited", message)
            response["Retry-After"] = str(wait)
        else:
            response = _refused_input(request) or _in_error_shape(self.get_response(request))
        patch_vary_headers(response, ("Accept-Language",))
        response.headers["Content-Language"] = language
        return response


def _error(status: int, code: str, message: str, details: list | None = None) -> JsonResponse:
    body = {"code": code, "message": message, "details": details or []}
    return JsonResponse(body, status=status)


def _refused_input(request: HttpRequest) -> HttpResponse | None:
    """Input no operation can take, refused before any: a body over the size Django reads
    (DATA_UPLOAD_MAX_MEMORY_SIZE; 10,000 registration rows are well within it), and a NUL
    character in the query or the body, which PostgreSQL can neither store nor compare."""
    try:
        body = request.body
    except RequestDataTooBig:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        message = _("The request body is larger than %(mb)s MB: send it in parts.") % {"mb": limit}
        return _error(413, "too_large", message)
    if "%00" in request.META.get("QUERY_STRING", "") or b"\\u0000" in body:
        details = [{"code": "nul_character", "message": _("Text cannot hold a NUL character.")}]
        message = _("The request holds a NUL character (code 0).")
        return _error(422, "invalid_input", message, details)
    return None


def _preferred(header: str) -> str:
    """The first of nl and en that Accept-Language names (by order of weight), else Dutch."""
    choices = []
    for position, part in enumerate(header.split(",")):
        tag, _separator, weight = part.strip().partition(";q=")
        try:
            quality = float(weight) if weight else 1.0
        except ValueError:
            quality = 0.0
        choices.append((-quality, position, tag.strip().lower()[:2]))
    for _quality, _position, tag in sorted(choices):
        if tag in dict(settings.LANGUAGES):
            return tag
    return settings.LANGUAGE_CODE


def _in_error_shape(response: HttpResponse) -> HttpResponse:
    """Django's own answers under /api/ (a method the operation does not have, a path that does
    not exist) in the API's error shape, not as HTML pages."""
    if response.get("Content-Type", "").startswith("application/json"):
        return response
    if response.status_code == 405:
        code, message = "method_not_allowed", _("This method is not allowed here: see Allow.")
    elif response.status_code == 404:
        code, message = "not_found", _("Not found, or not within your access.")
    else:
        return response
    shaped = _error(response.status_code, code, message)
    if "Allow" in response:
        shaped["Allow"] = response["Allow"]
    return shaped
