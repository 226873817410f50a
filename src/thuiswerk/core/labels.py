"""The names people read for the rule parameters; the choices of the models carry their own labels.

Translated by Django's gettext (Dutch by default), so the CLI, the workbook and the web app say
the same thing for the same parameter.
"""

from django.utils.translation import gettext_lazy as _

PARAMETER_LABELS = {
    "internet_effective_from": _("Internet allowance: due from"),
    "internet_min_home_days": _("Internet allowance: minimum home days in the month"),
    "internet_forfait_amount": _("Internet allowance: flat rate per month"),
    "third_party_benefit_in_kind": _("Third-party payer: benefit in kind per month"),
    "homework_effective_from": _("Home-working allowance: due from"),
    "homework_min_days_per_week": _("Home-working allowance: minimum home days per week"),
    "homework_amount": _("Home-working allowance per month"),
    "calendar": _("Holiday calendar"),
}


def parameter_label(name: str) -> str:
    return str(PARAMETER_LABELS.get(name, name))
