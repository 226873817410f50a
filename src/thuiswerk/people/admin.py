from django.contrib import admin

from thuiswerk.audit.admin import ReadOnly, ServiceAdmin

from . import services
from .models import Employee, EmploymentPeriod, Entity


@admin.register(Entity)
class EntityAdmin(ServiceAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
    save_service, delete_service, service_arg = (
        services.entity_save,
        services.entity_delete,
        "entity",
    )


class EmploymentPeriodInline(ReadOnly, admin.TabularInline):
    """Shown with the employee; periods are written on their own page, through their service."""

    model = EmploymentPeriod
    fk_name = "employee"
    extra = 0
    show_change_link = True
    fields = ["entity", "fte", "start_date", "end_date", "supervisor"]


@admin.register(Employee)
class EmployeeAdmin(ServiceAdmin):
    list_display = ["personnel_number", "first_name", "last_name", "email"]
    search_fields = ["personnel_number", "first_name", "last_name", "email"]
    inlines = [EmploymentPeriodInline]
    save_service, delete_service = services.employee_save, services.employee_delete
    service_arg = "employee"


@admin.register(EmploymentPeriod)
class EmploymentPeriodAdmin(ServiceAdmin):
    list_display = ["employee", "entity", "fte", "start_date", "end_date", "supervisor"]
    list_filter = ["entity"]
    raw_id_fields = ["employee", "supervisor"]
    search_fields = ["employee__personnel_number", "employee__last_name"]
    save_service, delete_service, service_arg = (
        services.period_save,
        services.period_delete,
        "period",
    )
