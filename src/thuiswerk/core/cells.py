"""Text for a spreadsheet cell that a spreadsheet never runs as a formula (CSV and formula
injection): text starting with =, +, -, @, a tab or a carriage return gets a leading `'`.
Numbers and dates are no text: they are written as numbers and dates, never through here."""

import polars as pl

FORMULA_START = r"^[=+\-@\t\r]"
FORMULA_CHARACTERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_CHARACTERS) else text


def neutralised(column: str) -> pl.Expr:
    """`neutralise` on a text column of a frame, by name."""
    return (
        pl.when(pl.col(column).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(column))
        .otherwise(pl.col(column))
        .alias(column)
    )
