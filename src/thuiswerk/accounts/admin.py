from django.contrib import admin

from thuiswerk.audit.admin import ReadOnlyAdmin

from .models import Role


@admin.register(Role)
class RoleAdmin(ReadOnlyAdmin):
    """Shown, not written here: roles are given by `thuiswerk user create` (audited)."""

    list_display = ("user", "kind", "employee", "all_entities")
    list_filter = ("kind",)
    search_fields = ("user__email", "employee__personnel_number")
