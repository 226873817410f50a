"""Writes of deliveries (admin, web app, API): audited."""

from thuiswerk.audit.services import instance_delete, instance_save

from .models import Delivery


def delivery_save(*, delivery: Delivery, actor: str, reason: str = "") -> Delivery:
    return instance_save(instance=delivery, actor=actor, reason=reason)


def delivery_delete(*, delivery: Delivery, actor: str, reason: str = "") -> None:
    instance_delete(instance=delivery, actor=actor, reason=reason)
