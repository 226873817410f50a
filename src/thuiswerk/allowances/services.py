"""Writes of the allowances app: parameters, runs of the monthly computation, closing months."""

from datetime import date

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from thuiswerk.audit.services import audit_record
from thuiswerk.core.frames import (
    bulk_changes,
    day_number,
    decimal_text,
    delete_ids,
    fetch_frame,
    insert_frame,
    scaled_integer,
)
from thuiswerk.core.money import from_cents
from thuiswerk.core.months import format_month, month_range, next_month
from thuiswerk.core.progress import steps
from thuiswerk.people.models import Employee
from thuiswerk.rules.engine import LedgerComputation, compute_ledger
from thuiswerk.rules.parameters import DEFAULTS

from .inputs import load_engine_inputs, load_parameters
from .models import ComputationRun, LedgerLine, LedgerMonth, ParameterValue

LINE_KEY = ["employee", "month", "measure", "entity"]
LINE_SCHEMA: dict[str, pl.DataType] = {
    "employee": pl.Int64,
    "month": pl.Date,
    "measure": pl.String,
    "entity": pl.Int64,
    "booked_in": pl.Date,
    "kind": pl.String,
    "employee_amount_cents": pl.Int64,
    "employer_cost_cents": pl.Int64,
    "units": pl.Int64,
    "explanation": pl.String,
}
COMPARED = list(LINE_SCHEMA)  # everything a line says; equal lines are left alone


class LedgerError(Exception):
    """A ledger action that the rules of the ledger do not allow (e.g. closing a closed month)."""


@transaction.atomic
def parameters_seed_defaults(*, actor: str) -> int:
    """Add the default values of RULES.md that are not there yet; returns how many were added."""
    added = 0
    for default in DEFAULTS:
        _, created = ParameterValue.objects.get_or_create(
            name=default.name,
            effective_from=default.effective_from,
            defaults={
                "value": default.value,
                "legal_source": default.legal_source,
                "assumption": default.assumption,
            },
        )
        if created:
            added += 1
            audit_record(
                actor=actor,
                action="parameter.add",
                object_type="parameter",
                object_id=default.name,
                data={"value": default.value, "effective_from": default.effective_from.isoformat()},
            )
    return added


def closed_months() -> set[date]:
    return set(
        LedgerMonth.objects.filter(status=LedgerMonth.Status.CLOSED).values_list("month", flat=True)
    )


def booking_month(month: date, closed: set[date]) -> date:
    """The payroll month that pays what is found for `month`: itself if open, else the next open one."""
    while month in closed:
        month = next_month(month)
    return month


@transaction.atomic
def ledger_compute(
    *, month_from: date, month_to: date, actor: str, progress: bool = False
) -> ComputationRun:
    """Compute the ledger of months `month_from`..`month_to` (first days) and store it.

    For every month the lines booked in open payroll months are replaced; what closed payroll
    months already paid stays, and the difference between what is due now and what was paid is
    booked in the month itself when it is open, or as a correction in the first open month after it.
    Recomputing with the same inputs therefore writes the same lines again (idempotent).
    """
    if month_from.day != 1 or month_to.day != 1 or month_from > month_to:
        raise LedgerError(f"not a month range: {month_from}..{month_to}")
    started = timezone.now()
    months = list(month_range(month_from, month_to))
    stage = steps(["load", "compute", "book"], enabled=progress, desc="compute")
    next(stage)
    parameters = load_parameters()
    inputs = load_engine_inputs(month_from, month_to)
    next(stage)
    computation = compute_ledger(months, **inputs, parameters=parameters)
    next(stage)
    closed = closed_months()
    run = ComputationRun.objects.create(
        actor=actor,
        month_from=month_from,
        month_to=month_to,
        parameters=[
            {
                "name": p.name,
                "value": p.value,
                "effective_from": p.effective_from.isoformat(),
                "legal_source": p.legal_source,
                "assumption": p.assumption,
            }
            for p in parameters.values()
        ],
    )
    lines = _lines_to_book(
        computation.lines, computation.facts, _paid_lines(month_from, month_to), closed, months
    )
    # Lines no closed month paid yet are replaced, but only where they differ: a line that the
    # run would write again exactly stays (with the run that first made it).
    unpaid = _unpaid_lines(month_from, month_to)
    stale = unpaid.join(lines, on=COMPARED, how="anti")
    # Month order on disk: every run reads and replaces a range of months, so that range then sits
    # in neighbouring pages instead of one page per line.
    fresh = lines.join(unpaid, on=COMPARED, how="anti").sort("month", "employee", "measure")
    table = LedgerLine._meta.db_table
    with connection.cursor() as cursor, bulk_changes(cursor, table, stale.height + fresh.height):
        deleted = delete_ids(table, stale["id"])
        written = _insert_lines(table, run, fresh, progress)
    stage.close()

    run.warnings = _warnings(computation)
    run.stats = {
        "months": len(months),
        "employee_months": computation.facts.height,
        "lines_due": lines.height,
        "lines_unchanged": lines.height - written,
        "lines_removed": deleted,
        "lines_written": written,
        "by_kind": {kind: int(count) for kind, count in fresh.group_by("kind").len().iter_rows()},
        "unmatched_invoices": computation.unmatched_invoices.height,
        "missing_invoices": computation.missing_invoices.height,
        "seconds": round((timezone.now() - started).total_seconds(), 3),
    }
    run.finished_at = timezone.now()
    run.save(update_fields=["warnings", "stats", "finished_at"])
    audit_record(
        actor=actor,
        action="ledger.compute",
        object_type="run",
        object_id=run.pk,
        data={"from": format_month(month_from), "to": format_month(month_to), **run.stats},
    )
    return run


