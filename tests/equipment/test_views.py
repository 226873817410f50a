"""The equipment pages asked as every role of `world`, for the own and the other entity and
employee; and the writes each page makes, through the services."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.factories import BudgetLineFactory, EmployeeFactory, EmploymentPeriodFactory
from tests.roles import ROLES

from thuiswerk.audit.models import AuditEvent
from thuiswerk.equipment import services
from thuiswerk.equipment.models import CatalogItem, Delivery, EquipmentRequest

from .flow import ask, supervisor_approves

Status = EquipmentRequest.Status
B_NAMES = ("MedewerkerDKB", "LeiderDKB")
A_NAMES = ("MedewerkerAIV", "LeiderAIV", "CollegaAIV")


@pytest.fixture
def requests(world, chair, headset, dkb_chair):
    """In AIV Eva's chair awaits her supervisor and her headset awaits HR; in DKB Eva's chair
    awaits HR; a colleague of Eva in AIV, Jan, has a request of his own."""
    colleague = EmployeeFactory(first_name="Jan", last_name="CollegaAIV")
    EmploymentPeriodFactory(
        employee=colleague,
        entity=world.a.entity,
        start_date=date(2020, 1, 1),
        supervisor=world.a.supervisor,
    )
    services.request_create(employee_id=colleague.pk, item_id=chair.pk, actor="jan")
    return {
        "a_pending": ask(world.a, chair),
        "a_hr": supervisor_approves(world.a, ask(world.a, headset)),
        "b_hr": supervisor_approves(world.b, ask(world.b, dkb_chair)),
    }


def expect(allowed: dict[str, int], default: int) -> list[tuple[str, int]]:
    return [(role, allowed.get(role, default)) for role in ROLES]


def get(client, world, role: str, url: str):
    client.force_login(world.users()[role])
    return client.get(url)


def assert_no_names(response, names) -> None:
    page = response.content.decode()
    for name in names:
        assert name not in page


@pytest.mark.parametrize(
    "role, status", expect({"employee_a": 200, "supervisor_a": 403, "hr_a": 200, "admin": 200}, 404)
)
def test_employee_page(client, world, requests, role, status):
    response = get(client, world, role, reverse("equipment:employee", args=[world.a.employee.pk]))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Bureaustoel" in page and "Headset" in page
        assert_no_names(response, B_NAMES + ("CollegaAIV",))


def test_employee_page_shows_the_form_only_to_herself(client, world, requests):
    url = reverse("equipment:employee", args=[world.a.employee.pk])
    own = get(client, world, "employee_a", url).content.decode()
    assert "Aanvraag versturen" in own and "Intrekken" in own
    read = get(client, world, "hr_a", url).content.decode()
    assert "Aanvraag versturen" not in read and "Intrekken" not in read


def test_employee_page_shows_her_loans_imported_or_requested(client, world, requests):
    Delivery.objects.create(
        employee=world.a.employee,
        entity=world.a.entity,
        item="Beeldscherm INV-0042",
        category="screen",
        delivered_on=timezone.localdate(),
        cost=Decimal("169.95"),
        ownership="loan",
    )
    page = get(
        client, world, "employee_a", reverse("equipment:employee", args=[world.a.employee.pk])
    ).content.decode()
    assert "Beeldscherm INV-0042" in page


@pytest.mark.parametrize("page", ["equipment:catalog", "equipment:hr_queue"])
@pytest.mark.parametrize("role, status", expect({"hr_a": 200, "admin": 200}, 404))
def test_hr_pages(client, world, requests, page, role, status):
    response = get(client, world, role, reverse(page, args=["AIV"]))
    assert response.status_code == status
    if status == 200:
        assert_no_names(response, B_NAMES)
        assert "Bureaustoel DKB" not in response.content.decode()


def test_hr_queue_shows_what_awaits_hr_with_the_budget(client, world, requests):
    BudgetLineFactory(
        entity=world.a.entity, year=timezone.localdate().year, measure="material", amount=50
    )
    page = get(client, world, "hr_a", reverse("equipment:hr_queue", args=["AIV"])).content.decode()
    assert "Eva MedewerkerAIV: Headset" in page
    assert "Eva MedewerkerAIV: Bureaustoel" not in page  # still with the supervisor
    assert "€ 50,00" in page and "€ -30,00" in page and "boven het budget" in page
    assert 'name="override_reason"' in page


@pytest.mark.parametrize("role, status", expect({"supervisor_a": 200, "supervisor_b": 200}, 404))
def test_supervisor_queue(client, world, requests, role, status):
    # The equipment requests sit in the supervisor's one queue, beside the agreements.
    response = get(client, world, role, reverse("selfservice:queue"))
    assert response.status_code == status
    if role == "supervisor_a":
        assert "Eva MedewerkerAIV: Bureaustoel" in response.content.decode()
        assert "Headset" not in response.content.decode()  # already decided
        assert_no_names(response, B_NAMES)
    if role == "supervisor_b":
        assert "Bureaustoel DKB" not in response.content.decode()  # awaits HR
        assert_no_names(response, A_NAMES)


@pytest.mark.parametrize("role, status", expect({"hr_a": 200, "hr_b": 200, "admin": 200}, 403))
def test_entities_page(client, world, role, status):
    response = get(client, world, role, reverse("equipment:entities"))
    assert response.status_code == status
    if role == "hr_a":
        page = response.content.decode()
        assert "/entities/AIV/equipment/requests/" in page and "DKB" not in page


@pytest.mark.parametrize(
    "role, status",
    expect({"employee_a": 302, "supervisor_a": 302, "employee_b": 302, "supervisor_b": 302}, 403),
)
def test_my_equipment_goes_to_the_own_page(client, world, role, status):
    response = get(client, world, role, reverse("equipment:mine"))
    assert response.status_code == status


# -- writes --------------------------------------------------------------------------------------
def post(client, world, role: str, url: str, data: dict | None = None):
    client.force_login(world.users()[role])
    return client.post(url, data or {})


def test_the_employee_asks_for_an_item(client, world, chair):
    url = reverse("equipment:employee", args=[world.a.employee.pk])
    response = post(client, world, "employee_a", url, {"item": chair.pk, "motivation": "Rug"})
    assert response.status_code == 302
    request = EquipmentRequest.objects.get()
    assert (request.employee, request.motivation) == (world.a.employee, "Rug")
    assert AuditEvent.objects.get(action="equipmentrequest.add").actor == "eva.aiv@vlaanderen.be"


def test_a_refused_request_is_shown_on_the_form(client, world, chair):
    url = reverse("equipment:employee", args=[world.a.employee.pk])
    post(client, world, "employee_a", url, {"item": chair.pk})
    response = post(client, world, "employee_a", url, {"item": chair.pk})
    assert response.status_code == 200
    assert "Hoogstens 1" in response.content.decode()
    assert EquipmentRequest.objects.count() == 1


def test_an_item_of_another_entity_is_not_offered(client, world, dkb_chair):
    url = reverse("equipment:employee", args=[world.a.employee.pk])
    response = post(client, world, "employee_a", url, {"item": dkb_chair.pk})
    assert response.status_code == 200
    assert not EquipmentRequest.objects.exists()


@pytest.mark.parametrize("role, status", [("hr_a", 403), ("admin", 403), ("employee_b", 404)])
def test_only_the_employee_asks(client, world, chair, role, status):
    url = reverse("equipment:employee", args=[world.a.employee.pk])
    assert post(client, world, role, url, {"item": chair.pk}).status_code == status
    assert not EquipmentRequest.objects.exists()


def test_the_employee_withdraws(client, world, requests):
    request = requests["a_pending"]
    url = reverse("equipment:withdraw", args=[world.a.employee.pk, request.pk])
    assert post(client, world, "employee_a", url).status_code == 302
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN


@pytest.mark.parametrize(
    "role, whose, status",
    [("employee_b", "a", 404), ("hr_a", "a", 403), ("employee_a", "b", 404)],
)
def test_no_one_else_withdraws(client, world, requests, role, whose, status):
    request = requests["a_pending"] if whose == "a" else requests["b_hr"]
    url = reverse("equipment:withdraw", args=[world.a.employee.pk, request.pk])
    assert post(client, world, role, url).status_code == status
    request.refresh_from_db()
    assert request.status != Status.WITHDRAWN


def test_the_supervisor_approves_and_comes_back(client, world, requests):
    request = requests["a_pending"]
    url = reverse("equipment:supervisor_decide", args=[request.pk])
    response = post(
        client, world, "supervisor_a", url, {"decision": "approve", "next": "/team/queue/"}
    )
    assert response.status_code == 302 and response["Location"] == "/team/queue/"
    request.refresh_from_db()
    assert (request.status, request.supervisor) == (Status.SUPERVISOR_APPROVED, world.a.supervisor)


def test_the_supervisor_rejects_only_with_a_reason(client, world, requests):
    request = requests["a_pending"]
    url = reverse("equipment:supervisor_decide", args=[request.pk])
    response = post(
        client, world, "supervisor_a", url, {"decision": "reject", "next": "https://x.example/"}
    )
    assert response["Location"] == reverse("selfservice:queue")
    request.refresh_from_db()
    assert request.status == Status.REQUESTED
    post(client, world, "supervisor_a", url, {"decision": "reject", "reason": "Niet nodig"})
    request.refresh_from_db()
    assert (request.status, request.supervisor_reason) == (Status.REJECTED, "Niet nodig")


@pytest.mark.parametrize("role, status", expect({"supervisor_a": 302, "supervisor_b": 404}, 403))
def test_only_her_supervisor_decides(client, world, requests, role, status):
    request = requests["a_pending"]
    url = reverse("equipment:supervisor_decide", args=[request.pk])
    assert post(client, world, role, url, {"decision": "approve"}).status_code == status
    request.refresh_from_db()
    assert (request.status == Status.SUPERVISOR_APPROVED) == (status == 302)


@pytest.mark.parametrize("role, status", expect({"hr_a": 302, "admin": 302}, 404))
def test_only_hr_of_the_entity_decides(client, world, requests, role, status):
    BudgetLineFactory(
        entity=world.a.entity, year=timezone.localdate().year, measure="material", amount=1000
    )
    request = requests["a_hr"]
    url = reverse("equipment:hr_decide", args=["AIV", request.pk])
    assert post(client, world, role, url, {"decision": "approve"}).status_code == status
    request.refresh_from_db()
    assert (request.status == Status.HR_APPROVED) == (status == 302)


def test_hr_of_one_entity_cannot_decide_a_request_of_another_through_her_own(
    client, world, requests
):
    url = reverse("equipment:hr_decide", args=["AIV", requests["b_hr"].pk])
    assert post(client, world, "hr_a", url, {"decision": "approve"}).status_code == 404


def test_over_budget_is_refused_then_overridden_with_a_reason(client, world, requests):
    request = requests["a_hr"]
    url = reverse("equipment:hr_decide", args=["AIV", request.pk])
    client.force_login(world.a.hr_user)
    refused = client.post(url, {"decision": "approve"}, follow=True)
    assert "boven het gereserveerde budget" in refused.content.decode()
    request.refresh_from_db()
    assert request.status == Status.SUPERVISOR_APPROVED
    client.post(url, {"decision": "approve", "override_reason": "Arbeidsgeneesheer"})
    request.refresh_from_db()
    assert (request.status, request.override_reason) == (Status.HR_APPROVED, "Arbeidsgeneesheer")
    assert (
        AuditEvent.objects.get(action="equipmentrequest.hr_approve").actor == "hr.aiv@vlaanderen.be"
    )


def test_hr_marks_delivered_and_returned(client, world, chair):
    BudgetLineFactory(
        entity=world.a.entity, year=timezone.localdate().year, measure="material", amount=1000
    )
    request = supervisor_approves(world.a, ask(world.a, chair))
    client.force_login(world.a.hr_user)
    client.post(reverse("equipment:hr_decide", args=["AIV", request.pk]), {"decision": "approve"})
    today = timezone.localdate().isoformat()
    client.post(reverse("equipment:deliver", args=["AIV", request.pk]), {"day": today})
    request.refresh_from_db()
    assert request.status == Status.DELIVERED and request.delivery.delivered_on.isoformat() == today
    page = client.get(reverse("equipment:hr_queue", args=["AIV"])).content.decode()
    assert "Terugbezorgd markeren" in page
    client.post(reverse("equipment:return", args=["AIV", request.pk]), {"day": today})
    request.refresh_from_db()
    assert request.status == Status.RETURNED and request.delivery.returned_on is not None


@pytest.mark.parametrize("step", ["equipment:deliver", "equipment:return"])
def test_hr_of_another_entity_cannot_deliver_or_return(client, world, requests, step):
    url = reverse(step, args=["AIV", requests["a_hr"].pk])
    assert post(client, world, "hr_b", url, {"day": "2026-01-01"}).status_code == 404
    assert not Delivery.objects.exists()


def test_hr_keeps_the_catalog(client, world):
    client.force_login(world.a.hr_user)
    url = reverse("equipment:catalog", args=["AIV"])
    fields = {
        "name": "Laptopstandaard",
        "category": "other",
        "unit_cost": "39,95",
        "max_per_employee": "1",
        "ownership": "gift",
        "active": "on",
    }
    assert client.post(url, fields).status_code == 302
    item = CatalogItem.objects.get()
    assert (item.entity, item.unit_cost) == (world.a.entity, Decimal("39.95"))
    duplicate = client.post(url, fields)
    assert duplicate.status_code == 200 and CatalogItem.objects.count() == 1
    change = reverse("equipment:catalog_item", args=["AIV", item.pk])
    assert client.get(change).status_code == 200
    client.post(change, fields | {"unit_cost": "44,50"})
    client.post(reverse("equipment:catalog_active", args=["AIV", item.pk]), {"active": "0"})
    item.refresh_from_db()
    assert (item.unit_cost, item.active) == (Decimal("44.50"), False)
    actions = list(
        AuditEvent.objects.filter(object_type="catalogitem")
        .order_by("id")
        .values_list("action", "actor")
    )
    assert (
        actions
        == [("catalogitem.add", "hr.aiv@vlaanderen.be")]
        + [("catalogitem.change", "hr.aiv@vlaanderen.be")] * 2
    )


@pytest.mark.parametrize("role", ["hr_b", "auditor_a", "employee_a"])
def test_no_one_else_changes_the_catalog(client, world, chair, role):
    for url in (
        reverse("equipment:catalog_item", args=["AIV", chair.pk]),
        reverse("equipment:catalog_active", args=["AIV", chair.pk]),
    ):
        assert post(client, world, role, url, {"active": "0"}).status_code == 404
    chair.refresh_from_db()
    assert chair.active


def test_an_item_of_another_entity_is_not_found_under_the_own(client, world, dkb_chair):
    url = reverse("equipment:catalog_item", args=["AIV", dkb_chair.pk])
    assert get(client, world, "hr_a", url).status_code == 404
