"""The equipment resources of the API: the catalog of each entity and the requests with their
approval steps. Reads go through `equipment.selectors` with the user's scope, every write and
step through `equipment.services` with the same checks as the web views:

- the catalog: its HR officers (and admins) see and change their entities' whole catalog; an
  employee sees what she can ask for (the active items of her entity today);
- a request: the employee asks for herself and may withdraw until HR decides; her supervisor
  (named in her employment of today) approves or rejects what awaits her; HR of the request's
  entity decides (against the material budget), records the delivery and a loan's return.
"""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema, Status

from thuiswerk.accounts.scope import OutOfScope, Scope
from thuiswerk.api.errors import responses
from thuiswerk.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from thuiswerk.api.schemas import Amount, Day, Euros, Input, page_of, text

from . import selectors, services
from .models import CatalogItem, Delivery, EquipmentRequest

Category = Literal[tuple(Delivery.Category.values)]
Ownership = Literal[tuple(Delivery.Ownership.values)]
RequestStatus = Literal[tuple(EquipmentRequest.Status.values)]
LongText = text(max_length=2000)
Code = text(max_length=32)  # an entity's code
# A rejection's reason: something besides blanks.
Reason = text(strip_whitespace=True, min_length=1, max_length=2000)
Name = text(strip_whitespace=True, min_length=1, max_length=200)


class OfEntity(Schema):
    """An object of one entity: its id and its entity's code."""

    id: int
    entity: str

    @staticmethod
    def resolve_entity(found: Any) -> str:
        return found.entity.code


class Pages(Schema):
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


# -- the catalog ---------------------------------------------------------------------------------
class CatalogItemOut(OfEntity):
    name: str
    category: Category
    unit_cost: Euros
    max_per_employee: int
    ownership: Ownership
    active: bool


class CatalogItemIn(Input):
    entity: Code = Field(description="the code of an entity you keep as HR officer")
    name: Name
    category: Category
    unit_cost: Amount
    max_per_employee: int = Field(1, ge=1, le=32767)
    ownership: Ownership
    active: bool = True


class CatalogItemChange(Input):
    """The fields to change; the others stay. `active: false` takes the item out of the catalog
    (its requests stay as they are); a new unit cost applies to new requests only."""

    name: Name = None
    category: Category = None
    unit_cost: Amount = None
    max_per_employee: int = Field(None, ge=1, le=32767)
    ownership: Ownership = None
    active: bool = None


class CatalogFilters(FilterSchema):
    entity: Annotated[Code | None, FilterLookup("entity__code")] = None
    category: Category | None = None
    active: bool | None = None


catalog_router = Router(tags=["equipment catalog"])


def _kept_item(scope: Scope, item_id: int) -> CatalogItem:
    """An item of a catalog the user keeps: the catalog's changes are HR's (403 for others)."""
    scope.require(scope.is_hr)
    return selectors.catalog_item(scope=scope, item_id=item_id)


@catalog_router.get(
    "",
    response=responses({200: page_of(CatalogItemOut)}),
    summary="The catalog items you see: your entities' catalogs (HR), or what you can ask for",
)
def catalog_item_list(request: HttpRequest, filters: Query[CatalogFilters], pages: Query[Pages]):
    items = selectors.visible_items(scope=request.scope).select_related("entity")
    return page(filters.filter(items), pages.cursor, pages.limit)


@catalog_router.get(
    "/{item_id}", response=responses({200: CatalogItemOut}, 404), summary="One catalog item"
)
def catalog_item_get(request: HttpRequest, item_id: int):
    item = selectors.visible_items(scope=request.scope).filter(pk=item_id).first()
    if item is None:
        raise OutOfScope
    return item


@catalog_router.post(
    "",
    response=responses({201: CatalogItemOut}, 404),
    summary="Add an item to the catalog of an entity you keep (HR)",
)
def catalog_item_create(request: HttpRequest, payload: CatalogItemIn):
    scope = request.scope
    scope.require(scope.is_hr)
    fields = dict(payload)
    entity = scope.entity(fields.pop("entity"), manage=True)
    item = services.catalog_item_save(item=CatalogItem(entity=entity, **fields), actor=scope.actor)
    return Status(201, item)


