"""Personal access tokens: made, revoked and checked here (every change audited).

A token is `thw_` followed by 43 random URL-safe characters (256 bits). Only its SHA-256 digest
is stored: a token that random needs no slow hash, and the digest finds it in one indexed read.
"""

import hashlib
import secrets
from collections.abc import Sequence
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thuiswerk.accounts.scope import EntitySet, Scope, scope_for
from thuiswerk.audit.services import audit_record
from thuiswerk.people.models import Entity

from .models import AccessToken

PREFIX = "thw_"
DEFAULT_DAYS = 90
MAX_DAYS = 366
# last_used_at is written at most this often per token: not one write for every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenError(ValueError):
    """A token that cannot be made as asked (shown as one line)."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _audit_view(token: AccessToken) -> dict:
    # Never the token nor its digest: the trail names the token by its prefix.
    return {
        "name": token.name,
        "prefix": token.prefix,
        "access": token.access,
        "entities": sorted(token.entities.values_list("code", flat=True)),
        "expires_at": token.expires_at,
        "user": token.user.email,
    }


@transaction.atomic
def token_create(
    *,
    user: AbstractBaseUser,
    name: str,
    access: str,
    expires_days: int = DEFAULT_DAYS,
    entity_codes: Sequence[str] = (),
    actor: str,
) -> tuple[AccessToken, str]:
    """Make a token for `user`; returns it with its secret text, which exists nowhere else.

    The entities must be entities whose figures or staff the user sees: a token never reaches
    further than its user."""
    name = name.strip()
    if not name:
        raise TokenError(_("Give the token a name: what system or use is it for?"))
    if access not in AccessToken.Access.values:
        raise TokenError(_("The access of a token is read or write."))
    if not 1 <= expires_days <= MAX_DAYS:
        raise TokenError(
            _("A token is valid for 1 to %(max)d days.") % {"max": MAX_DAYS}
        )
    scope = scope_for(user)
    if not scope.kinds:
        raise TokenError(_("This user has no role: a token would give access to nothing."))
    entities = list(Entity.objects.filter(code__in=set(entity_codes)))
    unknown = sorted(set(entity_codes) - {entity.code for entity in entities})
    outside = [
        entity.code
        for entity in entities
        if entity.pk not in scope.figure_entities and entity.pk not in scope.people_entities
    ]
    if unknown or outside:
        raise TokenError(
            _("This user does not work for entity %(codes)s.")
            % {"codes": ", ".join(unknown + sorted(outside))}
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user,
        name=name,
        prefix=secret[: len(PREFIX) + 8],
        digest=_digest(secret),
        access=access,
        expires_at=timezone.now() + timedelta(days=expires_days),
    )
    token.entities.set(entities)
    audit_record(
        actor=actor,
        action="token.add",
        object_type="access_token",
        object_id=token.pk,
        after=_audit_view(token),
    )
    return token, secret


@transaction.atomic
def token_revoke(*, token: AccessToken, actor: str) -> AccessToken:
    """Revoke a token at once; revoking a revoked token changes nothing."""
    token = AccessToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    before = _audit_view(token)
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=actor,
        action="token.revoke",
        object_type="access_token",
        object_id=token.pk,
        before=before,
        after={**before, "revoked_at": token.revoked_at},
    )
    return token


def token_authenticate(secret: str) -> AccessToken | None:
    """The valid token with this text, or None: unknown, revoked, expired, or of a user who was
    deactivated. Notes when it was last used (at most once a minute)."""
    if not secret.startswith(PREFIX):
        return None
    now = timezone.now()
    token = (
        AccessToken.objects.select_related("user")
        .filter(digest=_digest(secret), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def token_scope(token: AccessToken) -> Scope:
    """What a request with this token may see: its user's scope, within the token's entities."""
    scope = scope_for(token.user)
    limited = frozenset(token.entities.values_list("pk", flat=True))
    return scope.limited_to(EntitySet(limited)) if limited else scope
