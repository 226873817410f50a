"""The equipment resources: the catalog and the request workflow through the API, with the
services' refusals as 409 and strict input as 422."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from tests.equipment import conftest as equipment_fixtures
from tests.equipment import flow
from tests.factories import BudgetLineFactory, CatalogItemFactory

from thuiswerk.audit.models import AuditEvent
from thuiswerk.budgets.models import Measure
from thuiswerk.equipment.models import CatalogItem, Delivery, EquipmentRequest

from .test_matrix_equipment import chair

headset = equipment_fixtures.headset  # a gift of A's catalog, two per employee

CATALOG = "/api/v1/catalog-items"
REQUESTS = "/api/v1/equipment-requests"


def _post(client, path: str, body: dict | None = None, **headers):
    return client.post(path, data=body or {}, content_type="application/json", **headers)


def _patch(client, path: str, body: dict):
    return client.patch(path, data=body, content_type="application/json")


@pytest.fixture
def budget(world):
    return BudgetLineFactory(
        entity=world.a.entity,
        year=timezone.localdate().year,
        measure=Measure.MATERIAL,
        amount=Decimal("300.00"),
    )


@pytest.fixture
def clients(world, token_client):
    """One client per person of A's side: the employee, her supervisor and HR."""
    return {
        "employee": token_client(world.a.employee_user),
        "supervisor": token_client(world.a.supervisor_user),
        "hr": token_client(world.a.hr_user),
    }


