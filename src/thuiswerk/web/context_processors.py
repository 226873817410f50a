from .navigation import menu_for


def shell(request) -> dict:
    """The menu and the user's scope, for the base template."""
    scope = getattr(request, "scope", None)
    if scope is None or not request.user.is_authenticated:
        return {"menu": []}
    menu = menu_for(scope)
    current = request.resolver_match.view_name if request.resolver_match else ""
    return {"menu": menu, "scope": scope, "current_view": current}
