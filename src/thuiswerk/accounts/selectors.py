"""Reads of users and roles (central administration only: no scope below admin lists users)."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet

from .models import Role


def user_list() -> QuerySet:
    roles = Role.objects.select_related("employee").prefetch_related("entities")
    return (
        get_user_model()
        .objects.order_by("email")
        .prefetch_related(Prefetch("roles", queryset=roles))
    )


def role_summary(role: Role) -> str:
    """`hr AIV, DKB`, `employee 100234`, `auditor ALL`, `admin`: one role as the CLI lists it."""
    if role.employee_id:
        return f"{role.kind} {role.employee.personnel_number}"
    if role.all_entities:
        return f"{role.kind} ALL"
    codes = sorted(e.code for e in role.entities.all())
    return f"{role.kind} {', '.join(codes)}".strip()
