"""The ledger through the API: computation runs (compute: a job, as the months page queues it),
payroll months (list, close, reopen) and the ledger lines (filtered, in cursor pages).

Who may do what is the web's: the payroll months page's (HR officers and admins compute and
close, for the whole government; admins reopen) and the months pages' (a line is seen by its
employee, the HR officers of its entity and admins; an auditor sees no line). One rule more than
the web: a token limited to entities may not compute or close, which acts on every entity.
"""

import json
from datetime import datetime
from typing import Any, Literal

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel

from thuiswerk.accounts.scope import OutOfScope, Scope
from thuiswerk.api.errors import ApiError, responses
from thuiswerk.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate
from thuiswerk.api.schemas import Euros, Input, Month, page_of
from thuiswerk.backoffice.selectors import payroll_months
from thuiswerk.core.money import from_cents
from thuiswerk.core.months import format_month, parse_month
from thuiswerk.jobs.api import JobOut, job_out
from thuiswerk.jobs.services import job_submit
from thuiswerk.people.models import Entity

from .models import ComputationRun, LedgerLine
from .selectors import (
    corrected_lines,
    ledger_lines_visible,
    persons_seen,
    runs_visible,
    visible_warnings,
)
from .services import check_month_range, month_close, month_reopen

router = Router(tags=["ledger"])
routes = [("", router)]

LOCK_WAIT_SECONDS = 5  # as the months page: a run in progress answers 409 rather than waiting


def _require_whole_government(request: HttpRequest) -> None:
    """Computing and closing act on every entity: not with a token limited to some."""
    scope: Scope = request.scope
    scope.require(scope.is_hr)
    token = getattr(request, "access_token", None)
    if token is not None and token.entities.exists():
        raise ApiError(
            403,
            "token_limited_to_entities",
            _(
                "Computing or closing months acts on every entity: this token is limited to"
                " some entities. Use a token without an entity limit."
            ),
        )


# -- runs ---------------------------------------------------------------------------------------


class ParameterUsed(Schema):
    name: str
    value: str
    effective_from: str
    legal_source: str
    assumption: bool


class RunWarning(Schema):
    code: str  # unmatched_invoice (an invoice without a due third-party line), missing_invoice
    personnel_number: str
    month: str
    amount: str | None = None


class RunOut(Schema):
    id: int
    started_at: datetime
    finished_at: datetime | None
    actor: str
    month_from: str
    month_to: str
    parameters: list[ParameterUsed]
    stats: dict[str, Any]
    warning_count: int  # all warnings of the run
    warnings: list[RunWarning]  # those about persons the reader sees by name


RunPage = page_of(RunOut)


def _run_out(run: ComputationRun, seen: set[str] | None) -> dict[str, Any]:
    return {
        "id": run.pk,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "actor": run.actor,
        "month_from": format_month(run.month_from),
        "month_to": format_month(run.month_to),
        "parameters": run.parameters,
        "stats": run.stats,
        "warning_count": len(run.warnings),
        "warnings": [
            {**warning, "personnel_number": warning["employee_id"]}
            for warning in visible_warnings(run.warnings, seen)
        ],
    }


class RunFilter(Schema):
    month: Month | None = Field(None, description="runs whose months include this one")
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.get(
    "/runs",
    response=responses({200: RunPage}),
    summary="Computation runs, oldest first",
)
def run_list(request: HttpRequest, filters: Query[RunFilter]):
    runs = runs_visible(scope=request.scope)
    if filters.month:
        month = parse_month(filters.month)
        runs = runs.filter(month_from__lte=month, month_to__gte=month)
    rows, cursor = paginate(runs, filters.cursor, filters.limit)
    seen = persons_seen(scope=request.scope)
    return {"items": [_run_out(run, seen) for run in rows], "next_cursor": cursor}


