"""An HR officer imports only the rows of her own entities (the web upload): a row that names
another entity, or an employee who does not work in one of her entities, is an error at its
file:row:column, so nothing is written. An admin's import (and the CLI's) checks nothing here."""

from collections.abc import Collection

import polars as pl
from django.utils.translation import gettext as _

from .readers import ROW
from .validation import Checked, Context

# Columns naming an entity, per kind of file; the staff file's employee is checked against
# the database only (a new employee has no period yet but this row's).
ENTITY_COLUMNS = ("entity_code",)
EMPLOYEE_COLUMN = "employee_id"


def check_entity_scope(checked: Checked, context: Context, entities: Collection[str]) -> None:
    """Add an error for each row of `checked` outside `entities` (codes); `context` is the
    context after every source was checked (it holds the staff rows of this import too)."""
    allowed = sorted(entities)
    rows = checked.rows
    names = checked.source.kind.names
    for column in ENTITY_COLUMNS:
        if column not in names:
            continue
        outside = rows.filter(
            checked.valid(column) & pl.col(column).is_not_null() & ~pl.col(column).is_in(allowed)
        ).select(
            pl.col(ROW).alias("row"),
            pl.lit(column).alias("column"),
            pl.lit("entity_out_of_scope").alias("code"),
            pl.format(_("'{}' is not one of your entities"), pl.col(column)).alias("message"),
        )
        checked.errors.extend(outside)
    if EMPLOYEE_COLUMN not in names:
        return
    periods = context.periods
    if checked.source.kind.name == "staff":
        # Someone who is already in the database must work (or have worked) in one of her
        # entities; a new person comes with her entity, checked above.
        stored = periods.filter(pl.col("_file").is_null())
        known = stored.select("employee").unique()
        mine = stored.filter(pl.col("entity").is_in(allowed)).select("employee").unique()
        foreign = known.join(mine, on="employee", how="anti")["employee"]
    else:
        everyone = rows.select(pl.col(EMPLOYEE_COLUMN).cast(pl.String).alias("employee"))
        mine = periods.filter(pl.col("entity").is_in(allowed)).select("employee").unique()
        foreign = everyone.join(mine, on="employee", how="anti")["employee"]
    if foreign.is_empty():
        return
    outside = rows.filter(
        checked.valid(EMPLOYEE_COLUMN)
        & pl.col(EMPLOYEE_COLUMN).cast(pl.String).is_in(foreign.to_list())
    ).select(
        pl.col(ROW).alias("row"),
        pl.lit(EMPLOYEE_COLUMN).alias("column"),
        pl.lit("employee_out_of_scope").alias("code"),
        pl.format(
            _("the staff member '{}' does not work in one of your entities"),
            pl.col(EMPLOYEE_COLUMN),
        ).alias("message"),
    )
    checked.errors.extend(outside)


# Warnings of the registrations that the employee's own calendar refuses outright.
OWN_DAY_REFUSALS = ("non_working_day", "registration_outside_employment")


def check_own_rows(checked: Checked, personnel_number: str) -> None:
    """An employee writes only her own rows (the API's bulk registrations): a row that names
    someone else is an error, and so is a day her calendar refuses (not a working day inside
    her employment), which a file of HR only warns about."""
    if EMPLOYEE_COLUMN not in checked.source.kind.names:
        return
    others = checked.rows.filter(
        checked.valid(EMPLOYEE_COLUMN)
        & (pl.col(EMPLOYEE_COLUMN).cast(pl.String) != personnel_number)
    ).select(
        pl.col(ROW).alias("row"),
        pl.lit(EMPLOYEE_COLUMN).alias("column"),
        pl.lit("employee_out_of_scope").alias("code"),
        pl.format(
            _("'{}' is not you: you register only your own days"), pl.col(EMPLOYEE_COLUMN)
        ).alias("message"),
    )
    checked.errors.extend(others)
    checked.errors.extend(checked.warnings.take(OWN_DAY_REFUSALS))
