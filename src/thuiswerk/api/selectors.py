from django.db.models import QuerySet

from thuiswerk.accounts.scope import Scope

from .models import AccessToken


def tokens_visible(*, scope: Scope, user) -> QuerySet[AccessToken]:
    """The tokens a user manages: her own; an admin sees everyone's (to revoke a leaked one)."""
    tokens = AccessToken.objects.select_related("user").prefetch_related("entities")
    return tokens if scope.is_admin else tokens.filter(user=user)


def token_visible(*, scope: Scope, user, token_id: int) -> AccessToken:
    from thuiswerk.accounts.scope import OutOfScope

    try:
        return tokens_visible(scope=scope, user=user).get(pk=token_id)
    except AccessToken.DoesNotExist:
        raise OutOfScope from None
