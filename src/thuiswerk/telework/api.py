"""The API of hybrid-work agreements, day registrations, internet options and third-party
invoices: the same rules of who may do what as the web app.

- An employee's own pages (agreements, registrations, internet options) are open to herself
  (read and write) and to the HR officers of her entities (read); her supervisor sees only the
  requests she decides (the web app's queue), anyone else nothing (404).
- Writes: the employee requests and withdraws her agreements and chooses her internet option;
  the supervisor of her current period approves or rejects a request.
- Bulk registrations and invoices go through the import (its checks, writer and audit event):
  an HR officer (or the admin) for the staff of her entities, as her upload in the back office;
  an employee only her own days, and only working days inside her employment, as her calendar.
"""

import re
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

import polars as pl
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from thuiswerk.accounts.models import Role
from thuiswerk.accounts.scope import NotAllowed, OutOfScope, Scope
from thuiswerk.api.errors import ApiError, ErrorDetail, responses
from thuiswerk.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from thuiswerk.api.schemas import Amount, Day, Euros, Id, Input, Month, Text, page_of
from thuiswerk.core.locks import RunLocked
from thuiswerk.core.months import format_month, month_end, parse_month
from thuiswerk.imports.issues import ERROR, WARNING
from thuiswerk.imports.kinds import FIRST_DATE, LAST_DATE
from thuiswerk.imports.readers import ROW
from thuiswerk.imports.services import ImportResult, import_rows
from thuiswerk.people.models import Employee, EmploymentPeriod
from thuiswerk.selfservice.access import person_access

from . import selectors, services
from .models import Agreement, Registration, ThirdPartyInvoice

router = Router(tags=["telework"])

# The most rows one bulk request may hold; the body stays well under Django's upload limit.
MAX_ROWS = 10_000
# The most errors or warnings an answer lists (the message gives the count of all).
MAX_DETAILS = 1_000
LIMIT = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
# Import codes that mean "not yours to write": the request is refused (403), not invalid.
OUT_OF_SCOPE = frozenset({"employee_out_of_scope", "entity_out_of_scope"})


_DAYS_PER_WEEK = re.compile(r"^\d(\.\d)?$")


def _days_per_week(value: Any) -> Decimal:
    if not isinstance(value, str) or not _DAYS_PER_WEEK.match(value):
        raise ValueError('days per week is a decimal string, e.g. "2.5"')
    return Decimal(value)


DaysPerWeek = Annotated[
    Decimal,
    BeforeValidator(_days_per_week),
    WithJsonSchema({"type": "string", "pattern": _DAYS_PER_WEEK.pattern, "examples": ["2.5"]}),
]


# -- Schemas ----------------------------------------------------------------------------------


class AgreementOut(Schema):
    id: int
    employee_id: int
    valid_from: date
    valid_to: date | None
    days_per_week: Decimal
    status: str
    approved_by_id: int | None
    approved_on: date | None
    requested_at: datetime | None
    decided_by_id: int | None
    decided_at: datetime | None
    decision_reason: str


class AgreementRequestIn(Input):
    valid_from: Day
    valid_to: Day | None = None
    days_per_week: DaysPerWeek


class DecisionIn(Input):
    approve: bool
    reason: Text = Field("", max_length=2000, description="Required when rejecting.")


class AgreementFilter(Schema):
    employee_id: Id | None = None
    entity: Text | None = Field(None, description="Entity code: employees with a period in it.")
    status: Literal["pending", "approved", "rejected", "withdrawn"] | None = None
    to_decide: bool = Field(False, description="Only the requests I decide (supervisor).")
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


class RegistrationOut(Schema):
    day: date
    part: str
    location: str

    @staticmethod
    def resolve_day(registration: Registration) -> date:
        return registration.date


class RegistrationRowIn(BaseModel):
    """One row of the registrations import: who (`personnel_number` or `employee_id`, the API's
    id), the day, where, and the part of the day (empty: the whole day). Values as the import
    takes them (docs/import-formats.md): a day YYYY-MM-DD or dd/mm/yyyy, a location home, office,
    other or absent (or thuis, kantoor, andere, afwezig), a part full, am or pm."""

    # Strict as `Input`, but a plain pydantic model: ninja's Schema wraps the validation of
    # every object (for Django models), which costs 10,000 rows about a second.
    model_config = ConfigDict(extra="forbid", strict=True)

    personnel_number: str | None = Field(None, max_length=100)
    employee_id: Id | None = None
    day: str = Field(max_length=100)
    location: str = Field(max_length=100)
    part: str | None = Field(None, max_length=100)


