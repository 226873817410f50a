"""Writes of the allowances app: parameters, runs of the monthly computation, closing months.

Runs, closings and reopenings take the database's run lock (`core.locks.run_lock`) before their
transaction: one at a time per database, each reading what the previous one committed.
"""

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import polars as pl
from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuiswerk.audit.services import audit_record, snapshot
from thuiswerk.core.frames import (
    bulk_changes,
    day_number,
    decimal_text,
    delete_ids,
    fetch_frame,
    insert_frame,
    scaled_integer,
)
from thuiswerk.core.locks import run_lock
from thuiswerk.core.money import from_cents
from thuiswerk.core.months import format_month, month_range, next_month
from thuiswerk.core.progress import steps
from thuiswerk.people.models import Employee
from thuiswerk.rules.booking import BOOKED_SCHEMA, LINE_KEY, PAID_SCHEMA, lines_to_book
from thuiswerk.rules.calendar import CALENDARS, holidays_of
from thuiswerk.rules.engine import LedgerComputation, compute_ledger
from thuiswerk.rules.parameters import DEFAULTS, KINDS, ParameterSet
from thuiswerk.rules.parameters import ParameterValue as RuleParameterValue

from .inputs import column, load_engine_inputs, load_parameters
from .models import ComputationRun, LedgerLine, LedgerMonth, ParameterValue

COMPARED = list(BOOKED_SCHEMA)  # everything a line says; equal lines are left alone
# A line's place in the ledger (its unique constraint); with the digest of what it says, it tells
# a stored line that the run would write again from one that differs.
PLACE = [*LINE_KEY, "booked_in"]
_DIGEST_SEEDS = (8, 2026, 12, 4)  # fixed: stored digests must stay comparable from run to run
# December 9999 has no month after it, which the engine and the booking need.
LAST_MONTH = date(9999, 11, 1)


class LedgerError(Exception):
    """A ledger action that the rules of the ledger do not allow (e.g. closing a closed month)."""


def parameter_add(
    *,
    name: str,
    value: str,
    effective_from: date,
    legal_source: str,
    actor: str,
    assumption: bool = False,
    note: str = "",
    retroactive: bool = False,
    reason: str = "",
) -> ParameterValue:
    """Add a parameter value from a day on; the values before it stay as they were.

    The name must be a known parameter and the value readable as its kind. A value that takes
    effect in or before a closed payroll month changes what was paid: it is refused unless
    `retroactive` with a reason (the law does change the past: the next run books corrections).
    Under the run lock, so that no month is closed between the check and the write.
    """
    with run_lock(action="parameter", actor=actor, error=LedgerError), transaction.atomic():
        return _parameter_add(
            name=name,
            value=value.strip(),
            effective_from=effective_from,
            legal_source=legal_source.strip(),
            actor=actor,
            assumption=assumption,
            note=note,
            retroactive=retroactive,
            reason=reason.strip(),
        )


def _parameter_add(
    *,
    name: str,
    value: str,
    effective_from: date,
    legal_source: str,
    actor: str,
    assumption: bool,
    note: str,
    retroactive: bool,
    reason: str,
) -> ParameterValue:
    if name not in KINDS:
        raise LedgerError(
            _("Unknown parameter %(name)s; known parameters: %(known)s.")
            % {"name": name, "known": ", ".join(sorted(KINDS))}
        )
    if not _readable(name, value):
        raise LedgerError(
            _("%(value)r is not a valid value for %(name)s (expected: %(kind)s).")
            % {"value": value, "name": name, "kind": _KIND_NAMES[KINDS[name]]}
        )
    if not legal_source:
        raise LedgerError(_("A parameter value needs its legal source."))
    if ParameterValue.objects.filter(name=name, effective_from=effective_from).exists():
        raise LedgerError(
            _(
                "%(name)s already has a value from %(day)s; values are never rewritten: add a"
                " value from a later day."
            )
            % {"name": name, "day": effective_from.isoformat()}
        )
    last_closed = _last_closed_month()
    if (
        last_closed is not None
        and effective_from.replace(day=1) <= last_closed
        and not (retroactive and reason)
    ):
        raise LedgerError(
            _(
                "A value of %(name)s from %(day)s changes the closed month %(month)s: add it"
                " as retroactive, with a reason, if the law changes the past."
            )
            % {"name": name, "day": effective_from.isoformat(), "month": format_month(last_closed)}
        )
    parameter = ParameterValue.objects.create(
        name=name,
        value=value,
        effective_from=effective_from,
        legal_source=legal_source,
        assumption=assumption,
        note=note,
    )
    audit_record(
        actor=actor,
        action="parameter.add",
        object_type="parameter",
        object_id=name,
        reason=reason,
        data={"value": value, "effective_from": effective_from.isoformat()},
        after=snapshot(parameter),
    )
    return parameter


