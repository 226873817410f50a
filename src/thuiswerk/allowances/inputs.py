"""The rule engine's inputs, read from the database as frames for a range of months."""

from datetime import date

import polars as pl

from thuiswerk.core.frames import day_number, fetch_frame, scaled_integer
from thuiswerk.core.months import month_end
from thuiswerk.rules.parameters import ParameterSet
from thuiswerk.rules.parameters import ParameterValue as RuleParameterValue

from .models import ParameterValue


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
    office day weighs the same as a day without a registration.
    """
    end = month_end(last)
    only = ""
    params: list = []
    if employee_ids is not None:
        only = f" AND employee_id IN ({','.join('%s' for _ in employee_ids)})"
        params = list(employee_ids)
    return {
        "employment": fetch_frame(
            f"SELECT employee_id, entity_id, {day_number('start_date')}, {day_number('end_date')}"
            " FROM people_employmentperiod"
            " WHERE start_date <= %s AND (end_date IS NULL OR end_date >= %s)" + only,
            [end, first, *params],
            {"employee": pl.Int64, "entity": pl.Int64, "start_date": pl.Date, "end_date": pl.Date},
        ),
        "registrations": _registrations(first, end, only, params),
        "agreements": fetch_frame(
            f"SELECT employee_id, {day_number('valid_from')}, {day_number('valid_to')} FROM telework_agreement"
            " WHERE status = 'approved' AND valid_from <= %s AND (valid_to IS NULL OR valid_to >= %s)"
            + only,
            [end, first, *params],
            {"employee": pl.Int64, "valid_from": pl.Date, "valid_to": pl.Date},
        ),
        "internet_options": fetch_frame(
            f"SELECT employee_id, option, {day_number('valid_from')} FROM telework_internetoption"
            " WHERE valid_from <= %s" + only,
            [end, *params],
            {"employee": pl.Int64, "option": pl.String, "valid_from": pl.Date},
        ),
        "invoices": fetch_frame(
            f"SELECT employee_id, {day_number('month')}, {scaled_integer('amount')}"
            " FROM telework_thirdpartyinvoice"
            " WHERE month >= %s AND month <= %s" + only,
            [first, last, *params],
            {"employee": pl.Int64, "month": pl.Date, "amount_cents": pl.Int64},
        ),
    }


# A registration travels as one integer, ((employee * 2^20 + day) * 8 + code): with millions of
# rows, SQLite's cost is per value written out, and this is one short value per row.
_DAY_BITS = 20  # days since 1970: enough until the year 4840
_PARTS = ["full", "am", "pm"]


def _registrations(first: date, end: date, only: str, params: list) -> pl.DataFrame:
    packed = pl.col("packed")
    code = packed % 8
    return fetch_frame(
        f"SELECT (employee_id * {1 << _DAY_BITS} + {day_number('date')}) * 8"
        " + CASE WHEN location = 'absent' THEN 4 ELSE 0 END"
        " + CASE part WHEN 'am' THEN 1 WHEN 'pm' THEN 2 ELSE 0 END"
        " FROM telework_registration"
        " WHERE date >= %s AND date <= %s AND location IN ('home', 'absent')" + only,
        [first, end, *params],
        {"packed": pl.Int64},
    ).select(
        employee=packed // (8 << _DAY_BITS),
        date=(packed // 8 % (1 << _DAY_BITS)).cast(pl.Int32).cast(pl.Date),
        location=pl.when(code < 4).then(pl.lit("home")).otherwise(pl.lit("absent")),
        part=(code % 4).replace_strict(list(range(len(_PARTS))), _PARTS, return_dtype=pl.String),
    )
