"""The downloads: the parliamentary workbook and its JSON hold the same figures; the payroll
export of an HR officer holds her entities' staff only."""

import io
import json
from datetime import date

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

REPORT = {"as_of": "2026-12-31", "years": "3", "lang": "nl"}


def download(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200, response.content[:500]
    assert "attachment" in response["Content-Disposition"]
    return response


@pytest.mark.parametrize("role", ["hr_a", "auditor_a", "admin"])
def test_workbook_and_json_agree(client, figures, role):
    client.force_login(figures.users()[role])
    url = reverse("backoffice:report", args=[figures.a.entity.code])
    answer = json.loads(download(client, url, **REPORT, download="json").content)
    assert answer["entity"] == figures.a.entity.code
    year = answer["years"][-1]
    assert year["year"] == 2026
    assert year["homework"]["total"] == 1  # Eva of AIV
    assert year["material"]["spent"] == "250.00"
    content = download(client, url, **REPORT, download="xlsx").content
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    cells = [
        cell
        for name in book.sheet_names
        for row in book.get_sheet_by_name(name).to_python()
        for cell in row
    ]
    assert 250.0 in cells  # the material spending of 2026, as in the JSON
    assert year["headcount"] in cells


def test_workbook_of_all_entities(client, figures):
    client.force_login(figures.auditor_all_user)
    url = reverse("backoffice:report", args=["ALL"])
    answer = json.loads(download(client, url, **REPORT, download="json").content)
    assert answer["years"][-1]["material"]["spent"] == "500.00"
    assert [e["entity"] for e in answer["entities"]] == ["AIV", "DKB"]


def test_report_refuses_a_bad_as_of(client, world):
    client.force_login(world.admin_user)
    url = reverse("backoffice:report", args=["AIV"])
    response = client.get(url, {**REPORT, "as_of": "9999-01-01", "download": "json"})
    assert response.status_code == 400


def test_payroll_of_hr_holds_her_entity_only(client, figures):
    client.force_login(figures.a.hr_user)
    response = download(
        client, reverse("backoffice:payroll"), month="2026-01", dialect="iso", fmt="csv"
    )
    text = response.content.decode()
    assert figures.a.employee.personnel_number in text
    assert figures.b.employee.personnel_number not in text
    client.force_login(figures.admin_user)
    text = download(
        client, reverse("backoffice:payroll"), month="2026-01", dialect="iso", fmt="csv"
    ).content.decode()
    assert figures.b.employee.personnel_number in text


def test_payroll_xlsx_opens(client, figures):
    client.force_login(figures.admin_user)
    content = download(
        client, reverse("backoffice:payroll"), month="2026-01", dialect="be", fmt="xlsx"
    ).content
    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    numbers = {str(row[0]) for row in rows[1:]}
    assert numbers == {figures.a.employee.personnel_number, figures.b.employee.personnel_number}


def test_payroll_export_by_entity_keeps_the_cli_working(figures):
    from thuiswerk.reports.exports import export_payroll

    everything, only_b = io.StringIO(), io.StringIO()
    assert export_payroll(month=date(2026, 1, 1), out=everything, dialect="iso") == 4
    assert (
        export_payroll(month=date(2026, 1, 1), out=only_b, dialect="iso", entity_codes=["DKB"]) == 2
    )
    assert figures.a.employee.personnel_number not in only_b.getvalue()
