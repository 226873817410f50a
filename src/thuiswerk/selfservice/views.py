"""The employee's pages (months, calendar, agreements, internet option) and the supervisor's
(queue, team). Thin: a form parses the input, a telework service writes (audited with the
reader as actor), a selector reads within the reader's scope."""

from datetime import date, timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from thuiswerk.allowances import selectors as allowances
from thuiswerk.allowances.services import LedgerError
from thuiswerk.core.months import month_end, next_month
from thuiswerk.telework import selectors as telework
from thuiswerk.telework import services
from thuiswerk.telework.models import Agreement

from .access import PersonAccess, person_access
from .explanations import HOMEWORK, INTERNET, line_text, measure_text, not_employed
from .forms import (
    AgreementRequestForm,
    DayForm,
    DecisionForm,
    InternetOptionForm,
    PatternForm,
    location_choices,
)


def _month(year: int, month: int) -> date:
    if not (1 <= month <= 12 and 1900 <= year <= 2100):
        raise Http404
    return date(year, month, 1)


def _context(access: PersonAccess, page: str, **extra) -> dict:
    return {"access": access, "person": access.employee, "page": page, **extra}


# -- /me/: the user's own pages --------------------------------------------------------------------

ME_PAGES = {"months", "calendar", "agreements", "internet"}


def me(request: HttpRequest, page: str = "months") -> HttpResponse:
    """Her own pages without knowing her id; a user who is no employee gets a page that says so."""
    scope = request.scope
    if scope.employee_id is None or page not in ME_PAGES:
        return render(request, "selfservice/no_employee.html")
    if page == "calendar":
        today = timezone.localdate()
        return redirect(
            "selfservice:calendar",
            employee_id=scope.employee_id,
            year=today.year,
            month=today.month,
        )
    return redirect(f"selfservice:{page}", employee_id=scope.employee_id)


# -- Months --------------------------------------------------------------------------------------


def months(request: HttpRequest, employee_id: int) -> HttpResponse:
    access = person_access(request.scope, employee_id)
    try:
        year = int(request.GET["year"]) if request.GET.get("year") else None
    except ValueError:
        raise Http404 from None
    overview = allowances.employee_year(scope=request.scope, employee_id=employee_id, year=year)
    if overview.year not in overview.years:
        raise Http404
    return render(request, "selfservice/months.html", _context(access, "months", overview=overview))


def month(request: HttpRequest, employee_id: int, year: int, month: int) -> HttpResponse:
    access = person_access(request.scope, employee_id)
    first = _month(year, month)
    try:
        explained = allowances.employee_month(
            scope=request.scope, employee_id=employee_id, month=first
        )
    except LedgerError as error:
        return render(
            request,
            "selfservice/month.html",
            _context(access, "months", month=first, error=str(error)),
        )
    return render(
        request,
        "selfservice/month.html",
        _context(
            access,
            "months",
            month=first,
            explained=explained,
            verdicts=_verdicts(explained),
            lines=[(line, line_text(line)) for line in explained.stored_lines],
            changed=_differs(explained),
            closed=first in allowances.closed_months(),
            settled_in=allowances.payroll_month_for(first),
        ),
    )


def _verdicts(explained: allowances.MonthExplanation) -> list[dict]:
    """Per measure, due or not by the rules as they stand, and why (from the line the engine would
    write when due, from the month facts when not)."""
    if explained.facts is None:
        return [
            {"measure": m, "due": False, "text": not_employed(explained.month)}
            for m in (HOMEWORK, INTERNET)
        ]
    parameters = {name: p.value for name, p in explained.parameters.items()}
    due = {
        (HOMEWORK if line["measure"] == "HOMEWORK" else INTERNET): line
        for line in explained.due_lines
        if line["measure"] != "INTERNET_BIK"
    }
    result = []
    for verdict in explained.verdicts:
        line = due.get(verdict.measure)
        if line is not None:
            data = line["explanation"]
            text = measure_text(
                verdict.measure,
                explained.month,
                data["facts"],
                data["parameters"],
                due=True,
                invoices_cents=data.get("invoices_cents"),
            )
        else:
            text = measure_text(
                verdict.measure,
                explained.month,
                explained.facts,
                parameters,
                due=False,
                in_force=verdict.in_force,
            )
        result.append(
            {"measure": verdict.measure, "due": line is not None, "line": line, "text": text}
        )
    return result


