"""Reads of registrations, agreements and internet options for the pages: every selector takes the
reader's `scope` and answers 404 (OutOfScope) for a person outside it."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from thuiswerk.accounts.scope import OutOfScope, Scope
from thuiswerk.allowances.inputs import load_parameters
from thuiswerk.core.months import month_end
from thuiswerk.people.models import Employee
from thuiswerk.rules.calendar import holidays_in_force

from .models import Agreement, InternetOption, Registration
from .services import current_periods, employed_days_of, internet_option_in_force


@dataclass
class Day:
    """One calendar day as the pages show it."""

    date: date
    working: bool  # Monday to Friday and no holiday
    holiday: str  # the holiday's name, or ""
    employed: bool  # a working day inside an employment period
    parts: dict[str, str] = field(default_factory=dict)  # part (full, am, pm) -> location

    @property
    def weekend(self) -> bool:
        return self.date.weekday() >= 5

    @property
    def am(self) -> str:
        return self.parts.get("full") or self.parts.get("am", "")

    @property
    def pm(self) -> str:
        return self.parts.get("full") or self.parts.get("pm", "")

    @property
    def planned(self) -> bool:
        """Registered ahead: the day is still to come."""
        return self.date > timezone.localdate()


def _days(employee_ids: list[int], first: date, last: date) -> dict[int, list[Day]]:
    """Per employee, every day from `first` to `last` with its registrations (one read)."""
    parameters = load_parameters()
    holidays = dict(holidays_in_force(parameters, first, last).iter_rows())
    stored: dict[tuple[int, date], dict[str, str]] = defaultdict(dict)
    for employee_id, day, part, location in Registration.objects.filter(
        employee_id__in=employee_ids, date__gte=first, date__lte=last
    ).values_list("employee_id", "date", "part", "location"):
        stored[employee_id, day][part] = location
    dates = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    employed = employed_days_of(employee_ids, first, last)
    return {
        employee_id: [
            Day(
                date=day,
                working=day.weekday() < 5 and day not in holidays,
                holiday=holidays.get(day, ""),
                employed=day in employed[employee_id],
                parts=stored.get((employee_id, day), {}),
            )
            for day in dates
        ]
        for employee_id in employee_ids
    }


def month_days(*, scope: Scope, employee_id: int, month: date) -> list[Day]:
    """Every day of `month` for one employee: working or not, in employment, registered where."""
    employee = scope.employee(employee_id)
    return _days([employee.pk], month, month_end(month))[employee.pk]


def registered_day(*, scope: Scope, employee_id: int, day: date) -> Day:
    """One day of one employee, as `month_days` shows it (the answer to a day just saved)."""
    employee = scope.employee(employee_id)
    return _days([employee.pk], day, day)[employee.pk][0]


@dataclass
class TeamWeek:
    monday: date
    dates: list[date]
    rows: list[tuple[Employee, list[Day]]]  # per team member, Monday to Friday


def team_weeks(*, scope: Scope, monday: date, weeks: int = 2) -> list[TeamWeek]:
    """Who of the supervisor's team works where, Monday to Friday of `weeks` weeks from `monday`:
    only her team, never anyone else (the team as `Scope.team_q` defines it)."""
    members = list(
        Employee.objects.filter(scope.team_q("pk")).order_by("last_name", "first_name", "pk")
    )
    last = monday + timedelta(days=7 * weeks - 1)
    days = _days([m.pk for m in members], monday, last)
    result = []
    for week in range(weeks):
        start = monday + timedelta(days=7 * week)
        dates = [start + timedelta(days=n) for n in range(5)]
        rows = [(m, [d for d in days[m.pk] if d.date in dates]) for m in members]
        result.append(TeamWeek(start, dates, rows))
    return result


def agreement_history(*, scope: Scope, employee_id: int) -> list[Agreement]:
    """Every agreement of the employee, the latest first, with who decided."""
    employee = scope.employee(employee_id)
    return list(
        scope.persons(Agreement.objects.filter(employee=employee))
        .select_related("approved_by", "decided_by")
        .order_by("-valid_from", "-pk")
    )


def agreement_of(*, scope: Scope, agreement_id: int) -> Agreement:
    """One agreement the reader may see, or OutOfScope (404)."""
    agreement = (
        scope.persons(Agreement.objects.filter(pk=agreement_id)).select_related("employee").first()
    )
    if agreement is None:
        raise OutOfScope
    return agreement


def supervisor_queue(*, scope: Scope) -> QuerySet[Agreement]:
    """The pending requests the supervisor may decide: of employees whose current period names
    her as supervisor (the same rule as `agreement_decide`), the oldest request first."""
    if not scope.is_supervisor:
        return Agreement.objects.none()
    deciding = Subquery(
        current_periods().filter(employee_id=OuterRef("employee_id")).values("supervisor_id")[:1]
    )
    return (
        Agreement.objects.filter(scope.team_q("employee_id"), status=Agreement.Status.PENDING)
        .annotate(deciding_supervisor=deciding)
        .filter(deciding_supervisor=scope.employee_id)
        .exclude(employee_id=scope.employee_id)
        .select_related("employee")
        .order_by("requested_at", "pk")
    )


@dataclass
class InternetHistory:
    in_force: InternetOption | None  # today's choice (None: the default flat rate)
    options: list[InternetOption]


def internet_history(*, scope: Scope, employee_id: int) -> InternetHistory:
    employee = scope.employee(employee_id)
    return InternetHistory(
        in_force=internet_option_in_force(employee.pk, timezone.localdate()),
        options=list(
            scope.persons(InternetOption.objects.filter(employee=employee)).order_by("-valid_from")
        ),
    )