class RegistrationsIn(Input):
    rows: list[RegistrationRowIn] = Field(json_schema_extra={"maxItems": MAX_ROWS})


class WrittenOut(Schema):
    """What an upsert did, in stored rows (a row is a day or a half day)."""

    created: int
    updated: int
    unchanged: int
    deleted: int = Field(0, description="Stored half or whole days the rows replaced.")
    warnings: list[ErrorDetail]


class InternetOptionOut(Schema):
    id: int
    employee_id: int
    option: str
    valid_from: date
    provider: str


class InternetOptionsOut(Schema):
    in_force: InternetOptionOut | None  # today's choice; None: the default flat rate
    items: list[InternetOptionOut]


class InternetChoiceIn(Input):
    option: Literal["forfait", "third_party"]
    valid_from: Day
    provider: Text = Field("", max_length=100)


class InvoiceOut(Schema):
    id: int
    employee_id: int
    month: str
    provider: str
    amount: Euros

    @staticmethod
    def resolve_month(invoice: ThirdPartyInvoice) -> str:
        return f"{invoice.month:%Y-%m}"


class InvoiceIn(Input):
    personnel_number: str | None = Field(None, max_length=100)
    employee_id: Id | None = None
    month: Month
    provider: str = Field(max_length=200)
    amount: Amount


class InvoiceFilter(Schema):
    entity: Text | None = Field(None, description="Entity code: employees in it that month.")
    month: Month | None = None
    employee_id: Id | None = None
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


AgreementPage = page_of(AgreementOut)
RegistrationPage = page_of(RegistrationOut)
InvoicePage = page_of(InvoiceOut)


def _month(field: str, text: str) -> date:
    """A month of the query (its form checked by `Month`) as its first day, within the years
    the import accepts."""
    if not FIRST_DATE.year <= int(text[:4]) <= LAST_DATE.year:
        message = _("A month from %(first)s to %(last)s.") % {
            "first": format_month(FIRST_DATE),
            "last": format_month(LAST_DATE),
        }
        detail = {"field": field, "code": "out_of_range", "message": message}
        raise ApiError(422, "invalid_input", message, [detail])
    return parse_month(text)


# -- Who sees what ------------------------------------------------------------------------------


def _own_or_managed(scope: Scope, queryset: QuerySet) -> QuerySet:
    """Rows of the persons whose own pages the reader opens: herself, the staff of her entities
    (HR), everyone (admin); not her team, which she sees only on the team pages."""
    return replace(scope, kinds=scope.kinds - {Role.Kind.SUPERVISOR}).persons(queryset)


def _agreements(scope: Scope) -> QuerySet[Agreement]:
    """The agreements the reader sees: of her own pages, and the requests she decides."""
    queue = selectors.supervisor_queue(scope=scope).values("pk")
    return Agreement.objects.filter(
        Q(pk__in=_own_or_managed(scope, Agreement.objects.all()).values("pk")) | Q(pk__in=queue)
    )


def _in_entity(code: str, field: str = "employee_id") -> Q:
    return Q(
        **{f"{field}__in": EmploymentPeriod.objects.filter(entity__code=code).values("employee_id")}
    )


# -- Agreements -------------------------------------------------------------------------------


@router.get("/agreements", response=responses({200: AgreementPage}), summary="Agreements I see")
def agreement_list(request: HttpRequest, filters: Query[AgreementFilter]):
    scope = request.scope
    agreements = (
        selectors.supervisor_queue(scope=scope) if filters.to_decide else _agreements(scope)
    )
    if filters.employee_id is not None:
        agreements = agreements.filter(employee_id=filters.employee_id)
    if filters.entity:
        agreements = agreements.filter(_in_entity(filters.entity))
    if filters.status:
        agreements = agreements.filter(status=filters.status)
    return page(agreements, filters.cursor, filters.limit)


@router.get(
    "/agreements/{int:agreement_id}",
    response=responses({200: AgreementOut}, 404),
    summary="An agreement",
)
def agreement_get(request: HttpRequest, agreement_id: Id):
    found = _agreements(request.scope).filter(pk=agreement_id).first()
    if found is None:
        raise OutOfScope
    return found


