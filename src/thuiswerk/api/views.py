"""The user's personal access tokens: list, make (the token is shown once), revoke."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import TokenForm


def _entity_choices(scope) -> list[tuple[str, str]]:
    entities = scope.entities() | scope.managed_entities()
    return [(entity.code, f"{entity.code} · {entity.name}") for entity in entities.distinct()]


def token_list(request: HttpRequest) -> HttpResponse:
    tokens = selectors.tokens_visible(scope=request.scope, user=request.user)
    return render(request, "api/tokens.html", {"tokens": tokens})


@never_cache  # the page that shows a new token must not stay in any cache
def token_new(request: HttpRequest) -> HttpResponse:
    scope = request.scope
    form = TokenForm(request.POST or None, entity_choices=_entity_choices(scope))
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                access=form.cleaned_data["access"],
                expires_days=form.cleaned_data["expires_days"],
                entity_codes=form.cleaned_data.get("entities", []),
                actor=scope.actor,
            )
        except services.TokenError as error:
            form.add_error(None, str(error))
        else:
            return render(request, "api/token_made.html", {"token": token, "secret": secret})
    return render(request, "api/token_new.html", {"form": form})


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = selectors.token_visible(scope=request.scope, user=request.user, token_id=token_id)
    services.token_revoke(token=token, actor=request.scope.actor)
    messages.success(request, _("Token %(prefix)s… is revoked.") % {"prefix": token.prefix})
    return redirect("tokens:list")
