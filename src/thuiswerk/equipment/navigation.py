from django.utils.translation import gettext_lazy as _

from thuiswerk.web.navigation import NavItem, register

register(
    NavItem(_("My equipment"), "equipment:mine", lambda scope: scope.is_employee, order=40),
    NavItem(
        _("Equipment requests of my team"),
        "equipment:supervisor_queue",
        lambda scope: scope.is_supervisor,
        order=45,
    ),
    NavItem(_("Equipment and budgets"), "equipment:entities", lambda scope: scope.is_hr, order=60),
)