@router.get(
    "/employees/{int:employee_id}/agreements",
    response=responses({200: AgreementPage}, 404),
    summary="An employee's agreements",
)
def employee_agreement_list(
    request: HttpRequest, employee_id: Id, cursor: str | None = None, limit: int = LIMIT
):
    access = person_access(request.scope, employee_id)
    agreements = Agreement.objects.filter(employee=access.employee)
    return page(agreements, cursor, limit, ("valid_from",))


@router.post(
    "/employees/{int:employee_id}/agreements",
    response=responses({201: AgreementOut}, 404, 409),
    summary="Request an agreement (the employee herself)",
)
def agreement_request(request: HttpRequest, employee_id: Id, payload: AgreementRequestIn):
    """Pending until the supervisor of her current period decides; one pending request at a
    time. A change of the agreement in force replaces it from its start once approved."""
    return _by_herself(request, employee_id, services.agreement_request, payload)


def _by_herself(request: HttpRequest, employee_id: int, service, payload: Input) -> Status:
    """A write of the employee's own pages: by herself only (the web app's `require_write`),
    through the service that takes the payload's fields."""
    access = person_access(request.scope, employee_id)
    access.require_write()
    made = service(employee=access.employee, actor=request.scope.actor, **payload.model_dump())
    return Status(201, made)


@router.post(
    "/agreements/{int:agreement_id}/withdraw",
    response=responses({200: AgreementOut}, 404, 409),
    summary="Withdraw a pending request (the employee herself)",
)
def agreement_withdraw(request: HttpRequest, agreement_id: Id):
    scope = request.scope
    agreement = agreement_get(request, agreement_id)
    person_access(scope, agreement.employee_id).require_write()
    return services.agreement_withdraw(agreement=agreement, actor=scope.actor)


@router.post(
    "/agreements/{int:agreement_id}/decision",
    response=responses({200: AgreementOut}, 404, 409),
    summary="Approve or reject a request (the supervisor)",
)
def agreement_decide(request: HttpRequest, agreement_id: Id, payload: DecisionIn):
    scope = request.scope
    scope.require(scope.is_supervisor)
    agreement = selectors.agreement_of(scope=scope, agreement_id=agreement_id)
    return services.agreement_decide(
        agreement=agreement,
        supervisor=scope.employee(scope.employee_id),
        approve=payload.approve,
        reason=payload.reason,
        actor=scope.actor,
    )


# -- Registrations ----------------------------------------------------------------------------


@router.get(
    "/employees/{int:employee_id}/registrations",
    response=responses({200: RegistrationPage}, 404),
    summary="An employee's registered days, from one month to another",
)
def registration_list(
    request: HttpRequest,
    employee_id: Id,
    from_month: Month,
    to_month: Month,
    cursor: str | None = None,
    limit: int = LIMIT,
):
    access = person_access(request.scope, employee_id)
    first, last = _month("from_month", from_month), _month("to_month", to_month)
    registrations = Registration.objects.filter(
        employee=access.employee, date__gte=first, date__lte=month_end(last)
    )
    return page(registrations, cursor, limit, ("date", "part"))


@router.post(
    "/registrations",
    response=responses({200: WrittenOut}, 409),
    summary="Upsert up to 10,000 day registrations, all or nothing",
)
def registration_upsert(request: HttpRequest, payload: RegistrationsIn):
    """The rows go through the registrations import: its checks (each error names its row and
    field), and when none fails its writer and audit event. The rows of an employee and day
    state that day completely, as in the import file. Sending the same rows again changes
    nothing (all `unchanged`)."""
    if len(payload.rows) > MAX_ROWS:
        raise ApiError(
            422,
            "too_many_rows",
            _("At most %(max)s rows per request: send the rest in another request.")
            % {"max": MAX_ROWS},
            [{"field": "rows", "code": "too_many_rows", "message": str(len(payload.rows))}],
        )
    scope = request.scope
    rows = [row.model_dump() for row in payload.rows]
    fields = {"date": "day", "location": "location", "part": "part"}
    result = _import(scope, "registrations", rows, fields, prefix="rows")
    counts = result.counts.get("registrations", {})
    return {
        "created": counts.get("created", 0),
        "updated": counts.get("updated", 0),
        "unchanged": counts.get("unchanged", 0),
        "deleted": counts.get("deleted", 0),
        "warnings": _details(result.of(WARNING), "rows", set()),
    }


# -- Internet options ---------------------------------------------------------------------------


