from django.utils.translation import gettext_lazy as _

from thuiswerk.web.navigation import NavItem, register


def _personal(scope) -> bool:
    return scope.employee_id is not None and (scope.is_employee or scope.is_supervisor)


register(
    NavItem(_("My months"), "selfservice:me", _personal, order=10, section=_("My details")),
    NavItem(
        _("My calendar"), "selfservice:me_calendar", _personal, order=11, section=_("My details")
    ),
    NavItem(
        _("My agreement"), "selfservice:me_agreements", _personal, order=12, section=_("My details")
    ),
    NavItem(
        _("My internet option"),
        "selfservice:me_internet",
        _personal,
        order=13,
        section=_("My details"),
    ),
    NavItem(
        _("Approvals"),
        "selfservice:queue",
        lambda scope: scope.is_supervisor,
        order=20,
        section=_("Team"),
    ),
    NavItem(
        _("My team"),
        "selfservice:team",
        lambda scope: scope.is_supervisor,
        order=21,
        section=_("Team"),
    ),
)
