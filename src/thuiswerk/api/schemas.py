"""Input and output types shared by every resource.

Input is strict: a JSON `false` is not 0, `"3"` is not 3, an unknown field is an error (a typo
must not pass unnoticed), a day is a "YYYY-MM-DD" string and an amount a decimal string
("20.00"), never a float.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from ninja import Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    create_model,
)

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^(?!0000)\d{4}-(0[1-9]|1[0-2])$")  # no year 0: a date has none
_AMOUNT = re.compile(r"^-?\d{1,9}(\.\d{1,2})?$")


def _day(value: Any) -> date:
    if not isinstance(value, str) or not _DAY.match(value):
        raise ValueError("a day is a string YYYY-MM-DD")
    return date.fromisoformat(value)


def _amount(value: Any) -> Decimal:
    if not isinstance(value, str) or not _AMOUNT.match(value):
        raise ValueError('an amount is a string of euros with at most two decimals, e.g. "20.00"')
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise ValueError("not an amount") from None


def _month(value: Any) -> str:
    if not isinstance(value, str) or not _MONTH.match(value):
        raise ValueError("a month is a string YYYY-MM")
    return value


def _text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text cannot hold a NUL character (code 0)")
    return value


def _euros(amount: Decimal) -> str:
    return f"{amount:.2f}"


Day = Annotated[date, BeforeValidator(_day), WithJsonSchema({"type": "string", "format": "date"})]
Month = Annotated[
    str,
    BeforeValidator(_month),
    WithJsonSchema({"type": "string", "pattern": _MONTH.pattern, "examples": ["2026-11"]}),
]
Amount = Annotated[
    Decimal,
    BeforeValidator(_amount),
    PlainSerializer(_euros, return_type=str),
    WithJsonSchema({"type": "string", "pattern": _AMOUNT.pattern, "examples": ["20.00"]}),
]
# An object's id: a positive 64-bit integer (a larger number would overflow the database's).
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


def text(**constraints: Any) -> Any:
    """Text in (a body's field, a filter) with pydantic's `StringConstraints` (`max_length`,
    `strip_whitespace`...): PostgreSQL can neither store nor compare a NUL character, so it is
    refused as input rather than failing in the database."""
    return Annotated[str, StringConstraints(**constraints), AfterValidator(_text)]


Text = text()
# Amounts going out: always two decimals, as a string.
Euros = Annotated[
    Decimal,
    PlainSerializer(_euros, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["20.00"]}),
]


class Input(Schema):
    """A request body: strict types, no unknown fields."""

    model_config = ConfigDict(extra="forbid", strict=True)

    def sent(self) -> dict[str, Any]:
        """The fields the request sent, as Python values (a Decimal, not its string): what a
        PATCH changes."""
        return {name: getattr(self, name) for name in self.model_fields_set}


def page_of(item: type[Schema]) -> type[Schema]:
    """The schema of one page of `item`s: the items and the cursor of the next page (None on the
    last page)."""
    name = item.__name__.removesuffix("Out") + "Page"
    return create_model(
        name,
        __base__=Schema,
        items=(list[item], ...),
        next_cursor=(str | None, None),
    )
