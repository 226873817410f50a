"""The journeys of the issue, in a browser, each page checked with axe and photographed:
an employee registers a week and asks for a chair; her supervisor approves; HR approves it
against the budget, marks it delivered, computes the month and downloads the workbook, which
holds the figures of the JSON report; an over-budget approval is refused, then overridden with
a reason; an auditor sees the dashboard and cannot open an employee."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from python_calamine import CalamineWorkbook
from tests.factories import AgreementFactory, BudgetLineFactory, CatalogItemFactory

from thuiswerk.allowances.models import LedgerLine
from thuiswerk.core.months import month_end
from thuiswerk.equipment import services as equipment
from thuiswerk.equipment.models import EquipmentRequest
from thuiswerk.people.models import Employee
from thuiswerk.rules.calendar import is_working_day

pytestmark = pytest.mark.e2e


def previous_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def free_week(month: date) -> date:
    """The Monday of a week of `month` whose five days and the next Monday are working days."""
    monday = month + timedelta(days=(7 - month.weekday()) % 7)
    while not all(
        is_working_day("vlaamse-overheid", day)
        for day in [monday + timedelta(days=n) for n in range(5)] + [monday + timedelta(days=7)]
    ):
        monday += timedelta(days=7)
    return monday


@pytest.fixture
def aiv(world):
    """AIV offers a chair, has a material budget for this year, and Eva an approved agreement."""
    today = timezone.localdate()
    AgreementFactory(
        employee=world.a.employee, valid_from=date(2020, 1, 1), approved_by=world.a.supervisor
    )
    chair = CatalogItemFactory(
        entity=world.a.entity, name="Bureaustoel", unit_cost=Decimal("249.00")
    )
    budget = BudgetLineFactory(
        entity=world.a.entity, year=today.year, measure="material", amount=Decimal("1000.00")
    )
    return world, chair, budget


def test_a_chair_from_request_to_the_parliamentary_workbook(ui_for, aiv, tmp_path):
    world, chair, _budget = aiv
    today = timezone.localdate()
    month = previous_month(today)
    eva = world.a.employee

    # -- Eva registers a week: a weekly pattern for one week, then one day by itself (htmx).
    ui = ui_for(world.a.employee_user, label="eva")
    ui.goto(f"/employees/{eva.pk}/calendar/{month.year}-{month.month}/")
    page = ui.page
    week = free_week(month)
    pattern = page.locator("form.pattern")
    pattern.locator("[name=first_week]").fill(week.isoformat())
    pattern.locator("[name=last_week]").fill(week.isoformat())
    for day, where in zip(
        ("monday", "tuesday", "wednesday", "thursday", "friday"),
        ("home", "home", "office", "home", "home"),
        strict=True,
    ):
        pattern.locator(f"[name={day}]").select_option(where)
    ui.click(pattern.get_by_role("button"))
    assert page.locator(".message.success").count() == 1
    next_day = week + timedelta(days=7)
    day = page.locator(f"#day-{next_day.isoformat()}")
    day.locator("[name=am]").select_option("home")
    day.locator("[name=pm]").select_option("home")
    day.get_by_role("button").click()  # htmx swaps the day in place
    saved = page.locator(f"#day-{next_day.isoformat()} .note.success")
    saved.wait_for()
    assert saved.inner_text() not in ("", "Saved.")  # said, and in Dutch
    ui.check("day-saved")
    homes = eva.registrations.filter(date__month=month.month, location="home")
    assert homes.count() == 5

    # -- and asks for a chair.
    ui.goto("/equipment/")
    ask = page.locator("form", has=page.locator("[name=item]"))
    ask.locator("[name=item]").select_option(str(chair.pk))
    ask.locator("[name=motivation]").fill("Mijn keukenstoel geeft rugpijn.")
    ui.click(ask.locator("button[type=submit]"))
    assert page.locator(".message.success").inner_text() == (
        "Uw aanvraag is naar uw leidinggevende gestuurd."
    )
    asked = EquipmentRequest.objects.get(employee=eva)

    # -- Sara, her supervisor, approves.
    ui = ui_for(world.a.supervisor_user, label="sara")
    ui.goto("/team/queue/")
    page = ui.page
    assert f"{eva.first_name} {eva.last_name}: Bureaustoel" in page.content()
    ui.click(page.locator(".equipment-queue button[value=approve]"))
    asked.refresh_from_db()
    assert asked.status == EquipmentRequest.Status.SUPERVISOR_APPROVED

    # -- HR approves within the budget and marks it delivered.
    ui = ui_for(world.a.hr_user, label="hr")
    ui.goto("/entities/AIV/equipment/requests/")
    page = ui.page
    assert page.locator("article .badge.ok").inner_text() == "binnen het budget"
    ui.click(page.locator("button[value=approve]"))
    ui.click(page.locator(f"form[action$='/{asked.pk}/deliver/'] button"))
    asked.refresh_from_db()
    assert asked.status == EquipmentRequest.Status.DELIVERED

    # -- computes the month (a background job: its page shows the result) ...
    ui.goto("/months/")
    compute = page.locator("form[action$='/months/compute/']")
    compute.locator("[name=month_from]").fill(f"{month:%Y-%m}")
    compute.locator("[name=month_to]").fill(f"{month:%Y-%m}")
    ui.click(compute.locator("button[type=submit]"))
    page.locator(".badge.ok").first.wait_for()
    ui.check("job-done")
    assert LedgerLine.objects.filter(
        employee=eva, month=month, measure=LedgerLine.Measure.HOMEWORK
    ).exists()

    # -- and downloads the parliamentary workbook and its figures.
    ui.goto("/entities/AIV/report/")
    # As of the end of this month: the chair, delivered today, counts in its month.
    page.locator("[name=as_of]").fill(month_end(today).isoformat())
    page.locator("[name=years]").fill("2")
    files = {}
    for kind in ("xlsx", "json"):
        page.locator("[name=download]").select_option(kind)
        with page.expect_download() as download:
            page.locator("main form button[type=submit]").click()
        files[kind] = tmp_path / download.value.suggested_filename
        download.value.save_as(files[kind])
    figures = json.loads(files["json"].read_text(encoding="utf-8"))
    workbook = CalamineWorkbook.from_path(str(files["xlsx"]))
    numbers = {
        round(float(cell), 2)
        for name in workbook.sheet_names
        for row in workbook.get_sheet_by_name(name).to_python()
        for cell in row
        if isinstance(cell, int | float) and not isinstance(cell, bool)
    }
    this_year = next(year for year in figures["years"] if year["year"] == today.year)
    assert Decimal(this_year["material"]["spent"]) == Decimal("249.00")
    for year in figures["years"]:
        expected = {
            year["headcount"],
            year["homework"]["total"],
            year["internet"]["total"],
            float(year["material"]["spent"]),
            float(year["material"]["reserved"]),
            year["material"]["beneficiaries"],
        }
        assert expected <= numbers, (year["year"], expected - numbers)
    eva_year = next(year for year in figures["years"] if year["year"] == month.year)
    assert eva_year["homework"]["total"] >= 1


def test_an_over_budget_approval_is_refused_then_overridden_with_a_reason(ui_for, aiv):
    world, chair, budget = aiv
    budget.amount = Decimal("100.00")
    budget.save()
    eva = world.a.employee
    asked = equipment.request_create(employee_id=eva.pk, item_id=chair.pk, actor="eva")
    equipment.request_supervisor_decide(
        request_id=asked.pk, supervisor_id=world.a.supervisor.pk, approve=True, actor="sara"
    )

    ui = ui_for(world.a.hr_user, phone=True)
    ui.goto("/entities/AIV/equipment/requests/")
    page = ui.page
    assert page.locator("article .badge.bad").inner_text() == "boven het budget"
    ui.click(page.locator("button[value=approve]"))
    refusal = page.locator(".message.error").inner_text()
    assert refusal.startswith("Met deze goedkeuring komen de uitgaven voor materiële ondersteuning")
    asked.refresh_from_db()
    assert asked.status == EquipmentRequest.Status.SUPERVISOR_APPROVED

    page.locator("[name=override_reason]").fill("Medisch attest: rugklachten.")
    ui.click(page.locator("button[value=approve]"))
    asked.refresh_from_db()
    assert asked.status == EquipmentRequest.Status.HR_APPROVED
    assert asked.override_reason == "Medisch attest: rugklachten."
    assert page.locator("#deliver ~ * .badge.warn, section .badge.warn").count() == 1


def test_an_auditor_sees_the_dashboard_and_cannot_open_an_employee(ui_for, aiv):
    world, _chair, _budget = aiv
    ui = ui_for(world.a.auditor_user)
    ui.goto("/entities/AIV/")
    page = ui.page
    assert page.get_by_role("heading", level=1).count() == 1
    assert page.locator("svg, .chart").count() >= 1
    text = page.content()
    for person in Employee.objects.all():
        assert person.last_name not in text
    for path in (
        f"/employees/{world.a.employee.pk}/",
        f"/employees/{world.a.employee.pk}/months/",
        f"/employees/{world.a.employee.pk}/equipment/",
        "/entities/AIV/staff/",
    ):
        response = ui.goto(path)
        assert response.status in (403, 404), path
        assert world.a.employee.last_name not in page.content()
