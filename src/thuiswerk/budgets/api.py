"""The budget resources of the API: an entity's budget lines (what it reserved per year and
measure, and for material support what is spent and committed against it) and its planned
initiatives (what is planned, the parliamentary questions 3 and 4).

As on the web's budget pages, only the entity's HR officers (and admins) read and change them,
through `budgets.selectors` and `budgets.services` (audited).
"""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema, Status

from thuiswerk.accounts.scope import Scope
from thuiswerk.api.errors import ApiError, responses
from thuiswerk.api.pagination import page
from thuiswerk.api.schemas import Amount, Day, Euros, Input, page_of, text
from thuiswerk.equipment.api import Code, OfEntity, Pages
from thuiswerk.equipment.services import BudgetPosition, material_position

from . import selectors, services
from .models import BudgetLine, Measure, PlannedInitiative

MeasureName = Literal[tuple(Measure.values)]
Year = Annotated[int, Field(ge=2000, le=2100)]
Title = text(strip_whitespace=True, min_length=1, max_length=200)
Motivation = text(max_length=5000)


def _invalid(field: str, code: str, message: str) -> ApiError:
    return ApiError(
        422, "invalid_input", message, [{"field": field, "code": code, "message": message}]
    )


def _not_negative(field: str, amount: Decimal | None) -> None:
    # The web's money fields refuse a negative amount; the models do not.
    if amount is not None and amount < 0:
        raise _invalid(field, "negative", _("An amount cannot be negative."))


def _keeper(scope: Scope) -> None:
    """Budgets are HR's: others are refused (403), as on the web."""
    scope.require(scope.is_hr)


# -- budget lines --------------------------------------------------------------------------------
class BudgetLineOut(Schema):
    id: int
    entity: str  # the entity's code
    year: int
    measure: MeasureName
    reserved: Euros
    # Material support only (None for financial support, whose spending is the ledger's: see
    # the parliamentary figures): deliveries of the year, requests approved by HR and not yet
    # delivered, and what remains.
    spent: Euros | None
    committed: Euros | None
    remaining: Euros | None


class BudgetLineIn(Input):
    entity: Code = Field(description="the code of an entity you keep as HR officer")
    year: Year
    measure: MeasureName
    amount: Amount = Field(description="the amount reserved")


class BudgetLineChange(Input):
    year: Year = None
    measure: MeasureName = None
    amount: Amount = None


class MaterialBudgetOut(Schema):
    """An entity's material budget of a year, as HR approves requests against it."""

    entity: str
    year: int
    reserved: Euros
    spent: Euros
    committed: Euros
    remaining: Euros


def _line_out(line: BudgetLine) -> dict:
    out = {
        "id": line.pk,
        "entity": line.entity.code,
        "year": line.year,
        "measure": line.measure,
        "reserved": line.amount,
        "spent": None,
        "committed": None,
        "remaining": None,
    }
    if line.measure == Measure.MATERIAL:
        position = material_position(entity_id=line.entity_id, year=line.year)
        out |= {
            "spent": position.spent,
            "committed": position.committed,
            "remaining": position.remaining,
        }
    return out


def _position_out(code: str, position: BudgetPosition) -> dict:
    return {
        "entity": code,
        "year": position.year,
        "reserved": position.reserved,
        "spent": position.spent,
        "committed": position.committed,
        "remaining": position.remaining,
    }


class LineFilters(FilterSchema):
    entity: Annotated[Code | None, FilterLookup("entity__code")] = None
    year: int | None = None
    measure: MeasureName | None = None


lines_router = Router(tags=["budgets"])


@lines_router.get(
    "",
    response=responses({200: page_of(BudgetLineOut)}),
    summary="The budget lines of the entities you keep (HR)",
)
def budget_line_list(request: HttpRequest, filters: Query[LineFilters], pages: Query[Pages]):
    _keeper(request.scope)
    lines = filters.filter(selectors.budget_lines(scope=request.scope).select_related("entity"))
    found = page(lines, pages.cursor, pages.limit)
    return found | {"items": [_line_out(line) for line in found["items"]]}


@lines_router.get(
    "/material",
    response=responses({200: MaterialBudgetOut}, 404),
    summary="The material budget of an entity in a year: reserved, spent, committed (HR)",
)
def material_budget_get(request: HttpRequest, entity: Code, year: Year):
    scope = request.scope
    _keeper(scope)
    kept = scope.entity(entity, manage=True)
    return _position_out(kept.code, material_position(entity_id=kept.pk, year=year))


@lines_router.get(
    "/{line_id}", response=responses({200: BudgetLineOut}, 404), summary="One budget line"
)
def budget_line_get(request: HttpRequest, line_id: int):
    _keeper(request.scope)
    return _line_out(selectors.budget_line(scope=request.scope, line_id=line_id))


