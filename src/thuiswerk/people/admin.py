from django.contrib import admin

from .models import Employee, EmploymentPeriod, Entity


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class EmploymentPeriodInline(admin.TabularInline):
    model = EmploymentPeriod
    fk_name = "employee"
    extra = 0
    raw_id_fields = ["supervisor"]


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["personnel_number", "first_name", "last_name", "email"]
    search_fields = ["personnel_number", "first_name", "last_name", "email"]
    inlines = [EmploymentPeriodInline]


@admin.register(EmploymentPeriod)
class EmploymentPeriodAdmin(admin.ModelAdmin):
    list_display = ["employee", "entity", "fte", "start_date", "end_date", "supervisor"]
    list_filter = ["entity"]
    raw_id_fields = ["employee", "supervisor"]
    search_fields = ["employee__personnel_number", "employee__last_name"]
