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
        explanation:str (a JSON object: the month facts and the parameter values used)
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
- Only approved agreements count: when `agreements` has a `status` column, the engine keeps the
  rows with status "approved" itself.
- Input frames may carry more columns (e.g. fte); they are ignored. `months` must be first days,
  strictly ascending; otherwise ValueError.
- Every frame is sorted (facts by employee, month; lines by employee, month, measure; invoice
  frames by employee, month), so the same inputs give equal frames.
- The explanation is {"facts": {last_employed_day, employed_days, absent_days,
  present_days, home_days, has_agreement, internet_option, internet_required, homework_required},
  "parameters": {name: value text}} with the values in force on the month's first day of the parameters the
  line's measure uses (and `calendar`), plus "invoices_cents" (their total) on INTERNET_THIRD_PARTY.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from thuiswerk.core.money import to_cents
from thuiswerk.core.months import month_end

from .calendar import working_days_in_force
from .parameters import ParameterSet

INTERNET_FORFAIT = "INTERNET_FORFAIT"
INTERNET_THIRD_PARTY = "INTERNET_THIRD_PARTY"
INTERNET_BIK = "INTERNET_BIK"
HOMEWORK = "HOMEWORK"
MEASURES = (HOMEWORK, INTERNET_BIK, INTERNET_FORFAIT, INTERNET_THIRD_PARTY)  # in sort order

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
LINE_PARAMETERS = {
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
EXPLAINED_FACTS = (  # the entity is a column of the line itself
    "last_employed_day",
    "employed_days",
    "absent_days",
    "present_days",
    "home_days",
    "has_agreement",
    "internet_option",
    "internet_required",
    "homework_required",
)

# Employee and month travel as one integer key, employee * len(months) + month index: joins and
# group-bys on one integer are several times faster than on (employee, month), and sorting by it
# sorts by employee, then month.
KEY = "employee_month"


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
    employment = _columns(employment, EMPLOYMENT_SCHEMA)
    spans = _employed_spans(days, employment)
    facts = (
        _employment_facts(days, spans)
        .join(_day_weights(days, employment, registrations), on=KEY, how="left")
        .with_columns(
            pl.col("absent_halves", "home_halves").fill_null(0),
            has_agreement=pl.col(KEY).is_in(_agreed_keys(days, spans, agreements).implode()),
        )
    )
    facts = _with_internet_option(facts, internet_options)
    facts = _with_eligibility(facts.join(_month_parameters(months, parameters), on="month"))
    invoices = _columns(invoices, INVOICES_SCHEMA).join(days.month_frame(), on="month")
    invoices = invoices.with_columns(days.key("employee", "month_index"))
    lines = _lines(facts, invoices)
    third_party = lines.filter(pl.col("measure") == INTERNET_THIRD_PARTY)
    return LedgerComputation(
        facts=facts.sort(KEY).select(list(FACTS_SCHEMA)),
        lines=lines.sort(KEY, "measure_rank").select(list(LINES_SCHEMA)),
        unmatched_invoices=invoices.join(third_party, on=KEY, how="anti")
        .sort(KEY, "amount_cents")
        .select(list(UNMATCHED_INVOICES_SCHEMA)),
        missing_invoices=third_party.join(invoices, on=KEY, how="anti")
        .sort(KEY)
        .select(list(MISSING_INVOICES_SCHEMA)),
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
    """The days from the first computed month to the end of the last, looked up by index.

    A day is working when it is a working day of the calendar in force in its month and that
    month is computed. Counting working days, finding the last one and a day's month are index
    lookups into small series, rather than expanding employees into days.
    """

    def __init__(self, months: list[date], parameters: ParameterSet):
        self.months = pl.Series("month", months, pl.Date)
        self.origin = months[0]
        self.last = month_end(months[-1])
        self._origin_epoch = (self.origin - date(1970, 1, 1)).days
        self._size = (self.last - self.origin).days + 1
        working = (
            working_days_in_force(parameters, self.origin, self.last)
            .join(
                self.months.to_frame().with_columns(
                    month_index=pl.int_range(pl.len(), dtype=pl.Int64)
                ),
                left_on=pl.col("date").dt.truncate("1mo"),
                right_on="month",
                how="inner",
            )
            .select("date", "month_index")
        )
        by_day = (
            pl.date_range(self.origin, self.last, eager=True)
            .alias("date")
            .to_frame()
            .join(working, on="date", how="left", maintain_order="left")
        )
        # Per day: its month's index when working (else null), the working days before it, and
        # the last working day on or before it.
        self._month_index = by_day["month_index"]
        is_working = self._month_index.is_not_null()
        self._before = pl.concat([pl.Series([0]), is_working.cast(pl.Int64).cum_sum()])
        self._last_working = by_day.select(
            pl.when(is_working).then(pl.col("date")).forward_fill()
        ).to_series()

    def month_frame(self) -> pl.DataFrame:
        return self.months.to_frame().with_columns(month_index=pl.int_range(pl.len()))

    def key(self, employee: str, month_index: str) -> pl.Expr:
        return (pl.col(employee) * len(self.months) + pl.col(month_index)).alias(KEY)

    def month_of_key(self) -> pl.Expr:
        return pl.lit(self.months).gather(pl.col(KEY) % len(self.months))

    def in_range(self, column: str) -> pl.Expr:
        return pl.col(column).is_between(self.origin, self.last)

    def _index(self, column: str, offset: int = 0) -> pl.Expr:
        # Clipped so that no evaluation order can index out of bounds; callers keep to the range.
        index = pl.col(column).cast(pl.Int32) - self._origin_epoch + offset
        return index.clip(0, self._size - 1 + offset)

    def month_index(self, column: str) -> pl.Expr:
        """The index of the day's month when the day is working; null otherwise."""
        found = pl.lit(self._month_index).gather(self._index(column))
        return pl.when(self.in_range(column)).then(found)

    def count(self, first: str, last: str) -> pl.Expr:
        """Working days from `first` to `last`, both included (both in range, first <= last)."""
        before = pl.lit(self._before)
        return before.gather(self._index(last, offset=1)) - before.gather(self._index(first))

    def last_working(self, column: str) -> pl.Expr:
        """The last working day on or before the day (in range)."""
        return pl.lit(self._last_working).gather(self._index(column))


def _employed_spans(days: _Days, employment: pl.DataFrame) -> pl.DataFrame:
    """Per employment period and month with an employed day: the part of the month inside the
    period (`first_day`..`last_day`), its `employed_days` and `last_employed` day."""
    months = days.month_frame().with_columns(month_last=pl.col("month").dt.month_end())
    return (
        employment.join(months, how="cross")
        .filter(
            (pl.col("start_date") <= pl.col("month_last"))
            & (pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("month")))
        )
        .select(
            days.key("employee", "month_index"),
            "employee",
            "entity",
            first_day=pl.max_horizontal("start_date", "month"),
            last_day=pl.min_horizontal(
                pl.col("end_date").fill_null(pl.col("month_last")), "month_last"
            ),
        )
        .with_columns(employed_days=days.count("first_day", "last_day"))
        .filter(pl.col("employed_days") > 0)
        .with_columns(last_employed=days.last_working("last_day"))
    )


def _employment_facts(days: _Days, spans: pl.DataFrame) -> pl.DataFrame:
    # Sorted, the group-by takes its fast path; periods never overlap, so the last span of the
    # month covers the last employed day and gives the entity.
    return (
        spans.sort(KEY, "last_employed")
        .group_by(KEY)
        .agg(
            pl.col("employee", "entity").last(),
            last_employed_day=pl.col("last_employed").last(),
            employed_days=pl.col("employed_days").sum(),
        )
        .with_columns(month=days.month_of_key())
    )


def _day_weights(
    days: _Days, employment: pl.DataFrame, registrations: pl.DataFrame
) -> pl.DataFrame:
    """absent_halves and home_halves (full day = 2, am/pm = 1) of registrations on employed days.

    Streaming: this is the one step over millions of rows. Locations and parts become small
    integers before the join with the employment periods, which only checks the date."""
    halves = pl.when(pl.col("part") == "full").then(2).otherwise(1).cast(pl.Int8)
    return (
        registrations.lazy()
        .select(pl.col(name).cast(dtype) for name, dtype in REGISTRATIONS_SCHEMA.items())
        .filter(days.in_range("date") & pl.col("location").is_in(["home", "absent"]))
        .select(
            "employee",
            "date",
            month_index=days.month_index("date"),
            home=pl.when(pl.col("location") == "home").then(halves).otherwise(0),
            absent=pl.when(pl.col("location") == "absent").then(halves).otherwise(0),
        )
        .filter(pl.col("month_index").is_not_null())
        .join(employment.lazy().select("employee", "start_date", "end_date"), on="employee")
        .filter(
            (pl.col("date") >= pl.col("start_date"))
            & (pl.col("end_date").is_null() | (pl.col("date") <= pl.col("end_date")))
        )
        .group_by(days.key("employee", "month_index"))
        .agg(
            home_halves=pl.col("home").cast(pl.Int64).sum(),
            absent_halves=pl.col("absent").cast(pl.Int64).sum(),
        )
        .collect(engine="streaming")
    )


def _agreed_keys(days: _Days, spans: pl.DataFrame, agreements: pl.DataFrame) -> pl.Series:
    """The employee-months where an approved agreement covers an employed day."""
    if "status" in agreements.columns:
        agreements = agreements.filter(pl.col("status") == "approved")
    return (
        spans.select(KEY, "employee", "first_day", "last_day")
        .join(_columns(agreements, AGREEMENTS_SCHEMA), on="employee")
        .select(
            KEY,
            first=pl.max_horizontal("first_day", "valid_from"),
            last=pl.min_horizontal("last_day", pl.col("valid_to").fill_null(pl.col("last_day"))),
        )
        .filter(pl.col("first") <= pl.col("last"))
        .filter(days.count("first", "last") > 0)
        .get_column(KEY)
        .unique()
    )


def _with_internet_option(facts: pl.DataFrame, options: pl.DataFrame) -> pl.DataFrame:
    """The option in force on the last employed day; `forfait` without any."""
    chosen = (
        facts.select(KEY, "employee", "last_employed_day")
        .join(_columns(options, INTERNET_OPTIONS_SCHEMA), on="employee")
        .filter(pl.col("valid_from") <= pl.col("last_employed_day"))
        .group_by(KEY)
        .agg(internet_option=pl.col("option").get(pl.col("valid_from").arg_max()))
    )
    return facts.join(chosen, on=KEY, how="left").with_columns(
        pl.col("internet_option").fill_null(FORFAIT)
    )


def _month_parameters(months: list[date], parameters: ParameterSet) -> pl.DataFrame:
    """One row per month: the parameters in force on its first day, typed for the rules, and as
    the JSON of each measure's explanation."""
    rows = []
    for month in months:
        used = parameters.all_in_force(month)
        row: dict[str, object] = {
            f"parameters_{measure}": json.dumps(
                # Values only: the month's first day names the value row in force (its
                # effective date and legal source are in the run's parameter snapshot); this
                # keeps millions of explanations small.
                {name: used[name].value for name in names},
                separators=(",", ":"),
            )
            for measure, names in LINE_PARAMETERS.items()
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
    return (
        facts.with_columns(
            absent_days=pl.col("absent_halves") / 2,
            home_days=pl.col("home_halves") / 2,
        )
        .with_columns(
            present_days=present,
            internet_required=pl.col("internet_min_home_days"),
            # floor on the exact value, half days included: floor(20.5 / 5) = 4
            homework_required=pl.max_horizontal(
                pl.lit(1.0), (present / 5).floor() * pl.col("homework_min_days_per_week")
            ),
            internet_in_force=pl.col("month") >= pl.col("internet_effective_from"),
            homework_in_force=pl.col("month") >= pl.col("homework_effective_from"),
        )
        .with_columns(
            internet_due=pl.col("internet_in_force")
            & pl.col("has_agreement")
            & (pl.col("home_days") >= pl.col("internet_required")),
            homework_due=pl.col("homework_in_force")
            & pl.col("has_agreement")
            & (pl.col("home_days") >= pl.col("homework_required")),
        )
    )


def _lines(facts: pl.DataFrame, invoices: pl.DataFrame) -> pl.DataFrame:
    # The facts are encoded once per employee-month; each line adds its parameters.
    due = facts.filter(pl.col("internet_due") | pl.col("homework_due")).with_columns(
        facts_json=pl.struct(EXPLAINED_FACTS).struct.json_encode()
    )
    internet = due.filter("internet_due")
    third_party = (
        internet.filter(pl.col("internet_option") == THIRD_PARTY)
        .join(
            invoices.group_by(KEY).agg(invoices_cents=pl.col("amount_cents").sum()),
            on=KEY,
            how="left",
        )
        .with_columns(pl.col("invoices_cents").fill_null(0))
    )
    return pl.concat(
        [
            _measure_lines(
                internet.filter(pl.col("internet_option") == FORFAIT),
                INTERNET_FORFAIT,
                employee_amount=pl.col("internet_forfait_cents"),
                employer_cost=pl.col("internet_forfait_cents"),
            ),
            _measure_lines(
                third_party,
                INTERNET_THIRD_PARTY,
                employee_amount=pl.lit(0, pl.Int64),
                employer_cost=pl.col("invoices_cents"),
                explained=pl.format(',"invoices_cents":{}', "invoices_cents"),
            ),
            _measure_lines(
                third_party,
                INTERNET_BIK,
                employee_amount=pl.col("benefit_in_kind_cents"),
                employer_cost=pl.lit(0, pl.Int64),
            ),
            _measure_lines(
                due.filter("homework_due"),
                HOMEWORK,
                employee_amount=pl.col("homework_cents"),
                employer_cost=pl.col("homework_cents"),
            ),
        ]
    )


def _measure_lines(
    due: pl.DataFrame,
    measure: str,
    *,
    employee_amount: pl.Expr,
    employer_cost: pl.Expr,
    explained: pl.Expr | None = None,
) -> pl.DataFrame:
    return due.select(
        KEY,
        "employee",
        "month",
        "entity",
        measure=pl.lit(measure),
        measure_rank=pl.lit(MEASURES.index(measure)),
        employee_amount_cents=employee_amount,
        employer_cost_cents=employer_cost,
        explanation=pl.concat_str(
            pl.lit('{"facts":'),
            "facts_json",
            explained if explained is not None else pl.lit(""),
            pl.lit(',"parameters":'),
            f"parameters_{measure}",
            pl.lit("}"),
        ),
    )
