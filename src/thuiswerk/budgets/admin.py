from django.contrib import admin

from .models import BudgetLine, PlannedInitiative


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["entity", "year", "measure", "amount"]
    list_filter = ["year", "measure", "entity"]


@admin.register(PlannedInitiative)
class PlannedInitiativeAdmin(admin.ModelAdmin):
    list_display = ["entity", "kind", "title", "planned_from", "planned_to", "budget"]
    list_filter = ["kind", "entity"]
    search_fields = ["title", "motivation"]