@router.get(
    "/employees/{int:employee_id}/internet-options",
    response=responses({200: InternetOptionsOut}, 404),
    summary="An employee's internet options",
)
def internet_option_list(request: HttpRequest, employee_id: Id):
    access = person_access(request.scope, employee_id)
    history = selectors.internet_history(scope=request.scope, employee_id=access.employee.pk)
    return {"in_force": history.in_force, "items": history.options}


@router.post(
    "/employees/{int:employee_id}/internet-options",
    response=responses({201: InternetOptionOut}, 404, 409),
    summary="Choose the internet option from a day (the employee herself)",
)
def internet_option_choose(request: HttpRequest, employee_id: Id, payload: InternetChoiceIn):
    """A new choice from `valid_from`; the earlier ones stay as they were."""
    return _by_herself(request, employee_id, services.internet_option_choose, payload)


# -- Third-party invoices ---------------------------------------------------------------------


@router.get("/invoices", response=responses({200: InvoicePage}), summary="Third-party invoices")
def invoice_list(request: HttpRequest, filters: Query[InvoiceFilter]):
    invoices = _own_or_managed(request.scope, ThirdPartyInvoice.objects.all())
    if filters.month:
        invoices = invoices.filter(month=_month("month", filters.month))
    if filters.employee_id is not None:
        invoices = invoices.filter(employee_id=filters.employee_id)
    if filters.entity:
        # The entity the employee worked for in the invoice's month.
        periods = (
            EmploymentPeriod.objects.filter(entity__code=filters.entity)
            .annotate(start_month=TruncMonth("start_date"))
            .filter(
                Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("month")),
                employee_id=OuterRef("employee_id"),
                start_month__lte=OuterRef("month"),
            )
        )
        invoices = invoices.filter(Exists(periods))
    return page(invoices, filters.cursor, filters.limit)


@router.post(
    "/invoices",
    response=responses({201: InvoiceOut, 200: InvoiceOut}, 409),
    summary="Record an invoice of the third-party payer (HR); the same one again updates it",
)
def invoice_upsert(request: HttpRequest, payload: InvoiceIn):
    """As a row of the invoices import (its checks, writer and audit event): the key is the
    employee, month and provider; 201 when new, 200 when it updated or matched a stored one."""
    scope = request.scope
    row = payload.model_dump()
    row["month"] = payload.month
    row["amount"] = f"{payload.amount:.2f}"
    fields = {"month": "month", "provider": "provider", "amount": "amount"}
    result = _import(scope, "invoices", [row], fields, prefix="")
    invoice = ThirdPartyInvoice.objects.get(
        employee__personnel_number=_numbers(scope, [row])[0],
        month=parse_month(payload.month),
        provider=payload.provider.strip(),
    )
    return Status(201 if result.counts["invoices"]["created"] else 200, invoice)


# -- Through the import -----------------------------------------------------------------------


def _numbers(scope: Scope, rows: list[dict[str, Any]]) -> list[str | None]:
    """Per row the personnel number it names: its own, or that of its `employee_id` if the
    reader sees that employee (None otherwise)."""
    ids = {row["employee_id"] for row in rows if row.get("employee_id") is not None}
    known = dict(scope.employees().filter(pk__in=ids).values_list("pk", "personnel_number"))
    return [
        known.get(row["employee_id"])
        if row.get("employee_id") is not None
        else (row.get("personnel_number") or "").strip() or None
        for row in rows
    ]


def _who(row: dict[str, Any], number: str | None, ids_elsewhere: set[int]) -> dict | None:
    """The error of a row that names nobody, two ways, or an employee id out of reach."""
    given_number = (row.get("personnel_number") or "").strip()
    given_id = row.get("employee_id")
    if given_id is not None and given_number:
        return {
            "field": "employee_id",
            "code": "conflicting_values",
            "message": _("Give personnel_number or employee_id, not both."),
        }
    if given_id is None and not given_number:
        return {
            "field": "personnel_number",
            "code": "missing_value",
            "message": _("Give personnel_number or employee_id."),
        }
    if number is None:
        out = given_id in ids_elsewhere
        return {
            "field": "employee_id",
            "code": "employee_out_of_scope" if out else "unknown_reference",
            "message": (
                _("Employee %(id)s is not within your access.")
                if out
                else _("Unknown employee %(id)s.")
            )
            % {"id": given_id},
        }
    return None


