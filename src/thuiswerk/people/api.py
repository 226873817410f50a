"""The API of entities, employees and employment periods: read only.

The imports feed them (the staff file); the web app has no page that edits them, so neither has
the API. Everyone sees what the web app shows her: the entities whose figures or staff she sees,
the persons she sees by name (herself, her team, the staff of her entities), and the employment
periods of the staff she manages as HR officer (the back office's employee file).
"""

from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from thuiswerk.accounts.scope import OutOfScope
from thuiswerk.api.errors import responses
from thuiswerk.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, page
from thuiswerk.api.schemas import Id, Text, page_of

from .models import Employee, EmploymentPeriod

router = Router(tags=["people"])


class EntityOut(Schema):
    code: str
    name: str


class EmployeeOut(Schema):
    id: int
    personnel_number: str
    first_name: str
    last_name: str
    email: str


class PeriodOut(Schema):
    id: int
    entity: str  # its code
    fte: Decimal
    start_date: date
    end_date: date | None
    supervisor_id: int | None

    @staticmethod
    def resolve_entity(period: EmploymentPeriod) -> str:
        return period.entity.code


class EmployeeFilter(Schema):
    entity: Text | None = Field(None, description="Entity code: staff with a period in it.")
    personnel_number: Text | None = None
    search: Text | None = Field(
        None, description="Words that each occur in the personnel number, first or last name."
    )
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


# A page's size, for the operations without other filters.
LIMIT = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


EntityPage = page_of(EntityOut)
EmployeePage = page_of(EmployeeOut)
PeriodPage = page_of(PeriodOut)


@router.get("/entities", response=responses({200: EntityPage}), summary="Entities I see")
def entity_list(request: HttpRequest, cursor: str | None = None, limit: int = LIMIT):
    scope = request.scope
    # HR officers' entities are among their figures' entities; the union keeps that explicit.
    queryset = scope.entities() | scope.managed_entities()
    return page(queryset.distinct(), cursor, limit, ("code",))


@router.get("/entities/{code}", response=responses({200: EntityOut}, 404), summary="An entity")
def entity_get(request: HttpRequest, code: Text):
    scope = request.scope
    found = (scope.entities() | scope.managed_entities()).filter(code=code).first()
    if found is None:
        raise OutOfScope
    return found


@router.get("/employees", response=responses({200: EmployeePage}), summary="Employees I see")
def employee_list(request: HttpRequest, filters: Query[EmployeeFilter]):
    employees = request.scope.employees()
    if filters.entity:
        in_entity = EmploymentPeriod.objects.filter(entity__code=filters.entity)
        employees = employees.filter(pk__in=in_entity.values("employee_id"))
    if filters.personnel_number:
        employees = employees.filter(personnel_number=filters.personnel_number)
    for word in (filters.search or "").split():
        employees = employees.filter(
            Q(personnel_number__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
        )
    return page(employees, filters.cursor, filters.limit, ("personnel_number",))


@router.get(
    "/employees/{int:employee_id}",
    response=responses({200: EmployeeOut}, 404),
    summary="An employee",
)
def employee_get(request: HttpRequest, employee_id: Id) -> Employee:
    return request.scope.employee(employee_id)


@router.get(
    "/employees/{int:employee_id}/periods",
    response=responses({200: PeriodPage}, 404),
    summary="An employee's employment periods (HR)",
)
def period_list(
    request: HttpRequest, employee_id: Id, cursor: str | None = None, limit: int = LIMIT
):
    scope = request.scope
    employee = scope.employee(employee_id)
    # As the back office's employee file: HR rights over her, not her supervisor nor herself.
    scope.require(scope.manages_person(employee.pk))
    periods = EmploymentPeriod.objects.filter(employee=employee).select_related("entity")
    return page(periods, cursor, limit, ("start_date",))


routes = [("", router)]
