"""The reports through the API: the parliamentary figures as JSON (the same numbers as the
workbook and the back office's JSON), the workbook as a download, and the payroll file of a
month, each within the reader's scope."""

import csv
import io
from datetime import date

import pytest
from django.utils import timezone
from python_calamine import CalamineWorkbook
from tests.backoffice import conftest as backoffice

from thuiswerk.reports.parliament import parliament_answer

FIGURES = "/api/v1/reports/parliament"
WORKBOOK = "/api/v1/reports/parliament.xlsx"
PAYROLL = "/api/v1/exports/payroll"
QUERY = "as_of=2026-12-31&years=3"

figures = backoffice.figures  # a fixture: both entities with something to count, computed


@pytest.mark.parametrize("role", ["hr_a", "auditor_a", "admin", "auditor_all"])
def test_the_figures_of_an_entity_are_the_answers(figures, token_client, role):
    response = token_client(figures.users()[role]).get(f"{FIGURES}?entity=AIV&{QUERY}")
    assert response.status_code == 200, response.content
    body = response.json()
    expected = parliament_answer(entity_code="AIV", as_of=date(2026, 12, 31), years=3).to_json()
    assert body == {**expected, "entities": None}
    year = body["years"][-1]
    assert year["year"] == 2026 and year["homework"]["total"] == 1
    assert year["material"]["spent"] == "250.00"
    assert [y["year"] for y in body["years"]] == [2024, 2025, 2026]


def test_the_figures_of_the_whole_government_have_a_row_per_entity(figures, token_client):
    body = token_client(figures.auditor_all_user).get(f"{FIGURES}?entity=ALL&{QUERY}").json()
    assert body["entity"] == "ALL"
    assert body["years"][-1]["material"]["spent"] == "500.00"
    assert [e["entity"] for e in body["entities"]] == ["AIV", "DKB"]


@pytest.mark.parametrize("role", ["hr_a", "auditor_a"])
def test_the_whole_government_is_for_central_roles_only(figures, token_client, role):
    response = token_client(figures.users()[role]).get(f"{FIGURES}?entity=ALL&{QUERY}")
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["employee_a", "supervisor_a", "hr_b", "auditor_b"])
def test_no_figures_of_an_entity_outside_her_scope(figures, token_client, role):
    response = token_client(figures.users()[role]).get(f"{FIGURES}?entity=AIV&{QUERY}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_admin_token_limited_to_an_entity_has_only_its_figures(figures, token_client):
    client = token_client(figures.admin_user, entities=[figures.b.entity])
    assert client.get(f"{FIGURES}?entity=DKB&{QUERY}").status_code == 200
    assert client.get(f"{FIGURES}?entity=AIV&{QUERY}").status_code == 404
    assert client.get(f"{FIGURES}?entity=ALL&{QUERY}").status_code == 404


def test_a_period_the_report_cannot_answer_is_422(figures, token_client):
    client = token_client(figures.admin_user)
    late = client.get(f"{FIGURES}?entity=AIV&as_of=9999-01-01")
    assert late.status_code == 422 and late.json()["code"] == "invalid_period"
    early = client.get(f"{FIGURES}?entity=AIV&as_of=2001-06-30&years=3")
    assert early.status_code == 422 and early.json()["code"] == "invalid_period"
    assert client.get(f"{FIGURES}?entity=AIV&years=11").status_code == 422
    assert client.get(f"{FIGURES}?entity=AIV&as_of=31/12/2026").status_code == 422


def test_without_as_of_the_figures_are_as_of_today(figures, token_client):
    body = token_client(figures.admin_user).get(f"{FIGURES}?entity=AIV").json()
    assert body["as_of"] == timezone.localdate().isoformat()


def test_the_workbook_holds_the_same_figures(figures, token_client):
    client = token_client(figures.a.auditor_user)
    response = client.get(f"{WORKBOOK}?entity=AIV&{QUERY}&lang=en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == (
        'attachment; filename="parlement-AIV-2026-12-31.xlsx"'
    )
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    cells = [
        cell
        for name in book.sheet_names
        for row in book.get_sheet_by_name(name).to_python()
        for cell in row
    ]
    year = client.get(f"{FIGURES}?entity=AIV&{QUERY}").json()["years"][-1]
    assert 250.0 in cells and year["headcount"] in cells


def test_the_workbook_refuses_what_the_figures_refuse(figures, token_client):
    assert token_client(figures.b.hr_user).get(f"{WORKBOOK}?entity=AIV").status_code == 404
    response = token_client(figures.admin_user).get(f"{WORKBOOK}?entity=AIV&lang=fr")
    assert response.status_code == 422


def _rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_the_payroll_file_of_hr_holds_her_entity_only(figures, token_client):
    response = token_client(figures.a.hr_user).get(f"{PAYROLL}?month=2026-01")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="loon-2026-01.csv"'
    rows = _rows(response)
    assert rows and {row["entity"] for row in rows} == {"AIV"}
    assert {row["employee_id"] for row in rows} == {figures.a.employee.personnel_number}
    assert {row["status"] for row in rows} == {"provisional"}
    assert all("." in row["amount"] for row in rows)  # iso: a decimal point


def test_the_admins_payroll_file_holds_every_entity_or_the_one_asked(figures, token_client):
    client = token_client(figures.admin_user)
    assert {row["entity"] for row in _rows(client.get(f"{PAYROLL}?month=2026-01"))} == {
        "AIV",
        "DKB",
    }
    only = _rows(client.get(f"{PAYROLL}?month=2026-01&entity=DKB"))
    assert only and {row["entity"] for row in only} == {"DKB"}


def test_the_payroll_file_in_the_belgian_dialect_and_as_a_workbook(figures, token_client):
    client = token_client(figures.a.hr_user)
    be = client.get(f"{PAYROLL}?month=2026-01&dialect=be")
    text = be.content.decode("utf-8-sig")
    assert text.splitlines()[0].count(";") >= 7 and "," in text.splitlines()[1]
    book = client.get(f"{PAYROLL}?month=2026-01&format=xlsx")
    assert book["Content-Disposition"] == 'attachment; filename="loon-2026-01.xlsx"'
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(book.content)).get_sheet_by_name("data")
    assert len(sheet.to_python()) == 1 + len(_rows(client.get(f"{PAYROLL}?month=2026-01")))


@pytest.mark.parametrize("role", ["employee_a", "supervisor_a", "auditor_a", "auditor_all"])
def test_the_payroll_file_is_for_hr_and_admins(figures, token_client, role):
    assert token_client(figures.users()[role]).get(f"{PAYROLL}?month=2026-01").status_code == 403


def test_hr_cannot_ask_the_payroll_file_of_another_entity(figures, token_client):
    response = token_client(figures.a.hr_user).get(f"{PAYROLL}?month=2026-01&entity=DKB")
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["month=2026-1", "month=2026-01&format=pdf", "dialect=be"])
def test_a_bad_payroll_query_is_422(figures, token_client, query):
    assert token_client(figures.admin_user).get(f"{PAYROLL}?{query}").status_code == 422
