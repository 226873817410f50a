"""The rule engine's inputs, read from the database as frames for a range of months."""

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import polars as pl
from django.db import connection, connections, models

from thuiswerk.core.frames import day_number, fetch_frame, scaled_integer
from thuiswerk.core.months import month_end
from thuiswerk.people.models import EmploymentPeriod
from thuiswerk.rules.parameters import ParameterSet
from thuiswerk.rules.parameters import ParameterValue as RuleParameterValue
from thuiswerk.telework.models import Agreement, InternetOption, Registration, ThirdPartyInvoice

from .models import ParameterValue


def column(model: type[models.Model], field: str) -> str:
    """The column of a model's field, for SQL written by hand (never a copied name)."""
    return model._meta.get_field(field).column


def table(model: type[models.Model]) -> str:
    return model._meta.db_table


def load_parameters() -> ParameterSet:
    return ParameterSet(
        RuleParameterValue(p.name, p.value, p.effective_from, p.legal_source, p.assumption)
        for p in ParameterValue.objects.all()
    )


def load_engine_inputs(
    first: date, last: date, employee_ids: list[int] | None = None
) -> dict[str, pl.DataFrame]:
    """Everything the engine needs for months `first`..`last`, optionally for some employees only.

    Registrations are read for home and absent days only: the rules count nothing else, and an
    office day weighs the same as a day without a registration. Outside a transaction they are
    read in parallel, one span of days per core (see `_registrations`).
    """
    end = month_end(last)
    params: list = []

    def only(model: type[models.Model]) -> str:
        if employee_ids is None:
            return ""
        return f" AND {column(model, 'employee')} IN ({','.join('%s' for _ in employee_ids)})"

    if employee_ids is not None:
        params = list(employee_ids)
    period, agreement = EmploymentPeriod, Agreement
    option, invoice = InternetOption, ThirdPartyInvoice
    return {
        "employment": fetch_frame(
            f"SELECT {column(period, 'employee')}, {column(period, 'entity')},"
            f" {day_number(column(period, 'start_date'))}, {day_number(column(period, 'end_date'))}"
            f" FROM {table(period)} WHERE {column(period, 'start_date')} <= %s"
            f" AND ({column(period, 'end_date')} IS NULL OR {column(period, 'end_date')} >= %s)"
            + only(period),
            [end, first, *params],
            {"employee": pl.Int64, "entity": pl.Int64, "start_date": pl.Date, "end_date": pl.Date},
        ),
        "registrations": _registrations(first, end, only(Registration), params),
        "agreements": fetch_frame(
            f"SELECT {column(agreement, 'employee')}, {day_number(column(agreement, 'valid_from'))},"
            f" {day_number(column(agreement, 'valid_to'))} FROM {table(agreement)}"
            f" WHERE {column(agreement, 'status')} = %s AND {column(agreement, 'valid_from')} <= %s"
            f" AND ({column(agreement, 'valid_to')} IS NULL OR {column(agreement, 'valid_to')} >= %s)"
            + only(agreement),
            [Agreement.Status.APPROVED.value, end, first, *params],
            {"employee": pl.Int64, "valid_from": pl.Date, "valid_to": pl.Date},
        ),
        "internet_options": fetch_frame(
            f"SELECT {column(option, 'employee')}, {column(option, 'option')},"
            f" {day_number(column(option, 'valid_from'))} FROM {table(option)}"
            f" WHERE {column(option, 'valid_from')} <= %s" + only(option),
            [end, *params],
            {"employee": pl.Int64, "option": pl.String, "valid_from": pl.Date},
        ),
        "invoices": fetch_frame(
            f"SELECT {column(invoice, 'employee')}, {day_number(column(invoice, 'month'))},"
            f" {scaled_integer(column(invoice, 'amount'))} FROM {table(invoice)}"
            f" WHERE {column(invoice, 'month')} >= %s AND {column(invoice, 'month')} <= %s"
            + only(invoice),
            [first, last, *params],
            {"employee": pl.Int64, "month": pl.Date, "amount_cents": pl.Int64},
        ),
    }


# A registration travels as one integer, ((employee * 2^20 + day) * 8 + code): with millions of
# rows, SQLite's cost is per value written out, and this is one short value per row.
_DAY_BITS = 20  # days since 1970: enough until the year 4840
_PARTS = [Registration.Part.FULL.value, Registration.Part.AM.value, Registration.Part.PM.value]
_HOME, _ABSENT = Registration.Location.HOME.value, Registration.Location.ABSENT.value


def _registrations(first: date, end: date, only: str, params: list) -> pl.DataFrame:
    """The registrations of `first`..`end`; the database's time per row dominates the run, so
    spans of days are read at once on connections of their own, one per core. Only outside a
    transaction: another connection sees only what is committed, and within a transaction this
    one may hold writes of its own (e.g. a test's)."""
    spans = _day_spans(first, end, os.cpu_count() or 1)
    if len(spans) == 1 or connection.in_atomic_block:
        return pl.concat([_registrations_of(a, b, only, params) for a, b in spans])
    with ThreadPoolExecutor(max_workers=len(spans)) as pool:
        parts = pool.map(
            lambda span: _on_own_connection(_registrations_of, *span, only, params), spans
        )
        return pl.concat(list(parts))


def _day_spans(first: date, end: date, count: int) -> list[tuple[date, date]]:
    """`first`..`end` cut into at most `count` consecutive spans of about equal length."""
    days = (end - first).days + 1
    bounds = [first + timedelta(days=days * i // count) for i in range(count + 1)]
    return [(a, b - timedelta(days=1)) for a, b in zip(bounds, bounds[1:], strict=False) if a < b]


def _on_own_connection(read: Callable[..., pl.DataFrame], *args: object) -> pl.DataFrame:
    try:
        return read(*args)
    finally:
        connections.close_all()  # this thread's connections only


def _registrations_of(first: date, end: date, only: str, params: list) -> pl.DataFrame:
    packed = pl.col("packed")
    code = packed % 8
    employee, day = column(Registration, "employee"), column(Registration, "date")
    location, part = column(Registration, "location"), column(Registration, "part")
    return fetch_frame(
        f"SELECT ({employee} * {1 << _DAY_BITS} + {day_number(day)}) * 8"
        f" + CASE WHEN {location} = %s THEN 4 ELSE 0 END"
        f" + CASE {part} WHEN %s THEN 1 WHEN %s THEN 2 ELSE 0 END"
        f" FROM {table(Registration)}"
        f" WHERE {day} >= %s AND {day} <= %s AND {location} IN (%s, %s)" + only,
        [_ABSENT, _PARTS[1], _PARTS[2], first, end, _HOME, _ABSENT, *params],
        {"packed": pl.Int64},
    ).select(
        employee=packed // (8 << _DAY_BITS),
        date=(packed // 8 % (1 << _DAY_BITS)).cast(pl.Int32).cast(pl.Date),
        location=pl.when(code < 4).then(pl.lit(_HOME)).otherwise(pl.lit(_ABSENT)),
        part=(code % 4).replace_strict(list(range(len(_PARTS))), _PARTS, return_dtype=pl.String),
    )