@router.get("/runs/{run_id}", response=responses({200: RunOut}, 404), summary="One run")
def run_get(request: HttpRequest, run_id: int):
    try:
        run = runs_visible(scope=request.scope).get(pk=run_id)
    except ComputationRun.DoesNotExist:
        raise OutOfScope from None
    return _run_out(run, persons_seen(scope=request.scope))


class ComputeIn(Input):
    month_from: Month
    month_to: Month


@router.post(
    "/runs",
    response=responses({202: JobOut}, 409),
    summary="Compute months: queue the run as a job, poll the job at Location",
)
def run_compute(request: HttpRequest, body: ComputeIn, response: HttpResponse):
    _require_whole_government(request)
    month_from, month_to = parse_month(body.month_from), parse_month(body.month_to)
    if month_from > month_to:
        message = _("The first month is after the last.")
        raise ApiError(
            422,
            "invalid_input",
            message,
            [{"field": "month_to", "code": "before_month_from", "message": message}],
        )
    check_month_range(month_from, month_to)  # refused now rather than as a failed job
    job = job_submit(
        kind="compute",
        user=request.user,
        actor=request.scope.actor,
        parameters={"month_from": month_from.isoformat(), "month_to": month_to.isoformat()},
    )
    job.refresh_from_db()  # an eager job has run already
    response["Location"] = reverse("api:job_get", kwargs={"job_id": job.pk})
    return Status(202, job_out(request.scope, job))


# -- payroll months -----------------------------------------------------------------------------


class MonthOut(Schema):
    month: str
    closed: bool
    lines: int  # lines booked in the month, of the reader's entities
    employee_amount: Euros
    employer_cost: Euros


@router.get(
    "/months",
    response=responses({200: list[MonthOut]}),
    summary="Payroll months, newest first, with the totals of your entities",
)
def month_list(request: HttpRequest):
    request.scope.require(request.scope.is_hr)
    return [
        {
            "month": format_month(row.month),
            "closed": row.closed,
            "lines": row.lines,
            "employee_amount": row.employee_amount,
            "employer_cost": row.employer_cost,
        }
        for row in payroll_months(scope=request.scope)
    ]


class MonthStateOut(Schema):
    month: str
    status: Literal["open", "closed"]
    changed_by: str
    changed_at: datetime


def _state(ledger_month) -> dict[str, Any]:
    return {
        "month": format_month(ledger_month.month),
        "status": ledger_month.status,
        "changed_by": ledger_month.changed_by,
        "changed_at": ledger_month.changed_at,
    }


@router.post(
    "/months/{month}/close",
    response=responses({200: MonthStateOut}, 409),
    summary="Close (pay) a month for the whole government",
)
def month_close_op(request: HttpRequest, month: Month):
    _require_whole_government(request)
    closed = month_close(
        month=parse_month(month), actor=request.scope.actor, lock_wait=LOCK_WAIT_SECONDS
    )
    return _state(closed)


class ReopenIn(Input):
    reason: str = Field(min_length=1, max_length=500)


@router.post(
    "/months/{month}/reopen",
    response=responses({200: MonthStateOut}, 409),
    summary="Reopen a closed month (central administrators), with a reason",
)
def month_reopen_op(request: HttpRequest, month: Month, body: ReopenIn):
    request.scope.require(request.scope.is_admin)
    reopened = month_reopen(
        month=parse_month(month),
        actor=request.scope.actor,
        reason=body.reason,
        lock_wait=LOCK_WAIT_SECONDS,
    )
    return _state(reopened)


# -- ledger lines -------------------------------------------------------------------------------


# Plain pydantic models, not ninja Schemas: a page holds a thousand lines, and a Schema reads
# each through an attribute getter first (half the time of a page).
class CorrectionOut(BaseModel):
    paid_employee_amount: Euros  # what closed months paid before for this month and measure
    paid_employer_cost: Euros
    corrects: list[int]  # the ids of those earlier lines


