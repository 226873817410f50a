"""The figures of the parliamentary answer (RULES.md, "Parliamentary figures" and "Precise readings").

Reports read what is stored (ledger lines, deliveries, budgets, employment periods, ledger months,
parameter values); they never apply the rules again. Every figure is computed set-based: the
ledger in one SQL statement that aggregates in the database, deliveries and budgets through
grouped ORM queries, headcount with Polars over the employment periods and the working days of
the calendar.

`parliament_answer` returns one self-contained, immutable `ParliamentAnswer`: the entity (code and
name), the years with their months, every figure, the parameters in force with their legal
source and the day each took effect in law, the provisional flags, the initiatives (current and
past) and, for ALL, a row per entity. The JSON (`to_json`) and the workbook are both written from
it, so they cannot disagree, and the workbook writer needs no database.

A figure is kept per *scope*: an entity's primary key, or ALL (None) for the whole administration.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import Case, Count, IntegerField, Model, Sum, Value, When
from django.utils.translation import gettext as _

from thuiswerk.allowances.inputs import load_parameters
from thuiswerk.allowances.models import LEDGER_COVER_INDEX, LedgerLine, LedgerMonth
from thuiswerk.budgets.models import BudgetLine, Measure, PlannedInitiative
from thuiswerk.core.frames import day_number, fetch_frame, scaled_integer
from thuiswerk.core.money import format_eur, from_cents
from thuiswerk.core.months import format_month, month_end, month_range
from thuiswerk.equipment.models import Delivery
from thuiswerk.people.models import EmploymentPeriod, Entity
from thuiswerk.rules.calendar import LAST_CALENDAR_DAY, working_days_in_force
from thuiswerk.rules.parameters import BEGINNING
from thuiswerk.rules.parameters import ParameterValue as RuleParameterValue

from .labels import ALL_ENTITIES

ALL = "ALL"
CATEGORIES: tuple[str, ...] = tuple(Delivery.Category.values)
MAX_YEARS = 10
LAST_AS_OF = LAST_CALENDAR_DAY  # the holiday calendar, and so the registrations, end there

# Ledger measures as the report names them; INTERNET_BIK is no allowance (it follows the
# third-party line) and carries no employer cost, so the report leaves it out.
_FIGURE_MEASURES = {
    "internet_forfait": LedgerLine.Measure.INTERNET_FORFAIT.value,
    "internet_third_party": LedgerLine.Measure.INTERNET_THIRD_PARTY.value,
    "homework": LedgerLine.Measure.HOMEWORK.value,
}

# The parameter that says from when each measure of the report is due in law.
MEASURE_START = {"internet": "internet_effective_from", "homework": "homework_effective_from"}
# The measure each parameter belongs to (its values cannot apply before the measure exists).
_PARAMETER_MEASURE = {
    "internet_effective_from": "internet",
    "internet_min_home_days": "internet",
    "internet_forfait_amount": "internet",
    "third_party_benefit_in_kind": "internet",
    "homework_effective_from": "homework",
    "homework_min_days_per_week": "homework",
    "homework_amount": "homework",
}

Scope = int | None  # an entity's pk, or None for ALL
Tally = dict[tuple[Scope, int], dict[str, Any]]  # (scope, year) -> figure name -> value


class UnknownEntityError(LookupError):
    """The entity code names no entity."""


class ReportPeriodError(ValueError):
    """The years or the as-of date ask for a period the report cannot answer."""


@dataclass(frozen=True)
class ReportYear:
    """One calendar year of the report and the months of it that count (those ended by as_of)."""

    year: int
    months: tuple[date, ...]

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last_day(self) -> date | None:
        """The last day that counts, None when no month of the year has ended yet."""
        return month_end(self.months[-1]) if self.months else None


@dataclass(frozen=True)
class CategoryFigures:
    category: str
    items: int
    beneficiaries: int
    cost: Decimal


@dataclass(frozen=True)
class YearFigures:
    """Every figure of one year for one scope; percentages derive from the counts."""

    year: int
    months: tuple[date, ...]
    provisional: bool  # a month counted is not closed yet: its ledger may still change
    headcount: int
    internet_forfait: int
    internet_third_party: int
    internet_total: int
    homework_total: int
    financial_reserved: Decimal
    spent_internet_forfait: Decimal
    spent_internet_third_party: Decimal
    spent_homework: Decimal
    material_reserved: Decimal
    material_beneficiaries: int
    by_category: tuple[CategoryFigures, ...]

    def pct(self, count: int) -> float:
        return percentage(count, self.headcount)

    @property
    def financial_spent(self) -> Decimal:
        return self.spent_internet_forfait + self.spent_internet_third_party + self.spent_homework

    @property
    def material_spent(self) -> Decimal:
        return sum((c.cost for c in self.by_category), Decimal(0))

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "months": [format_month(m) for m in self.months],
            "provisional": self.provisional,
            "headcount": self.headcount,
            "internet": {
                "forfait": self.internet_forfait,
                "third_party": self.internet_third_party,
                "total": self.internet_total,
                "pct": self.pct(self.internet_total),
                "forfait_pct": self.pct(self.internet_forfait),
                "third_party_pct": self.pct(self.internet_third_party),
            },
            "homework": {"total": self.homework_total, "pct": self.pct(self.homework_total)},
            "financial": {
                "reserved": format_eur(self.financial_reserved),
                "spent": format_eur(self.financial_spent),
                "internet_forfait": format_eur(self.spent_internet_forfait),
                "internet_third_party": format_eur(self.spent_internet_third_party),
                "homework": format_eur(self.spent_homework),
            },
            "material": {
                "reserved": format_eur(self.material_reserved),
                "spent": format_eur(self.material_spent),
                "beneficiaries": self.material_beneficiaries,
                "pct": self.pct(self.material_beneficiaries),
                "by_category": {
                    c.category: {
                        "items": c.items,
                        "beneficiaries": c.beneficiaries,
                        "cost": format_eur(c.cost),
                    }
                    for c in self.by_category
                },
            },
        }


@dataclass(frozen=True)
class ParameterInForce:
    """A parameter value in force on the as-of date, with the day it took effect in law.

    `effective_from` of the first values is a technical start of time (2000-01-01); `in_law_from`
    is the later of that and the day the parameter's measure is due from (internet 01/10/2021,
    home-working 01/01/2023), None for a value that applies since always (the calendar).
    """

    name: str
    value: str
    effective_from: date
    in_law_from: date | None
    legal_source: str
    assumption: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "effective_from": self.effective_from.isoformat(),
            "in_law_from": self.in_law_from.isoformat() if self.in_law_from else "",
            "legal_source": self.legal_source,
            "assumption": self.assumption,
        }


@dataclass(frozen=True)
class Initiative:
    entity: str  # the entity's code
    kind: str
    title: str
    motivation: str
    planned_from: date | None
    planned_to: date | None
    budget: Decimal

    def to_json(self, with_entity: bool) -> dict[str, Any]:
        return {
            **({"entity": self.entity} if with_entity else {}),
            "kind": self.kind,
            "title": self.title,
            "motivation": self.motivation,
            "planned_from": self.planned_from.isoformat() if self.planned_from else "",
            "planned_to": self.planned_to.isoformat() if self.planned_to else "",
            "budget": format_eur(self.budget),
        }


@dataclass(frozen=True)
class EntityFigures:
    code: str
    name: str
    years: tuple[YearFigures, ...]


@dataclass(frozen=True)
class ParliamentAnswer:
    """Everything the answer shows; `entity` is a code or ALL, `name` its name (ALL: translated)."""

    entity: str
    name: str
    as_of: date
    years: tuple[YearFigures, ...]
    parameters: tuple[ParameterInForce, ...]
    measures_from: dict[str, date]  # "internet" / "homework" -> the day the measure is due from
    open_months: tuple[date, ...]  # months counted that are not closed: the figures are provisional
    initiatives: tuple[Initiative, ...]  # current and future (not ended before as_of)
    past_initiatives: tuple[Initiative, ...]  # planned_to before as_of
    per_entity: tuple[EntityFigures, ...]  # with ALL: every entity; otherwise empty

    @property
    def is_all(self) -> bool:
        return self.entity == ALL

    @property
    def provisional(self) -> bool:
        return bool(self.open_months)

    def applies_in(self, measure: str, year: int) -> bool:
        """Whether `measure` was due in law in some day of `year` (else its figures are no 0)."""
        return self.measures_from[measure].year <= year

    def to_json(self) -> dict[str, Any]:
        figures = {
            "entity": self.entity,
            "name": str(self.name),
            "as_of": self.as_of.isoformat(),
            "provisional": self.provisional,
            "years": [y.to_json() for y in self.years],
            "initiatives": [i.to_json(self.is_all) for i in self.initiatives],
            "past_initiatives": [i.to_json(self.is_all) for i in self.past_initiatives],
            "parameters": [p.to_json() for p in self.parameters],
            "measures_from": {m: d.isoformat() for m, d in self.measures_from.items()},
            "open_months": [format_month(m) for m in self.open_months],
        }
        if self.is_all:
            figures["entities"] = [
                {"entity": e.code, "name": e.name, "years": [y.to_json() for y in e.years]}
                for e in self.per_entity
            ]
        return figures


@dataclass(frozen=True)
class _Levels:
    """Which figures to compute: of one entity (`only`), per entity, and/or for ALL."""

    only: int | None
    by_entity: bool
    with_all: bool


def report_years(as_of: date, years: int) -> list[ReportYear]:
    """as_of's year and the `years` - 1 calendar years before it, oldest first."""
    if not 1 <= years <= MAX_YEARS:
        raise ReportPeriodError(
            _("the number of years must be between 1 and %(max)d, not %(years)d")
            % {"max": MAX_YEARS, "years": years}
        )
    if as_of > LAST_AS_OF:
        raise ReportPeriodError(
            _("the as-of date %(day)s is after %(last)s, the last day the calendar covers")
            % {"day": as_of.isoformat(), "last": LAST_AS_OF.isoformat()}
        )
    if as_of.year - years + 1 < 1:
        raise ReportPeriodError(_first_parameter_message(date.min))
    return [
        ReportYear(
            year,
            tuple(
                m for m in month_range(date(year, 1, 1), date(year, 12, 1)) if month_end(m) <= as_of
            ),
        )
        for year in range(as_of.year - years + 1, as_of.year + 1)
    ]