def _differs(explained: allowances.MonthExplanation) -> bool:
    """Whether the ledger's lines for the month (all kinds summed per measure) differ from what
    the rules give now: the next computation will change or correct them."""
    stored: dict[str, tuple] = {}
    for line in explained.stored_lines:
        amount, cost, units = stored.get(line.measure, (0, 0, 0))
        stored[line.measure] = (
            amount + line.employee_amount,
            cost + line.employer_cost,
            units + line.units,
        )
    now = {
        line["measure"]: (line["employee_amount"], line["employer_cost"], 1)
        for line in explained.due_lines
    }
    return {m: v for m, v in stored.items() if v[2] != 0 or v[0] or v[1]} != now


# -- Calendar ------------------------------------------------------------------------------------


def calendar(request: HttpRequest, employee_id: int, year: int, month: int) -> HttpResponse:
    access = person_access(request.scope, employee_id)
    first = _month(year, month)
    return render(
        request,
        "selfservice/calendar.html",
        _calendar_context(request, access, first, PatternForm(initial=_pattern_initial(first))),
    )


def _pattern_initial(first: date) -> dict:
    return {"first_week": first, "last_week": month_end(first)}


def _calendar_context(
    request, access: PersonAccess, first: date, pattern_form: PatternForm
) -> dict:
    days = telework.month_days(scope=request.scope, employee_id=access.employee.pk, month=first)
    closed = first in allowances.closed_months()
    return _context(
        access,
        "calendar",
        month=first,
        days=days,
        employed=any(d.employed for d in days),
        closed=closed,
        settled_in=allowances.payroll_month_for(first),
        previous=(first - timedelta(days=1)).replace(day=1),
        next=next_month(first),
        choices=_day_choices(),
        pattern_form=pattern_form,
    )


def _day_choices() -> list[tuple[str, str]]:
    """The locations of a day's two selects, translated once for the twenty-odd days of a month
    rather than once per option."""
    return [(value, str(label)) for value, label in location_choices(_("not registered"))]


def _settlement_note(changed_months: list[date]) -> str:
    """For days in paid months: where the difference will be settled."""
    notes = []
    closed = allowances.closed_months()
    for month in changed_months:
        if month in closed:
            notes.append(
                _(
                    "%(month)s has already been paid: the change will be settled as a correction in"
                    " the next open payroll month, %(payroll)s."
                )
                % {
                    "month": capfirst(date_format(month, "F Y")),
                    "payroll": date_format(allowances.payroll_month_for(month), "F Y"),
                }
            )
    return " ".join(notes)


@require_POST
def calendar_day(request: HttpRequest, employee_id: int, year: int, month: int) -> HttpResponse:
    access = person_access(request.scope, employee_id)
    access.require_write()
    first = _month(year, month)
    form = DayForm(request.POST)
    error = note = ""
    valid = form.is_valid()
    day = form.cleaned_data.get("day")
    if valid:
        try:
            written = services.registration_set(
                employee=access.employee,
                day=day,
                am=form.cleaned_data["am"] or None,
                pm=form.cleaned_data["pm"] or None,
                actor=request.scope.actor,
            )
        except services.TeleworkError as refusal:
            error = str(refusal)
        else:
            note = (
                " ".join(filter(None, [_("Saved."), _settlement_note(written.months)]))
                if written.changed
                else _("Nothing changed.")
            )
    else:
        error = _("That is not a day and a location.")
    # htmx swaps only successful answers: a refusal comes back as the day with its message.
    if request.htmx and day is not None and day.replace(day=1) == first:
        found = telework.registered_day(
            scope=request.scope, employee_id=access.employee.pk, day=day
        )
        return render(
            request,
            "selfservice/partials/day.html",
            {
                "d": found,
                "access": access,
                "person": access.employee,
                "month": first,
                "choices": _day_choices(),
                "note": note,
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, note)
    return redirect(
        "selfservice:calendar", employee_id=access.employee.pk, year=first.year, month=first.month
    )


@require_POST
def calendar_pattern(request: HttpRequest, employee_id: int, year: int, month: int) -> HttpResponse:
    access = person_access(request.scope, employee_id)
    access.require_write()
    first = _month(year, month)
    form = PatternForm(request.POST)
    if form.is_valid():
        try:
            written = services.week_pattern_apply(
                employee=access.employee,
                first_week=form.cleaned_data["first_week"],
                last_week=form.cleaned_data["last_week"],
                pattern=form.pattern(),
                actor=request.scope.actor,
            )
        except services.TeleworkError as refusal:
            form.add_error(None, str(refusal))
        else:
            changed, skipped = len(written.changed), len(written.skipped)
            text = ngettext(
                "The pattern was applied: %(count)s day changed.",
                "The pattern was applied: %(count)s days changed.",
                changed,
            ) % {"count": changed}
            if skipped:
                text += " " + ngettext(
                    "%(count)s day was left out (a public holiday, or outside your employment).",
                    "%(count)s days were left out (public holidays, or outside your employment).",
                    skipped,
                ) % {"count": skipped}
            note = _settlement_note(written.months)
            messages.success(request, f"{text} {note}".strip())
            return redirect(
                "selfservice:calendar",
                employee_id=access.employee.pk,
                year=first.year,
                month=first.month,
            )
    return render(
        request,
        "selfservice/calendar.html",
        _calendar_context(request, access, first, form),
        status=400,
    )


# -- Agreements ----------------------------------------------------------------------------------


def agreements(request: HttpRequest, employee_id: int) -> HttpResponse:
    access = person_access(request.scope, employee_id)
    form = AgreementRequestForm()
    status = 200
    if request.method == "POST":
        access.require_write()
        form = AgreementRequestForm(request.POST)
        if form.is_valid():
            try:
                services.agreement_request(
                    employee=access.employee,
                    actor=request.scope.actor,
                    **form.cleaned_data,
                )
            except services.TeleworkError as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, _("Your request was sent to your supervisor."))
                return redirect("selfservice:agreements", employee_id=access.employee.pk)
        status = 400
    history = telework.agreement_history(scope=request.scope, employee_id=access.employee.pk)
    return render(
        request,
        "selfservice/agreements.html",
        _context(
            access,
            "agreements",
            history=history,
            form=form,
            has_pending=any(a.status == Agreement.Status.PENDING for a in history),
        ),
        status=status,
    )