_KIND_NAMES = {
    date: gettext_lazy("a date, YYYY-MM-DD"),
    Decimal: gettext_lazy("a decimal number, e.g. 20.00"),
    str: gettext_lazy("the name of a known calendar"),
}


def _readable(name: str, value: str) -> bool:
    if not value or len(value) > ParameterValue._meta.get_field("value").max_length:
        return False
    try:
        typed = RuleParameterValue(name, value, date.min, "", False).typed()
    except (ValueError, InvalidOperation):
        return False
    if name == "calendar":
        return value in CALENDARS
    return typed.is_finite() if isinstance(typed, Decimal) else True


def _last_closed_month() -> date | None:
    return (
        LedgerMonth.objects.filter(status=LedgerMonth.Status.CLOSED)
        .order_by("-month")
        .values_list("month", flat=True)
        .first()
    )


def parameters_seed_defaults(*, actor: str) -> int:
    """Add the default values of RULES.md that are not there yet; returns how many were added."""
    with run_lock(action="init", actor=actor, error=LedgerError), transaction.atomic():
        return _seed_defaults(actor)


def _seed_defaults(actor: str) -> int:
    present = set(ParameterValue.objects.values_list("name", "effective_from"))
    added = 0
    for default in DEFAULTS:
        if (default.name, default.effective_from) in present:
            continue
        parameter_add(
            name=default.name,
            value=default.value,
            effective_from=default.effective_from,
            legal_source=default.legal_source,
            assumption=default.assumption,
            actor=actor,
            retroactive=True,  # a default holds from the start of time, before any closed month
            reason="default value (RULES.md)",
        )
        added += 1
    return added


def closed_months() -> set[date]:
    return set(
        LedgerMonth.objects.filter(status=LedgerMonth.Status.CLOSED).values_list("month", flat=True)
    )


def first_computable_month() -> date | None:
    """The first month on whose first day every parameter has a value (None: some has none)."""
    firsts = dict(
        ParameterValue.objects.values("name")
        .annotate(first=Min("effective_from"))
        .values_list("name", "first")
    )
    if set(KINDS) - set(firsts):
        return None
    first = max(firsts.values())
    return first if first.day == 1 else next_month(first)


def check_month_range(month_from: date, month_to: date) -> None:
    """LedgerError unless the months can be computed (also for explain and the reports)."""
    if month_from.day != 1 or month_to.day != 1 or month_from > month_to:
        raise LedgerError(
            _("Not a range of months: %(first)s to %(last)s.")
            % {"first": month_from.isoformat(), "last": month_to.isoformat()}
        )
    first = first_computable_month()
    if first is None:
        raise LedgerError(_("Some rule parameters have no value: run `thuiswerk init` first."))
    if month_from < first:
        raise LedgerError(
            _("No rule parameters are in force before %(month)s: compute from %(month)s on.")
            % {"month": format_month(first)}
        )
    if month_to > LAST_MONTH:
        raise LedgerError(
            _("Months after %(month)s cannot be computed.") % {"month": format_month(LAST_MONTH)}
        )
    # The holiday calendars know a limited span of years (the `holidays` package: 1901-2100).
    calendars = set(ParameterValue.objects.filter(name="calendar").values_list("value", flat=True))
    for year in range(month_from.year, month_to.year + 1):
        for calendar in sorted(calendars):
            try:
                holidays_of(calendar, [year])
            except (RuntimeError, ValueError):
                raise LedgerError(
                    _(
                        "The holiday calendar %(calendar)s knows no holidays for %(year)s: the"
                        " months of %(year)s cannot be computed."
                    )
                    % {"calendar": calendar, "year": year}
                ) from None


def ledger_compute(
    *,
    month_from: date,
    month_to: date,
    actor: str,
    progress: bool = False,
    lock_wait: float | None = None,
) -> ComputationRun:
    """Compute the ledger of months `month_from`..`month_to` (first days) and store it.

    For every month the lines booked in open payroll months are replaced; what closed payroll
    months already paid stays, and the difference between what is due now and what was paid is
    booked in the month itself when it is open, or as a correction in the first open month after it.
    Recomputing with the same inputs therefore writes the same lines again (idempotent). One run
    at a time: a second waits up to `lock_wait` seconds (see `core.locks`), then LedgerError.
    """
    check_month_range(month_from, month_to)
    with run_lock(action="compute", actor=actor, wait_seconds=lock_wait, error=LedgerError):
        started = timezone.now()
        stage = steps(["load", "compute", "book"], enabled=progress, desc="compute")
        next(stage)
        # Read before the transaction, so that the registrations can be read in parallel (on
        # connections of their own); the run lock keeps other runs and imports out meanwhile.
        parameters = load_parameters()
        inputs = load_engine_inputs(month_from, month_to)
        next(stage)
        return _compute(month_from, month_to, actor, progress, started, stage, parameters, inputs)