@lines_router.post(
    "",
    response=responses({201: BudgetLineOut}, 404),
    summary="Reserve an amount for an entity you keep, a year and a measure (HR)",
)
def budget_line_create(request: HttpRequest, payload: BudgetLineIn):
    scope = request.scope
    _keeper(scope)
    _not_negative("amount", payload.amount)
    fields = dict(payload)
    line = BudgetLine(entity=scope.entity(fields.pop("entity"), manage=True), **fields)
    return Status(201, _line_out(services.budget_line_save(budget_line=line, actor=scope.actor)))


@lines_router.patch(
    "/{line_id}", response=responses({200: BudgetLineOut}, 404), summary="Change a budget line (HR)"
)
def budget_line_change(request: HttpRequest, line_id: int, payload: BudgetLineChange):
    scope = request.scope
    _keeper(scope)
    _not_negative("amount", payload.amount)
    line = selectors.budget_line(scope=scope, line_id=line_id)
    for name, value in payload.sent().items():
        setattr(line, name, value)
    return _line_out(services.budget_line_save(budget_line=line, actor=scope.actor))


@lines_router.delete(
    "/{line_id}", response=responses({204: None}, 404), summary="Delete a budget line (HR)"
)
def budget_line_delete(request: HttpRequest, line_id: int):
    scope = request.scope
    _keeper(scope)
    line = selectors.budget_line(scope=scope, line_id=line_id)
    services.budget_line_delete(budget_line=line, actor=scope.actor)
    return Status(204, None)


# -- planned initiatives -------------------------------------------------------------------------
class InitiativeOut(OfEntity):
    kind: MeasureName
    title: str
    motivation: str
    planned_from: date | None
    planned_to: date | None
    budget: Euros


class InitiativeIn(Input):
    entity: Code = Field(description="the code of an entity you keep as HR officer")
    kind: MeasureName
    title: Title
    motivation: Motivation = ""
    planned_from: Day | None = None
    planned_to: Day | None = None
    budget: Amount = Decimal("0.00")


class InitiativeChange(Input):
    kind: MeasureName = None
    title: Title = None
    motivation: Motivation = None
    planned_from: Day | None = None
    planned_to: Day | None = None
    budget: Amount = None


def _initiative_saved(scope: Scope, initiative: PlannedInitiative) -> PlannedInitiative:
    _not_negative("budget", initiative.budget)
    first, last = initiative.planned_from, initiative.planned_to
    # As the web's form: the model does not check it.
    if first and last and last < first:
        raise _invalid("planned_to", "before_start", _("The end cannot be before the start."))
    return services.initiative_save(initiative=initiative, actor=scope.actor)


class InitiativeFilters(FilterSchema):
    entity: Annotated[Code | None, FilterLookup("entity__code")] = None
    kind: MeasureName | None = None


initiatives_router = Router(tags=["budgets"])


@initiatives_router.get(
    "",
    response=responses({200: page_of(InitiativeOut)}),
    summary="The planned initiatives of the entities you keep (HR): what is planned",
)
def initiative_list(request: HttpRequest, filters: Query[InitiativeFilters], pages: Query[Pages]):
    _keeper(request.scope)
    found = selectors.initiatives(scope=request.scope).select_related("entity")
    return page(filters.filter(found), pages.cursor, pages.limit)


@initiatives_router.get(
    "/{initiative_id}",
    response=responses({200: InitiativeOut}, 404),
    summary="One planned initiative",
)
def initiative_get(request: HttpRequest, initiative_id: int):
    _keeper(request.scope)
    return selectors.initiative(scope=request.scope, initiative_id=initiative_id)


@initiatives_router.post(
    "",
    response=responses({201: InitiativeOut}, 404),
    summary="Plan an initiative for an entity you keep (HR)",
)
def initiative_create(request: HttpRequest, payload: InitiativeIn):
    scope = request.scope
    _keeper(scope)
    fields = dict(payload)
    kept = scope.entity(fields.pop("entity"), manage=True)
    return Status(201, _initiative_saved(scope, PlannedInitiative(entity=kept, **fields)))


@initiatives_router.patch(
    "/{initiative_id}",
    response=responses({200: InitiativeOut}, 404),
    summary="Change a planned initiative (HR)",
)
def initiative_change(request: HttpRequest, initiative_id: int, payload: InitiativeChange):
    scope = request.scope
    _keeper(scope)
    initiative = selectors.initiative(scope=scope, initiative_id=initiative_id)
    for name, value in payload.sent().items():
        setattr(initiative, name, value)
    return _initiative_saved(scope, initiative)


@initiatives_router.delete(
    "/{initiative_id}",
    response=responses({204: None}, 404),
    summary="Delete a planned initiative (HR)",
)
def initiative_delete(request: HttpRequest, initiative_id: int):
    scope = request.scope
    _keeper(scope)
    initiative = selectors.initiative(scope=scope, initiative_id=initiative_id)
    services.initiative_delete(initiative=initiative, actor=scope.actor)
    return Status(204, None)


routes = [("/budget-lines", lines_router), ("/initiatives", initiatives_router)]
