"""The back office: dashboards, staff, imports, payroll months, parameters, audit and downloads.

Views are thin: a form parses the input, a selector reads (with the scope), a service writes
(with `request.scope.actor`); long work is a job (`thuiswerk.jobs`) whose page shows progress.
"""

import io
import json
import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from thuiswerk.accounts.scope import OutOfScope
from thuiswerk.allowances.services import LedgerError, month_close, month_reopen, parameter_add
from thuiswerk.core.locks import RunLocked
from thuiswerk.core.months import format_month
from thuiswerk.jobs.selectors import jobs_of
from thuiswerk.jobs.services import job_submit
from thuiswerk.reports.exports import ExportError, export_payroll
from thuiswerk.reports.parliament import ALL, ReportPeriodError, parliament_answer
from thuiswerk.reports.workbook import write_parliament_workbook

from . import dashboards
from .forms import (
    UPLOAD_MAX_BYTES,
    AuditFilterForm,
    CloseForm,
    ComputeForm,
    ParameterForm,
    PayrollForm,
    ReopenForm,
    ReportForm,
    StaffFilterForm,
    UploadForm,
    too_large_message,
)
from .selectors import (
    audit_diff,
    audit_events,
    central_dashboard,
    dashboard_as_of,
    employee_file,
    entity_dashboard,
    entity_table,
    parameter_values,
    payroll_months,
    staff_list,
)
from .services import figures_refresh_request

STAFF_PAGE = 50
UPLOAD_OVERHEAD = 64 * 1024  # the multipart boundaries and other fields around the files
AUDIT_PAGE = 50


def entities(request):
    """The entities whose figures the user sees, with links to their pages."""
    scope = request.scope
    scope.require(scope.sees_figures)
    return render(
        request,
        "backoffice/entities.html",
        {
            "entities": scope.entities(),
            "managed": set(scope.managed_entities().values_list("pk", flat=True)),
            "central": scope.figure_entities.everything,
        },
    )


def _refresh_if_stale(request, board) -> None:
    if board.stale:
        figures_refresh_request(user=request.user, actor=request.scope.actor)


def dashboard(request, code: str):
    board = entity_dashboard(scope=request.scope, code=code)
    _refresh_if_stale(request, board)
    return render(
        request,
        "backoffice/dashboard.html",
        {
            "board": board,
            "charts": dashboards.charts(board),
            "figures": dashboards.key_figures(board),
            "manages": board.entity.pk in request.scope.people_entities,
        },
    )


def central(request):
    board = central_dashboard(scope=request.scope)
    _refresh_if_stale(request, board)
    return render(
        request,
        "backoffice/central.html",
        {
            "board": board,
            "charts": dashboards.charts(board),
            "figures": dashboards.key_figures(board),
            "rows": entity_table(dashboard=board),
        },
    )


def staff(request, code: str):
    entity = request.scope.entity(code, manage=True)
    form = StaffFilterForm(request.GET or None)
    people = staff_list(scope=request.scope, entity=entity, filters=form.filters())
    page = Paginator(people, STAFF_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "backoffice/staff.html",
        {"entity": entity, "form": form, "page": page, "query": query.urlencode()},
    )


def employee(request, employee_id: int):
    return render(
        request,
        "backoffice/employee.html",
        {"file": employee_file(scope=request.scope, employee_id=employee_id)},
    )


