from typing import Any

from .models import AuditEvent


def audit_record(
    *,
    actor: str,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event; callers run inside their own transaction so both land or neither."""
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        reason=reason,
        data=data or {},
    )
