"""Every refusal a handler can meet answers in the one error shape, with its status and code."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404
from django.test import RequestFactory
from ninja import NinjaAPI

from thuiswerk.allowances.services import LedgerError
from thuiswerk.api.errors import ApiError, install_handlers
from thuiswerk.core.locks import RunLocked
from thuiswerk.equipment.services import BudgetExceeded, BudgetPosition, WorkflowError
from thuiswerk.telework.services import TeleworkError


@pytest.fixture(scope="module")
def api():
    api = NinjaAPI(urls_namespace="errors-test")
    install_handlers(api)
    return api


def answer(api, exc):
    response = api.on_exception(RequestFactory().get("/api/v1/x"), exc)
    return response.status_code, json.loads(response.content), response


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (
            BudgetExceeded(
                BudgetPosition(2026, Decimal("100"), Decimal("90"), Decimal("0"), Decimal("20"))
            ),
            409,
            "budget_exceeded",
        ),
        (WorkflowError("not in this state"), 409, "refused"),
        (TeleworkError("overlaps"), 409, "refused"),
        (LedgerError("month closed"), 409, "refused"),
        (RunLocked("busy"), 409, "run_in_progress"),
        (Http404(), 404, "not_found"),
        (PermissionDenied(), 403, "forbidden"),
        (
            ApiError(
                422, "too_many_rows", "too many", [{"field": "rows", "code": "x", "message": "m"}]
            ),
            422,
            "too_many_rows",
        ),
        (OperationalError("database is locked"), 503, "database_busy"),
    ],
)
def test_refusals_answer_in_the_error_shape(api, exc, status, code):
    got_status, body, response = answer(api, exc)
    assert (got_status, body["code"]) == (status, code)
    assert set(body) == {"code", "message", "details"} and body["message"]
    if status == 503:
        assert response["Retry-After"] == "10"


def test_a_refusal_keeps_its_message(api):
    assert answer(api, TeleworkError("De overeenkomst overlapt."))[1]["message"] == (
        "De overeenkomst overlapt."
    )


@pytest.mark.parametrize("exc", [ValueError("a bug"), OperationalError("no such table: x")])
def test_a_bug_stays_a_server_error(api, exc):
    with pytest.raises(type(exc)):
        answer(api, exc)