def _insert_lines(table: str, run: ComputationRun, lines: pl.DataFrame, progress: bool) -> int:
    return insert_frame(
        table,
        lines.select(
            pl.lit(run.pk).alias("run_id"),
            pl.col("employee").alias("employee_id"),
            pl.col("entity").alias("entity_id"),
            "month",
            "booked_in",
            "measure",
            "kind",
            decimal_text(pl.col("employee_amount_cents")).alias("employee_amount"),
            decimal_text(pl.col("employer_cost_cents")).alias("employer_cost"),
            "units",
            "explanation",
        ),
        progress=progress,
    )


def _unpaid_lines(first: date, last: date) -> pl.DataFrame:
    """The stored lines of these months that no closed payroll month has paid yet."""
    return fetch_frame(
        f"SELECT id, employee_id, {day_number('month')}, measure, entity_id, {day_number('booked_in')}, kind,"
        f" {scaled_integer('employee_amount')}, {scaled_integer('employer_cost')}, units,"
        " explanation FROM allowances_ledgerline WHERE month >= %s AND month <= %s AND booked_in NOT IN"
        " (SELECT month FROM allowances_ledgermonth WHERE status = %s)",
        [first, last, LedgerMonth.Status.CLOSED],
        {"id": pl.Int64, **{name: LINE_SCHEMA[name] for name in COMPARED}},
    )


def _paid_lines(first: date, last: date) -> pl.DataFrame:
    """What closed payroll months paid for these months, per employee, month, measure and entity."""
    return fetch_frame(
        f"SELECT employee_id, {day_number('month')}, measure, entity_id,"
        f" {scaled_integer('SUM(employee_amount)')}, {scaled_integer('SUM(employer_cost)')},"
        " SUM(units) FROM allowances_ledgerline WHERE month >= %s AND month <= %s AND booked_in IN"
        " (SELECT month FROM allowances_ledgermonth WHERE status = %s)"
        " GROUP BY employee_id, month, measure, entity_id",
        [first, last, LedgerMonth.Status.CLOSED],
        {
            "employee": pl.Int64,
            "month": pl.Date,
            "measure": pl.String,
            "entity": pl.Int64,
            "paid_employee_cents": pl.Int64,
            "paid_employer_cents": pl.Int64,
            "paid_units": pl.Int64,
        },
    )


