from django.utils.translation import gettext_lazy as _

from thuiswerk.web.navigation import NavItem, register

# Every user with a role may use the API in her own name.
register(
    NavItem(
        _("Access tokens"),
        "tokens:list",
        lambda scope: bool(scope.kinds),
        order=90,
        section=_("Account"),
    )
)