@catalog_router.patch(
    "/{item_id}",
    response=responses({200: CatalogItemOut}, 404),
    summary="Change a catalog item, or take it out of the catalog (HR)",
)
def catalog_item_change(request: HttpRequest, item_id: int, payload: CatalogItemChange):
    item = _kept_item(request.scope, item_id)
    for name, value in payload.sent().items():
        setattr(item, name, value)
    return services.catalog_item_save(item=item, actor=request.scope.actor)


# -- the requests --------------------------------------------------------------------------------
class EquipmentRequestOut(OfEntity):
    """`entity`: the employee's entity on the request day, the entity that decides and pays."""

    employee_id: int
    employee_name: str
    item_id: int
    item_name: str
    category: Category
    ownership: Ownership
    cost: Euros  # the unit cost when asked
    status: RequestStatus
    requested_on: date
    motivation: str
    supervisor_id: int | None  # the supervisor who decided
    supervisor_at: datetime | None
    supervisor_reason: str
    hr_at: datetime | None
    hr_reason: str
    budget_year: int | None  # the year of the material budget HR approved against
    override_reason: str  # why HR approved over that budget
    withdrawn_at: datetime | None
    delivered_on: date | None
    returned_on: date | None

    @staticmethod
    def resolve_employee_name(request: EquipmentRequest) -> str:
        return f"{request.employee.first_name} {request.employee.last_name}"

    @staticmethod
    def resolve_item_name(request: EquipmentRequest) -> str:
        return request.item.name

    @staticmethod
    def resolve_category(request: EquipmentRequest) -> str:
        return request.item.category

    @staticmethod
    def resolve_ownership(request: EquipmentRequest) -> str:
        return request.item.ownership

    @staticmethod
    def resolve_delivered_on(request: EquipmentRequest) -> date | None:
        return request.delivery.delivered_on if request.delivery else None

    @staticmethod
    def resolve_returned_on(request: EquipmentRequest) -> date | None:
        return request.delivery.returned_on if request.delivery else None


class RequestIn(Input):
    item_id: int = Field(description="an active item of your entity's catalog")
    motivation: LongText = ""


class ApproveIn(Input):
    reason: LongText = ""


class RejectIn(Input):
    reason: Reason


class HrApproveIn(Input):
    reason: LongText = ""
    override_reason: LongText = Field(
        "", description="why you approve over the material budget of the year (else 409)"
    )


class DeliverIn(Input):
    delivered_on: Day


class ReturnIn(Input):
    returned_on: Day


class RequestFilters(FilterSchema):
    entity: Annotated[Code | None, FilterLookup("entity__code")] = None
    # An id within the database's integers: a foreign key's lookup does not stand a larger one.
    employee: Annotated[int | None, Field(ge=1, le=2**63 - 1), FilterLookup("employee_id")] = None
    status: RequestStatus | None = None


request_router = Router(tags=["equipment requests"])
STEP = responses({200: EquipmentRequestOut}, 404, 409)


def _visible(scope: Scope) -> QuerySet[EquipmentRequest]:
    return selectors.visible_requests(scope=scope)


def _hr_request(scope: Scope, request_id: int) -> int:
    """HR's steps: the user must be HR (403), of the request's entity (404)."""
    scope.require(scope.is_hr)
    return selectors.entity_request(scope=scope, request_id=request_id).pk


def _supervised_request(scope: Scope, request_id: int) -> int:
    """The supervisor's steps: on what awaits her decision (403 for others, 404 elsewhere)."""
    scope.require(scope.is_supervisor)
    if not selectors.requests_awaiting_supervisor(scope=scope).filter(pk=request_id).exists():
        raise OutOfScope
    return request_id


@request_router.get(
    "",
    response=responses({200: page_of(EquipmentRequestOut)}),
    summary="The requests you see: your own, those awaiting your decision, your entities' (HR)",
)
def equipment_request_list(
    request: HttpRequest, filters: Query[RequestFilters], pages: Query[Pages]
):
    return page(filters.filter(_visible(request.scope)), pages.cursor, pages.limit)


@request_router.get(
    "/{request_id}",
    response=responses({200: EquipmentRequestOut}, 404),
    summary="One equipment request",
)
def equipment_request_get(request: HttpRequest, request_id: int):
    found = _visible(request.scope).filter(pk=request_id).first()
    if found is None:
        raise OutOfScope
    return found


