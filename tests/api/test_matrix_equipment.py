"""The authorization matrix of the equipment and budget operations: every role, about entity A's
catalog, requests, budget lines and initiatives (made fresh inside each role's savepoint)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from tests.equipment import flow
from tests.factories import BudgetLineFactory, CatalogItemFactory, PlannedInitiativeFactory

from thuiswerk.budgets.models import Measure
from thuiswerk.equipment.models import CatalogItem

from .matrix import Case, check_case

V1 = "/api/v1"
EMPLOYEE_A = frozenset({"employee_a", "supervisor_a"})  # the supervisor is an employee of A too
HR_A = frozenset({"hr_a", "admin"})


def chair(world) -> CatalogItem:
    """A loan of A's catalog, for 250 euros."""
    item = CatalogItem.objects.filter(entity=world.a.entity, name="Bureaustoel").first()
    return item or CatalogItemFactory(
        entity=world.a.entity, name="Bureaustoel", unit_cost=Decimal("250.00")
    )


def material_budget(world) -> None:
    """Enough material budget for A this year for HR to approve without an override."""
    BudgetLineFactory(
        entity=world.a.entity,
        year=timezone.localdate().year,
        measure=Measure.MATERIAL,
        amount=Decimal("10000.00"),
    )


def requested(world):
    return flow.ask(world.a, chair(world))


def supervisor_approved(world):
    return flow.supervisor_approves(world.a, requested(world))


def hr_approved(world):
    material_budget(world)
    return flow.hr_approves(world.a, supervisor_approved(world))


def delivered(world):
    return flow.deliver(world.a, hr_approved(world))


def _request_url(step, action: str = ""):
    return lambda world: f"{V1}/equipment-requests/{step(world).pk}{action}"


def _shows_a(body, world) -> bool:
    return any(item["entity"] == world.a.entity.code for item in body["items"])


def _today(name: str):
    return lambda world: {name: timezone.localdate().isoformat()}