class LedgerLineOut(BaseModel):
    id: int
    employee_id: int
    personnel_number: str
    entity: str  # code
    month: str  # the month the line concerns
    booked_in: str  # the payroll month that pays it
    measure: LedgerLine.Measure
    kind: LedgerLine.Kind
    employee_amount: Euros
    employer_cost: Euros
    units: int  # +1 grants the measure, -1 a correction withdraws it, 0 changes an amount
    run_id: int  # the run that wrote it: its parameters at /runs/{run_id}
    correction: CorrectionOut | None  # a correction: what it corrects
    explanation: dict[str, Any]  # the month facts and the parameter values the line came from


LedgerLinePage = page_of(LedgerLineOut)


class LineFilter(Schema):
    month: Month | None = Field(None, description="the month the lines concern")
    month_from: Month | None = Field(None, alias="from", description="from this month on")
    month_to: Month | None = Field(None, alias="to", description="up to this month")
    booked_in: Month | None = Field(None, description="the payroll month that pays them")
    entity: str | None = Field(None, max_length=16, description="an entity's code")
    employee: int | None = Field(None, description="an employee's id")
    measure: LedgerLine.Measure | None = None
    kind: LedgerLine.Kind | None = Field(None, description="entitlement or correction")
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _filtered(lines, filters: LineFilter):
    exact = {"month": filters.month, "booked_in": filters.booked_in}
    for field, month in exact.items():
        if month:
            lines = lines.filter(**{field: parse_month(month)})
    if filters.month_from:
        lines = lines.filter(month__gte=parse_month(filters.month_from))
    if filters.month_to:
        lines = lines.filter(month__lte=parse_month(filters.month_to))
    if filters.entity is not None:
        entity = Entity.objects.filter(code=filters.entity).first()
        if entity is None:
            message = _("No entity has this code.")
            raise ApiError(
                422,
                "invalid_input",
                message,
                [{"field": "entity", "code": "unknown_entity", "message": message}],
            )
        lines = lines.filter(entity=entity)
    if filters.employee is not None:
        lines = lines.filter(employee_id=filters.employee)
    for field in ("measure", "kind"):
        if getattr(filters, field):
            lines = lines.filter(**{field: getattr(filters, field)})
    return lines


def _line_out(
    line: LedgerLine, corrects: dict[int, list[int]], codes: dict[int, str]
) -> dict[str, Any]:
    explanation = json.loads(line.explanation)
    correction = None
    if line.kind == LedgerLine.Kind.CORRECTION:
        paid = explanation.get("correction", {})
        correction = {
            "paid_employee_amount": from_cents(paid.get("paid_employee_amount_cents", 0)),
            "paid_employer_cost": from_cents(paid.get("paid_employer_cost_cents", 0)),
            "corrects": corrects.get(line.pk, []),
        }
    return {
        "id": line.pk,
        "employee_id": line.employee_id,
        "personnel_number": line.personnel_number,
        "entity": codes[line.entity_id],
        "month": format_month(line.month),
        "booked_in": format_month(line.booked_in),
        "measure": line.measure,
        "kind": line.kind,
        "employee_amount": line.employee_amount,
        "employer_cost": line.employer_cost,
        "units": line.units,
        "run_id": line.run_id,
        "correction": correction,
        "explanation": explanation,
    }


@router.get(
    "/ledger-lines",
    response=responses({200: LedgerLinePage}),
    summary="Ledger lines, in the order they were written (by id)",
)
def ledger_line_list(request: HttpRequest, filters: Query[LineFilter]):
    # The personnel number joined in, the entity's code from a table of a few dozen codes: no
    # related objects made for each line.
    lines = _filtered(ledger_lines_visible(scope=request.scope), filters).annotate(
        personnel_number=F("employee__personnel_number")
    )
    # By id: a line is never changed in place and a run writes new ones with higher ids, so the
    # lines written while a client pages through come on its later pages (none skipped).
    rows, cursor = paginate(lines, filters.cursor, filters.limit)
    corrects = corrected_lines(rows)
    codes = dict(Entity.objects.values_list("pk", "code"))
    return {"items": [_line_out(line, corrects, codes) for line in rows], "next_cursor": cursor}
