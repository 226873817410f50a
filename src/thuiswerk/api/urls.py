from django.urls import path

from . import views
from .api import api

app_name = "tokens"


def api_urls():
    """The API's URL patterns. Its operations authenticate themselves (token or session) and
    answer 401 in the error shape, so the login redirect of LoginRequiredMiddleware is off for
    them; the OpenAPI document and its docs page are public (they hold no data)."""
    patterns, app, namespace = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns, app, namespace


urlpatterns = [
    path("tokens/", views.token_list, name="list"),
    path("tokens/new/", views.token_new, name="new"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="revoke"),
]
