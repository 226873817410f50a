"""Writes of agreements, registrations, internet options and invoices (admin, web app, API): audited."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thuiswerk.allowances.inputs import load_parameters
from thuiswerk.audit.services import audit_record, instance_delete, instance_save
from thuiswerk.core.formatting import format_date
from thuiswerk.people.models import Employee, EmploymentPeriod
from thuiswerk.rules.calendar import working_days_in_force

from .models import Agreement, InternetOption, Registration, ThirdPartyInvoice


def agreement_save(*, agreement: Agreement, actor: str, reason: str = "") -> Agreement:
    return instance_save(instance=agreement, actor=actor, reason=reason)


def agreement_delete(*, agreement: Agreement, actor: str, reason: str = "") -> None:
    instance_delete(instance=agreement, actor=actor, reason=reason)


def registration_save(*, registration: Registration, actor: str, reason: str = "") -> Registration:
    return instance_save(instance=registration, actor=actor, reason=reason)


def registration_delete(*, registration: Registration, actor: str, reason: str = "") -> None:
    instance_delete(instance=registration, actor=actor, reason=reason)


def internet_option_save(
    *, internet_option: InternetOption, actor: str, reason: str = ""
) -> InternetOption:
    return instance_save(instance=internet_option, actor=actor, reason=reason)


def internet_option_delete(
    *, internet_option: InternetOption, actor: str, reason: str = ""
) -> None:
    instance_delete(instance=internet_option, actor=actor, reason=reason)


def invoice_save(*, invoice: ThirdPartyInvoice, actor: str, reason: str = "") -> ThirdPartyInvoice:
    return instance_save(instance=invoice, actor=actor, reason=reason)


def invoice_delete(*, invoice: ThirdPartyInvoice, actor: str, reason: str = "") -> None:
    instance_delete(instance=invoice, actor=actor, reason=reason)


# -- The self-service writes (web pages, later the API) -------------------------------------------


class TeleworkError(ValueError):
    """A refused write of a registration, an agreement or an internet option; the message says why."""


LOCATIONS = frozenset(Registration.Location.values)
# The most weeks one pattern may cover: a year, so that a slip of the pen cannot rewrite a decade.
PATTERN_MAX_WEEKS = 53
_HALF_DAYS = (Registration.Part.AM.value, Registration.Part.PM.value)


@dataclass(frozen=True)
class DaysWritten:
    """What a registration write changed: the days whose registrations differ now."""

    changed: list[date]
    skipped: list[date] = field(
        default_factory=list
    )  # asked for, but not a working day in employment

    @property
    def months(self) -> list[date]:
        return sorted({day.replace(day=1) for day in self.changed})


def employed_days(employee: Employee, first: date, last: date) -> set[date]:
    """The working days from `first` to `last` inside one of the employee's employment periods."""
    return employed_days_of([employee.pk], first, last)[employee.pk]


def employed_days_of(employee_ids: list[int], first: date, last: date) -> dict[int, set[date]]:
    """Per employee, the working days from `first` to `last` inside one of her employment
    periods, by the calendar in force in each month (the engine's reading of a working day)."""
    working = working_days_in_force(load_parameters(), first, last)["date"].to_list()
    found: dict[int, set[date]] = {employee_id: set() for employee_id in employee_ids}
    periods = EmploymentPeriod.objects.filter(
        employee_id__in=employee_ids, start_date__lte=last
    ).exclude(end_date__lt=first)
    for period in periods:
        found[period.employee_id].update(
            day
            for day in working
            if period.start_date <= day and (period.end_date is None or day <= period.end_date)
        )
    return found


def registration_set(
    *, employee: Employee, day: date, am: str | None, pm: str | None, actor: str
) -> DaysWritten:
    """Register where the employee works on `day`: a location for the morning and one for the
    afternoon (None: nothing registered, which counts as a day at the office). The same location
    for both halves is stored as one full day, as the import stores it; different ones as two
    halves. Refused on a day that is not a working day inside her employment."""
    for location in (am, pm):
        if location is not None and location not in LOCATIONS:
            raise TeleworkError(_("Unknown location: %(location)s.") % {"location": location})
    if day not in employed_days(employee, day, day):
        raise TeleworkError(
            _("%(day)s is not a working day inside your employment: nothing can be registered.")
            % {"day": format_date(day)}
        )
    return _replace_days(
        employee=employee,
        targets={day: _parts(am, pm)},
        actor=actor,
        action="registration.set",
        data={"day": day.isoformat(), "am": am, "pm": pm},
    )


