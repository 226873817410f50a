"""Reads of the back office, each filtered by the scope it takes.

The dashboards read stored figures only: the parliamentary answer (`parliament_answer`) and the
ledger, never the rules. The whole administration's answer takes seconds on 30,000 staff, so the
figures of every dashboard are computed at once and stored (`FigureSnapshot`) with the newest
audit event's id: every write that can change them (a run, an import, a delivery, a budget, a
parameter, a closing) writes an audit event, so a newer event marks them stale. Stale figures
are shown with a note while a background job computes fresh ones; compute and import jobs
refresh them when they finish.
"""

import pickle
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import polars as pl
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from thuiswerk.accounts.scope import OutOfScope, Scope
from thuiswerk.allowances.models import LedgerLine, LedgerMonth, ParameterValue
from thuiswerk.audit.models import DAY_REGISTRATION_ACTIONS, AuditEvent
from thuiswerk.core.frames import day_number, fetch_frame, scaled_integer
from thuiswerk.core.money import from_cents
from thuiswerk.core.months import month_end, month_range
from thuiswerk.people.models import Employee, EmploymentPeriod, Entity
from thuiswerk.reports.parliament import ALL, LAST_AS_OF, YearFigures, parliament_answer
from thuiswerk.telework.models import Agreement, InternetOption

from .models import FigureSnapshot

# The measures a beneficiary is counted for, per month (INTERNET_BIK follows third party).
MONTHLY_MEASURES = ("INTERNET_FORFAIT", "INTERNET_THIRD_PARTY", "HOMEWORK")
DASHBOARD_MONTHS = 12
KEPT_DAYS = 7  # stored figures of earlier days, shown (as stale) until today's are computed


@dataclass(frozen=True)
class Figures:
    """Every dashboard's figures for one as-of day: all entities and each entity, from one
    parliamentary answer for ALL and two reads of the ledger."""

    version: int
    as_of: date
    computed_at: datetime
    months: tuple[date, ...]  # the last DASHBOARD_MONTHS months that ended by as_of
    years: tuple[YearFigures, ...]  # ALL
    entities: tuple[tuple[int, str, str], ...]  # pk, code, name
    years_by_entity: dict[int, tuple[YearFigures, ...]]
    beneficiaries: dict[str, tuple[int, ...]]  # ALL: measure -> count per month
    beneficiaries_by_entity: dict[int, dict[str, tuple[int, ...]]]


@dataclass(frozen=True)
class Dashboard:
    entity: Entity | None  # None: all entities
    figures: Figures
    years: tuple[YearFigures, ...]
    beneficiaries: dict[str, tuple[int, ...]]
    stale: bool  # newer writes than these figures: fresh ones are being computed

    @property
    def as_of(self) -> date:
        return self.figures.as_of

    @property
    def months(self) -> tuple[date, ...]:
        return self.figures.months

    @property
    def current(self) -> YearFigures:
        return self.years[-1]


def dashboard_as_of() -> date:
    return min(timezone.localdate(), LAST_AS_OF)


def figures_version() -> int:
    """Changes whenever a figure can have changed: the newest audit event's id, not counting the
    registrations of days (they reach the figures only through a run, which has its own event;
    else every registration would start the whole administration's answer again)."""
    events = AuditEvent.objects.exclude(action__in=DAY_REGISTRATION_ACTIONS)
    return events.order_by("-id").values_list("id", flat=True).first() or 0


def entity_dashboard(*, scope: Scope, code: str) -> Dashboard:
    """The dashboard of one entity whose figures the user sees (else OutOfScope)."""
    entity = scope.entity(code)
    figures, stale = _figures(dashboard_as_of())
    if entity.pk not in figures.years_by_entity:  # an entity newer than the figures
        figures, stale = figures_refresh(as_of=figures.as_of), False
    return Dashboard(
        entity=entity,
        figures=figures,
        years=figures.years_by_entity[entity.pk],
        beneficiaries=figures.beneficiaries_by_entity.get(entity.pk, _no_beneficiaries(figures)),
        stale=stale,
    )


def central_dashboard(*, scope: Scope) -> Dashboard:
    """The dashboard of all entities: admins and auditors for all only."""
    if not scope.figure_entities.everything:
        raise OutOfScope
    figures, stale = _figures(dashboard_as_of())
    return Dashboard(
        entity=None,
        figures=figures,
        years=figures.years,
        beneficiaries=figures.beneficiaries,
        stale=stale,
    )


def entity_table(*, dashboard: Dashboard) -> list[dict[str, Any]]:
    """The key figures of the as-of year per entity (central dashboard)."""
    figures = dashboard.figures
    return [
        {"code": code, "name": name, "year": figures.years_by_entity[pk][-1]}
        for pk, code, name in figures.entities
    ]


