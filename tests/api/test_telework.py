"""Agreements (request, withdraw, decide), internet options and third-party invoices: the web
app's rules of who may do what, through the same services."""

from datetime import date
from decimal import Decimal

from tests.factories import AgreementFactory, InternetOptionFactory, ThirdPartyInvoiceFactory

from thuiswerk.audit.models import AuditEvent
from thuiswerk.telework.models import Agreement, InternetOption, ThirdPartyInvoice


def _json(client, method, url, body=None):
    return getattr(client, method)(url, data=body or {}, content_type="application/json")


def _request(world, token_client, **body):
    url = f"/api/v1/employees/{world.a.employee.pk}/agreements"
    payload = {"valid_from": "2026-12-01", "days_per_week": "2.5", **body}
    return _json(token_client(world.a.employee_user), "post", url, payload)


# -- Agreements ---------------------------------------------------------------------------------


def test_the_employee_requests_an_agreement(world, token_client):
    response = _request(world, token_client)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["days_per_week"], body["valid_to"]) == ("pending", "2.5", None)
    agreement = Agreement.objects.get()
    assert agreement.days_per_week == Decimal("2.5")
    assert AuditEvent.objects.filter(actor=world.a.employee_user.email).exists()


def test_a_request_the_rules_refuse_is_409_and_a_wrong_type_422(world, token_client):
    refused = _request(world, token_client, days_per_week="7")
    assert refused.status_code == 409
    assert refused.json()["code"] == "refused"
    typed = _request(world, token_client, days_per_week=2.5)
    assert typed.status_code == 422
    assert typed.json()["details"][0]["field"] == "days_per_week"
    unknown = _request(world, token_client, note="x")
    assert unknown.status_code == 422
    assert not Agreement.objects.exists()


def test_nobody_but_the_employee_requests_for_her(world, token_client):
    url = f"/api/v1/employees/{world.a.employee.pk}/agreements"
    body = {"valid_from": "2026-12-01", "days_per_week": "2"}
    assert _json(token_client(world.a.hr_user), "post", url, body).status_code == 403
    assert _json(token_client(world.a.supervisor_user), "post", url, body).status_code == 403
    assert _json(token_client(world.b.employee_user), "post", url, body).status_code == 404
    assert not Agreement.objects.exists()


def test_withdraw_by_the_employee_only_and_only_when_pending(world, token_client):
    agreement_id = _request(world, token_client).json()["id"]
    url = f"/api/v1/agreements/{agreement_id}/withdraw"
    assert _json(token_client(world.a.hr_user), "post", url).status_code == 403
    assert _json(token_client(world.a.supervisor_user), "post", url).status_code == 403
    assert _json(token_client(world.b.employee_user), "post", url).status_code == 404
    done = _json(token_client(world.a.employee_user), "post", url)
    assert done.status_code == 200 and done.json()["status"] == "withdrawn"
    again = _json(token_client(world.a.employee_user), "post", url)
    assert again.status_code == 409 and again.json()["code"] == "refused"


def test_the_supervisor_approves_and_rejects_with_a_reason(world, token_client):
    agreement_id = _request(world, token_client).json()["id"]
    url = f"/api/v1/agreements/{agreement_id}/decision"
    supervisor = token_client(world.a.supervisor_user)
    without_reason = _json(supervisor, "post", url, {"approve": False})
    assert without_reason.status_code == 409
    approved = _json(supervisor, "post", url, {"approve": True})
    assert approved.status_code == 200
    body = approved.json()
    assert body["status"] == "approved"
    assert body["approved_by_id"] == body["decided_by_id"] == world.a.supervisor.pk
    assert _json(supervisor, "post", url, {"approve": True}).status_code == 409


