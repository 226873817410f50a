"""Cursor pagination: a page of rows after the last one seen, in a stable order.

The cursor is opaque to clients (base64 of the last row's sort key): pages never skip or repeat
a row when rows are added meanwhile, and a deep page costs the same as the first (an indexed
range, no OFFSET).
"""

import base64
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .errors import ApiError

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _invalid_cursor() -> ApiError:
    return ApiError(
        422,
        "invalid_cursor",
        _("This cursor is not one that a page of this list returned."),
        [{"field": "cursor", "code": "invalid_cursor", "message": _("Unknown cursor.")}],
    )


def _decode(cursor: str, size: int) -> list[Any]:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError):
        values = None
    if not isinstance(values, list) or len(values) != size:
        raise _invalid_cursor()
    return values


def paginate(
    queryset: QuerySet, cursor: str | None, limit: int, order: tuple[str, ...] = ("pk",)
) -> tuple[list[Any], str | None]:
    """The rows after `cursor` in `order` (ascending fields whose values are JSON: ids, codes,
    ISO days as strings), at most `limit`, and the cursor of the next page (None at the end)."""
    queryset = queryset.order_by(*order)
    if cursor:
        after = _decode(cursor, len(order))
        # (a, b) > (x, y)  ==  a > x  or  (a = x and b > y)
        condition = Q()
        for position in reversed(range(len(order))):
            here = Q(**{f"{order[position]}__gt": after[position]})
            condition = (
                here
                if position == len(order) - 1
                else here | (Q(**{order[position]: after[position]}) & condition)
            )
        try:
            queryset = queryset.filter(condition)
        except (ValueError, TypeError, ValidationError):  # values of the wrong type
            raise _invalid_cursor() from None
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    values = [_json(_attribute(last, field)) for field in order]
    return rows[:limit], _encode(values)


def _attribute(row: Any, field: str) -> Any:
    for part in field.split("__"):
        row = getattr(row, "pk" if part == "pk" else part)
    return row


def _json(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def page(
    queryset: QuerySet, cursor: str | None, limit: int, order: tuple[str, ...] = ("pk",)
) -> dict[str, Any]:
    """The answer of a list operation (`page_of` its items): `paginate` as items and cursor."""
    items, next_cursor = paginate(queryset, cursor, limit, order)
    return {"items": items, "next_cursor": next_cursor}