def _figures(as_of: date) -> tuple[Figures, bool]:
    """The stored figures of `as_of` and whether they are stale. Stale figures (older than the
    newest audit event, or of an earlier day) are shown, with a note, while a job computes fresh
    ones, so that no page waits seconds for the whole administration's answer; only when none
    are stored at all are they computed now."""
    stored = (
        FigureSnapshot.objects.filter(as_of=as_of).first()
        or FigureSnapshot.objects.order_by("-as_of").first()
    )
    if stored is None:
        return figures_refresh(as_of=as_of), False
    # Written by this application only (figures_refresh), never from outside input.
    figures = pickle.loads(bytes(stored.payload))  # noqa: S301
    return figures, stored.as_of != as_of or stored.version != figures_version()


def _no_beneficiaries(figures: Figures) -> dict[str, tuple[int, ...]]:
    return {m: tuple(0 for _ in figures.months) for m in MONTHLY_MEASURES}


def figures_refresh(*, as_of: date | None = None) -> Figures:
    """Compute every dashboard's figures of `as_of` (default: today) and store them."""
    as_of = as_of or dashboard_as_of()
    version = figures_version()
    answer = parliament_answer(entity_code=ALL, as_of=as_of, years=3)
    last = as_of.replace(day=1)
    if as_of < month_end(last):
        last = _previous_month(last)  # the months that ended by as_of, as the answer counts
    index = last.year * 12 + last.month - DASHBOARD_MONTHS  # months since year 0, minus 12
    months = tuple(month_range(date(index // 12, index % 12 + 1, 1), last))
    codes = {e.code: e.pk for e in Entity.objects.all()}
    figures = Figures(
        version=version,
        as_of=as_of,
        computed_at=timezone.now(),
        months=months,
        years=answer.years,
        entities=tuple((codes[e.code], e.code, e.name) for e in answer.per_entity),
        years_by_entity={codes[e.code]: e.years for e in answer.per_entity},
        beneficiaries=monthly_beneficiaries(months)[None],
        beneficiaries_by_entity=monthly_beneficiaries(months, by_entity=True),
    )
    FigureSnapshot.objects.update_or_create(
        as_of=as_of, defaults={"version": version, "payload": pickle.dumps(figures)}
    )
    FigureSnapshot.objects.filter(as_of__lt=as_of - timedelta(days=KEPT_DAYS)).delete()
    return figures


def _previous_month(month: date) -> date:
    return date(month.year - 1, 12, 1) if month.month == 1 else month.replace(month=month.month - 1)


def monthly_beneficiaries(
    months: tuple[date, ...], *, by_entity: bool = False
) -> dict[int | None, dict[str, tuple[int, ...]]]:
    """Distinct employees per month and measure (and entity, or None for all) whose lines,
    corrections included, grant the measure for that month (their units add up to more than 0);
    read from the ledger's covering index."""
    table = LedgerLine._meta.db_table
    entity = "entity_id" if by_entity else "NULL"
    group = ", entity_id" if by_entity else ""
    frame = fetch_frame(
        f"SELECT {day_number('month')}, measure, entity, COUNT(*) FROM ("
        f"SELECT month, measure, {entity} AS entity, employee_id FROM {table}"
        f" WHERE month >= %s AND month <= %s AND measure IN ({', '.join(['%s'] * 3)})"
        f" GROUP BY month, measure{group}, employee_id HAVING SUM(units) > 0"
        f") per_employee GROUP BY month, measure, entity",
        [months[0], months[-1], *MONTHLY_MEASURES],
        {"month": pl.Date(), "measure": pl.String(), "entity": pl.Int64(), "count": pl.Int64()},
    )
    counts = {(m, measure, e): n for m, measure, e, n in frame.iter_rows()}
    entities = {e for _m, _measure, e in counts} or ({None} if not by_entity else set())
    return {
        e: {
            measure: tuple(counts.get((month, measure, e), 0) for month in months)
            for measure in MONTHLY_MEASURES
        }
        for e in entities
    }


# -- staff -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffFilter:
    search: str = ""
    current: bool = True
    agreement: str = ""  # "", "with", "without"
    internet: str = ""  # "", "forfait", "third_party"


def staff_list(*, scope: Scope, entity: Entity, filters: StaffFilter) -> QuerySet[Employee]:
    """The staff of one of the user's entities (HR, admin), filtered, with today's internet
    option and whether an approved agreement is in force today."""
    if entity.pk not in scope.people_entities:
        raise OutOfScope
    today = timezone.localdate()
    periods = EmploymentPeriod.objects.filter(entity=entity)
    if filters.current:
        periods = periods.filter(start_date__lte=today).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today)
        )
    in_force = Agreement.objects.filter(
        employee=OuterRef("pk"), status=Agreement.Status.APPROVED, valid_from__lte=today
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    option = (
        InternetOption.objects.filter(employee=OuterRef("pk"), valid_from__lte=today)
        .order_by("-valid_from")
        .values("option")[:1]
    )
    staff = scope.employees(Employee.objects.filter(pk__in=periods.values("employee_id"))).annotate(
        has_agreement=Exists(in_force), internet_option=Subquery(option)
    )
    search = filters.search.strip()
    if search:
        words = Q()
        for word in search.split():
            words &= (
                Q(personnel_number__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
            )
        staff = staff.filter(words)
    if filters.agreement == "with":
        staff = staff.filter(has_agreement=True)
    elif filters.agreement == "without":
        staff = staff.filter(has_agreement=False)
    if filters.internet == InternetOption.Option.THIRD_PARTY:
        staff = staff.filter(internet_option=InternetOption.Option.THIRD_PARTY)
    elif filters.internet == InternetOption.Option.FORFAIT:
        # No option on record means forfait (RULES.md).
        staff = staff.exclude(internet_option=InternetOption.Option.THIRD_PARTY)
    return staff.order_by("last_name", "first_name", "personnel_number")


@dataclass(frozen=True)
class EmployeeFile:
    employee: Employee
    periods: list[EmploymentPeriod]
    agreements: list[Agreement]
    internet_options: list[InternetOption]
    deliveries: list


def employee_file(*, scope: Scope, employee_id: int) -> EmployeeFile:
    """One employee as HR sees her: OutOfScope when the user may not see her, NotAllowed (403)
    when she sees her but has no HR rights over her (her own file, her team)."""
    employee = scope.employee(employee_id)
    scope.require(scope.manages_person(employee.pk))
    return EmployeeFile(
        employee=employee,
        periods=list(
            employee.periods.select_related("entity", "supervisor").order_by("start_date")
        ),
        agreements=list(employee.agreements.select_related("approved_by").order_by("valid_from")),
        internet_options=list(employee.internet_options.order_by("valid_from")),
        deliveries=list(employee.deliveries.select_related("entity").order_by("delivered_on")),
    )


# -- payroll months ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PayrollMonth:
    month: date
    closed: bool
    lines: int
    employee_amount: Decimal
    employer_cost: Decimal


def payroll_months(*, scope: Scope) -> list[PayrollMonth]:
    """Every payroll month with lines booked in it (for the user's entities) or a state, newest
    first: open or closed, lines and totals."""
    if not scope.managed_entities().exists():
        raise OutOfScope
    condition, params = scope.people_entities.sql("entity_id")
    frame = fetch_frame(
        f"SELECT {day_number('booked_in')}, COUNT(*),"
        f" SUM({scaled_integer('employee_amount')}), SUM({scaled_integer('employer_cost')})"
        f" FROM {LedgerLine._meta.db_table} WHERE {condition} GROUP BY booked_in",
        params,
        {"month": pl.Date(), "lines": pl.Int64(), "amount": pl.Int64(), "cost": pl.Int64()},
    )
    totals = {row[0]: row[1:] for row in frame.iter_rows()}
    states = dict(LedgerMonth.objects.values_list("month", "status"))
    return [
        PayrollMonth(
            month=month,
            closed=states.get(month) == LedgerMonth.Status.CLOSED,
            lines=totals.get(month, (0, 0, 0))[0],
            employee_amount=from_cents(totals.get(month, (0, 0, 0))[1]),
            employer_cost=from_cents(totals.get(month, (0, 0, 0))[2]),
        )
        for month in sorted(set(totals) | set(states), reverse=True)
    ]


# -- parameters and audit ----------------------------------------------------------------------


def parameter_values(*, scope: Scope) -> QuerySet[ParameterValue]:
    """The rule parameters: for everyone who sees figures (they hold no personal data)."""
    scope.require(scope.sees_figures)
    return ParameterValue.objects.order_by("name", "effective_from")


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    since: date | None = None
    until: date | None = None


def audit_events(*, scope: Scope, filters: AuditFilter) -> QuerySet[AuditEvent]:
    """The audit trail (admin only), newest first."""
    scope.require(scope.is_admin)
    events = AuditEvent.objects.all()
    if filters.actor:
        events = events.filter(actor__icontains=filters.actor.strip())
    if filters.action:
        events = events.filter(action__startswith=filters.action.strip())
    if filters.object_type:
        events = events.filter(object_type=filters.object_type.strip())
    if filters.object_id:
        events = events.filter(object_id=filters.object_id.strip())
    if filters.since:
        events = events.filter(at__date__gte=filters.since)
    if filters.until:
        events = events.filter(at__date__lte=filters.until)
    return events.order_by("-at", "-id")


def audit_diff(event: AuditEvent) -> list[tuple[str, Any, Any]]:
    """The fields an event changed: (name, before, after); every field for an add or delete."""
    before, after = event.before or {}, event.after or {}
    names = sorted(set(before) | set(after))
    return [
        (name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name) or not (event.before and event.after)
    ]
