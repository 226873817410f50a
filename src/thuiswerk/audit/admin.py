from collections.abc import Callable

from django.contrib import admin

from .models import AuditEvent


class ReadOnly:
    """Shown, never written: the admin can neither add, change nor delete these rows (for a
    ModelAdmin or an inline)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    pass


class ServiceAdmin(admin.ModelAdmin):
    """Writes through the app's services (`save_service(**{service_arg: obj, "actor": ...})`),
    so the admin's changes are validated and audited like those of the web app and the API.
    The services are plain functions on the class, read through `type(self)` (not bound)."""

    save_service: Callable
    delete_service: Callable
    service_arg: str

    def _call(self, service: Callable, request, obj) -> None:
        service(**{self.service_arg: obj, "actor": request.user.get_username()})

    def save_model(self, request, obj, form, change) -> None:
        self._call(type(self).save_service, request, obj)

    def delete_model(self, request, obj) -> None:
        self._call(type(self).delete_service, request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id", "reason"]
    list_filter = ["action"]
    search_fields = ["actor", "object_id", "reason"]
    readonly_fields = ["before", "after", "data"]