@transaction.atomic
def _compute(
    month_from: date,
    month_to: date,
    actor: str,
    progress: bool,
    started: datetime,
    stage: Iterator[str],
    parameters: ParameterSet,
    inputs: dict[str, pl.DataFrame],
) -> ComputationRun:
    months = list(month_range(month_from, month_to))
    computation = compute_ledger(months, **inputs, parameters=parameters)
    next(stage)
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
    # Read under the run lock: no close or reopen can come between these reads and the writes.
    paid, closed = _paid_lines(month_from, month_to), closed_months()
    lines = _line_digests(
        lines_to_book(
            computation.lines,
            _facts_to_explain(computation.facts, paid, closed),
            paid,
            closed,
            months,
        )
    )
    # Lines no closed month paid yet are replaced, but only where they differ: a line that the
    # run would write again exactly stays (with the run that first made it). The digests compare
    # them without reading back the stored explanations (hundreds of MB at scale).
    unpaid = _unpaid_lines(month_from, month_to)
    compared = [*PLACE, "digest"]
    stale = unpaid.join(lines, on=compared, how="anti")
    # Month order on disk: every run reads and replaces a range of months, so that range then sits
    # in neighbouring pages instead of one page per line.
    fresh = lines.join(unpaid, on=compared, how="anti").sort("month", "employee", "measure")
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
    after = snapshot(run)
    after.pop("warnings")  # thousands at scale; the run keeps them, the event their count
    audit_record(
        actor=actor,
        action="ledger.compute",
        object_type="run",
        object_id=run.pk,
        data={
            "from": format_month(month_from),
            "to": format_month(month_to),
            "warnings": len(run.warnings),
            **run.stats,
        },
        after=after,
    )
    return run


def _insert_lines(table: str, run: ComputationRun, lines: pl.DataFrame, progress: bool) -> int:
    line = LedgerLine._meta
    return insert_frame(
        table,
        lines.select(
            pl.lit(run.pk).alias(line.get_field("run").column),
            pl.col("employee").alias(line.get_field("employee").column),
            pl.col("entity").alias(line.get_field("entity").column),
            pl.col("month").alias(line.get_field("month").column),
            pl.col("booked_in").alias(line.get_field("booked_in").column),
            pl.col("measure").alias(line.get_field("measure").column),
            pl.col("kind").alias(line.get_field("kind").column),
            # cents: the amount columns have two places (a test checks it)
            decimal_text(pl.col("employee_amount_cents")).alias(
                line.get_field("employee_amount").column
            ),
            decimal_text(pl.col("employer_cost_cents")).alias(
                line.get_field("employer_cost").column
            ),
            pl.col("units").alias(line.get_field("units").column),
            pl.col("explanation").alias(line.get_field("explanation").column),
            pl.col("digest").alias(line.get_field("digest").column),
        ),
        progress=progress,
    )


def _facts_to_explain(facts: pl.DataFrame, paid: pl.DataFrame, closed: set[date]) -> pl.DataFrame:
    """The month facts the booking can write: it puts them only into the explanation of a
    correction or of a line something was paid for, so of a closed month or one with paid lines.
    The others (nearly all, at scale) need not be encoded."""
    key = ["employee", "month"]
    explained = pl.concat(
        [paid.select(key), facts.filter(pl.col("month").is_in(sorted(closed))).select(key)]
    )
    return facts.join(explained.unique(), on=key, how="semi")


def _line_digests(lines: pl.DataFrame) -> pl.DataFrame:
    """`lines` with `digest`: a 64-bit hash of everything a line says (COMPARED), as stored.

    Polars keeps its hash stable within a version (the lock file pins it); after an upgrade that
    changes it, the first run rewrites the unpaid lines once, with the same content.
    """
    return lines.with_columns(
        digest=pl.struct(COMPARED).hash(*_DIGEST_SEEDS).reinterpret(signed=True)
    )