def week_pattern_apply(
    *,
    employee: Employee,
    first_week: date,
    last_week: date,
    pattern: dict[int, str | None],
    actor: str,
) -> DaysWritten:
    """Register a weekly pattern (weekday 0..4 → a location for the full day; None or missing:
    leave that weekday as it is) on every working day in employment of the weeks from the one of
    `first_week` to the one of `last_week`, in one write and one audit event. Days outside the
    employment or not working are skipped (and returned as such)."""
    first = first_week - timedelta(days=first_week.weekday())
    last = last_week - timedelta(days=last_week.weekday()) + timedelta(days=4)  # its Friday
    if first > last:
        raise TeleworkError(_("The last week comes before the first week."))
    if (last - first).days // 7 + 1 > PATTERN_MAX_WEEKS:
        raise TeleworkError(
            _("A pattern covers at most %(weeks)s weeks at a time.") % {"weeks": PATTERN_MAX_WEEKS}
        )
    wanted = {weekday: location for weekday, location in pattern.items() if location}
    for weekday, location in wanted.items():
        if weekday not in range(5) or location not in LOCATIONS:
            raise TeleworkError(_("A pattern gives a location for Monday to Friday."))
    if not wanted:
        raise TeleworkError(_("The pattern names no location for any day."))
    days = [
        first + timedelta(days=n)
        for n in range((last - first).days + 1)
        if (first + timedelta(days=n)).weekday() in wanted
    ]
    employed = employed_days(employee, first, last)
    targets = {
        day: {Registration.Part.FULL.value: wanted[day.weekday()]}
        for day in days
        if day in employed
    }
    if not targets:
        raise TeleworkError(
            _("None of these days is a working day inside your employment: nothing was registered.")
        )
    written = _replace_days(
        employee=employee,
        targets=targets,
        actor=actor,
        action="registration.pattern",
        data={
            "first_week": first.isoformat(),
            "last_week": last.isoformat(),
            "pattern": {str(weekday): location for weekday, location in sorted(wanted.items())},
        },
    )
    return DaysWritten(written.changed, [day for day in days if day not in employed])


def _parts(am: str | None, pm: str | None) -> dict[str, str]:
    if am is not None and am == pm:
        return {Registration.Part.FULL.value: am}
    return {part: location for part, location in zip(_HALF_DAYS, (am, pm), strict=True) if location}


@transaction.atomic
def _replace_days(
    *,
    employee: Employee,
    targets: dict[date, dict[str, str]],
    actor: str,
    action: str,
    data: dict[str, Any],
) -> DaysWritten:
    """Make the stored registrations of each day in `targets` exactly its parts: one read, one
    delete and one insert for all the days whose registrations differ, one audit event listing
    the rows before and after."""
    # One employee's writes one at a time: the read below and the writes stay consistent.
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    stored: dict[date, dict[str, Registration]] = defaultdict(dict)
    for row in Registration.objects.filter(
        employee=employee, date__gte=min(targets), date__lte=max(targets)
    ):
        stored[row.date][row.part] = row
    changed = sorted(
        day
        for day, parts in targets.items()
        if {part: row.location for part, row in stored[day].items()} != parts
    )
    gone = [row for day in changed for row in stored[day].values()]
    new = [
        Registration(employee=employee, date=day, part=part, location=location)
        for day in changed
        for part, location in sorted(targets[day].items())
    ]
    if gone:
        Registration.objects.filter(pk__in=[row.pk for row in gone]).delete()
    Registration.objects.bulk_create(new)
    if changed:
        audit_record(
            actor=actor,
            action=action,
            object_type="employee",
            object_id=employee.pk,
            data={**data, "days_changed": len(changed)},
            before={"registrations": [_row(row) for row in gone]},
            after={"registrations": [_row(row) for row in new]},
        )
    return DaysWritten(changed)