@require_POST
def agreement_withdraw(request: HttpRequest, employee_id: int, agreement_id: int) -> HttpResponse:
    access = person_access(request.scope, employee_id)
    access.require_write()
    agreement = telework.agreement_of(scope=request.scope, agreement_id=agreement_id)
    if agreement.employee_id != access.employee.pk:
        raise Http404
    try:
        services.agreement_withdraw(agreement=agreement, actor=request.scope.actor)
    except services.TeleworkError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your request was withdrawn."))
    return redirect("selfservice:agreements", employee_id=access.employee.pk)


# -- Internet option -----------------------------------------------------------------------------


def internet(request: HttpRequest, employee_id: int) -> HttpResponse:
    access = person_access(request.scope, employee_id)
    form = InternetOptionForm()
    status = 200
    note = ""
    if request.method == "POST":
        access.require_write()
        form = InternetOptionForm(request.POST)
        if form.is_valid():
            try:
                chosen = services.internet_option_choose(
                    employee=access.employee, actor=request.scope.actor, **form.cleaned_data
                )
            except services.TeleworkError as refusal:
                form.add_error(None, str(refusal))
            else:
                note = _settlement_note([chosen.valid_from.replace(day=1)])
                saved = _("Your choice was saved.")
                messages.success(request, f"{saved} {note}".strip())
                return redirect("selfservice:internet", employee_id=access.employee.pk)
        status = 400
    history = telework.internet_history(scope=request.scope, employee_id=access.employee.pk)
    return render(
        request,
        "selfservice/internet.html",
        _context(access, "internet", history=history, form=form),
        status=status,
    )


# -- The supervisor's pages ----------------------------------------------------------------------


def _supervisor(request: HttpRequest) -> None:
    # No team, nothing to find: the same answer as for any page out of reach.
    if not request.scope.is_supervisor:
        raise Http404


def queue(request: HttpRequest) -> HttpResponse:
    _supervisor(request)
    pending = list(telework.supervisor_queue(scope=request.scope))
    return render(
        request,
        "selfservice/queue.html",
        {"pending": [(a, DecisionForm(prefix=f"a{a.pk}")) for a in pending]},
    )


@require_POST
def decide(request: HttpRequest, agreement_id: int) -> HttpResponse:
    _supervisor(request)
    agreement = telework.agreement_of(scope=request.scope, agreement_id=agreement_id)
    form = DecisionForm(request.POST, prefix=f"a{agreement.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to reject."))
        return redirect("selfservice:queue")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.agreement_decide(
            agreement=agreement,
            supervisor=request.scope.employee(request.scope.employee_id),
            approve=approve,
            reason=form.cleaned_data["reason"],
            actor=request.scope.actor,
        )
    except services.TeleworkError as refusal:
        messages.error(request, str(refusal))
    else:
        name = f"{agreement.employee.first_name} {agreement.employee.last_name}"
        messages.success(
            request,
            (
                _("The request of %(name)s was approved.")
                if approve
                else _("The request of %(name)s was rejected.")
            )
            % {"name": name},
        )
    return redirect("selfservice:queue")


def team(request: HttpRequest) -> HttpResponse:
    _supervisor(request)
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    return render(
        request,
        "selfservice/team.html",
        {"weeks": telework.team_weeks(scope=request.scope, monday=monday), "today": today},
    )
