"""Writes of users and their roles: audited like every other write."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from thuiswerk.audit.services import audit_record
from thuiswerk.people.models import Employee, Entity

from .models import Role


class AccountError(ValueError):
    """A user or role that cannot be created as asked (shown as one line)."""


@dataclass(frozen=True)
class RoleSpec:
    kind: str
    personnel_number: str = ""  # employee and supervisor roles
    entity_codes: Sequence[str] = field(default_factory=tuple)  # hr, auditor; "ALL" for an auditor


@transaction.atomic
def user_create(*, email: str, password: str, roles: Sequence[RoleSpec], actor: str):
    """Create a user who logs in with `email`, with her roles; refused as a whole if any part is
    wrong (an unknown employee or entity, a weak password, an address already in use)."""
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise AccountError(
            _("%(email)s is not a valid e-mail address") % {"email": email}
        ) from None
    user_model = get_user_model()
    if user_model.objects.filter(email__iexact=email).exists():
        raise AccountError(
            _("a user with e-mail address %(email)s already exists") % {"email": email}
        )
    if not roles:
        raise AccountError(_("a user needs at least one role"))
    user = user_model(username=email.lower(), email=email)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise AccountError(" ".join(error.messages)) from None
    user.set_password(password)
    user.save()
    created = [_role_create(user, spec) for spec in roles]
    audit_record(
        actor=actor,
        action="user.add",
        object_type="user",
        object_id=user.pk,
        after={
            "email": email,
            "roles": [
                {
                    "kind": role.kind,
                    "employee_id": role.employee_id,
                    "entities": sorted(e.code for e in role.entities.all()),
                    "all_entities": role.all_entities,
                }
                for role in created
            ],
        },
    )
    return user


def _role_create(user, spec: RoleSpec) -> Role:
    kinds = {choice.value for choice in Role.Kind}
    if spec.kind not in kinds:
        raise AccountError(
            _("unknown role %(role)s: use one of %(roles)s")
            % {"role": spec.kind, "roles": ", ".join(sorted(kinds))}
        )
    if Role.objects.filter(user=user, kind=spec.kind).exists():
        raise AccountError(_("the role %(role)s is given twice") % {"role": spec.kind})
    role = Role(user=user, kind=spec.kind)
    if spec.personnel_number and spec.kind not in Role.PERSONAL:
        raise AccountError(_("the role %(role)s is no employee (--employee)") % {"role": spec.kind})
    if spec.kind in Role.PERSONAL:
        if not spec.personnel_number:
            raise AccountError(
                _("the role %(role)s needs the employee it is (--employee)") % {"role": spec.kind}
            )
        role.employee = Employee.objects.filter(personnel_number=spec.personnel_number).first()
        if role.employee is None:
            raise AccountError(
                _("no employee has personnel number %(number)s") % {"number": spec.personnel_number}
            )
    codes = [code.strip() for code in spec.entity_codes if code.strip()]
    entities: list[Entity] = []
    if spec.kind in Role.FOR_ENTITIES:
        if not codes:
            raise AccountError(
                _("the role %(role)s needs one or more entities (--entity CODE)")
                % {"role": spec.kind}
            )
        if spec.kind == Role.Kind.AUDITOR and codes == ["ALL"]:
            role.all_entities = True
        else:
            found = {e.code: e for e in Entity.objects.filter(code__in=codes)}
            unknown = [code for code in codes if code not in found]
            if unknown:
                raise AccountError(_("unknown entity: %(codes)s") % {"codes": ", ".join(unknown)})
            entities = [found[code] for code in codes]
    elif codes:
        raise AccountError(_("the role %(role)s takes no entities") % {"role": spec.kind})
    role.full_clean(exclude=["user"])
    role.save()
    role.entities.set(entities)
    return role