CASES = [
    # -- the catalog --
    Case(
        "GET",
        "/api/v1/catalog-items",
        lambda world: chair(world) and f"{V1}/catalog-items",
        EMPLOYEE_A | HR_A,
        listing=True,
        shows=_shows_a,
    ),
    Case(
        "GET",
        "/api/v1/catalog-items/{item_id}",
        lambda world: f"{V1}/catalog-items/{chair(world).pk}",
        EMPLOYEE_A | HR_A,
    ),
    Case(
        "POST",
        "/api/v1/catalog-items",
        lambda world: f"{V1}/catalog-items",
        HR_A,
        body=lambda world: {
            "entity": world.a.entity.code,
            "name": "Scherm 27 inch",
            "category": "screen",
            "unit_cost": "189.99",
            "ownership": "loan",
        },
    ),
    Case(
        "PATCH",
        "/api/v1/catalog-items/{item_id}",
        lambda world: f"{V1}/catalog-items/{chair(world).pk}",
        HR_A,
        body=lambda world: {"active": False},
    ),
    # -- the requests --
    Case(
        "GET",
        "/api/v1/equipment-requests",
        lambda world: requested(world) and f"{V1}/equipment-requests",
        frozenset({"employee_a", "supervisor_a"}) | HR_A,
        listing=True,
        shows=_shows_a,
    ),
    Case(
        "GET",
        "/api/v1/equipment-requests/{request_id}",
        _request_url(requested),
        frozenset({"employee_a", "supervisor_a"}) | HR_A,
    ),
    Case(
        "POST",
        "/api/v1/equipment-requests",
        lambda world: f"{V1}/equipment-requests",
        EMPLOYEE_A,
        body=lambda world: {"item_id": chair(world).pk, "motivation": "Rugpijn"},
    ),
    Case(
        "POST",
        "/api/v1/equipment-requests/{request_id}/withdraw",
        _request_url(requested, "/withdraw"),
        frozenset({"employee_a"}),
    ),
    Case(
        "POST",
        "/api/v1/equipment-requests/{request_id}/supervisor-approve",
        _request_url(requested, "/supervisor-approve"),
        frozenset({"supervisor_a"}),
        body=lambda world: {},
    ),
    Case(
        "POST",
        "/api/v1/equipment-requests/{request_id}/supervisor-reject",
        _request_url(requested, "/supervisor-reject"),
        frozenset({"supervisor_a"}),
        body=lambda world: {"reason": "Er is al een stoel op het thuiswerkadres."},
    ),
    Case(
        "POST",
        "/api/v1/equipment-requests/{request_id}/hr-approve",
        lambda world: (
            material_budget(world)
            or f"{V1}/equipment-requests/{supervisor_approved(world).pk}/hr-approve"
        ),
        HR_A,
        body=lambda world: {},
    ),
    Case(
        "POST",
        "/api/v1/equipment-requests/{request_id}/hr-reject",
        _request_url(supervisor_approved, "/hr-reject"),
        HR_A,
        body=lambda world: {"reason": "Niet in het budget van dit jaar."},
    ),
    Case(
        "POST",
        "/api/v1/equipment-requests/{request_id}/deliver",
        _request_url(hr_approved, "/deliver"),
        HR_A,
        body=_today("delivered_on"),
    ),
    Case(
        "POST",
        "/api/v1/equipment-requests/{request_id}/return",
        _request_url(delivered, "/return"),
        HR_A,
        body=_today("returned_on"),
    ),
    # -- budget lines --
    Case(
        "GET",
        "/api/v1/budget-lines",
        lambda world: material_budget(world) or f"{V1}/budget-lines",
        HR_A,
        listing=True,
        shows=_shows_a,
    ),
    Case(
        "GET",
        "/api/v1/budget-lines/material",
        lambda world: f"{V1}/budget-lines/material?entity={world.a.entity.code}&year=2026",
        HR_A,
    ),
    Case(
        "GET",
        "/api/v1/budget-lines/{line_id}",
        lambda world: f"{V1}/budget-lines/{BudgetLineFactory(entity=world.a.entity).pk}",
        HR_A,
    ),
    Case(
        "POST",
        "/api/v1/budget-lines",
        lambda world: f"{V1}/budget-lines",
        HR_A,
        body=lambda world: {
            "entity": world.a.entity.code,
            "year": 2027,
            "measure": "financial",
            "amount": "125000.00",
        },
    ),
    Case(
        "PATCH",
        "/api/v1/budget-lines/{line_id}",
        lambda world: f"{V1}/budget-lines/{BudgetLineFactory(entity=world.a.entity).pk}",
        HR_A,
        body=lambda world: {"amount": "90000.00"},
    ),
    Case(
        "DELETE",
        "/api/v1/budget-lines/{line_id}",
        lambda world: f"{V1}/budget-lines/{BudgetLineFactory(entity=world.a.entity).pk}",
        HR_A,
    ),
    # -- planned initiatives --
    Case(
        "GET",
        "/api/v1/initiatives",
        lambda world: PlannedInitiativeFactory(entity=world.a.entity) and f"{V1}/initiatives",
        HR_A,
        listing=True,
        shows=_shows_a,
    ),
    Case(
        "GET",
        "/api/v1/initiatives/{initiative_id}",
        lambda world: f"{V1}/initiatives/{PlannedInitiativeFactory(entity=world.a.entity).pk}",
        HR_A,
    ),
    Case(
        "POST",
        "/api/v1/initiatives",
        lambda world: f"{V1}/initiatives",
        HR_A,
        body=lambda world: {
            "entity": world.a.entity.code,
            "kind": "material",
            "title": "Tweede scherm voor iedereen",
            "planned_from": date(2027, 1, 1).isoformat(),
            "budget": "40000.00",
        },
    ),
    Case(
        "PATCH",
        "/api/v1/initiatives/{initiative_id}",
        lambda world: f"{V1}/initiatives/{PlannedInitiativeFactory(entity=world.a.entity).pk}",
        HR_A,
        body=lambda world: {"budget": "60000.00"},
    ),
    Case(
        "DELETE",
        "/api/v1/initiatives/{initiative_id}",
        lambda world: f"{V1}/initiatives/{PlannedInitiativeFactory(entity=world.a.entity).pk}",
        HR_A,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_matrix(case, world):
    check_case(case, world)
