"""Writes of entities, employees and employment periods (admin, web app, API): audited."""

from thuiswerk.audit.services import instance_delete, instance_save

from .models import Employee, EmploymentPeriod, Entity


def entity_save(*, entity: Entity, actor: str, reason: str = "") -> Entity:
    return instance_save(instance=entity, actor=actor, reason=reason)


def entity_delete(*, entity: Entity, actor: str, reason: str = "") -> None:
    instance_delete(instance=entity, actor=actor, reason=reason)


def employee_save(*, employee: Employee, actor: str, reason: str = "") -> Employee:
    return instance_save(instance=employee, actor=actor, reason=reason)


def employee_delete(*, employee: Employee, actor: str, reason: str = "") -> None:
    """Delete an employee with everything that is theirs (periods, agreements, registrations);
    refused by the database while ledger lines name them (their payments stay on record)."""
    instance_delete(instance=employee, actor=actor, reason=reason)


def period_save(*, period: EmploymentPeriod, actor: str, reason: str = "") -> EmploymentPeriod:
    return instance_save(instance=period, actor=actor, reason=reason)


def period_delete(*, period: EmploymentPeriod, actor: str, reason: str = "") -> None:
    instance_delete(instance=period, actor=actor, reason=reason)
