"""Figures in templates as Belgians write them: `{{ amount|money }}` → `€ 1.234,56`,
`{{ day|bdate }}` → `12/10/2023` (English: `EUR 1,234.56`, `2023-10-12`)."""

from datetime import date
from decimal import Decimal

from django import template

from thuiswerk.core.formatting import format_date, format_money, format_number

register = template.Library()


@register.filter
def money(amount: Decimal | int | None) -> str:
    if amount is None or amount == "":
        return ""
    return format_money(Decimal(amount))


@register.filter
def bdate(day: date | None) -> str:
    return "" if day is None else format_date(day)


@register.filter
def number(value, places: int = 1) -> str:
    return "" if value is None else format_number(value, places)
