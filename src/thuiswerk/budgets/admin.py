from django.contrib import admin

from thuiswerk.audit.admin import ServiceAdmin

from . import services
from .models import BudgetLine, PlannedInitiative


@admin.register(BudgetLine)
class BudgetLineAdmin(ServiceAdmin):
    save_service, delete_service = services.budget_line_save, services.budget_line_delete
    service_arg = "budget_line"
    list_display = ["entity", "year", "measure", "amount"]
    list_filter = ["year", "measure", "entity"]


@admin.register(PlannedInitiative)
class PlannedInitiativeAdmin(ServiceAdmin):
    save_service, delete_service = services.initiative_save, services.initiative_delete
    service_arg = "initiative"
    list_display = ["entity", "kind", "title", "planned_from", "planned_to", "budget"]
    list_filter = ["kind", "entity"]
    search_fields = ["title", "motivation"]
