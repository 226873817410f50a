"""Reads of the allowances app."""

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thuiswerk.accounts.scope import Scope
from thuiswerk.core.formatting import format_date
from thuiswerk.core.money import from_cents
from thuiswerk.core.months import month_end, month_range
from thuiswerk.people.models import Employee, EmploymentPeriod, Entity
from thuiswerk.rules.booking import booking_month
from thuiswerk.rules.engine import compute_ledger
from thuiswerk.rules.parameters import ParameterValue as RuleParameterValue
from thuiswerk.telework.models import Agreement

from .inputs import load_engine_inputs, load_parameters
from .models import ComputationRun, LedgerLine
from .services import check_month_range, closed_months


@dataclass
class MeasureVerdict:
    measure: str  # INTERNET or HOMEWORK
    in_force: bool
    due: bool
    effective_from: date
    required_home_days: float | None
    reasons: list[str]


@dataclass
class MonthExplanation:
    employee: Employee
    month: date
    facts: dict[str, Any] | None
    entity: Entity | None
    parameters: dict[str, RuleParameterValue]
    verdicts: list[MeasureVerdict]
    due_lines: list[dict[str, Any]]
    stored_lines: list[LedgerLine] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    periods: list[EmploymentPeriod] = field(default_factory=list)


def month_explanation(*, personnel_number: str, month: date) -> MonthExplanation:
    """Why each measure is or is not due for one employee and month, from the rules as they stand now,
    next to the lines the ledger holds for that month (which may differ until the month is recomputed).

    Raises Employee.DoesNotExist for an unknown personnel number, LedgerError for a month that
    cannot be computed (before the first parameter value, outside the holiday calendar's years).
    """
    return _explain(Employee.objects.get(personnel_number=personnel_number), month)


def _explain(employee: Employee, month: date) -> MonthExplanation:
    check_month_range(month, month)
    parameters = load_parameters()
    computation = compute_ledger(
        [month],
        **load_engine_inputs(month, month, employee_ids=[employee.pk]),
        parameters=parameters,
    )
    in_force = parameters.all_in_force(month)
    facts_rows = computation.facts.to_dicts()
    facts = facts_rows[0] if facts_rows else None
    verdicts = [
        _verdict("INTERNET", "internet", facts, in_force),
        _verdict("HOMEWORK", "homework", facts, in_force),
    ]
    due_lines = [
        {
            "measure": line["measure"],
            "employee_amount": from_cents(line["employee_amount_cents"]),
            "employer_cost": from_cents(line["employer_cost_cents"]),
            "explanation": json.loads(line["explanation"]),
        }
        for line in computation.lines.to_dicts()
    ]
    return MonthExplanation(
        employee=employee,
        month=month,
        facts=facts,
        entity=Entity.objects.filter(pk=facts["entity"]).first() if facts else None,
        parameters=in_force,
        verdicts=verdicts,
        due_lines=due_lines,
        stored_lines=list(
            LedgerLine.objects.filter(employee=employee, month=month)
            .select_related("entity")
            .order_by("booked_in", "id")
        ),
        agreements=list(
            employee.agreements.filter(valid_from__lte=month_end(month))
            .exclude(valid_to__lt=month)
            .order_by("valid_from")
        ),
        periods=list(
            employee.periods.filter(start_date__lte=month_end(month))
            .exclude(end_date__lt=month)
            .select_related("entity")
        ),
    )


def _verdict(
    measure: str, prefix: str, facts: dict | None, in_force: dict[str, RuleParameterValue]
) -> MeasureVerdict:
    """Why a measure is or is not due, in the active language."""
    effective_from = in_force[f"{prefix}_effective_from"].typed()
    if facts is None:
        return MeasureVerdict(
            measure, False, False, effective_from, None, [_("no employed day in the month")]
        )
    required = facts[f"{prefix}_required"]
    reasons = []
    if not facts[f"{prefix}_in_force"]:
        reasons.append(_("the measure applies from %(day)s") % {"day": format_date(effective_from)})
    if not facts["has_agreement"]:
        reasons.append(_("no approved hybrid-work agreement overlaps an employed day of the month"))
    days = {"home": f"{facts['home_days']:g}", "required": f"{required:g}"}
    if facts["home_days"] < required:
        reasons.append(_("%(home)s home day(s), %(required)s required") % days)
    else:
        reasons.append(_("%(home)s home day(s) >= %(required)s required") % days)
    return MeasureVerdict(
        measure,
        facts[f"{prefix}_in_force"],
        facts[f"{prefix}_due"],
        effective_from,
        required,
        reasons,
    )


# -- The employee's months, for the pages (every read takes the reader's scope) -----------------


def employee_month(*, scope: Scope, employee_id: int, month: date) -> MonthExplanation:
    """`month_explanation` for an employee the reader may see (else OutOfScope, a 404)."""
    return _explain(scope.employee(employee_id), month)


