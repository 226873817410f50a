from django.utils.translation import gettext_lazy as _

from thuiswerk.web.navigation import NavItem, register

HR = _("HR")
CENTRAL = _("Central")

register(
    NavItem(_("Entities"), "backoffice:entities", lambda s: s.sees_figures, order=50, section=HR),
    NavItem(
        _("All entities"),
        "backoffice:central",
        lambda s: s.figure_entities.everything,
        order=51,
        section=CENTRAL,
    ),
    NavItem(
        _("Import files"),
        "backoffice:imports",
        lambda s: s.is_hr and bool(s.people_entities),
        order=52,
        section=HR,
    ),
    NavItem(
        _("Payroll months"),
        "backoffice:months",
        lambda s: s.is_hr and bool(s.people_entities),
        order=53,
        section=HR,
    ),
    NavItem(
        _("Payroll export"),
        "backoffice:payroll",
        lambda s: s.is_hr and bool(s.people_entities),
        order=54,
        section=HR,
    ),
    NavItem(
        _("Parameters"),
        "backoffice:parameters",
        lambda s: s.sees_figures,
        order=60,
        section=CENTRAL,
    ),
    NavItem(_("Audit trail"), "backoffice:audit", lambda s: s.is_admin, order=61, section=CENTRAL),
)