def _row(row: Registration) -> dict[str, str]:
    return {"date": row.date.isoformat(), "part": row.part, "location": row.location}


# -- Agreements -------------------------------------------------------------------------------------

DAYS_PER_WEEK_STEP = Decimal("0.5")
DAYS_PER_WEEK_MAX = Decimal("5")


def current_period(employee_id: int, on: date | None = None) -> EmploymentPeriod | None:
    """The employment period in force on `on` (today), or else the next one to begin: its
    supervisor decides the employee's agreements. Periods never overlap, so the first period
    (by start) that has not ended before `on` is that one."""
    return current_periods(on).filter(employee_id=employee_id).first()


def current_periods(on: date | None = None):
    """Every employee's periods that have not ended before `on`, earliest first (see above)."""
    on = on or timezone.localdate()
    return EmploymentPeriod.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=on)).order_by(
        "start_date"
    )


def _overlapping(agreements, valid_from: date, valid_to: date | None):
    """The agreements among `agreements` that share a day with valid_from..valid_to."""
    found = agreements.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    return found if valid_to is None else found.filter(valid_from__lte=valid_to)


def _check_no_later_approved(agreement: Agreement) -> None:
    # An approved agreement is never edited in place: a request cannot swallow one that starts
    # on or after its own start (only the earlier one is ended, at approval).
    later = _overlapping(
        Agreement.objects.filter(
            employee_id=agreement.employee_id,
            status=Agreement.Status.APPROVED,
            valid_from__gte=agreement.valid_from,
        ).exclude(pk=agreement.pk),
        agreement.valid_from,
        agreement.valid_to,
    ).first()
    if later is not None:
        raise TeleworkError(
            _(
                "An approved agreement from %(day)s overlaps this one and starts on or after it:"
                " ask for an agreement that ends before %(day)s, or ask HR."
            )
            % {"day": format_date(later.valid_from)}
        )


@transaction.atomic
def agreement_request(
    *,
    employee: Employee,
    valid_from: date,
    valid_to: date | None,
    days_per_week: Decimal,
    actor: str,
) -> Agreement:
    """Ask for a hybrid-work agreement (a new one, or a change of the one in force: from its start
    the approved change replaces it). Pending until her supervisor decides. One pending request at
    a time; a request on the start day of a rejected or withdrawn one takes that row up again (the
    audit trail keeps the earlier request and its decision)."""
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    if valid_to is not None and valid_to < valid_from:
        raise TeleworkError(_("The agreement cannot end before it begins."))
    if not (
        DAYS_PER_WEEK_STEP <= days_per_week <= DAYS_PER_WEEK_MAX
        and days_per_week % DAYS_PER_WEEK_STEP == 0
    ):
        raise TeleworkError(_("Days per week: from 0.5 to 5, in steps of a half day."))
    if not EmploymentPeriod.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=valid_from),
        employee=employee,
        start_date__lte=valid_from,
    ).exists():
        raise TeleworkError(
            _("You are not employed on %(day)s: an agreement begins inside your employment.")
            % {"day": format_date(valid_from)}
        )
    agreements = Agreement.objects.filter(employee=employee)
    pending = agreements.filter(status=Agreement.Status.PENDING).first()
    if pending is not None:
        raise TeleworkError(
            _("Your request from %(day)s is still pending: withdraw it before you ask again.")
            % {"day": format_date(pending.valid_from)}
        )
    agreement = agreements.filter(valid_from=valid_from).first()
    if agreement is not None and agreement.status == Agreement.Status.APPROVED:
        raise TeleworkError(
            _(
                "Your approved agreement already begins on %(day)s: ask for a change from a later day."
            )
            % {"day": format_date(valid_from)}
        )
    agreement = agreement or Agreement(employee=employee, valid_from=valid_from)
    agreement.valid_to = valid_to
    agreement.days_per_week = days_per_week
    agreement.status = Agreement.Status.PENDING
    agreement.approved_by = agreement.decided_by = None
    agreement.approved_on = agreement.decided_at = None
    agreement.decision_reason = ""
    agreement.requested_at = timezone.now()
    _check_no_later_approved(agreement)
    return instance_save(instance=agreement, actor=actor, reason="requested")