def _first_parameter_message(first_day: date) -> str:
    return _(
        "the report starts on %(day)s, before the first value of the parameters "
        "(see `thuiswerk rules`): choose a later as-of date or fewer years"
    ) % {"day": first_day.isoformat()}


def percentage(part: int, whole: int) -> float:
    """100 * part / whole, exact, rounded half up to one decimal; 0.0 when whole is 0."""
    if whole == 0:
        return 0.0
    return float((Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def entity_by_code(code: str) -> Entity:
    try:
        return Entity.objects.get(code=code)
    except Entity.DoesNotExist:
        raise UnknownEntityError(f"unknown entity {code!r}") from None


def parliament_answer(*, entity_code: str, as_of: date, years: int = 3) -> ParliamentAnswer:
    """The answer for one entity (its code) or for ALL (then with a row per entity), in one pass.

    Raises UnknownEntityError for an unknown code and ReportPeriodError for a period before the
    first parameter value or outside 1..MAX_YEARS years.
    """
    report = report_years(as_of, years)
    parameters = load_parameters()
    try:
        parameters.all_in_force(report[0].first_day)
    except KeyError:
        raise ReportPeriodError(_first_parameter_message(report[0].first_day)) from None
    in_force = parameters.all_in_force(as_of)
    if entity_code == ALL:
        entities = list(Entity.objects.order_by("code"))
        levels = _Levels(only=None, by_entity=True, with_all=True)
        name = ALL_ENTITIES
    else:
        entities = [entity_by_code(entity_code)]
        levels = _Levels(only=entities[0].pk, by_entity=True, with_all=False)
        name = entities[0].name

    tally: Tally = defaultdict(lambda: defaultdict(int))
    for add in (_tally_headcount, _tally_ledger, _tally_material, _tally_budgets):
        add(tally, report, levels)
    open_months = _open_months(report)

    def year_figures(scope: Scope) -> tuple[YearFigures, ...]:
        return tuple(_year(ry, tally[(scope, ry.year)], open_months) for ry in report)

    current, past = _initiatives(levels.only, as_of)
    measures_from = {m: in_force[p].typed() for m, p in MEASURE_START.items()}
    return ParliamentAnswer(
        entity=entity_code,
        name=name,
        as_of=as_of,
        years=year_figures(levels.only),
        parameters=_parameters(in_force, measures_from),
        measures_from=measures_from,
        open_months=tuple(sorted(open_months)),
        initiatives=current,
        past_initiatives=past,
        per_entity=tuple(EntityFigures(e.code, e.name, year_figures(e.pk)) for e in entities)
        if entity_code == ALL
        else (),
    )


def _year(ry: ReportYear, v: dict[str, Any], open_months: set[date]) -> YearFigures:
    return YearFigures(
        year=ry.year,
        months=ry.months,
        provisional=any(m in open_months for m in ry.months),
        headcount=v["headcount"],
        internet_forfait=v["internet_forfait"],
        internet_third_party=v["internet_third_party"],
        internet_total=v["internet_total"],
        homework_total=v["homework_total"],
        financial_reserved=Decimal(v["reserved_financial"]),
        spent_internet_forfait=from_cents(v["spent_internet_forfait"]),
        spent_internet_third_party=from_cents(v["spent_internet_third_party"]),
        spent_homework=from_cents(v["spent_homework"]),
        material_reserved=Decimal(v["reserved_material"]),
        material_beneficiaries=v["material_beneficiaries"],
        by_category=tuple(
            CategoryFigures(c, v[f"items_{c}"], v[f"beneficiaries_{c}"], Decimal(v[f"cost_{c}"]))
            for c in CATEGORIES
        ),
    )


def _open_months(report: list[ReportYear]) -> set[date]:
    """The months counted that are not closed (a month without a LedgerMonth row is open)."""
    counted = [m for ry in report for m in ry.months]
    closed = set(
        LedgerMonth.objects.filter(month__in=counted, status=LedgerMonth.Status.CLOSED).values_list(
            "month", flat=True
        )
    )
    return set(counted) - closed


def _parameters(
    in_force: dict[str, RuleParameterValue], starts: dict[str, date]
) -> tuple[ParameterInForce, ...]:
    """The parameters in force, each with the day it took effect in law (`starts`: the day each
    measure is due from)."""

    def in_law(p: RuleParameterValue) -> date | None:
        measure = _PARAMETER_MEASURE.get(p.name)
        if measure is not None:
            return max(p.effective_from, starts[measure])
        return None if p.effective_from == BEGINNING else p.effective_from

    return tuple(
        ParameterInForce(p.name, p.value, p.effective_from, in_law(p), p.legal_source, p.assumption)
        for p in sorted(in_force.values(), key=lambda p: p.name)
    )


def _sql_names(model: type[Model], *fields: str) -> tuple[str, ...]:
    """The quoted table of `model` and the quoted columns of its `fields`, from the model."""
    quote = connection.ops.quote_name
    return (
        quote(model._meta.db_table),
        *(quote(model._meta.get_field(f).column) for f in fields),
    )


def _counted_span(report: list[ReportYear]) -> tuple[date, date] | None:
    """The first and last day that count: every year before as_of's is complete."""
    last_days = [ry.last_day for ry in report if ry.last_day is not None]
    return (report[0].first_day, max(last_days)) if last_days else None


def _year_case(field: str, report: list[ReportYear]) -> Case:
    """The report year of a date field, as an SQL CASE (no per-row Python function on SQLite)."""
    return Case(
        *(When(**{f"{field}__lte": date(ry.year, 12, 31)}, then=Value(ry.year)) for ry in report),
        output_field=IntegerField(),
    )


def _tally_headcount(tally: Tally, report: list[ReportYear], levels: _Levels) -> None:
    """Distinct employees with at least one working day inside an employment period of the scope."""
    span = _counted_span(report)
    if span is None:
        return
    first, last = span
    table, employee, entity, start, end = _sql_names(
        EmploymentPeriod, "employee", "entity", "start_date", "end_date"
    )
    where = f" AND {entity} = %s" if levels.only is not None else ""
    periods = fetch_frame(
        f"SELECT {employee}, {entity}, {day_number(start)}, {day_number(end)} FROM {table}"
        f" WHERE {start} <= %s AND ({end} IS NULL OR {end} >= %s){where}",
        [last, first, *([levels.only] if levels.only is not None else [])],
        {"employee": pl.Int64, "entity": pl.Int64, "start_date": pl.Date, "end_date": pl.Date},
    )
    workdays = working_days_in_force(load_parameters(), first, last)["date"]
    years = pl.DataFrame(
        {
            "year": [ry.year for ry in report if ry.last_day],
            "year_first": [ry.first_day for ry in report if ry.last_day],
            "year_last": [ry.last_day for ry in report if ry.last_day],
        },
        schema={"year": pl.Int64, "year_first": pl.Date, "year_last": pl.Date},
    )
    clipped = (
        periods.join(years, how="cross")
        .with_columns(
            pl.max_horizontal("start_date", "year_first").alias("a"),
            pl.min_horizontal(pl.col("end_date").fill_null(pl.col("year_last")), "year_last").alias(
                "b"
            ),
        )
        .filter(pl.col("a") <= pl.col("b"))
    )
    # Working days in [a, b]: positions in the sorted working days, no loop per day.
    employed = clipped.with_columns(
        (
            workdays.search_sorted(clipped["b"], side="right")
            - workdays.search_sorted(clipped["a"], side="left")
        ).alias("working_days")
    ).filter(pl.col("working_days") > 0)
    if levels.by_entity:
        for year, entity, count in (
            employed.group_by("year", "entity").agg(pl.col("employee").n_unique()).iter_rows()
        ):
            tally[(entity, year)]["headcount"] = count
    if levels.with_all:
        for year, count in employed.group_by("year").agg(pl.col("employee").n_unique()).iter_rows():
            tally[(None, year)]["headcount"] = count


def _tally_ledger(tally: Tally, report: list[ReportYear], levels: _Levels) -> None:
    """Allowance counts and money spent, from the ledger lines concerning the counted months.

    Lines of one employee, entity and measure add up per year, entitlements and corrections alike
    (a correction counts for the month it concerns). `units` is +1 on the line that grants a
    measure for a month and -1 on a correction that withdraws it, so per month it sums to 1 (due)
    or 0, and per year to the number of months due: the employee counts when that is positive. A
    withdrawn month therefore does not count, and a third-party payer without an invoice (cost 0.00)
    does. Money leaves SQL as integer cents (one employee's lines of one year, rounded to the cent),
    so the totals are exact on SQLite too.

    The database groups per employee, entity and measure, reading the ledger's covering index
    alone (never the wide explanations); Polars then counts per entity and for ALL.
    """
    if _counted_span(report) is None:
        return
    table, employee, entity, measure, month, units, cost = _sql_names(
        LedgerLine, "employee", "entity", "measure", "month", "units", "employer_cost"
    )
    params: list[Any] = []
    sums = []
    for ry in report:
        # Lines of other months (after as_of, or before the first year) add nothing; no WHERE on
        # month, so SQLite can read the covering index in GROUP BY order.
        in_year = f"{month} >= %s AND {month} <= %s"
        params += [ry.first_day, ry.months[-1], ry.first_day, ry.months[-1]] if ry.months else []
        sums += (
            [
                f"SUM(CASE WHEN {in_year} THEN {units} ELSE 0 END)",
                scaled_integer(f"SUM(CASE WHEN {in_year} THEN {cost} ELSE 0 END)"),
            ]
            if ry.months
            else ["0", "0"]
        )
    measures = list(_FIGURE_MEASURES.values())
    params += measures
    where = ""
    if levels.only is not None:
        where = f" AND {entity} = %s"
        params.append(levels.only)
    schema: dict[str, pl.DataType] = {
        "employee": pl.Int64(),
        "entity": pl.Int64(),
        "measure": pl.String(),
    }
    for ry in report:
        schema[f"units_{ry.year}"] = pl.Int64()
        schema[f"cents_{ry.year}"] = pl.Int64()
    grouping = f"{employee}, {entity}, {measure}"
    wide = fetch_frame(
        f"SELECT {grouping}, {', '.join(sums)} FROM {table}{_covering_index_hint()}"
        f" WHERE {measure} IN ({', '.join(['%s'] * len(measures))}){where} GROUP BY {grouping}",
        params,
        schema,
    )
    lines = pl.concat(
        [
            wide.select(
                "employee",
                "entity",
                "measure",
                pl.lit(ry.year, pl.Int64).alias("year"),
                (pl.col(f"units_{ry.year}") > 0).alias("due"),
                pl.col(f"cents_{ry.year}").alias("cents"),
            )
            for ry in report
        ]
    )
    forfait, third_party, homework = (pl.col("measure") == m for m in measures)
    internet = pl.col("measure") != _FIGURE_MEASURES["homework"]
    due = pl.col("due")
    figures = [
        pl.col("employee").filter(forfait & due).n_unique().alias("internet_forfait"),
        pl.col("employee").filter(third_party & due).n_unique().alias("internet_third_party"),
        pl.col("employee").filter(internet & due).n_unique().alias("internet_total"),
        pl.col("employee").filter(homework & due).n_unique().alias("homework_total"),
        pl.col("cents").filter(forfait).sum().alias("spent_internet_forfait"),
        pl.col("cents").filter(third_party).sum().alias("spent_internet_third_party"),
        pl.col("cents").filter(homework).sum().alias("spent_homework"),
    ]
    groupings = []
    if levels.by_entity:
        groupings.append(lines.group_by("entity", "year").agg(figures))
    if levels.with_all:
        groupings.append(
            lines.group_by("year").agg(figures).with_columns(pl.lit(None, pl.Int64).alias("entity"))
        )
    for grouped in groupings:
        for row in grouped.iter_rows(named=True):
            tally[(row.pop("entity"), row.pop("year"))].update(row)


def _covering_index_hint() -> str:
    """SQLite: read the ledger's covering index. Left to itself, SQLite picks the unique index
    (it starts with the employee, as the grouping does), then reads every line from the table:
    three times slower at scale. PostgreSQL chooses well by itself."""
    if connection.vendor != "sqlite":
        return ""
    return f" INDEXED BY {connection.ops.quote_name(LEDGER_COVER_INDEX)}"


def _tally_material(tally: Tally, report: list[ReportYear], levels: _Levels) -> None:
    """Deliveries in the counted months: items, distinct beneficiaries and cost per category."""
    span = _counted_span(report)
    if span is None:
        return
    deliveries = Delivery.objects.filter(delivered_on__range=span).annotate(
        report_year=_year_case("delivered_on", report)
    )
    if levels.only is not None:
        deliveries = deliveries.filter(entity_id=levels.only)
    keys = []
    if levels.by_entity:
        keys.append(("entity_id",))
    if levels.with_all:
        keys.append(())
    for level in keys:
        per_category = (
            deliveries.order_by()
            .values("report_year", *level, "category")
            .annotate(
                items=Count("id"),
                beneficiaries=Count("employee_id", distinct=True),
                cost=Sum("cost"),
            )
        )
        for row in per_category:
            target = tally[(row.get("entity_id"), row["report_year"])]
            target[f"items_{row['category']}"] = row["items"]
            target[f"beneficiaries_{row['category']}"] = row["beneficiaries"]
            target[f"cost_{row['category']}"] = row["cost"]
        per_scope = (
            deliveries.order_by()
            .values("report_year", *level)
            .annotate(beneficiaries=Count("employee_id", distinct=True))
        )
        for row in per_scope:
            tally[(row.get("entity_id"), row["report_year"])]["material_beneficiaries"] = row[
                "beneficiaries"
            ]


def _tally_budgets(tally: Tally, report: list[ReportYear], levels: _Levels) -> None:
    """What the budget lines reserve, for the full year even when levels.only part of it has passed."""
    lines = BudgetLine.objects.filter(year__in=[ry.year for ry in report])
    if levels.only is not None:
        lines = lines.filter(entity_id=levels.only)
    for entity, year, measure, amount in lines.values_list(
        "entity_id", "year", "measure", "amount"
    ):
        key = "reserved_financial" if measure == Measure.FINANCIAL else "reserved_material"
        if levels.by_entity:
            tally[(entity, year)][key] += amount
        if levels.with_all:
            tally[(None, year)][key] += amount


def _initiatives(
    only: int | None, as_of: date
) -> tuple[tuple[Initiative, ...], tuple[Initiative, ...]]:
    """The planned initiatives of the entity (with ALL of every entity): current, and past (ended
    before as_of)."""
    rows = PlannedInitiative.objects.select_related("entity").order_by(
        "entity__code", "kind", "planned_from", "title"
    )
    if only is not None:
        rows = rows.filter(entity_id=only)
    initiatives = [
        Initiative(
            i.entity.code, i.kind, i.title, i.motivation, i.planned_from, i.planned_to, i.budget
        )
        for i in rows
    ]
    ended = [i for i in initiatives if i.planned_to is not None and i.planned_to < as_of]
    return tuple(i for i in initiatives if i not in ended), tuple(ended)