def test_only_her_supervisor_decides(world, token_client):
    agreement_id = _request(world, token_client).json()["id"]
    url = f"/api/v1/agreements/{agreement_id}/decision"
    body = {"approve": False, "reason": "no"}
    assert _json(token_client(world.a.employee_user), "post", url, body).status_code == 403
    assert _json(token_client(world.a.hr_user), "post", url, body).status_code == 403
    assert _json(token_client(world.b.supervisor_user), "post", url, body).status_code == 404
    assert (
        _json(token_client(world.a.supervisor_user), "post", url, {"approve": 1}).status_code == 422
    )
    assert Agreement.objects.get().status == "pending"


def test_agreement_lists_and_get(world, token_client):
    pending_id = _request(world, token_client).json()["id"]
    AgreementFactory(employee=world.b.employee)
    employee_a = f"/api/v1/employees/{world.a.employee.pk}/agreements"
    assert [a["id"] for a in token_client(world.a.hr_user).get(employee_a).json()["items"]] == [
        pending_id
    ]
    assert token_client(world.a.supervisor_user).get(employee_a).status_code == 403
    admin = token_client(world.admin_user)
    assert len(admin.get("/api/v1/agreements").json()["items"]) == 2
    assert len(admin.get("/api/v1/agreements", {"entity": "DKB"}).json()["items"]) == 1
    assert len(admin.get("/api/v1/agreements", {"status": "pending"}).json()["items"]) == 1
    supervisor = token_client(world.a.supervisor_user)
    queue = supervisor.get("/api/v1/agreements", {"to_decide": "true"}).json()["items"]
    assert [a["id"] for a in queue] == [pending_id]
    assert supervisor.get(f"/api/v1/agreements/{pending_id}").status_code == 200
    assert token_client(world.b.hr_user).get(f"/api/v1/agreements/{pending_id}").status_code == 404
    assert token_client(world.a.auditor_user).get("/api/v1/agreements").json()["items"] == []


def test_a_decided_agreement_leaves_the_supervisors_sight(world, token_client):
    agreement = AgreementFactory(employee=world.a.employee)
    supervisor = token_client(world.a.supervisor_user)
    assert supervisor.get(f"/api/v1/agreements/{agreement.pk}").status_code == 404
    assert supervisor.get("/api/v1/agreements").json()["items"] == []


# -- Internet options ---------------------------------------------------------------------------


def test_internet_options_are_listed_with_the_one_in_force(world, token_client):
    InternetOptionFactory(employee=world.a.employee, valid_from=date(2021, 10, 1))
    url = f"/api/v1/employees/{world.a.employee.pk}/internet-options"
    body = token_client(world.a.hr_user).get(url).json()
    assert body["in_force"]["option"] == "third_party"
    assert [o["provider"] for o in body["items"]] == ["Proximus"]
    assert token_client(world.a.supervisor_user).get(url).status_code == 403
    assert token_client(world.b.hr_user).get(url).status_code == 404


def test_the_employee_chooses_her_internet_option(world, token_client):
    url = f"/api/v1/employees/{world.a.employee.pk}/internet-options"
    body = {"option": "third_party", "valid_from": "2026-12-01", "provider": "Telenet"}
    assert _json(token_client(world.a.hr_user), "post", url, body).status_code == 403
    chosen = _json(token_client(world.a.employee_user), "post", url, body)
    assert chosen.status_code == 201, chosen.content
    assert chosen.json()["provider"] == "Telenet"
    again = _json(token_client(world.a.employee_user), "post", url, body)
    assert again.status_code == 409
    missing = _json(token_client(world.a.employee_user), "post", url, {**body, "provider": ""})
    assert missing.status_code == 409
    assert InternetOption.objects.count() == 1


# -- Third-party invoices -----------------------------------------------------------------------


def _invoice(employee) -> dict:
    return {
        "personnel_number": employee.personnel_number,
        "month": "2026-11",
        "provider": "Proximus",
        "amount": "39.99",
    }


