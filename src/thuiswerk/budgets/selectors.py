"""Reads of budget lines and planned initiatives for the pages, filtered by the user's scope."""

from django.db.models import QuerySet

from thuiswerk.accounts.scope import OutOfScope, Scope
from thuiswerk.people.models import Entity

from .models import BudgetLine, PlannedInitiative


def _kept(queryset: QuerySet, scope: Scope, entity: Entity | None) -> QuerySet:
    # Of the entities the user keeps as HR officer (or admin); of `entity` alone, if given.
    queryset = queryset.filter(scope.people_entities.q("entity_id"))
    return queryset if entity is None else queryset.filter(entity=entity)


def budget_lines(*, scope: Scope, entity: Entity | None = None) -> QuerySet[BudgetLine]:
    """The budget lines of an entity the user keeps as HR officer (or admin), latest year first;
    without `entity`, of every entity she keeps."""
    return _kept(BudgetLine.objects.all(), scope, entity).order_by("-year", "measure")


def budget_line(*, scope: Scope, line_id: int, entity: Entity | None = None) -> BudgetLine:
    line = budget_lines(scope=scope, entity=entity).filter(pk=line_id).first()
    if line is None:
        raise OutOfScope
    return line


def initiatives(*, scope: Scope, entity: Entity | None = None) -> QuerySet[PlannedInitiative]:
    return _kept(PlannedInitiative.objects.all(), scope, entity).order_by("-planned_from", "title")


def initiative(
    *, scope: Scope, initiative_id: int, entity: Entity | None = None
) -> PlannedInitiative:
    found = initiatives(scope=scope, entity=entity).filter(pk=initiative_id).first()
    if found is None:
        raise OutOfScope
    return found
