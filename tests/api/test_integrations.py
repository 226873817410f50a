"""The three integrations of docs/api.md, step by step as written there: a time-registration
system pushes a month of registrations in parts, central HR computes and closes the month, the
payroll system pulls the payroll file and the ledger lines, central HR fetches the parliamentary
figures and the workbook."""

import csv
import io
import json
from datetime import date, timedelta

from django.utils import timezone
from python_calamine import CalamineWorkbook
from tests.factories import AgreementFactory

from thuiswerk.core.months import format_month, month_end
from thuiswerk.rules.calendar import is_working_day


def _previous_month() -> date:
    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


def _post(client, path, body=None):
    if body is None:
        return client.post(path)
    return client.post(path, data=json.dumps(body), content_type="application/json")


def test_push_compute_close_pull_and_report_as_documented(world, token_client):
    month = _previous_month()
    label = format_month(month)
    eva = world.a.employee
    AgreementFactory(employee=eva, valid_from=date(2020, 1, 1), approved_by=world.a.supervisor)
    days = [
        month + timedelta(days=n)
        for n in range((month_end(month) - month).days + 1)
        if is_working_day("vlaamse-overheid", month + timedelta(days=n))
    ]
    lines = [
        {"personnel_number": eva.personnel_number, "day": day.isoformat(), "location": "home"}
        for day in days
    ]

    # 1. The time-registration system: a write token of AIV's HR officer, the month in parts.
    push = token_client(world.a.hr_user, access="write", entities=[world.a.entity])
    for part in (lines[:10], lines[10:]):
        answer = _post(push, "/api/v1/registrations", {"rows": part})
        assert answer.status_code == 200, answer.content
        assert answer.json()["created"] == len(part)
    again = _post(push, "/api/v1/registrations", {"rows": lines[:10]}).json()
    assert again["unchanged"] == 10 and again["created"] == 0

    # 2. Central HR computes and closes the month.
    central = token_client(world.admin_user)
    queued = _post(central, "/api/v1/runs", {"month_from": label, "month_to": label})
    assert queued.status_code == 202
    assert central.get(queued["Location"]).json()["status"] == "done"
    assert _post(central, f"/api/v1/months/{label}/close").status_code == 200

    # 3. The payroll system of AIV: a read token; the payroll file, then the ledger lines.
    pull = token_client(world.a.hr_user, access="read", entities=[world.a.entity])
    payroll = pull.get(
        "/api/v1/exports/payroll",
        {"month": label, "entity": "AIV", "format": "csv", "dialect": "iso"},
    )
    assert payroll.status_code == 200 and "attachment" in payroll["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(payroll.content.decode("utf-8-sig"))))
    assert {row["employee_id"] for row in rows} == {eva.personnel_number}
    items, cursor = [], None
    while True:
        query = {"booked_in": label, "entity": "AIV", "limit": 1}
        page = pull.get("/api/v1/ledger-lines", query | ({"cursor": cursor} if cursor else {}))
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if not cursor:
            break
    due = {item["measure"]: item["employee_amount"] for item in items}
    assert due["HOMEWORK"] == "20.00"
    assert {item["personnel_number"] for item in items} == {eva.personnel_number}

    # 4. Central HR: the parliamentary figures and the workbook.
    as_of = month_end(month).isoformat()
    figures = central.get("/api/v1/reports/parliament", {"entity": "ALL", "as_of": as_of})
    assert figures.status_code == 200
    year = next(y for y in figures.json()["years"] if y["year"] == month.year)
    assert year["homework"]["total"] >= 1 and year["headcount"] >= 1
    workbook = central.get("/api/v1/reports/parliament.xlsx", {"entity": "ALL", "as_of": as_of})
    assert workbook.status_code == 200
    sheets = CalamineWorkbook.from_filelike(io.BytesIO(workbook.content)).sheet_names
    assert len(sheets) >= 2
