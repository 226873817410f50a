"""Reads of budget lines and planned initiatives for the pages, filtered by the user's scope."""

from django.db.models import QuerySet

from thuiswerk.accounts.scope import OutOfScope, Scope
from thuiswerk.people.models import Entity

from .models import BudgetLine, PlannedInitiative


def budget_lines(*, scope: Scope, entity: Entity) -> QuerySet[BudgetLine]:
    """The budget lines of an entity the user keeps as HR officer (or admin), latest year first."""
    return BudgetLine.objects.filter(scope.people_entities.q("entity_id"), entity=entity).order_by(
        "-year", "measure"
    )


def budget_line(*, scope: Scope, entity: Entity, line_id: int) -> BudgetLine:
    line = budget_lines(scope=scope, entity=entity).filter(pk=line_id).first()
    if line is None:
        raise OutOfScope
    return line


def initiatives(*, scope: Scope, entity: Entity) -> QuerySet[PlannedInitiative]:
    return PlannedInitiative.objects.filter(
        scope.people_entities.q("entity_id"), entity=entity
    ).order_by("-planned_from", "title")


def initiative(*, scope: Scope, entity: Entity, initiative_id: int) -> PlannedInitiative:
    found = initiatives(scope=scope, entity=entity).filter(pk=initiative_id).first()
    if found is None:
        raise OutOfScope
    return found