class _InMemoryUpload(MemoryFileUploadHandler):
    """Uploads stay in memory (then in the job's row), never in a temporary file on disk; the
    size limit is checked on the request's length before reading."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = True


@csrf_exempt  # the upload handler must be set before the CSRF check reads the body
def imports(request):
    request.upload_handlers = [_InMemoryUpload(request)]
    return _imports(request)


@csrf_protect
def _imports(request):
    scope = request.scope
    scope.require(scope.is_hr)
    if not scope.managed_entities().exists():
        raise OutOfScope
    form = UploadForm()
    if request.method == "POST":
        # Refused before the body is read into memory; the form checks the files' exact size.
        if int(request.META.get("CONTENT_LENGTH") or 0) > UPLOAD_MAX_BYTES + UPLOAD_OVERHEAD:
            messages.error(request, too_large_message())
            return render(
                request, "backoffice/imports.html", _imports_context(request, form), status=413
            )
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            entities = (
                None
                if scope.people_entities.everything
                else sorted(scope.managed_entities().values_list("code", flat=True))
            )
            job = job_submit(
                kind="import",
                user=request.user,
                actor=scope.actor,
                parameters={"entities": entities},
                files=[(f.name, f.read()) for f in form.cleaned_data["files"]],
            )
            return redirect("jobs:detail", job.pk)
    return render(request, "backoffice/imports.html", _imports_context(request, form))


def _imports_context(request, form) -> dict:
    return {
        "form": form,
        "entities": request.scope.managed_entities(),
        "jobs": jobs_of(scope=request.scope, user=request.user, kind="import"),
    }


def months(request):
    scope = request.scope
    scope.require(scope.is_hr)
    rows = payroll_months(scope=scope)
    return render(
        request,
        "backoffice/months.html",
        {
            "rows": rows,
            "compute_form": ComputeForm(),
            "close_form": CloseForm(),
            "reopen_form": ReopenForm() if scope.is_admin else None,
            "jobs": jobs_of(scope=scope, user=request.user, kind="compute"),
            "entities": scope.managed_entities(),
        },
    )


@require_POST
def months_compute(request):
    scope = request.scope
    scope.require(scope.is_hr)
    form = ComputeForm(request.POST)
    if not form.is_valid():
        return _months_with(request, compute_form=form)
    job = job_submit(
        kind="compute",
        user=request.user,
        actor=scope.actor,
        parameters={
            "month_from": form.cleaned_data["month_from"].isoformat(),
            "month_to": form.cleaned_data["month_to"].isoformat(),
        },
    )
    return redirect("jobs:detail", job.pk)


@require_POST
def months_close(request):
    scope = request.scope
    scope.require(scope.is_hr)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _months_with(request, close_form=form)
    month = form.cleaned_data["month"]
    try:
        month_close(month=month, actor=scope.actor, lock_wait=5)
    except (LedgerError, RunLocked) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(month)s is closed.") % {"month": format_month(month)})
    return redirect("backoffice:months")


@require_POST
def months_reopen(request):
    scope = request.scope
    scope.require(scope.is_admin)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _months_with(request, reopen_form=form)
    month = form.cleaned_data["month"]
    try:
        month_reopen(
            month=month, actor=scope.actor, reason=form.cleaned_data["reason"], lock_wait=5
        )
    except (LedgerError, RunLocked) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(month)s is open again.") % {"month": format_month(month)})
    return redirect("backoffice:months")


def _months_with(request, **forms):
    """The months page again with a form's errors (status 400)."""
    scope = request.scope
    context = {
        "rows": payroll_months(scope=scope),
        "compute_form": ComputeForm(),
        "close_form": CloseForm(),
        "reopen_form": ReopenForm() if scope.is_admin else None,
        "jobs": jobs_of(scope=scope, user=request.user, kind="compute"),
        "entities": scope.managed_entities(),
    } | forms
    return render(request, "backoffice/months.html", context, status=400)


def parameters(request):
    scope = request.scope
    values = parameter_values(scope=scope)
    form = ParameterForm(request.POST or None) if scope.is_admin else None
    if request.method == "POST":
        scope.require(scope.is_admin)
        if form.is_valid():
            data = form.cleaned_data
            try:
                parameter_add(
                    name=data["name"],
                    value=data["value"],
                    effective_from=data["effective_from"],
                    legal_source=data["legal_source"],
                    assumption=data["assumption"],
                    retroactive=data["retroactive"],
                    reason=data["reason"],
                    actor=scope.actor,
                )
            except (LedgerError, RunLocked) as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The value was added."))
                return redirect("backoffice:parameters")
    return render(
        request,
        "backoffice/parameters.html",
        {"values": values, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


def audit(request):
    form = AuditFilterForm(request.GET or None)
    events = audit_events(scope=request.scope, filters=form.filters())
    page = Paginator(events, AUDIT_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "backoffice/audit.html",
        {
            "form": form,
            "page": page,
            "rows": [(event, audit_diff(event)) for event in page],
            "query": query.urlencode(),
        },
    )


def report(request, code: str):
    scope = request.scope
    if code == ALL:
        if not scope.figure_entities.everything:
            raise OutOfScope
        name = None
    else:
        name = scope.entity(code).name
    form = ReportForm(
        request.GET or None,
        initial={"as_of": dashboard_as_of(), "years": 3, "lang": "nl", "download": "xlsx"},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            answer = parliament_answer(entity_code=code, as_of=data["as_of"], years=data["years"])
        except ReportPeriodError as error:
            form.add_error(None, str(error))
        else:
            stem = f"parlement-{code}-{data['as_of'].isoformat()}"
            if data["download"] == "json":
                return _download(
                    json.dumps(answer.to_json(), ensure_ascii=False, indent=2).encode(),
                    f"{stem}.json",
                    "application/json",
                )
            with tempfile.TemporaryDirectory(prefix="thuiswerk-report-") as folder:
                path = Path(folder) / f"{stem}.xlsx"
                write_parliament_workbook(answer=answer, path=path, lang=data["lang"])
                content = path.read_bytes()
            return _download(content, f"{stem}.xlsx", XLSX)
    return render(
        request,
        "backoffice/report.html",
        {"form": form, "code": code, "name": name},
        status=400 if form.errors else 200,
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def payroll(request):
    scope = request.scope
    scope.require(scope.is_hr)
    if not scope.managed_entities().exists():
        raise OutOfScope
    form = PayrollForm(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        codes = (
            None
            if scope.people_entities.everything
            else list(scope.managed_entities().values_list("code", flat=True))
        )
        out = io.BytesIO()
        try:
            export_payroll(
                month=data["month"],
                out=out,
                fmt=data["fmt"],
                dialect=data["dialect"],
                entity_codes=codes,
            )
        except ExportError as error:
            form.add_error(None, str(error))
        else:
            name = f"loon-{format_month(data['month'])}.{data['fmt']}"
            kind = XLSX if data["fmt"] == "xlsx" else "text/csv; charset=utf-8"
            return _download(out.getvalue(), name, kind)
    return render(
        request,
        "backoffice/payroll.html",
        {"form": form, "entities": scope.managed_entities()},
        status=400 if form.errors else 200,
    )