@transaction.atomic
def agreement_withdraw(*, agreement: Agreement, actor: str) -> Agreement:
    """The employee takes back her pending request."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != Agreement.Status.PENDING:
        raise TeleworkError(_("Only a pending request can be withdrawn."))
    agreement.status = Agreement.Status.WITHDRAWN
    return instance_save(instance=agreement, actor=actor, reason="withdrawn")


@transaction.atomic
def agreement_decide(
    *, agreement: Agreement, supervisor: Employee, approve: bool, reason: str, actor: str
) -> Agreement:
    """The supervisor of the employee's current period approves or rejects a pending request
    (a rejection needs a reason). Approving a change ends the approved agreement it replaces on
    the day before the change begins, so that at most one approved agreement covers any day."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    reason = reason.strip()
    if agreement.status != Agreement.Status.PENDING:
        raise TeleworkError(_("This request has already been decided or withdrawn."))
    period = current_period(agreement.employee_id)
    if (
        period is None
        or period.supervisor_id != supervisor.pk
        or agreement.employee_id == supervisor.pk
    ):
        raise TeleworkError(_("Only the employee's supervisor can decide on this request."))
    if not approve and not reason:
        raise TeleworkError(_("Give a reason when you reject a request."))
    now = timezone.now()
    if approve:
        _check_no_later_approved(agreement)
        replaced = _overlapping(
            Agreement.objects.select_for_update().filter(
                employee_id=agreement.employee_id,
                status=Agreement.Status.APPROVED,
                valid_from__lt=agreement.valid_from,
            ),
            agreement.valid_from,
            agreement.valid_to,
        )
        for earlier in replaced:
            earlier.valid_to = agreement.valid_from - timedelta(days=1)
            instance_save(
                instance=earlier,
                actor=actor,
                reason=f"ended by the approved change from {agreement.valid_from.isoformat()}",
            )
        agreement.status = Agreement.Status.APPROVED
        agreement.approved_by = supervisor
        agreement.approved_on = timezone.localdate()
    else:
        agreement.status = Agreement.Status.REJECTED
    agreement.decided_by = supervisor
    agreement.decided_at = now
    agreement.decision_reason = reason
    return instance_save(
        instance=agreement, actor=actor, reason=reason or ("approved" if approve else "rejected")
    )


# -- Internet option --------------------------------------------------------------------------------


def internet_option_in_force(employee_id: int, day: date) -> InternetOption | None:
    """The option chosen last on or before `day` (None: the default, the flat rate)."""
    return (
        InternetOption.objects.filter(employee_id=employee_id, valid_from__lte=day)
        .order_by("-valid_from")
        .first()
    )


@transaction.atomic
def internet_option_choose(
    *, employee: Employee, option: str, valid_from: date, provider: str, actor: str
) -> InternetOption:
    """A new choice from a date: a new row, the earlier choices stay as they were."""
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    provider = provider.strip()
    if option not in InternetOption.Option.values:
        raise TeleworkError(_("Unknown internet option: %(option)s.") % {"option": option})
    if option == InternetOption.Option.THIRD_PARTY and not provider:
        raise TeleworkError(_("Name the provider the employer pays (third-party payer)."))
    if option == InternetOption.Option.FORFAIT:
        provider = ""
    if InternetOption.objects.filter(employee=employee, valid_from=valid_from).exists():
        raise TeleworkError(
            _("You already made a choice from %(day)s; choose another date.")
            % {"day": format_date(valid_from)}
        )
    in_force = internet_option_in_force(employee.pk, valid_from)
    current = (
        (in_force.option, in_force.provider) if in_force else (InternetOption.Option.FORFAIT, "")
    )
    if current == (option, provider):
        raise TeleworkError(
            _("That is already your internet option on %(day)s.") % {"day": format_date(valid_from)}
        )
    return instance_save(
        instance=InternetOption(
            employee=employee, option=option, valid_from=valid_from, provider=provider
        ),
        actor=actor,
        reason="chosen by the employee",
    )
