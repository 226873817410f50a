"""The charts of a dashboard, from its figures (`selectors.Dashboard`)."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thuiswerk.core.formatting import format_money, format_number
from thuiswerk.equipment.models import Delivery

from .charts import Chart, Series, bar_chart, format_count, line_chart
from .selectors import Dashboard


def charts(board: Dashboard) -> list[Chart]:
    years = [str(y.year) for y in board.years]
    current = board.current
    category_names = dict(Delivery.Category.choices)
    return [
        line_chart(
            title=_("Beneficiaries per month, per measure"),
            x_label=_("Month"),
            y_label=_("Staff members"),
            categories=[date_format(m, "M Y") for m in board.months],
            series=[
                Series(_("internet, flat rate"), board.beneficiaries["INTERNET_FORFAIT"]),
                Series(
                    _("internet, third-party payer"), board.beneficiaries["INTERNET_THIRD_PARTY"]
                ),
                Series(_("home-working allowance"), board.beneficiaries["HOMEWORK"]),
            ],
        ),
        bar_chart(
            title=_("Financial support: spent against reserved, per year"),
            x_label=_("Year"),
            y_label=_("Euro"),
            categories=years,
            series=[
                Series(_("reserved"), [y.financial_reserved for y in board.years]),
                Series(_("spent"), [y.financial_spent for y in board.years]),
            ],
            money=True,
        ),
        bar_chart(
            title=_("Material support: spent against reserved, per year"),
            x_label=_("Year"),
            y_label=_("Euro"),
            categories=years,
            series=[
                Series(_("reserved"), [y.material_reserved for y in board.years]),
                Series(_("spent"), [y.material_spent for y in board.years]),
            ],
            money=True,
        ),
        bar_chart(
            title=_("Equipment by category in %(year)d") % {"year": current.year},
            x_label=_("Category"),
            y_label=_("Items"),
            categories=[str(category_names[c.category]) for c in current.by_category],
            series=[
                Series(_("items"), [c.items for c in current.by_category]),
                Series(_("beneficiaries"), [c.beneficiaries for c in current.by_category]),
            ],
        ),
    ]


def key_figures(board: Dashboard) -> list[tuple[str, str]]:
    """The figures of the as-of year, as label and text."""
    year = board.current

    def share(count: int) -> str:
        return f"{format_count(count)} ({format_number(year.pct(count), 1)} %)"

    return [
        (_("Staff (headcount)"), format_count(year.headcount)),
        (_("Internet allowance"), share(year.internet_total)),
        (_("Home-working allowance"), share(year.homework_total)),
        (_("Material support"), share(year.material_beneficiaries)),
        (_("Financial support spent"), format_money(year.financial_spent)),
        (_("Financial budget reserved"), format_money(year.financial_reserved)),
        (_("Material support spent"), format_money(year.material_spent)),
        (_("Material budget reserved"), format_money(year.material_reserved)),
    ]