def test_invoices_by_entity_and_month(world, token_client):
    ThirdPartyInvoiceFactory(employee=world.a.employee, month=date(2026, 10, 1))
    ThirdPartyInvoiceFactory(employee=world.a.employee, month=date(2026, 11, 1))
    ThirdPartyInvoiceFactory(employee=world.b.employee, month=date(2026, 11, 1))
    admin = token_client(world.admin_user)
    assert len(admin.get("/api/v1/invoices").json()["items"]) == 3
    november = admin.get("/api/v1/invoices", {"month": "2026-11", "entity": "AIV"}).json()
    assert [(i["month"], i["amount"]) for i in november["items"]] == [("2026-11", "45.50")]
    assert (
        admin.get("/api/v1/invoices", {"entity": "AIV", "month": "2019-11"}).json()["items"] == []
    )
    assert len(token_client(world.a.hr_user).get("/api/v1/invoices").json()["items"]) == 2
    assert len(token_client(world.a.employee_user).get("/api/v1/invoices").json()["items"]) == 2
    assert token_client(world.a.supervisor_user).get("/api/v1/invoices").json()["items"] == []
    assert token_client(world.a.auditor_user).get("/api/v1/invoices").json()["items"] == []
    assert admin.get("/api/v1/invoices", {"month": "2026-13"}).status_code == 422


def test_hr_records_an_invoice_through_the_import_and_again_updates_it(world, token_client):
    client = token_client(world.a.hr_user)
    body = _invoice(world.a.employee)
    made = _json(client, "post", "/api/v1/invoices", body)
    assert made.status_code == 201, made.content
    assert made.json()["amount"] == "39.99"
    changed = _json(client, "post", "/api/v1/invoices", {**body, "amount": "41.00"})
    assert changed.status_code == 200
    assert ThirdPartyInvoice.objects.get().amount == Decimal("41.00")
    by_id = {"employee_id": world.a.employee.pk, **{k: body[k] for k in ("month", "provider")}}
    same = _json(client, "post", "/api/v1/invoices", {**by_id, "amount": "41.00"})
    assert same.status_code == 200 and same.json()["id"] == made.json()["id"]


def test_invoice_errors_and_who_may_record_one(world, token_client):
    body = _invoice(world.b.employee)
    outside = _json(token_client(world.a.hr_user), "post", "/api/v1/invoices", body)
    assert outside.status_code == 403 and outside.json()["code"] == "rows_out_of_scope"
    employee = _json(token_client(world.b.employee_user), "post", "/api/v1/invoices", body)
    assert employee.status_code == 403
    long = _json(
        token_client(world.b.hr_user), "post", "/api/v1/invoices", {**body, "provider": "x" * 150}
    )
    assert long.status_code == 422
    assert [(d["field"], d["code"]) for d in long.json()["details"]] == [("provider", "too_long")]
    floats = _json(
        token_client(world.b.hr_user), "post", "/api/v1/invoices", {**body, "amount": 39.99}
    )
    assert floats.status_code == 422 and floats.json()["code"] == "invalid_input"
    assert not ThirdPartyInvoice.objects.exists()


def test_months_and_texts_the_database_cannot_hold_are_422(world, token_client):
    admin = token_client(world.admin_user)
    for month in ("0000-01", "9999-12"):
        response = admin.get("/api/v1/invoices", {"month": month})
        assert response.status_code == 422
        # 0000 is no month at all (the Month type), 9999 one the database does not hold.
        assert response.json()["details"][0]["code"] in {"value_error", "out_of_range"}
    url = f"/api/v1/employees/{world.a.employee.pk}/registrations"
    assert admin.get(url, {"from_month": "2026-01", "to_month": "9999-12"}).status_code == 422
    assert admin.get("/api/v1/invoices", {"entity": "A\x00"}).status_code == 422
    assert admin.get("/api/v1/employees", {"search": "\x00"}).status_code == 422
    choice = {"option": "third_party", "valid_from": "2026-12-01", "provider": "P\x00"}
    own = token_client(world.a.employee_user)
    url = f"/api/v1/employees/{world.a.employee.pk}/internet-options"
    assert _json(own, "post", url, choice).status_code == 422
