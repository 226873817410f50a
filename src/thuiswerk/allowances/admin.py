"""The ledger in the admin: shown, never written (parameters through `parameter_add`, months
through close/reopen, lines and runs only by a run)."""

from django.contrib import admin

from thuiswerk.audit.admin import ReadOnlyAdmin

from .models import ComputationRun, LedgerLine, LedgerMonth, ParameterValue


@admin.register(ParameterValue)
class ParameterValueAdmin(ReadOnlyAdmin):
    list_display = ["name", "value", "effective_from", "assumption", "legal_source"]
    list_filter = ["name", "assumption"]


@admin.register(LedgerMonth)
class LedgerMonthAdmin(ReadOnlyAdmin):
    list_display = ["month", "status", "changed_at", "changed_by"]


@admin.register(ComputationRun)
class ComputationRunAdmin(ReadOnlyAdmin):
    list_display = ["id", "started_at", "finished_at", "actor", "month_from", "month_to"]


@admin.register(LedgerLine)
class LedgerLineAdmin(ReadOnlyAdmin):
    list_display = [
        "employee",
        "month",
        "booked_in",
        "measure",
        "kind",
        "employee_amount",
        "employer_cost",
        "entity",
    ]
    list_filter = ["measure", "kind", "entity"]
    raw_id_fields = ["employee", "run"]
    search_fields = ["employee__personnel_number"]
    show_full_result_count = False
