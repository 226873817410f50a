from django.contrib import admin

from .models import ComputationRun, LedgerLine, LedgerMonth, ParameterValue


@admin.register(ParameterValue)
class ParameterValueAdmin(admin.ModelAdmin):
    list_display = ["name", "value", "effective_from", "assumption", "legal_source"]
    list_filter = ["name", "assumption"]

    def has_delete_permission(
        self, request, obj=None
    ) -> bool:  # history is kept: add a newer value
        return False


@admin.register(LedgerMonth)
class LedgerMonthAdmin(admin.ModelAdmin):
    list_display = ["month", "status", "changed_at", "changed_by"]
    readonly_fields = [
        "month",
        "status",
        "changed_at",
        "changed_by",
    ]  # close/reopen go through services


@admin.register(ComputationRun)
class ComputationRunAdmin(admin.ModelAdmin):
    list_display = ["id", "started_at", "finished_at", "actor", "month_from", "month_to"]


@admin.register(LedgerLine)
class LedgerLineAdmin(admin.ModelAdmin):
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

    def has_change_permission(self, request, obj=None) -> bool:  # lines change only through a run
        return False
