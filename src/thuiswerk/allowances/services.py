"""Writes of the allowances app: parameters, runs of the monthly computation, closing months."""

from django.db import transaction

from thuiswerk.audit.services import audit_record
from thuiswerk.rules.parameters import DEFAULTS

from .models import ParameterValue


@transaction.atomic
def parameters_seed_defaults(*, actor: str) -> int:
    """Add the default values of RULES.md that are not there yet; returns how many were added."""
    added = 0
    for default in DEFAULTS:
        _, created = ParameterValue.objects.get_or_create(
            name=default.name,
            effective_from=default.effective_from,
            defaults={
                "value": default.value,
                "legal_source": default.legal_source,
                "assumption": default.assumption,
            },
        )
        if created:
            added += 1
            audit_record(
                actor=actor,
                action="parameter.add",
                object_type="parameter",
                object_id=default.name,
                data={"value": default.value, "effective_from": default.effective_from.isoformat()},
            )
    return added
