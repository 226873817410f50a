"""Writes of budget lines and planned initiatives (admin, web app, API): audited."""

from thuiswerk.audit.services import instance_delete, instance_save

from .models import BudgetLine, PlannedInitiative


def budget_line_save(*, budget_line: BudgetLine, actor: str, reason: str = "") -> BudgetLine:
    return instance_save(instance=budget_line, actor=actor, reason=reason)


def budget_line_delete(*, budget_line: BudgetLine, actor: str, reason: str = "") -> None:
    instance_delete(instance=budget_line, actor=actor, reason=reason)


def initiative_save(
    *, initiative: PlannedInitiative, actor: str, reason: str = ""
) -> PlannedInitiative:
    return instance_save(instance=initiative, actor=actor, reason=reason)


def initiative_delete(*, initiative: PlannedInitiative, actor: str, reason: str = "") -> None:
    instance_delete(instance=initiative, actor=actor, reason=reason)
