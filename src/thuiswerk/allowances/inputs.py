"""The rule engine's inputs, read from the database as frames for a range of months."""

from datetime import date

import polars as pl

from thuiswerk.core.frames import day_number, fetch_frame
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
        "registrations": fetch_frame(
            f"SELECT employee_id, {day_number('date')}, location, part FROM telework_registration"
            " WHERE date >= %s AND date <= %s AND location IN ('home', 'absent')" + only,
            [first, end, *params],
            {"employee": pl.Int64, "date": pl.Date, "location": pl.String, "part": pl.String},
        ),
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
            # Cents as an integer in SQL: CAST(ROUND(..)) keeps floats out on SQLite.
            f"SELECT employee_id, {day_number('month')}, CAST(ROUND(amount * 100) AS BIGINT)"
            " FROM telework_thirdpartyinvoice"
            " WHERE month >= %s AND month <= %s" + only,
            [first, last, *params],
            {"employee": pl.Int64, "month": pl.Date, "amount_cents": pl.Int64},
        ),
    }
