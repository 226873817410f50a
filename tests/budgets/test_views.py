"""The budget page of an entity asked as every role of `world`, and its writes (audited)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from tests.factories import BudgetLineFactory, PlannedInitiativeFactory
from tests.roles import ROLES

from thuiswerk.audit.models import AuditEvent
from thuiswerk.budgets.models import BudgetLine, PlannedInitiative

ALLOWED = {"hr_a": 200, "admin": 200}


@pytest.fixture
def budgets(world):
    return {
        "a_line": BudgetLineFactory(
            entity=world.a.entity, year=2024, measure="material", amount=Decimal("12345.67")
        ),
        "b_line": BudgetLineFactory(
            entity=world.b.entity, year=2024, measure="material", amount=Decimal("98765.43")
        ),
        "a_plan": PlannedInitiativeFactory(entity=world.a.entity, title="Tweede scherm voor AIV"),
        "b_plan": PlannedInitiativeFactory(entity=world.b.entity, title="Uitleendienst DKB"),
    }


def as_role(client, world, role: str):
    client.force_login(world.users()[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_budget_page(client, world, budgets, role):
    response = as_role(client, world, role).get(reverse("budgets:entity", args=["AIV"]))
    assert response.status_code == ALLOWED.get(role, 404)
    if response.status_code == 200:
        page = response.content.decode()
        assert "€ 12.345,67" in page and "Tweede scherm voor AIV" in page
        assert "98.765,43" not in page and "Uitleendienst DKB" not in page
        for name in ("MedewerkerAIV", "MedewerkerDKB", "LeiderAIV", "LeiderDKB"):
            assert name not in page


@pytest.mark.parametrize("role", ROLES)
def test_edit_pages(client, world, budgets, role):
    client = as_role(client, world, role)
    for url in (
        reverse("budgets:line", args=["AIV", budgets["a_line"].pk]),
        reverse("budgets:initiative", args=["AIV", budgets["a_plan"].pk]),
    ):
        assert client.get(url).status_code == ALLOWED.get(role, 404)


@pytest.mark.parametrize(
    "url",
    [
        ("budgets:line", "b_line"),
        ("budgets:initiative", "b_plan"),
        ("budgets:line_delete", "b_line"),
        ("budgets:initiative_delete", "b_plan"),
    ],
)
def test_another_entitys_rows_are_not_found_under_the_own(client, world, budgets, url):
    name, key = url
    client = as_role(client, world, "hr_a")
    assert client.post(reverse(name, args=["AIV", budgets[key].pk])).status_code == 404
    assert BudgetLine.objects.count() == 2 and PlannedInitiative.objects.count() == 2


def test_hr_adds_changes_and_deletes_a_budget_line(client, world):
    client = as_role(client, world, "hr_a")
    url = reverse("budgets:entity", args=["AIV"])
    fields = {
        "form": "line",
        "line-year": "2025",
        "line-measure": "material",
        "line-amount": "5.000,50",
    }
    assert client.post(url, fields).status_code == 302
    line = BudgetLine.objects.get()
    assert (line.entity, line.amount) == (world.a.entity, Decimal("5000.50"))
    again = client.post(url, fields)
    assert again.status_code == 200 and BudgetLine.objects.count() == 1  # one line per year
    assert "bestaat al" in again.content.decode()
    edit = reverse("budgets:line", args=["AIV", line.pk])
    client.post(edit, {"year": "2025", "measure": "material", "amount": "6000"})
    line.refresh_from_db()
    assert line.amount == Decimal("6000.00")
    client.post(reverse("budgets:line_delete", args=["AIV", line.pk]))
    assert not BudgetLine.objects.exists()
    assert list(
        AuditEvent.objects.filter(object_type="budgetline")
        .order_by("id")
        .values_list("action", "actor")
    ) == [
        ("budgetline.add", "hr.aiv@vlaanderen.be"),
        ("budgetline.change", "hr.aiv@vlaanderen.be"),
        ("budgetline.delete", "hr.aiv@vlaanderen.be"),
    ]


def test_a_negative_amount_is_refused(client, world):
    client = as_role(client, world, "hr_a")
    response = client.post(
        reverse("budgets:entity", args=["AIV"]),
        {"form": "line", "line-year": "2025", "line-measure": "material", "line-amount": "-1"},
    )
    assert response.status_code == 200 and not BudgetLine.objects.exists()


def test_hr_adds_changes_and_deletes_an_initiative(client, world):
    client = as_role(client, world, "admin")
    url = reverse("budgets:entity", args=["DKB"])
    fields = {
        "form": "initiative",
        "initiative-title": "Ergonomisch pakket",
        "initiative-kind": "material",
        "initiative-motivation": "Advies preventieadviseur",
        "initiative-planned_from": "2025-01-01",
        "initiative-planned_to": "2025-12-31",
        "initiative-budget": "20.000",
    }
    assert client.post(url, fields).status_code == 302
    plan = PlannedInitiative.objects.get()
    assert (plan.entity, plan.budget) == (world.b.entity, Decimal("20000"))
    backwards = fields | {"initiative-title": "Ander", "initiative-planned_to": "2024-12-31"}
    assert client.post(url, backwards).status_code == 200
    assert PlannedInitiative.objects.count() == 1
    edit = reverse("budgets:initiative", args=["DKB", plan.pk])
    changed = {k.removeprefix("initiative-"): v for k, v in fields.items() if k != "form"}
    client.post(edit, changed | {"budget": "25.000"})
    plan.refresh_from_db()
    assert plan.budget == Decimal("25000")
    client.post(reverse("budgets:initiative_delete", args=["DKB", plan.pk]))
    assert not PlannedInitiative.objects.exists()
    assert list(
        AuditEvent.objects.filter(object_type="plannedinitiative")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["plannedinitiative.add", "plannedinitiative.change", "plannedinitiative.delete"]


@pytest.mark.parametrize("role", ["hr_b", "auditor_a", "employee_a", "supervisor_a"])
def test_no_one_else_writes(client, world, budgets, role):
    client = as_role(client, world, role)
    fields = {"form": "line", "line-year": "2030", "line-measure": "material", "line-amount": "1"}
    assert client.post(reverse("budgets:entity", args=["AIV"]), fields).status_code == 404
    assert (
        client.post(reverse("budgets:line_delete", args=["AIV", budgets["a_line"].pk])).status_code
        == 404
    )
    assert BudgetLine.objects.count() == 2
