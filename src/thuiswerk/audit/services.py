"""The audit trail: every service writes one event per change, with the values before and after."""

import json
from typing import Any, TypeVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from .models import AuditEvent

M = TypeVar("M", bound=models.Model)


def audit_record(
    *,
    actor: str,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event; callers run inside their own transaction so both land or neither.

    `before` and `after` are the object's values (None: it did not exist before / after).
    """
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        reason=reason,
        data=_json(data or {}),
        before=_json(before),
        after=_json(after),
    )


def snapshot(instance: models.Model | None) -> dict[str, Any] | None:
    """The stored values of a model instance (foreign keys as ids), as JSON can hold them."""
    if instance is None:
        return None
    return _json({f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields})


def _json(value: Any) -> Any:
    # Dates as ISO text, decimals as exact text ("20.00"), as a person reads them in the trail.
    return None if value is None else json.loads(json.dumps(value, cls=DjangoJSONEncoder))


@transaction.atomic
def instance_save(*, instance: M, actor: str, reason: str = "") -> M:
    """Validate and save one domain object, audited as `<model>.add` or `<model>.change` with its
    values before and after. The per-app services (`employee_save`, `agreement_save`, ...) are
    this, named by the domain; a change that changes nothing is not audited."""
    model = type(instance)
    stored = (
        model.objects.select_for_update().filter(pk=instance.pk).first() if instance.pk else None
    )
    instance.full_clean()
    instance.save()
    before, after = snapshot(stored), snapshot(instance)
    if before != after:
        audit_record(
            actor=actor,
            action=f"{model._meta.model_name}.{'change' if stored else 'add'}",
            object_type=model._meta.model_name,
            object_id=instance.pk,
            reason=reason,
            before=before,
            after=after,
        )
    return instance


@transaction.atomic
def instance_delete(*, instance: models.Model, actor: str, reason: str = "") -> None:
    """Delete one domain object, audited as `<model>.delete` with its last values."""
    model = type(instance)
    before, pk = snapshot(instance), instance.pk
    instance.delete()
    audit_record(
        actor=actor,
        action=f"{model._meta.model_name}.delete",
        object_type=model._meta.model_name,
        object_id=pk,
        reason=reason,
        before=before,
    )