# -- the workflow --------------------------------------------------------------------------------
def test_a_loan_goes_from_the_employee_through_supervisor_and_hr_to_its_return(
    world, clients, budget
):
    item = chair(world)
    today = timezone.localdate().isoformat()
    created = _post(clients["employee"], REQUESTS, {"item_id": item.pk, "motivation": "Rug"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "requested"
    assert body["cost"] == "250.00"
    assert body["entity"] == "AIV"
    assert body["employee_id"] == world.a.employee.pk
    url = f"{REQUESTS}/{body['id']}"

    steps = [
        ("supervisor", "supervisor-approve", {}, "supervisor_approved"),
        ("hr", "hr-approve", {}, "hr_approved"),
        ("hr", "deliver", {"delivered_on": today}, "delivered"),
        ("hr", "return", {"returned_on": today}, "returned"),
    ]
    for who, step, payload, status in steps:
        response = _post(clients[who], f"{url}/{step}", payload)
        assert response.status_code == 200, (step, response.content)
        assert response.json()["status"] == status
    done = response.json()
    assert done["delivered_on"] == today and done["returned_on"] == today
    assert done["budget_year"] == timezone.localdate().year
    assert done["supervisor_id"] == world.a.supervisor.pk

    actors = dict(
        AuditEvent.objects.filter(object_type="equipmentrequest").values_list("action", "actor")
    )
    assert actors == {
        "equipmentrequest.add": world.a.employee_user.email,
        "equipmentrequest.supervisor_approve": world.a.supervisor_user.email,
        "equipmentrequest.hr_approve": world.a.hr_user.email,
        "equipmentrequest.deliver": world.a.hr_user.email,
        "equipmentrequest.return": world.a.hr_user.email,
    }
    assert Delivery.objects.get().returned_on == timezone.localdate()


def test_over_the_budget_hr_is_refused_409_unless_she_gives_an_override_reason(
    world, clients, budget
):
    budget.amount = Decimal("100.00")
    budget.save()
    asked = flow.supervisor_approves(world.a, flow.ask(world.a, chair(world)))
    url = f"{REQUESTS}/{asked.pk}/hr-approve"
    refused = _post(clients["hr"], url, {}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 409
    assert refused.json()["code"] == "budget_exceeded"
    assert "over the reserved budget" in refused.json()["message"]
    approved = _post(clients["hr"], url, {"override_reason": "Medisch attest"})
    assert approved.status_code == 200
    assert approved.json()["override_reason"] == "Medisch attest"


def test_a_step_the_request_cannot_take_is_409_refused(world, clients, headset):
    asked = flow.ask(world.a, headset)
    url = f"{REQUESTS}/{asked.pk}"
    early = _post(clients["hr"], f"{url}/hr-approve", {})
    assert early.status_code == 409
    assert early.json()["code"] == "refused"
    assert _post(clients["hr"], f"{url}/deliver", {"delivered_on": "2026-01-05"}).json()[
        "code"
    ] == ("refused")
    EquipmentRequest.objects.filter(pk=asked.pk).update(status="delivered")
    gift = _post(clients["hr"], f"{url}/return", {"returned_on": "2026-01-05"})
    assert gift.status_code == 409


def test_a_delivery_in_the_future_is_refused(world, clients, budget):
    approved = flow.approved(world.a, chair(world))
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = _post(clients["hr"], f"{REQUESTS}/{approved.pk}/deliver", {"delivered_on": tomorrow})
    assert response.status_code == 409
    assert EquipmentRequest.objects.get().status == "hr_approved"


@pytest.mark.parametrize(
    "body",
    [
        {"delivered_on": 20260105},
        {"delivered_on": "05/01/2026"},
        {"delivered_on": "2026-01-05", "note": "x"},
        {},
    ],
)
def test_a_step_takes_strict_input(world, clients, budget, body):
    approved = flow.approved(world.a, chair(world))
    response = _post(clients["hr"], f"{REQUESTS}/{approved.pk}/deliver", body)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_rejection_needs_a_reason(world, clients, reason):
    asked = flow.ask(world.a, chair(world))
    response = _post(
        clients["supervisor"], f"{REQUESTS}/{asked.pk}/supervisor-reject", {"reason": reason}
    )
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "reason"
    assert EquipmentRequest.objects.get().status == "requested"


def test_the_supervisor_rejects_with_a_reason_and_then_no_longer_sees_the_request(world, clients):
    asked = flow.ask(world.a, chair(world))
    assert [r["id"] for r in clients["supervisor"].get(REQUESTS).json()["items"]] == [asked.pk]
    response = _post(
        clients["supervisor"],
        f"{REQUESTS}/{asked.pk}/supervisor-reject",
        {"reason": "Al een stoel"},
    )
    assert response.json()["status"] == "rejected"
    assert response.json()["supervisor_reason"] == "Al een stoel"
    assert clients["supervisor"].get(REQUESTS).json()["items"] == []
    assert clients["employee"].get(f"{REQUESTS}/{asked.pk}").json()["status"] == "rejected"


def test_the_employee_withdraws_until_hr_decides(world, clients, budget, headset):
    first = flow.ask(world.a, headset)
    response = _post(clients["employee"], f"{REQUESTS}/{first.pk}/withdraw")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    decided = flow.approved(world.a, headset)
    late = _post(clients["employee"], f"{REQUESTS}/{decided.pk}/withdraw")
    assert late.status_code == 409
    assert _post(clients["hr"], f"{REQUESTS}/{decided.pk}/withdraw").status_code == 403


# -- asking --------------------------------------------------------------------------------------
def test_the_maximum_per_employee_is_409(world, clients):
    item = chair(world)
    assert _post(clients["employee"], REQUESTS, {"item_id": item.pk}).status_code == 201
    again = _post(clients["employee"], REQUESTS, {"item_id": item.pk})
    assert again.status_code == 409
    assert again.json()["code"] == "refused"


def test_only_an_item_her_entity_offers_can_be_asked(world, clients):
    other = CatalogItemFactory(entity=world.b.entity, name="Stoel DKB")
    gone = CatalogItemFactory(entity=world.a.entity, name="Oud scherm", active=False)
    for item_id in (other.pk, gone.pk, 999999):
        response = _post(clients["employee"], REQUESTS, {"item_id": item_id})
        assert response.status_code == 404, item_id
    assert _post(clients["hr"], REQUESTS, {"item_id": chair(world).pk}).status_code == 403
    assert not EquipmentRequest.objects.exists()


# -- lists ---------------------------------------------------------------------------------------
def test_the_list_filters_and_pages_without_repeating(world, clients, headset):
    chair_request = flow.ask(world.a, chair(world))
    headsets = [flow.ask(world.a, headset), flow.ask(world.a, headset)]
    flow.ask(world.b, CatalogItemFactory(entity=world.b.entity, name="Stoel DKB"))
    admin = clients["hr"]
    seen, cursor = [], None
    while True:
        page = admin.get(REQUESTS, {"limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted([chair_request.pk] + [r.pk for r in headsets])

    flow.supervisor_approves(world.a, chair_request)
    awaiting_hr = admin.get(REQUESTS, {"status": "supervisor_approved"}).json()["items"]
    assert [item["id"] for item in awaiting_hr] == [chair_request.pk]
    assert admin.get(REQUESTS, {"entity": "DKB"}).json()["items"] == []
    mine = admin.get(REQUESTS, {"employee": world.a.employee.pk}).json()["items"]
    assert len(mine) == 3
    assert admin.get(REQUESTS, {"status": "lost"}).status_code == 422
    assert admin.get(REQUESTS, {"employee": 2**64}).status_code == 422


def test_the_employee_sees_only_her_own_requests(world, clients, token_client):
    own = flow.ask(world.a, chair(world))
    flow.ask(world.b, CatalogItemFactory(entity=world.b.entity, name="Stoel DKB"))
    items = clients["employee"].get(REQUESTS).json()["items"]
    assert [item["id"] for item in items] == [own.pk]
    assert items[0]["item_name"] == "Bureaustoel"
    everyone = token_client(world.admin_user).get(REQUESTS).json()["items"]
    assert len(everyone) == 2


# -- the catalog ---------------------------------------------------------------------------------
def test_the_employee_sees_what_she_can_ask_hr_the_whole_catalog(world, clients):
    chair(world)
    CatalogItemFactory(entity=world.a.entity, name="Oud scherm", active=False)
    CatalogItemFactory(entity=world.b.entity, name="Stoel DKB")
    offered = clients["employee"].get(CATALOG).json()["items"]
    assert [item["name"] for item in offered] == ["Bureaustoel"]
    assert offered[0]["unit_cost"] == "250.00"
    names = {item["name"] for item in clients["hr"].get(CATALOG).json()["items"]}
    assert names == {"Bureaustoel", "Oud scherm"}
    inactive = clients["hr"].get(CATALOG, {"active": "false"}).json()["items"]
    assert [item["name"] for item in inactive] == ["Oud scherm"]
    assert clients["hr"].get(CATALOG, {"category": "screen"}).json()["items"] == []


def test_hr_adds_an_item_and_takes_it_out_of_the_catalog(world, clients):
    body = {
        "entity": "AIV",
        "name": "Scherm 27 inch",
        "category": "screen",
        "unit_cost": "189.99",
        "max_per_employee": 2,
        "ownership": "loan",
    }
    created = _post(clients["hr"], CATALOG, body)
    assert created.status_code == 201
    assert created.json()["unit_cost"] == "189.99"
    item = CatalogItem.objects.get(name="Scherm 27 inch")
    assert item.unit_cost == Decimal("189.99") and item.max_per_employee == 2

    changed = _patch(
        clients["hr"], f"{CATALOG}/{item.pk}", {"active": False, "unit_cost": "175.00"}
    )
    assert changed.status_code == 200
    item.refresh_from_db()
    assert not item.active and item.unit_cost == Decimal("175.00")
    assert item.name == "Scherm 27 inch"
    event = AuditEvent.objects.get(action="catalogitem.change")
    assert event.actor == world.a.hr_user.email
    assert clients["employee"].get(CATALOG).json()["items"] == []


@pytest.mark.parametrize(
    "change",
    [
        {"unit_cost": 189.99},
        {"unit_cost": "-5.00"},
        {"unit_cost": "123456789.00"},
        {"max_per_employee": 0},
        {"max_per_employee": "2"},
        {"active": 0},
        {"category": "fridge"},
        {"name": ""},
        {"name": "Headset"},  # another item of the entity has this name
        {"colour": "red"},
    ],
)
def test_a_catalog_change_is_checked(world, clients, headset, change):
    item = chair(world)
    response = _patch(clients["hr"], f"{CATALOG}/{item.pk}", change)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid_input"
    item.refresh_from_db()
    assert (item.name, item.unit_cost, item.active) == ("Bureaustoel", Decimal("250.00"), True)


def test_hr_keeps_only_her_own_entitys_catalog(world, token_client):
    hr_b = token_client(world.b.hr_user)
    body = {
        "entity": "AIV",
        "name": "X",
        "category": "desk",
        "unit_cost": "1.00",
        "ownership": "gift",
    }
    assert _post(hr_b, CATALOG, body).status_code == 404
    assert _patch(hr_b, f"{CATALOG}/{chair(world).pk}", {"active": False}).status_code == 404
    assert hr_b.get(f"{CATALOG}/{chair(world).pk}").status_code == 404


def test_a_session_needs_the_csrf_token_to_change(world, session_client):
    client = session_client(world.a.hr_user)
    url = f"{CATALOG}/{chair(world).pk}"
    refused = _patch(client, url, {"active": False})
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    client.get("/")  # the web app's page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.patch(
        url, data={"active": False}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200
    assert not CatalogItem.objects.get().active


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", f"{CATALOG}?entity=AI%00V", None),
        ("get", f"{REQUESTS}?entity=AI%00V", None),
        ("post", REQUESTS, {"item_id": 1, "motivation": "rug\x00pijn"}),
        ("post", CATALOG, {"entity": "AIV\x00", "name": "X", "category": "desk"}),
    ],
)
def test_a_nul_character_is_refused_before_the_database(world, clients, method, path, body):
    # PostgreSQL can neither store nor compare it: a 422, not a server error.
    client = clients["employee"] if path == REQUESTS else clients["hr"]
    if body is None:
        response = client.get(path)
    else:
        response = getattr(client, method)(path, data=body, content_type="application/json")
    assert response.status_code == 422
    assert "NUL" in response.json()["details"][0]["message"]


def test_a_body_that_is_not_json_is_422(world, clients):
    response = clients["hr"].post(CATALOG, data=b"\x00{", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["details"][0]["code"] == "invalid_json"