def _closed_booking(*, paid: bool) -> str:
    """SQL: the line's payroll month is (or is not) a closed month."""
    return (
        f"{column(LedgerLine, 'booked_in')} {'IN' if paid else 'NOT IN'}"
        f" (SELECT {column(LedgerMonth, 'month')} FROM {LedgerMonth._meta.db_table}"
        f" WHERE {column(LedgerMonth, 'status')} = %s)"
    )


def _unpaid_lines(first: date, last: date) -> pl.DataFrame:
    """The place and digest of the stored lines of these months that no closed payroll month has
    paid yet."""
    c = {name: column(LedgerLine, name) for name in _LINE_FIELDS}
    return fetch_frame(
        f"SELECT {column(LedgerLine, 'id')}, {c['employee']}, {day_number(c['month'])},"
        f" {c['measure']}, {c['entity']}, {day_number(c['booked_in'])},"
        f" {column(LedgerLine, 'digest')}"
        f" FROM {LedgerLine._meta.db_table} WHERE {c['month']} >= %s AND {c['month']} <= %s"
        f" AND {_closed_booking(paid=False)}",
        [first, last, LedgerMonth.Status.CLOSED],
        {"id": pl.Int64, **{name: BOOKED_SCHEMA[name] for name in PLACE}, "digest": pl.Int64},
    )


def _paid_lines(first: date, last: date) -> pl.DataFrame:
    """What closed payroll months paid for these months, per employee, month, measure and entity."""
    c = {name: column(LedgerLine, name) for name in _LINE_FIELDS}
    key = f"{c['employee']}, {c['month']}, {c['measure']}, {c['entity']}"
    amount = scaled_integer(f"SUM({c['employee_amount']})")
    cost = scaled_integer(f"SUM({c['employer_cost']})")
    return fetch_frame(
        f"SELECT {c['employee']}, {day_number(c['month'])}, {c['measure']}, {c['entity']},"
        f" {amount}, {cost}, SUM({c['units']}) FROM {LedgerLine._meta.db_table}"
        f" WHERE {c['month']} >= %s AND {c['month']} <= %s AND {_closed_booking(paid=True)}"
        f" GROUP BY {key}",
        [first, last, LedgerMonth.Status.CLOSED],
        PAID_SCHEMA,
    )


_LINE_FIELDS = [
    "employee",
    "month",
    "measure",
    "entity",
    "booked_in",
    "kind",
    "employee_amount",
    "employer_cost",
    "units",
    "explanation",
]


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


def month_close(*, month: date, actor: str, lock_wait: float | None = None) -> LedgerMonth:
    """Mark a payroll month paid: its lines never change again (differences become corrections).

    A month can be closed from its first day on (payroll closes within the month), never before.
    """
    if month.replace(day=1) > timezone.localdate().replace(day=1):
        raise LedgerError(
            _("%(month)s has not begun yet: a month can be closed from its first day on.")
            % {"month": format_month(month)}
        )
    with run_lock(action="close", actor=actor, wait_seconds=lock_wait, error=LedgerError):
        return _month_close(month, actor)


@transaction.atomic
def _month_close(month: date, actor: str) -> LedgerMonth:
    ledger_month, created = LedgerMonth.objects.select_for_update().get_or_create(month=month)
    if ledger_month.status == LedgerMonth.Status.CLOSED:
        raise LedgerError(_("%(month)s is already closed.") % {"month": format_month(month)})
    before = None if created else snapshot(ledger_month)
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
        before=before,
        after=snapshot(ledger_month),
    )
    return ledger_month


def month_reopen(
    *, month: date, actor: str, reason: str, lock_wait: float | None = None
) -> LedgerMonth:
    """Reopen a closed month (a central admin action): its lines become replaceable again."""
    if not reason.strip():
        raise LedgerError(_("Reopening a month needs a reason."))
    with run_lock(action="reopen", actor=actor, wait_seconds=lock_wait, error=LedgerError):
        return _month_reopen(month, actor, reason.strip())


@transaction.atomic
def _month_reopen(month: date, actor: str, reason: str) -> LedgerMonth:
    ledger_month = LedgerMonth.objects.select_for_update().filter(month=month).first()
    if ledger_month is None or ledger_month.status != LedgerMonth.Status.CLOSED:
        raise LedgerError(_("%(month)s is not closed.") % {"month": format_month(month)})
    before = snapshot(ledger_month)
    ledger_month.status = LedgerMonth.Status.OPEN
    ledger_month.changed_by = actor
    ledger_month.save(update_fields=["status", "changed_by", "changed_at"])
    audit_record(
        actor=actor,
        action="month.reopen",
        object_type="month",
        object_id=format_month(month),
        reason=reason,
        before=before,
        after=snapshot(ledger_month),
    )
    return ledger_month
