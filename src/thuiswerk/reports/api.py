"""The reports through the API: the parliamentary figures as JSON, the answer workbook, and the
payroll file of a month. The same writers as the back office's downloads, with its scope rules:
the figures of an entity whose figures the reader sees (ALL: admins and auditors for all), the
payroll file of the reader's own entities (HR officers, admins)."""

import io
import tempfile
from datetime import date
from pathlib import Path
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from thuiswerk.accounts.scope import OutOfScope, Scope
from thuiswerk.api.errors import ApiError, responses
from thuiswerk.api.schemas import Day, Month
from thuiswerk.backoffice.selectors import dashboard_as_of
from thuiswerk.core.months import format_month, parse_month

from .exports import ExportError, export_payroll
from .parliament import ALL, MAX_YEARS, ReportPeriodError, parliament_answer
from .workbook import write_parliament_workbook

router = Router(tags=["reports"])
routes = [("", router)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"


def _file(*content_types: str) -> dict[str, Any]:
    """The OpenAPI description of a 200 that is a file, not JSON."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {
        "responses": {
            200: {
                "description": "the file (Content-Disposition: attachment)",
                "content": {content_type: binary for content_type in content_types},
            }
        }
    }


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# -- the parliamentary figures --------------------------------------------------------------------


class InternetOut(Schema):
    forfait: int
    third_party: int
    total: int
    pct: float
    forfait_pct: float
    third_party_pct: float


class HomeworkOut(Schema):
    total: int
    pct: float


class FinancialOut(Schema):
    reserved: str
    spent: str
    internet_forfait: str
    internet_third_party: str
    homework: str


class CategoryOut(Schema):
    items: int
    beneficiaries: int
    cost: str


class MaterialOut(Schema):
    reserved: str
    spent: str
    beneficiaries: int
    pct: float
    by_category: dict[str, CategoryOut]


class YearOut(Schema):
    year: int
    months: list[str]
    provisional: bool
    headcount: int
    internet: InternetOut
    homework: HomeworkOut
    financial: FinancialOut
    material: MaterialOut


class InitiativeOut(Schema):
    entity: str | None = None  # with ALL only
    kind: str
    title: str
    motivation: str
    planned_from: str
    planned_to: str
    budget: str


class ParameterOut(Schema):
    name: str
    value: str
    effective_from: str
    in_law_from: str
    legal_source: str
    assumption: bool


class EntityYearsOut(Schema):
    entity: str
    name: str
    years: list[YearOut]


class ParliamentOut(Schema):
    entity: str
    name: str
    as_of: str
    provisional: bool
    years: list[YearOut]
    initiatives: list[InitiativeOut]
    past_initiatives: list[InitiativeOut]
    parameters: list[ParameterOut]
    measures_from: dict[str, str]
    open_months: list[str]
    entities: list[EntityYearsOut] | None = None  # with ALL: every entity's years


class ReportQuery(Schema):
    entity: str = Field(ALL, max_length=16, description="an entity's code, or ALL")
    as_of: Day | None = Field(None, description="only months ended by this day count; today")
    years: int = Field(3, ge=1, le=MAX_YEARS, description="this year and the ones before")


class WorkbookQuery(ReportQuery):
    lang: Literal["nl", "en"] = "nl"


def _answer(scope: Scope, query: ReportQuery):
    """The answer for an entity whose figures the reader sees, as the report page asks it."""
    if query.entity == ALL:
        if not scope.figure_entities.everything:
            raise OutOfScope
    else:
        scope.entity(query.entity)
    as_of = query.as_of or dashboard_as_of()
    try:
        answer = parliament_answer(entity_code=query.entity, as_of=as_of, years=query.years)
    except ReportPeriodError as error:
        raise ApiError(
            422,
            "invalid_period",
            str(error),
            [{"field": "as_of", "code": "invalid_period", "message": str(error)}],
        ) from None
    return answer, f"parlement-{query.entity}-{as_of.isoformat()}"


@router.get(
    "/reports/parliament",
    response=responses({200: ParliamentOut}, 404),
    summary="The parliamentary figures (the workbook's numbers) of an entity or ALL",
)
def parliament_figures(request: HttpRequest, query: Query[ReportQuery]):
    answer, _stem = _answer(request.scope, query)
    return answer.to_json()


@router.get(
    "/reports/parliament.xlsx",
    response=responses({200: None}, 404),
    openapi_extra=_file(XLSX),
    summary="The parliamentary answer workbook of an entity or ALL",
)
def parliament_workbook(request: HttpRequest, query: Query[WorkbookQuery]):
    answer, stem = _answer(request.scope, query)
    with tempfile.TemporaryDirectory(prefix="thuiswerk-report-") as folder:
        path = Path(folder) / f"{stem}.xlsx"
        write_parliament_workbook(answer=answer, path=path, lang=query.lang)
        content = path.read_bytes()
    return _download(content, f"{stem}.xlsx", XLSX)


# -- the payroll file -----------------------------------------------------------------------------


class PayrollQuery(Schema):
    month: Month = Field(description="the payroll month")
    entity: str | None = Field(None, max_length=16, description="one of your entities; all")
    format: Literal["csv", "xlsx"] = "csv"
    dialect: Literal["iso", "be"] = Field("iso", description="iso: `,` and `.`; be: `;` and `,`")


@router.get(
    "/exports/payroll",
    response=responses({200: None}, 404),
    openapi_extra=_file(CSV, XLSX),
    summary="What payroll pays in a month, per employee and pay code (your entities)",
)
def payroll_export(request: HttpRequest, query: Query[PayrollQuery]):
    scope = request.scope
    scope.require(scope.is_hr)
    if query.entity is not None:
        codes = [scope.entity(query.entity, manage=True).code]
    elif scope.people_entities.everything:
        codes = None
    else:
        codes = list(scope.managed_entities().values_list("code", flat=True))
        if not codes:
            raise OutOfScope
    month: date = parse_month(query.month)
    out = io.BytesIO()
    try:
        export_payroll(
            month=month, out=out, fmt=query.format, dialect=query.dialect, entity_codes=codes
        )
    except ExportError as error:
        raise ApiError(422, "invalid_input", str(error)) from None
    kind = XLSX if query.format == "xlsx" else f"{CSV}; charset=utf-8"
    return _download(out.getvalue(), f"loon-{format_month(month)}.{query.format}", kind)
