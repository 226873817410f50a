"""Belgian file formats, read vectorised: the one place that knows how HR systems and Belgian
Excel write dates, months and numbers.

Every function maps a Polars expression over text to an expression of the typed value. A value
that cannot be read becomes null, so `text.is_not_null() & value.is_null()` marks a bad cell
while an empty cell stays a plain null.

Accepted (docs/import-formats.md):
- dates: ISO `YYYY-MM-DD` or Belgian `dd/mm/yyyy` (day and month may have one digit; the year
  has four);
- months: `YYYY-MM`, or a date on the first of a month (Belgian Excel turns a typed `2023-01`
  into `1/01/2023`);
- decimals: a point or a comma before the decimals, never a thousands separator (`1234,50`;
  `1.234,50` is refused), so `1,234` is one point two three four; trailing zeros after the
  decimal mark do not count as decimals;
- integers: digits only.

Decimals are exact: they become integers scaled by 10**places (cents for money), and go back to
text with `thuiswerk.core.frames.decimal_text` for the database.
"""

import polars as pl

ISO_DATE = r"^\d{4}-\d{1,2}-\d{1,2}$"
BELGIAN_DATE = r"^\d{1,2}/\d{1,2}/\d{4}$"
MONTH = r"^\d{4}-\d{1,2}$"
DECIMAL = r"^(?P<sign>[+-]?)(?P<whole>\d+)(?:[.,](?P<fraction>\d+))?$"
# More whole digits than any column holds are refused before they reach an integer (they could
# overflow one); a column's own limit (`digits`) is checked with `whole_digits`.
MAX_WHOLE_DIGITS = 15
INTEGER = r"^\d{1,9}$"


def cell(name: str) -> pl.Expr:
    """A cell as text: surrounding white space removed (also Excel's non-breaking space),
    and an empty cell null."""
    text = pl.col(name).cast(pl.String).str.strip_chars()
    return pl.when(text.str.len_bytes() > 0).then(text)


def parse_date(text: pl.Expr) -> pl.Expr:
    return (
        pl.when(text.str.contains(ISO_DATE))
        .then(text.str.to_date("%Y-%m-%d", strict=False))
        .when(text.str.contains(BELGIAN_DATE))
        .then(text.str.to_date("%d/%m/%Y", strict=False))
    )


def parse_month(text: pl.Expr) -> pl.Expr:
    """The first day of the month."""
    day = parse_date(text)
    return (
        pl.when(text.str.contains(MONTH))
        .then((text + "-01").str.to_date("%Y-%m-%d", strict=False))
        .when(day.dt.day() == 1)
        .then(day)
    )


def whole_digits(text: pl.Expr) -> pl.Expr:
    """The number of digits before the decimal mark, leading zeros not counted."""
    whole = text.str.extract_groups(DECIMAL).struct.field("whole")
    return whole.str.strip_chars_start("0").str.len_chars()


def parse_decimal(text: pl.Expr, places: int) -> pl.Expr:
    """The number times 10**places as an integer (places >= 1); null when it has more decimals
    or more than MAX_WHOLE_DIGITS digits before the decimal mark."""
    parts = text.str.extract_groups(DECIMAL)
    whole = parts.struct.field("whole")
    whole = pl.when(whole.str.strip_chars_start("0").str.len_chars() <= MAX_WHOLE_DIGITS).then(
        whole
    )
    fraction = parts.struct.field("fraction").fill_null("").str.strip_chars_end("0")
    magnitude = whole.cast(pl.Int64, strict=False) * 10**places + fraction.str.pad_end(
        places, "0"
    ).cast(pl.Int64, strict=False)
    signed = pl.when(parts.struct.field("sign") == "-").then(-magnitude).otherwise(magnitude)
    return pl.when(whole.is_not_null() & (fraction.str.len_chars() <= places)).then(signed)


def is_number(text: pl.Expr) -> pl.Expr:
    """Whether the text is a number in an accepted form, whatever its number of decimals."""
    return text.str.contains(DECIMAL)


def parse_integer(text: pl.Expr) -> pl.Expr:
    return pl.when(text.str.contains(INTEGER)).then(text.cast(pl.Int64, strict=False))