def payroll_month_for(month: date) -> date:
    """The payroll month that settles a change found for `month`: the month itself while it is
    open, else (it is paid) the first open month after it, where the next computation books the
    difference as a correction."""
    return booking_month(month, closed_months())


@dataclass
class MonthRow:
    month: date
    closed: bool
    lines: list[LedgerLine]  # the lines concerning the month, entitlements and corrections

    @property
    def employee_total(self) -> Decimal:
        return sum((line.employee_amount for line in self.lines), Decimal("0.00"))


@dataclass
class EmployeeYear:
    employee: Employee
    year: int
    years: list[int]  # the years with an employed month, up to this one
    months: list[MonthRow]


def employee_year(*, scope: Scope, employee_id: int, year: int | None = None) -> EmployeeYear:
    """The months of one year for one employee: each employed month up to the current one (or a
    later one the ledger already holds lines for), its lines and whether it is paid."""
    employee = scope.employee(employee_id)
    today = timezone.localdate()
    periods = list(employee.periods.order_by("start_date"))
    first_year = periods[0].start_date.year if periods else today.year
    last_year = max([today.year] + [p.end_date.year for p in periods if p.end_date])
    year = year or min(today.year, last_year)
    lines = list(
        scope.persons(LedgerLine.objects.filter(employee=employee, month__year=year))
        .select_related("entity")
        .order_by("month", "booked_in", "measure", "id")
    )
    by_month: dict[date, list[LedgerLine]] = {}
    for line in lines:
        by_month.setdefault(line.month, []).append(line)
    last = max([today.replace(day=1), *by_month])
    closed = closed_months()
    months = [
        MonthRow(month, month in closed, by_month.get(month, []))
        for month in month_range(date(year, 1, 1), min(date(year, 12, 1), last))
        if month in by_month
        or any(
            p.start_date <= month_end(month) and (p.end_date is None or p.end_date >= month)
            for p in periods
        )
    ]
    return EmployeeYear(
        employee, year, list(range(first_year, max(last_year, first_year) + 1)), months[::-1]
    )


# -- For the API: runs and ledger lines within the reader's scope ------------------------------


def runs_visible(*, scope: Scope) -> QuerySet[ComputationRun]:
    """The computation runs, for those who see the payroll months page (HR officers, admins): a
    run is government-wide; what it says about persons is narrowed (`visible_warnings`)."""
    scope.require(scope.is_hr and bool(scope.people_entities))
    return ComputationRun.objects.all()


def persons_seen(*, scope: Scope) -> set[str] | None:
    """The personnel numbers of the persons this reader sees by name; None: everyone (admin)."""
    if scope.people_entities.everything:
        return None
    return set(scope.employees().values_list("personnel_number", flat=True))


def visible_warnings(warnings: list[dict[str, Any]], seen: set[str] | None) -> list[dict[str, Any]]:
    """The warnings of a run (they carry a personnel number) about the persons `seen`
    (`persons_seen`): an HR officer gets those about her entities' staff, an admin all."""
    if seen is None:
        return warnings
    return [warning for warning in warnings if warning.get("employee_id") in seen]


def ledger_lines_visible(*, scope: Scope) -> QuerySet[LedgerLine]:
    """The ledger lines a reader sees, as the months pages show them: her own (an employee,
    also a supervisor: not her team's), those of her entities (HR officer), all (admin). An
    auditor sees no person, so no line (NotAllowed: her figures are the reports')."""
    scope.require(scope.employee_id is not None or bool(scope.people_entities))
    if scope.people_entities.everything:
        return LedgerLine.objects.all()
    condition = Q(pk__in=[])
    if scope.employee_id is not None:
        condition |= Q(employee_id=scope.employee_id)
    if scope.people_entities:
        condition |= scope.people_entities.q("entity_id")
    return LedgerLine.objects.filter(condition)


def corrected_lines(lines: list[LedgerLine]) -> dict[int, list[int]]:
    """For each correction among `lines`: the ids of the lines it corrects, those of the same
    employee, month, measure and entity booked in an earlier payroll month (paid then), in one
    read for all of them."""
    corrections = [line for line in lines if line.kind == LedgerLine.Kind.CORRECTION]
    if not corrections:
        return {}
    earlier = LedgerLine.objects.filter(
        employee_id__in={line.employee_id for line in corrections},
        month__in={line.month for line in corrections},
        measure__in={line.measure for line in corrections},
        entity_id__in={line.entity_id for line in corrections},
    ).values_list("id", "employee_id", "month", "measure", "entity_id", "booked_in")
    by_key: dict[tuple, list[tuple[date, int]]] = {}
    for line_id, employee_id, month, measure, entity_id, booked_in in earlier.order_by("id"):
        by_key.setdefault((employee_id, month, measure, entity_id), []).append((booked_in, line_id))
    return {
        line.pk: [
            line_id
            for booked_in, line_id in by_key.get(
                (line.employee_id, line.month, line.measure, line.entity_id), []
            )
            if booked_in < line.booked_in
        ]
        for line in corrections
    }
