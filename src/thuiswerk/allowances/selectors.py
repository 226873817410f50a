"""Reads of the allowances app."""

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from thuiswerk.core.formatting import format_date
from thuiswerk.core.money import from_cents
from thuiswerk.core.months import month_end
from thuiswerk.people.models import Employee, EmploymentPeriod, Entity
from thuiswerk.rules.engine import compute_ledger
from thuiswerk.rules.parameters import ParameterValue as RuleParameterValue
from thuiswerk.telework.models import Agreement

from .inputs import load_engine_inputs, load_parameters
from .models import LedgerLine
from .services import check_month_range


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
    check_month_range(month, month)
    employee = Employee.objects.get(personnel_number=personnel_number)
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
