"""The dashboards: the figures of the ledger and the parliamentary answer, stored once and
marked stale (and refreshed by a job) after a write."""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from thuiswerk.audit.services import audit_record
from thuiswerk.backoffice.models import FigureSnapshot
from thuiswerk.backoffice.selectors import central_dashboard, entity_dashboard
from thuiswerk.budgets.services import budget_line_save
from thuiswerk.jobs.models import Job
from thuiswerk.jobs.services import job_run


def scope_of(user):
    from thuiswerk.accounts.scope import scope_for

    return scope_for(user)


def test_entity_dashboard_figures(figures):
    board = entity_dashboard(scope=scope_of(figures.a.hr_user), code="AIV")
    year = board.current
    assert year.year == timezone.localdate().year
    assert year.material_spent == Decimal("250.00")
    assert year.material_reserved == Decimal("500.00")
    january = board.months.index(date(2026, 1, 1))
    assert board.beneficiaries["HOMEWORK"][january] == 1
    assert board.beneficiaries["INTERNET_FORFAIT"][january] == 1
    assert not board.stale


def test_central_dashboard_adds_the_entities(figures):
    board = central_dashboard(scope=scope_of(figures.admin_user))
    assert board.current.material_spent == Decimal("500.00")
    january = board.months.index(date(2026, 1, 1))
    assert board.beneficiaries["HOMEWORK"][january] == 2


def test_dashboard_page_shows_charts_with_tables(client, figures):
    client.force_login(figures.a.hr_user)
    page = client.get(reverse("backoffice:dashboard", args=["AIV"])).content.decode()
    assert page.count("<svg") == 4
    assert page.count("<figure") == 4
    assert "€ 250,00" in page  # material spending, in the key figures and the table
    assert '<th scope="col"' in page


def test_a_write_marks_the_figures_stale_and_a_job_refreshes_them(client, figures, settings):
    client.force_login(figures.admin_user)
    url = reverse("backoffice:central")
    client.get(url)
    assert FigureSnapshot.objects.count() == 1
    settings.THUISWERK_JOBS_EAGER = False
    from thuiswerk.budgets.models import BudgetLine

    line = BudgetLine.objects.get(entity=figures.a.entity, measure="material")
    line.amount = Decimal("900.00")
    budget_line_save(budget_line=line, actor="test")
    page = client.get(url).content.decode()
    assert "newer figures are being computed" in page or "nieuwere cijfers" in page
    job = Job.objects.get(kind="figures", status=Job.Status.QUEUED)
    client.get(url)
    assert Job.objects.filter(kind="figures").count() == 1  # one at a time
    job_run(job_id=job.pk)
    board = central_dashboard(scope=scope_of(figures.admin_user))
    assert not board.stale
    assert board.current.material_reserved == Decimal("1400.00")


def test_compute_job_refreshes_the_figures(client, figures):
    client.force_login(figures.admin_user)
    client.get(reverse("backoffice:central"))
    client.post(
        reverse("backoffice:months_compute"), {"month_from": "2026-04", "month_to": "2026-04"}
    )
    assert not central_dashboard(scope=scope_of(figures.admin_user)).stale


def test_any_audited_write_makes_the_figures_stale(figures):
    scope = scope_of(figures.admin_user)
    central_dashboard(scope=scope)
    audit_record(actor="test", action="something")
    assert central_dashboard(scope=scope).stale


def test_figures_of_an_earlier_day_are_shown_as_stale(figures):
    scope = scope_of(figures.admin_user)
    central_dashboard(scope=scope)
    assert not central_dashboard(scope=scope).stale
    FigureSnapshot.objects.update(as_of=date(2026, 1, 1))  # as if computed on an earlier day
    assert central_dashboard(scope=scope).stale
    assert FigureSnapshot.objects.count() == 1  # nothing computed while the page waits


def test_registering_a_day_leaves_the_figures_fresh_until_a_run_books_it(figures):
    from thuiswerk.telework.services import registration_set

    scope = scope_of(figures.admin_user)
    central_dashboard(scope=scope)
    monday = date(2026, 3, 2)  # her days at home are Tuesdays
    written = registration_set(
        employee=figures.a.employee, day=monday, am="home", pm="home", actor="test"
    )
    assert written.changed
    assert not central_dashboard(scope=scope).stale
    audit_record(actor="test", action="ledger.compute")
    assert central_dashboard(scope=scope).stale