def _lines_to_book(
    due: pl.DataFrame,
    facts: pl.DataFrame,
    paid: pl.DataFrame,
    closed: set[date],
    months: list[date],
) -> pl.DataFrame:
    """due - paid per line key, with the month that books it and whether it is a correction."""
    booking = pl.DataFrame(
        {"month": months, "booked_in": [booking_month(m, closed) for m in months]},
        schema={"month": pl.Date, "booked_in": pl.Date},
    )
    facts_json = facts.select(
        "employee",
        "month",
        pl.struct(pl.exclude("employee", "month")).struct.json_encode().alias("facts"),
    )
    joined = (
        due.with_columns(pl.lit(1, pl.Int64).alias("units"))
        .join(paid, on=LINE_KEY, how="full", coalesce=True)
        .with_columns(
            pl.col("explanation").is_not_null().alias("is_due"),
            pl.col("paid_units").is_null().alias("nothing_paid"),
        )
        .with_columns(
            pl.col("employee_amount_cents", "employer_cost_cents", "units").fill_null(0),
            pl.col("paid_employee_cents", "paid_employer_cents", "paid_units").fill_null(0),
        )
        .join(booking, on="month", how="left")
        .join(facts_json, on=["employee", "month"], how="left")
    )
    return joined.with_columns(
        (pl.col("employee_amount_cents") - pl.col("paid_employee_cents")).alias(
            "employee_amount_cents"
        ),
        (pl.col("employer_cost_cents") - pl.col("paid_employer_cents")).alias(
            "employer_cost_cents"
        ),
        (pl.col("units") - pl.col("paid_units")).alias("units"),
        pl.when(pl.col("booked_in") == pl.col("month"))
        .then(pl.lit(LedgerLine.Kind.ENTITLEMENT.value))
        .otherwise(pl.lit(LedgerLine.Kind.CORRECTION.value))
        .alias("kind"),
        pl.when(pl.col("nothing_paid") & (pl.col("booked_in") == pl.col("month")))
        .then(pl.col("explanation"))
        .otherwise(
            pl.concat_str(
                pl.lit('{"correction":{"paid_employee_amount_cents":'),
                pl.col("paid_employee_cents").cast(pl.String),
                pl.lit(',"paid_employer_cost_cents":'),
                pl.col("paid_employer_cents").cast(pl.String),
                pl.lit('},"now_due":'),
                pl.when(pl.col("is_due")).then(pl.col("explanation")).otherwise(pl.lit("null")),
                pl.lit(',"facts":'),
                pl.col("facts").fill_null("null"),
                pl.lit("}"),
            )
        )
        .alias("explanation"),
    ).filter(
        # A line that nothing paid yet is written even at 0.00 (a third-party payer without an
        # invoice is still a beneficiary); a difference only when there is one.
        (pl.col("nothing_paid") & pl.col("is_due"))
        | (pl.col("employee_amount_cents") != 0)
        | (pl.col("employer_cost_cents") != 0)
        | (pl.col("units") != 0)
    )


def _warnings(computation: LedgerComputation) -> list[dict]:
    unmatched = computation.unmatched_invoices
    missing = computation.missing_invoices
    ids = set(unmatched["employee"].to_list()) | set(missing["employee"].to_list())
    numbers = (
        dict(Employee.objects.filter(pk__in=ids).values_list("pk", "personnel_number"))
        if ids
        else {}
    )
    warnings = [
        {
            "code": "unmatched_invoice",
            "employee_id": numbers.get(employee, str(employee)),
            "month": format_month(month),
            "amount": str(from_cents(cents)),
        }
        for employee, month, cents in unmatched.select(
            "employee", "month", "amount_cents"
        ).iter_rows()
    ]
    warnings += [
        {
            "code": "missing_invoice",
            "employee_id": numbers.get(employee, str(employee)),
            "month": format_month(month),
        }
        for employee, month in missing.select("employee", "month").iter_rows()
    ]
    return warnings


@transaction.atomic
def month_close(*, month: date, actor: str) -> LedgerMonth:
    """Mark a payroll month paid: its lines never change again (differences become corrections)."""
    ledger_month, _ = LedgerMonth.objects.select_for_update().get_or_create(month=month)
    if ledger_month.status == LedgerMonth.Status.CLOSED:
        raise LedgerError(f"{format_month(month)} is already closed")
    ledger_month.status = LedgerMonth.Status.CLOSED
    ledger_month.changed_by = actor
    ledger_month.save(update_fields=["status", "changed_by", "changed_at"])
    lines = LedgerLine.objects.filter(booked_in=month).count()
    audit_record(
        actor=actor,
        action="month.close",
        object_type="month",
        object_id=format_month(month),
        data={"lines": lines},
    )
    return ledger_month


@transaction.atomic
def month_reopen(*, month: date, actor: str, reason: str) -> LedgerMonth:
    """Reopen a closed month (a central admin action): its lines become replaceable again."""
    if not reason.strip():
        raise LedgerError("reopening a month needs a reason")
    ledger_month = LedgerMonth.objects.select_for_update().filter(month=month).first()
    if ledger_month is None or ledger_month.status != LedgerMonth.Status.CLOSED:
        raise LedgerError(f"{format_month(month)} is not closed")
    ledger_month.status = LedgerMonth.Status.OPEN
    ledger_month.changed_by = actor
    ledger_month.save(update_fields=["status", "changed_by", "changed_at"])
    audit_record(
        actor=actor,
        action="month.reopen",
        object_type="month",
        object_id=format_month(month),
        reason=reason.strip(),
    )
    return ledger_month
