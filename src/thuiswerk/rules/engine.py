"""The monthly computation of RULES.md, set-based over Polars frames (no loop per employee or day).

CONTRACT (callers rely on it; keep it stable):

    compute_ledger(
        months: list[date],            # first days of the months to compute, ascending
        employment: pl.DataFrame,      # employee:i64, entity:i64, start_date:date, end_date:date (null = open)
        registrations: pl.DataFrame,   # employee:i64, date:date, location:str, part:str
        agreements: pl.DataFrame,      # employee:i64, valid_from:date, valid_to:date (null = open); approved only
        internet_options: pl.DataFrame,# employee:i64, option:str, valid_from:date
        invoices: pl.DataFrame,        # employee:i64, month:date (first day), amount_cents:i64
        parameters: ParameterSet,
    ) -> LedgerComputation

    LedgerComputation.facts: one row per employee and month with at least one employed day:
        employee:i64, month:date, entity:i64, last_employed_day:date, employed_days:i64,
        absent_days:f64, present_days:f64, home_days:f64, has_agreement:bool, internet_option:str,
        internet_required:f64, homework_required:f64
    LedgerComputation.lines: one row per employee, month and measure that is due:
        employee:i64, month:date, measure:str (INTERNET_FORFAIT | INTERNET_THIRD_PARTY | INTERNET_BIK |
        HOMEWORK), entity:i64, employee_amount_cents:i64, employer_cost_cents:i64,
        explanation:str (a JSON object: the month facts and the parameter values used, each value
        with its effective_from)
    LedgerComputation.unmatched_invoices: invoices of the computed months without a due
        INTERNET_THIRD_PARTY line: employee:i64, month:date, amount_cents:i64
    LedgerComputation.missing_invoices: INTERNET_THIRD_PARTY lines without any invoice (cost 0.00):
        employee:i64, month:date

Frames may hold rows outside `months` (e.g. all registrations of a year); the engine ignores them.

Beyond the contract:
- `facts` also carries internet_in_force, internet_due, homework_in_force, homework_due (bool):
  whether the month is on or after the measure's effective date, and whether the measure is due,
  so that `explain` can say why without re-implementing the rules.
- `internet_required` is `internet_min_home_days`; `homework_required` is
  max(1, floor(present_days / 5) * homework_min_days_per_week). A measure is due when it is in
  force, `has_agreement` and home_days >= its required value.
- Input frames may carry more columns (e.g. fte); they are ignored. `months` must be first days,
  strictly ascending; otherwise ValueError.
- Every frame is sorted (facts by employee, month; lines by employee, month, measure; invoice
  frames by employee, month), so the same inputs give equal frames.
- The explanation JSON holds entity, last_employed_day, employed_days, absent_days, present_days,
  home_days, has_agreement, internet_option, the measure's required home days, for
  INTERNET_THIRD_PARTY the invoices' total in cents, and under "parameters" each parameter the
  line used as {"value": text, "effective_from": "YYYY-MM-DD"}.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from thuiswerk.core.money import to_cents
from thuiswerk.core.months import month_end

from .calendar import working_days
from .parameters import ParameterSet

INTERNET_FORFAIT = "INTERNET_FORFAIT"
INTERNET_THIRD_PARTY = "INTERNET_THIRD_PARTY"
INTERNET_BIK = "INTERNET_BIK"
HOMEWORK = "HOMEWORK"

FORFAIT = "forfait"
THIRD_PARTY = "third_party"

EMPLOYMENT_SCHEMA = {
    "employee": pl.Int64,
    "entity": pl.Int64,
    "start_date": pl.Date,
    "end_date": pl.Date,
}
REGISTRATIONS_SCHEMA = {
    "employee": pl.Int64,
    "date": pl.Date,
    "location": pl.String,
    "part": pl.String,
}
AGREEMENTS_SCHEMA = {"employee": pl.Int64, "valid_from": pl.Date, "valid_to": pl.Date}
INTERNET_OPTIONS_SCHEMA = {"employee": pl.Int64, "option": pl.String, "valid_from": pl.Date}
INVOICES_SCHEMA = {"employee": pl.Int64, "month": pl.Date, "amount_cents": pl.Int64}

FACTS_SCHEMA = {
    "employee": pl.Int64,
    "month": pl.Date,
    "entity": pl.Int64,
    "last_employed_day": pl.Date,
    "employed_days": pl.Int64,
    "absent_days": pl.Float64,
    "present_days": pl.Float64,
    "home_days": pl.Float64,
    "has_agreement": pl.Boolean,
    "internet_option": pl.String,
    "internet_required": pl.Float64,
    "homework_required": pl.Float64,
    "internet_in_force": pl.Boolean,
    "internet_due": pl.Boolean,
    "homework_in_force": pl.Boolean,
    "homework_due": pl.Boolean,
}
LINES_SCHEMA = {
    "employee": pl.Int64,
    "month": pl.Date,
    "measure": pl.String,
    "entity": pl.Int64,
    "employee_amount_cents": pl.Int64,
    "employer_cost_cents": pl.Int64,
    "explanation": pl.String,
}
UNMATCHED_INVOICES_SCHEMA = {"employee": pl.Int64, "month": pl.Date, "amount_cents": pl.Int64}
MISSING_INVOICES_SCHEMA = {"employee": pl.Int64, "month": pl.Date}

# The parameters each line's explanation names; `calendar` decides employed_days for all.
_LINE_PARAMETERS = {
    INTERNET_FORFAIT: (
        "internet_effective_from",
        "internet_min_home_days",
        "internet_forfait_amount",
        "calendar",
    ),
    INTERNET_THIRD_PARTY: ("internet_effective_from", "internet_min_home_days", "calendar"),
    INTERNET_BIK: (
        "internet_effective_from",
        "internet_min_home_days",
        "third_party_benefit_in_kind",
        "calendar",
    ),
    HOMEWORK: (
        "homework_effective_from",
        "homework_min_days_per_week",
        "homework_amount",
        "calendar",
    ),
}
_EXPLAINED_FACTS = (
    "entity",
    "last_employed_day",
    "employed_days",
    "absent_days",
    "present_days",
    "home_days",
    "has_agreement",
    "internet_option",
)


@dataclass(frozen=True)
class LedgerComputation:
    facts: pl.DataFrame
    lines: pl.DataFrame
    unmatched_invoices: pl.DataFrame
    missing_invoices: pl.DataFrame


def compute_ledger(
    months: Sequence[date],
    employment: pl.DataFrame,
    registrations: pl.DataFrame,
    agreements: pl.DataFrame,
    internet_options: pl.DataFrame,
    invoices: pl.DataFrame,
    parameters: ParameterSet,
) -> LedgerComputation:
    """The month facts and the ledger lines of `months` for every employee at once."""
    months = list(months)
    _check_months(months)
    if not months:
        return LedgerComputation(
            facts=pl.DataFrame(schema=FACTS_SCHEMA),
            lines=pl.DataFrame(schema=LINES_SCHEMA),
            unmatched_invoices=pl.DataFrame(schema=UNMATCHED_INVOICES_SCHEMA),
            missing_invoices=pl.DataFrame(schema=MISSING_INVOICES_SCHEMA),
        )
    days = _Days(months, parameters)
    spans = _employed_spans(days, _columns(employment, EMPLOYMENT_SCHEMA))
    facts = (
        _employment_facts(spans)
        .join(
            _day_counts(days, spans, _columns(registrations, REGISTRATIONS_SCHEMA)),
            on=["employee", "month"],
            how="left",
        )
        .join(
            _with_agreement(days, spans, _columns(agreements, AGREEMENTS_SCHEMA)),
            on=["employee", "month"],
            how="left",
        )
        .with_columns(
            pl.col("absent_days", "home_days").fill_null(0.0),
            pl.col("has_agreement").fill_null(False),
        )
    )
    facts = _with_internet_option(facts, _columns(internet_options, INTERNET_OPTIONS_SCHEMA))
    facts = _with_eligibility(facts.join(_month_parameters(months, parameters), on="month"))

    invoices = _columns(invoices, INVOICES_SCHEMA).filter(pl.col("month").is_in(months))
    lines = _lines(facts, invoices)
    third_party = lines.filter(pl.col("measure") == INTERNET_THIRD_PARTY).select(
        "employee", "month"
    )
    return LedgerComputation(
        facts=facts.select(list(FACTS_SCHEMA)).sort("employee", "month"),
        lines=lines.select(list(LINES_SCHEMA)).sort("employee", "month", "measure"),
        unmatched_invoices=invoices.join(third_party, on=["employee", "month"], how="anti")
        .select(list(UNMATCHED_INVOICES_SCHEMA))
        .sort("employee", "month", "amount_cents"),
        missing_invoices=third_party.join(invoices, on=["employee", "month"], how="anti").sort(
            "employee", "month"
        ),
    )


def _check_months(months: list[date]) -> None:
    for month in months:
        if month.day != 1:
            raise ValueError(f"a month is given by its first day, not {month.isoformat()}")
    for earlier, later in zip(months, months[1:], strict=False):
        if earlier >= later:
            raise ValueError(f"months must be strictly ascending: {earlier} before {later}")


def _columns(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return frame.select(pl.col(name).cast(dtype) for name, dtype in schema.items())


class _Days:
    """The days from the first computed month to the end of the last, as indexes from `origin`.

    A working day of the calendar in force in its month, and in a computed month, is `working`;
    `count(first, last)` counts working days and `last_working(day)` gives the last working day on
    or before `day`, both by index lookups rather than by expanding employees into days.
    """

    def __init__(self, months: list[date], parameters: ParameterSet):
        self.months = months
        self.origin = months[0]
        self._origin_epoch = (self.origin - date(1970, 1, 1)).days
        self.working = pl.concat(
            working_days(
                parameters.in_force("calendar", month).value, month, month_end(month)
            ).with_columns(month=pl.lit(month))
            for month in months
        )
        all_days = pl.date_range(self.origin, month_end(months[-1]), eager=True).alias("date")
        is_working = all_days.is_in(self.working["date"])
        # _before[i]: working days among the first i days; _last[i]: last working day <= day i.
        self._before = pl.concat([pl.Series([0]), is_working.cast(pl.Int64).cum_sum()])
        self._last = (
            all_days.to_frame()
            .select(pl.when(is_working).then(pl.col("date")).forward_fill())
            .to_series()
        )

    def index(self, column: str) -> pl.Expr:
        return pl.col(column).cast(pl.Int32) - self._origin_epoch

    def count(self, first: str, last: str) -> pl.Expr:
        """Working days from column `first` to column `last`, both included (in range, first <= last)."""
        before = pl.lit(self._before)
        return before.gather(self.index(last) + 1) - before.gather(self.index(first))

    def last_working(self, column: str) -> pl.Expr:
        return pl.lit(self._last).gather(self.index(column))


def _employed_spans(days: _Days, employment: pl.DataFrame) -> pl.DataFrame:
    """Per employment period and month: the part of the month inside the period, when it holds
    an employed day (`first_day`..`last_day` clipped to the month, `employed_days`, `last_employed`)."""
    months = pl.DataFrame({"month": days.months}).with_columns(
        month_last=pl.col("month").dt.month_end()
    )
    return (
        employment.join(months, how="cross")
        .filter(
            (pl.col("start_date") <= pl.col("month_last"))
            & (pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("month")))
        )
        .select(
            "employee",
            "entity",
            "month",
            first_day=pl.max_horizontal("start_date", "month"),
            last_day=pl.min_horizontal(
                pl.col("end_date").fill_null(pl.col("month_last")), "month_last"
            ),
        )
        .with_columns(employed_days=days.count("first_day", "last_day"))
        .filter(pl.col("employed_days") > 0)
        .with_columns(last_employed=days.last_working("last_day"))
    )


def _employment_facts(spans: pl.DataFrame) -> pl.DataFrame:
    # Periods never overlap, so the period with the latest employed day covers it.
    return spans.group_by("employee", "month").agg(
        pl.col("entity").sort_by("last_employed").last(),
        last_employed_day=pl.col("last_employed").max(),
        employed_days=pl.col("employed_days").sum(),
    )


def _day_counts(days: _Days, spans: pl.DataFrame, registrations: pl.DataFrame) -> pl.DataFrame:
    """absent_days and home_days: weights of registrations on employed days only."""
    weight = pl.when(pl.col("part") == "full").then(1.0).otherwise(0.5)
    return (
        registrations.filter(pl.col("location").is_in(["home", "absent"]))
        .join(days.working, on="date")
        .join(spans.select("employee", "month", "first_day", "last_day"), on=["employee", "month"])
        .filter(pl.col("date").is_between(pl.col("first_day"), pl.col("last_day")))
        .group_by("employee", "month")
        .agg(
            absent_days=weight.filter(pl.col("location") == "absent").sum(),
            home_days=weight.filter(pl.col("location") == "home").sum(),
        )
    )


def _with_agreement(days: _Days, spans: pl.DataFrame, agreements: pl.DataFrame) -> pl.DataFrame:
    """(employee, month, has_agreement=True) where an agreement covers an employed day."""
    return (
        spans.select("employee", "month", "first_day", "last_day")
        .join(agreements, on="employee")
        .select(
            "employee",
            "month",
            first=pl.max_horizontal("first_day", "valid_from"),
            last=pl.min_horizontal("last_day", pl.col("valid_to").fill_null(pl.col("last_day"))),
        )
        .filter(pl.col("first") <= pl.col("last"))
        .filter(days.count("first", "last") > 0)
        .select("employee", "month", has_agreement=pl.lit(True))
        .unique()
    )


def _with_internet_option(facts: pl.DataFrame, options: pl.DataFrame) -> pl.DataFrame:
    """The option in force on the last employed day; `forfait` without any."""
    return (
        facts.sort("last_employed_day")
        .join_asof(
            options.sort("valid_from"),
            left_on="last_employed_day",
            right_on="valid_from",
            by="employee",
            strategy="backward",
            check_sortedness=False,
        )
        .with_columns(internet_option=pl.col("option").fill_null(FORFAIT))
        .drop("option", "valid_from")
    )


def _month_parameters(months: list[date], parameters: ParameterSet) -> pl.DataFrame:
    """One row per month: each parameter in force on its first day, typed for the rules, and as
    p_<name> = {value, effective_from} for the explanation."""
    rows = []
    for month in months:
        used = parameters.all_in_force(month)
        row: dict[str, object] = {
            f"p_{name}": {"value": value.value, "effective_from": value.effective_from}
            for name, value in used.items()
        }
        row.update(
            month=month,
            internet_effective_from=used["internet_effective_from"].typed(),
            internet_min_home_days=float(used["internet_min_home_days"].typed()),
            internet_forfait_cents=to_cents(used["internet_forfait_amount"].typed()),
            benefit_in_kind_cents=to_cents(used["third_party_benefit_in_kind"].typed()),
            homework_effective_from=used["homework_effective_from"].typed(),
            homework_min_days_per_week=float(used["homework_min_days_per_week"].typed()),
            homework_cents=to_cents(used["homework_amount"].typed()),
        )
        rows.append(row)
    return pl.DataFrame(rows)


def _with_eligibility(facts: pl.DataFrame) -> pl.DataFrame:
    present = pl.col("employed_days") - pl.col("absent_days")
    return facts.with_columns(
        present_days=present,
        internet_required=pl.col("internet_min_home_days"),
        # floor on the exact value, half days included: floor(20.5 / 5) = 4
        homework_required=pl.max_horizontal(
            pl.lit(1.0), (present / 5).floor() * pl.col("homework_min_days_per_week")
        ),
        internet_in_force=pl.col("month") >= pl.col("internet_effective_from"),
        homework_in_force=pl.col("month") >= pl.col("homework_effective_from"),
    ).with_columns(
        internet_due=pl.col("internet_in_force")
        & pl.col("has_agreement")
        & (pl.col("home_days") >= pl.col("internet_required")),
        homework_due=pl.col("homework_in_force")
        & pl.col("has_agreement")
        & (pl.col("home_days") >= pl.col("homework_required")),
    )


def _explanation(measure: str, required: str, *extra: pl.Expr) -> pl.Expr:
    return pl.struct(
        *_EXPLAINED_FACTS,
        required,
        *extra,
        parameters=pl.struct(pl.col(f"p_{name}").alias(name) for name in _LINE_PARAMETERS[measure]),
    ).struct.json_encode()


def _lines(facts: pl.DataFrame, invoices: pl.DataFrame) -> pl.DataFrame:
    internet = facts.filter("internet_due")
    forfait = internet.filter(pl.col("internet_option") == FORFAIT)
    third_party = (
        internet.filter(pl.col("internet_option") == THIRD_PARTY)
        .join(
            invoices.group_by("employee", "month").agg(invoices_cents=pl.col("amount_cents").sum()),
            on=["employee", "month"],
            how="left",
        )
        .with_columns(pl.col("invoices_cents").fill_null(0))
    )
    homework = facts.filter("homework_due")
    key = ("employee", "month", "entity")
    return pl.concat(
        [
            forfait.select(
                *key,
                measure=pl.lit(INTERNET_FORFAIT),
                employee_amount_cents=pl.col("internet_forfait_cents"),
                employer_cost_cents=pl.col("internet_forfait_cents"),
                explanation=_explanation(INTERNET_FORFAIT, "internet_required"),
            ),
            third_party.select(
                *key,
                measure=pl.lit(INTERNET_THIRD_PARTY),
                employee_amount_cents=pl.lit(0, pl.Int64),
                employer_cost_cents=pl.col("invoices_cents"),
                explanation=_explanation(
                    INTERNET_THIRD_PARTY, "internet_required", pl.col("invoices_cents")
                ),
            ),
            third_party.select(
                *key,
                measure=pl.lit(INTERNET_BIK),
                employee_amount_cents=pl.col("benefit_in_kind_cents"),
                employer_cost_cents=pl.lit(0, pl.Int64),
                explanation=_explanation(INTERNET_BIK, "internet_required"),
            ),
            homework.select(
                *key,
                measure=pl.lit(HOMEWORK),
                employee_amount_cents=pl.col("homework_cents"),
                employer_cost_cents=pl.col("homework_cents"),
                explanation=_explanation(HOMEWORK, "homework_required"),
            ),
        ]
    )
