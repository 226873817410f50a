"""The budget resources: budget lines with what is spent and committed against them, the
material budget of a year, and planned initiatives."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from tests.equipment import flow
from tests.factories import BudgetLineFactory, DeliveryFactory, PlannedInitiativeFactory

from thuiswerk.audit.models import AuditEvent
from thuiswerk.budgets.models import BudgetLine, Measure, PlannedInitiative

from .test_matrix_equipment import chair

LINES = "/api/v1/budget-lines"
INITIATIVES = "/api/v1/initiatives"


@pytest.fixture
def hr(world, token_client):
    return token_client(world.a.hr_user)


def _send(client, method: str, path: str, body: dict):
    return getattr(client, method)(path, data=body, content_type="application/json")


def test_a_material_line_shows_what_is_spent_committed_and_left(world, hr):
    year = timezone.localdate().year
    material = BudgetLineFactory(
        entity=world.a.entity, year=year, measure=Measure.MATERIAL, amount=Decimal("1000.00")
    )
    BudgetLineFactory(entity=world.a.entity, year=year, measure=Measure.FINANCIAL)
    DeliveryFactory(
        employee=world.a.employee,
        entity=world.a.entity,
        delivered_on=date(year, 1, 1),
        cost=Decimal("99.50"),
    )
    flow.approved(world.a, chair(world))  # 250.00 committed

    line = hr.get(f"{LINES}/{material.pk}").json()
    assert line == {
        "id": material.pk,
        "entity": "AIV",
        "year": year,
        "measure": "material",
        "reserved": "1000.00",
        "spent": "99.50",
        "committed": "250.00",
        "remaining": "650.50",
    }
    listed = hr.get(LINES, {"year": year, "measure": "financial"}).json()["items"]
    assert [(item["measure"], item["spent"]) for item in listed] == [("financial", None)]
    position = hr.get(f"{LINES}/material", {"entity": "AIV", "year": year}).json()
    assert position["remaining"] == "650.50" and position["committed"] == "250.00"


def test_the_material_budget_of_a_year_without_a_line_reserves_nothing(world, hr):
    position = hr.get(f"{LINES}/material", {"entity": "AIV", "year": 2030}).json()
    assert position == {
        "entity": "AIV",
        "year": 2030,
        "reserved": "0.00",
        "spent": "0.00",
        "committed": "0.00",
        "remaining": "0.00",
    }
    assert hr.get(f"{LINES}/material", {"entity": "DKB", "year": 2030}).status_code == 404


def test_hr_reserves_changes_and_deletes_a_line(world, hr):
    body = {"entity": "AIV", "year": 2027, "measure": "material", "amount": "25000.00"}
    created = _send(hr, "post", LINES, body)
    assert created.status_code == 201
    assert created.json()["remaining"] == "25000.00"
    url = f"{LINES}/{created.json()['id']}"
    assert _send(hr, "patch", url, {"amount": "20000.50"}).json()["reserved"] == "20000.50"
    assert BudgetLine.objects.get().amount == Decimal("20000.50")
    assert hr.delete(url).status_code == 204
    assert hr.get(url).status_code == 404
    events = AuditEvent.objects.filter(object_type="budgetline").order_by("pk")
    actions = list(events.values_list("action", flat=True))
    assert actions == ["budgetline.add", "budgetline.change", "budgetline.delete"]


@pytest.mark.parametrize(
    "body",
    [
        {"amount": "-1.00"},
        {"amount": 25000},
        {"amount": "25.000,00"},
        {"year": 1999},
        {"year": "2027"},
        {"measure": "fiscal"},
        {"year": 2023, "measure": "material"},  # the entity has that line already
    ],
)
def test_a_budget_line_is_checked(world, hr, body):
    BudgetLineFactory(entity=world.a.entity, year=2023, measure=Measure.MATERIAL)
    line = BudgetLineFactory(entity=world.a.entity, year=2024, measure=Measure.FINANCIAL)
    response = _send(hr, "patch", f"{LINES}/{line.pk}", body)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid_input"
    line.refresh_from_db()
    assert (line.year, line.measure, line.amount) == (2024, "financial", Decimal("100000.00"))


def test_hr_sees_only_her_entities_lines(world, hr, token_client):
    BudgetLineFactory(entity=world.a.entity)
    BudgetLineFactory(entity=world.b.entity)
    assert [item["entity"] for item in hr.get(LINES).json()["items"]] == ["AIV"]
    admin = token_client(world.admin_user)
    assert len(admin.get(LINES).json()["items"]) == 2
    assert admin.get(LINES, {"entity": "DKB"}).json()["items"][0]["entity"] == "DKB"
    assert token_client(world.a.auditor_user).get(LINES).status_code == 403


def test_hr_plans_an_initiative_and_changes_it(world, hr):
    body = {
        "entity": "AIV",
        "kind": "material",
        "title": "Tweede scherm",
        "motivation": "Ergonomie",
        "planned_from": "2027-01-01",
        "planned_to": "2027-12-31",
        "budget": "40000.00",
    }
    created = _send(hr, "post", INITIATIVES, body)
    assert created.status_code == 201
    assert created.json() == body | {"id": created.json()["id"]}
    url = f"{INITIATIVES}/{created.json()['id']}"
    changed = _send(hr, "patch", url, {"planned_to": None, "budget": "45000.00"})
    assert changed.json()["planned_to"] is None
    stored = PlannedInitiative.objects.get()
    assert stored.budget == Decimal("45000.00") and stored.planned_from == date(2027, 1, 1)
    assert hr.delete(url).status_code == 204
    assert not PlannedInitiative.objects.exists()


def test_the_initiatives_filter_by_kind(world, hr):
    PlannedInitiativeFactory(entity=world.a.entity, kind="material", title="Stoelen")
    PlannedInitiativeFactory(entity=world.a.entity, kind="financial", title="Vergoeding")
    PlannedInitiativeFactory(entity=world.b.entity, kind="material", title="DKB")
    items = hr.get(INITIATIVES, {"kind": "material"}).json()["items"]
    assert [item["title"] for item in items] == ["Stoelen"]
    assert items[0]["budget"] == "50000.00"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"planned_from": "2027-06-01", "planned_to": "2027-01-01"}, "planned_to"),
        ({"budget": "-10.00"}, "budget"),
        ({"planned_from": "2027-13-01"}, "planned_from"),
        ({"title": " "}, "title"),
    ],
)
def test_an_initiative_is_checked(world, hr, body, field):
    initiative = PlannedInitiativeFactory(entity=world.a.entity)
    response = _send(hr, "patch", f"{INITIATIVES}/{initiative.pk}", body)
    assert response.status_code == 422, response.content
    assert response.json()["details"][0]["field"] == field
    initiative.refresh_from_db()
    assert initiative.budget == Decimal("50000.00")
