from django.utils.translation import gettext_lazy as _

from thuiswerk.web.navigation import NavItem, register

# A supervisor decides on her team's requests in her one queue (selfservice:queue).
register(
    NavItem(
        _("My equipment"),
        "equipment:mine",
        lambda scope: scope.is_employee,
        order=14,
        section=_("My details"),
    ),
    NavItem(
        _("Equipment and budgets"),
        "equipment:entities",
        lambda scope: scope.is_hr,
        order=55,
        section=_("HR"),
    ),
)
