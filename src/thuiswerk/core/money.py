"""Money is exact: Decimal with two places in the domain, integer cents inside the rules engine."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value(rounding=ROUND_HALF_UP))


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def format_eur(amount: Decimal) -> str:
    """Two decimals with a point, as in the JSON and CSV exports."""
    return str(amount.quantize(CENT, rounding=ROUND_HALF_UP))
