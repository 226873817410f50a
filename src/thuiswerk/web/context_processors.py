from django.conf import settings

from .navigation import menu_for


def shell(request) -> dict:
    """The menu and the user's scope, for the base template."""
    scope = getattr(request, "scope", None)
    sso = {"oidc_enabled": settings.OIDC_ENABLED}  # the login page's single sign-on button
    if scope is None or not request.user.is_authenticated:
        return {"menu": [], **sso}
    menu = menu_for(scope)
    current = request.resolver_match.view_name if request.resolver_match else ""
    return {"menu": menu, "scope": scope, "current_view": current, **sso}