@request_router.post(
    "",
    response=responses({201: EquipmentRequestOut}, 404, 409),
    summary="Ask for an item of your entity's catalog (for yourself; it goes to your supervisor)",
)
def equipment_request_create(request: HttpRequest, payload: RequestIn):
    scope = request.scope
    scope.require(scope.is_employee)
    # As the web's form: only what her entity offers her today (else 404, as for any id).
    offered = selectors.offered_items(scope=scope, employee=scope.employee(scope.employee_id))
    if not offered.filter(pk=payload.item_id).exists():
        raise OutOfScope
    created = services.request_create(
        employee_id=scope.employee_id,
        item_id=payload.item_id,
        motivation=payload.motivation,
        actor=scope.actor,
    )
    return Status(201, created)


@request_router.post(
    "/{request_id}/withdraw", response=STEP, summary="Withdraw your request before HR decides"
)
def equipment_request_withdraw(request: HttpRequest, request_id: int):
    scope = request.scope
    found = _visible(scope).filter(pk=request_id).first()
    if found is None:
        raise OutOfScope
    scope.require(scope.is_employee and found.employee_id == scope.employee_id)
    return services.request_withdraw(
        request_id=request_id, employee_id=scope.employee_id, actor=scope.actor
    )


def _supervisor_decides(request: HttpRequest, request_id: int, approve: bool, reason: str):
    scope = request.scope
    return services.request_supervisor_decide(
        request_id=_supervised_request(scope, request_id),
        supervisor_id=scope.employee_id,
        approve=approve,
        reason=reason,
        actor=scope.actor,
    )


@request_router.post(
    "/{request_id}/supervisor-approve",
    response=STEP,
    summary="Approve a request of your team (supervisor); it goes to HR",
)
def equipment_request_supervisor_approve(request: HttpRequest, request_id: int, payload: ApproveIn):
    return _supervisor_decides(request, request_id, True, payload.reason)


@request_router.post(
    "/{request_id}/supervisor-reject",
    response=STEP,
    summary="Reject a request of your team, with a reason (supervisor)",
)
def equipment_request_supervisor_reject(request: HttpRequest, request_id: int, payload: RejectIn):
    return _supervisor_decides(request, request_id, False, payload.reason)


def _hr_decides(request: HttpRequest, request_id: int, approve: bool, reason: str, override=""):
    scope = request.scope
    return services.request_hr_decide(
        request_id=_hr_request(scope, request_id),
        approve=approve,
        reason=reason,
        override_reason=override,
        actor=scope.actor,
    )


@request_router.post(
    "/{request_id}/hr-approve",
    response=STEP,
    summary="Approve a request against the material budget of this year (HR)",
    description="Over the budget it is refused (409 `budget_exceeded`) unless `override_reason` "
    "says why HR approves anyway.",
)
def equipment_request_hr_approve(request: HttpRequest, request_id: int, payload: HrApproveIn):
    return _hr_decides(request, request_id, True, payload.reason, payload.override_reason)


@request_router.post(
    "/{request_id}/hr-reject", response=STEP, summary="Reject a request, with a reason (HR)"
)
def equipment_request_hr_reject(request: HttpRequest, request_id: int, payload: RejectIn):
    return _hr_decides(request, request_id, False, payload.reason)


@request_router.post(
    "/{request_id}/deliver",
    response=STEP,
    summary="Record the delivery of an approved request (HR): it counts as spending",
)
def equipment_request_deliver(request: HttpRequest, request_id: int, payload: DeliverIn):
    scope = request.scope
    return services.request_deliver(
        request_id=_hr_request(scope, request_id),
        delivered_on=payload.delivered_on,
        actor=scope.actor,
    )


@request_router.post(
    "/{request_id}/return", response=STEP, summary="Record the return of a delivered loan (HR)"
)
def equipment_request_return(request: HttpRequest, request_id: int, payload: ReturnIn):
    scope = request.scope
    return services.request_return(
        request_id=_hr_request(scope, request_id),
        returned_on=payload.returned_on,
        actor=scope.actor,
    )


routes = [("/catalog-items", catalog_router), ("/equipment-requests", request_router)]