def _writer(scope: Scope, kind: str) -> tuple[list[str] | None, str | None]:
    """Whose rows the reader may write through the import: (the codes of her entities, None for
    every entity; her own personnel number when she writes only her own rows)."""
    if scope.is_hr:
        if scope.people_entities.everything:
            return None, None
        return sorted(scope.managed_entities().values_list("code", flat=True)), None
    if scope.is_employee and kind == "registrations":
        return None, Employee.objects.get(pk=scope.employee_id).personnel_number
    raise NotAllowed


def _frame(
    scope: Scope, rows: list[dict[str, Any]], fields: dict[str, str]
) -> tuple[pl.DataFrame, list[dict[str, Any]], set[int]]:
    """The import's frame of `rows` (`_row`: 1 for the first), the errors of the rows that name
    no employee the import can check (left out of the frame), and the rows named by id."""
    numbers = _numbers(scope, rows)
    wanted = {row["employee_id"] for row, n in zip(rows, numbers, strict=True) if n is None}
    elsewhere = set(Employee.objects.filter(pk__in=wanted - {None}).values_list("pk", flat=True))
    errors: list[dict[str, Any]] = []
    columns: dict[str, list[Any]] = {ROW: [], "employee_id": [], **{name: [] for name in fields}}
    by_id: set[int] = set()
    for index, (row, number) in enumerate(zip(rows, numbers, strict=True)):
        problem = _who(row, number, elsewhere)
        if problem is not None:
            errors.append({**problem, "row": index + 1})
            continue
        if row.get("employee_id") is not None:
            by_id.add(index + 1)
        columns[ROW].append(index + 1)
        columns["employee_id"].append(number)
        for name, api_name in fields.items():
            value = row.get(api_name)
            columns[name].append(None if value is None else str(value))
    schema = {name: pl.Int64 if name == ROW else pl.String for name in columns}
    return pl.DataFrame(columns, schema=schema), errors, by_id


def _import(
    scope: Scope, kind: str, rows: list[dict[str, Any]], fields: dict[str, str], *, prefix: str
) -> ImportResult:
    """Write `rows` (API names) through the import of `kind`, whose columns `fields` maps to
    them (the employee aside); refuse the request in the error shape when a row is wrong."""
    entities, own = _writer(scope, kind)
    frame, own_errors, by_id = _frame(scope, rows, fields)
    try:
        result = import_rows(
            kind=kind,
            frame=frame,
            titles={"employee_id": "personnel_number", **fields},
            actor=scope.actor,
            entities=entities,
            own=own,
        )
    except RunLocked as locked:
        raise ApiError(409, "run_in_progress", str(locked)) from None
    errors = result.of(ERROR)
    if errors.filter(pl.col("code") == "write_conflict").height:
        raise ApiError(409, "write_conflict", errors["message"][0])
    details = sorted(
        [_located(error, prefix) for error in own_errors]
        + _details(errors, prefix, by_id, limit=None),
        key=lambda detail: (detail["row"] or 0, detail["field"] or ""),
    )
    if not details:
        return result
    status, code = 422, "invalid_rows"
    if any(detail["code"] in OUT_OF_SCOPE for detail in details):
        status, code = 403, "rows_out_of_scope"
    message = _("Nothing was written: %(count)s errors in the rows (see details).") % {
        "count": len(details)
    }
    raise ApiError(status, code, message, details[:MAX_DETAILS])


def _located(detail: dict[str, Any], prefix: str) -> dict[str, Any]:
    """A row's detail with its field as the request names it: `rows[3].day`, or `day`."""
    field = detail["field"]
    if prefix and field:
        field = f"{prefix}[{detail['row'] - 1}].{field}"
    return {**detail, "field": field, "row": detail["row"] if prefix else None}


def _details(
    issues: pl.DataFrame, prefix: str, by_id: set[int], limit: int | None = MAX_DETAILS
) -> list[dict[str, Any]]:
    """Import issues as error details; for rows that named the employee by id, the employee's
    field is `employee_id`."""
    found = []
    listed = issues if limit is None else issues.head(limit)
    for row, column, code, message in listed.select("row", "column", "code", "message").iter_rows():
        field = column or None
        if field == "personnel_number" and row in by_id:
            field = "employee_id"
        detail = {"field": field, "row": row or None, "code": code, "message": message}
        found.append(_located(detail, prefix) if row else detail)
    return found


routes = [("", router)]
