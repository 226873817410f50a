from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from thuiswerk.allowances.models import ParameterValue
from thuiswerk.core.commands import DomainCommand
from thuiswerk.core.formatting import format_date, format_money, format_number
from thuiswerk.core.labels import parameter_label
from thuiswerk.rules.parameters import BEGINNING, KINDS

# Parameters whose value is an amount of money; the other decimals count days.
MONEY = {"internet_forfait_amount", "third_party_benefit_in_kind", "homework_amount"}


def parameter_value_text(name: str, value: str) -> str:
    """A parameter's stored text as a reader of the active language expects it."""
    kind = KINDS.get(name, str)
    if kind is date:
        return format_date(date.fromisoformat(value))
    if kind is Decimal:
        return format_money(Decimal(value)) if name in MONEY else format_number(Decimal(value))
    return value


def effective_text(day: date) -> str:
    # The first values hold from a technical date that no law names.
    if day == BEGINNING:
        return _("since the start")
    return _("from %(day)s") % {"day": format_date(day)}


class Command(DomainCommand):
    help = gettext_lazy(
        "List the rule parameters: every value with its effective date, legal source and "
        "assumption flag."
    )

    def handle(self, *args, **options):
        rows = [
            (
                parameter_label(p.name),
                parameter_value_text(p.name, p.value),
                effective_text(p.effective_from),
                pgettext("cli", "yes") if p.assumption else pgettext("cli", "no"),
                p.legal_source,
            )
            for p in ParameterValue.objects.order_by("name", "effective_from")
        ]
        rows.sort(
            key=lambda row: row[0]
        )  # by label (stable: each parameter's values stay in order)
        headers = (
            pgettext("cli", "Parameter"),
            pgettext("cli", "Value"),
            pgettext("cli", "In force"),
            pgettext("cli", "Assumption"),
            pgettext("cli", "Legal source"),
        )
        widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(4)]
        for row in [headers, *rows]:
            self.stdout.write(
                "  ".join(str(c).ljust(w) for c, w in zip(row[:4], widths, strict=True))
                + "  "
                + row[4]
            )
