"""The API's one error shape, and how every refusal becomes it.

Every error answers `{"code": ..., "message": ..., "details": [...]}`: `code` is stable and
machine-readable (documented in docs/api.md), `message` is for a person (Dutch unless the request
asks for English), `details` names the fields or rows at fault.
"""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

# Seconds a client waits before it tries again when SQLite is busy with a run.
BUSY_RETRY_AFTER = 10


class ErrorDetail(Schema):
    field: str | None = None  # where: "rows[3].location", "month"; None for the whole request
    row: int | None = None  # the row of a bulk request (1 = the first row), if any
    code: str
    message: str


class ErrorOut(Schema):
    code: str
    message: str
    details: list[ErrorDetail] = []


class ApiError(Exception):
    """A refusal with its status and code, raised by handlers; answered in the error shape."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: Sequence[dict[str, Any]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = list(details)
        self.headers = headers or {}


# Every operation can answer these: no or a bad token (401), a read-only token or a role that may
# not (403), a body too large to read (413), input that does not fit the schema (422), too many
# requests (429), and on SQLite a database held by a run (503).
COMMON_ERRORS = (401, 403, 413, 422, 429, 503)


def responses(ok: dict[int, Any], *also: int) -> dict[int, Any]:
    """The `response=` of an operation: its successes, the common errors and the `also` ones
    (404 for an object by id, 409 for a refusal by the rules...)."""
    return {**ok, **{status: ErrorOut for status in (*COMMON_ERRORS, *also)}}


def _field(location: Sequence[Any]) -> str | None:
    # ninja's locations: ("body", <parameter>, "rows", 3, "day") or ("query", "month").
    parts = list(location[2:] if location and location[0] == "body" else location[1:])
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or None


def _row(location: Sequence[Any]) -> int | None:
    # A bulk request's rows: ("body", <parameter>, "rows", 3, "day") is about its 4th row.
    parts = list(location[2:]) if location and location[0] == "body" else []
    if len(parts) >= 2 and parts[0] == "rows" and isinstance(parts[1], int):
        return parts[1] + 1
    return None


def _validation_details(errors: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "field": _field(error.get("loc", ())),
            "row": _row(error.get("loc", ())),
            "code": error.get("type", "invalid"),
            "message": error.get("msg", ""),
        }
        for error in errors
    ]


def error_response(api: NinjaAPI, request: HttpRequest, error: ApiError) -> HttpResponse:
    body = {"code": error.code, "message": error.message, "details": error.details}
    response = api.create_response(request, body, status=error.status)
    for name, value in error.headers.items():
        response[name] = value
    return response


def domain_refusals() -> dict[type[Exception], str]:
    """The services' refusals (not bugs) and their codes; imported late (they need the apps)."""
    from thuiswerk.accounts.services import AccountError
    from thuiswerk.allowances.services import LedgerError
    from thuiswerk.core.locks import RunLocked
    from thuiswerk.equipment.services import BudgetExceeded, WorkflowError
    from thuiswerk.telework.services import TeleworkError

    from .services import TokenError

    return {
        BudgetExceeded: "budget_exceeded",
        RunLocked: "run_in_progress",
        WorkflowError: "refused",
        TeleworkError: "refused",
        LedgerError: "refused",
        AccountError: "refused",
        TokenError: "refused",
    }


def install_handlers(api: NinjaAPI) -> None:
    """Answer every kind of failure in the one shape (ninja's defaults answer `{"detail": ...}`)."""

    def answer(status: int, code: str, message: str, details=(), headers=None):
        def handler(request, exc):
            return error_response(api, request, ApiError(status, code, message, details, headers))

        return handler

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        return error_response(api, request, exc)

    @api.exception_handler(ValidationError)
    def invalid_input(request, exc: ValidationError):
        message = _("The request does not match the schema: see details.")
        return error_response(
            api, request, ApiError(422, "invalid_input", message, _validation_details(exc.errors))
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        message = _("Log in, or send a valid token: Authorization: Bearer <token>.")
        return answer(401, "unauthenticated", message, headers={"WWW-Authenticate": "Bearer"})(
            request, exc
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        # ninja raises it for a failed CSRF check of a session request.
        if exc.status_code == 403:
            message = _("The CSRF check failed: send the X-CSRFToken header with a session.")
            return answer(403, "csrf_failed", message)(request, exc)
        # ... and 400 for a body that is not JSON: like any body off the schema, a 422.
        if exc.status_code == 400:
            message = _("The request does not match the schema: see details.")
            details = [{"field": None, "code": "invalid_json", "message": str(exc)}]
            return answer(422, "invalid_input", message, details)(request, exc)
        return answer(exc.status_code, "error", str(exc))(request, exc)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return answer(404, "not_found", _("Not found, or not within your access."))(request, exc)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return answer(403, "forbidden", _("Your role does not allow this."))(request, exc)

    @api.exception_handler(DjangoValidationError)
    def invalid(request, exc: DjangoValidationError):
        details = [{"code": "invalid", "message": message} for message in exc.messages]
        return answer(422, "invalid_input", " ".join(exc.messages), details)(request, exc)

    # The services' refusals: 409 with their code. ninja takes the handler of the most specific
    # class (BudgetExceeded before WorkflowError, a ValidationError); any other exception stays a
    # server error.
    for kind, code in domain_refusals().items():

        def refused(request, exc, code=code):
            messages = getattr(exc, "messages", None) or [str(exc)]
            return answer(409, code, " ".join(messages))(request, exc)

        api.add_exception_handler(kind, refused)

    @api.exception_handler(OperationalError)
    def busy(request, exc: OperationalError):
        if "database is locked" not in str(exc):
            raise exc
        message = _("The database is busy with a run: try again in a moment.")
        headers = {"Retry-After": str(BUSY_RETRY_AFTER)}
        return answer(503, "database_busy", message, headers=headers)(request, exc)
