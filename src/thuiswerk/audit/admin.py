from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id", "reason"]
    list_filter = ["action"]
    search_fields = ["actor", "object_id", "reason"]

    def has_change_permission(self, request, obj=None) -> bool:  # the trail is append-only
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
