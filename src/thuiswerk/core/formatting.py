"""Figures as a reader of the active language expects them: `€ 20,00`, `1,0`, `01/10/2021` in
Dutch; `EUR 20.00`, `1.0`, `2021-10-01` in English. Machine forms (JSON, the ISO CSV dialect) keep
using `money.format_eur` and ISO dates."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language

from .money import CENT


def _dutch() -> bool:
    return (get_language() or "nl").startswith("nl")


def format_money(amount: Decimal) -> str:
    """`€ 1.234,50` (Dutch: dot for thousands, comma for decimals), `EUR 1,234.50` (English)."""
    text = f"{amount.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
    if _dutch():
        return "€ " + text.translate(str.maketrans(",.", ".,"))
    return "EUR " + text


def format_number(value: Decimal | int | float, places: int = 1) -> str:
    """A plain number with `places` decimals: `1,0` in Dutch, `1.0` in English (no thousands mark)."""
    text = f"{Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)}"
    return text.replace(".", ",") if _dutch() else text


def format_date(day: date) -> str:
    """`01/10/2021` in Dutch, `2021-10-01` in English."""
    return day.strftime("%d/%m/%Y") if _dutch() else day.isoformat()


def format_count(value: int) -> str:
    """`20.657.455` in Dutch, `20,657,455` in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if _dutch() else text


def format_size(size: int) -> str:
    """Bytes as megabytes: `1.234,5 MB` in Dutch, `1,234.5 MB` in English."""
    text = f"{size / 1024**2:,.1f}"
    return (text.translate(str.maketrans(",.", ".,")) if _dutch() else text) + " MB"
