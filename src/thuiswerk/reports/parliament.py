"""The figures of the parliamentary answer (RULES.md, "Parliamentary figures" and "Precise readings").

Reports read what is stored (ledger lines, deliveries, budgets, employment periods); they never
apply the rules again. Every figure is computed set-based: the ledger in one SQL statement that
aggregates in the database, deliveries and budgets through grouped ORM queries, headcount with
Polars over the employment periods and the working days of the calendar.

A figure is kept per *scope*: an entity's primary key, or ALL (None) for the whole administration.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import polars as pl
from django.db.models import Case, Count, IntegerField, Sum, Value, When

from thuiswerk.allowances.inputs import load_parameters
from thuiswerk.allowances.models import LedgerLine
from thuiswerk.budgets.models import BudgetLine, Measure, PlannedInitiative
from thuiswerk.core.frames import day_number, fetch_frame, scaled_integer
from thuiswerk.core.money import format_eur, from_cents
from thuiswerk.core.months import format_month, month_end, month_range
from thuiswerk.equipment.models import Delivery
from thuiswerk.people.models import Entity
from thuiswerk.rules.calendar import working_days_in_force

ALL = "ALL"
CATEGORIES: tuple[str, ...] = tuple(Delivery.Category.values)

# Ledger measures as the report names them; INTERNET_BIK is no allowance (it follows the
# third-party line) and carries no employer cost, so the report leaves it out.
_FIGURE_MEASURES = {
    "internet_forfait": LedgerLine.Measure.INTERNET_FORFAIT.value,
    "internet_third_party": LedgerLine.Measure.INTERNET_THIRD_PARTY.value,
    "homework": LedgerLine.Measure.HOMEWORK.value,
}

Scope = int | None  # an entity's pk, or None for ALL
Tally = dict[tuple[Scope, int], dict[str, Any]]  # (scope, year) -> figure name -> value


class UnknownEntityError(LookupError):
    """The entity code names no entity."""


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
class _Levels:
    """Which figures to compute: of one entity (`only`), per entity, and/or for ALL."""

    only: int | None
    by_entity: bool
    with_all: bool


def report_years(as_of: date, years: int) -> list[ReportYear]:
    """as_of's year and the `years` - 1 calendar years before it, oldest first."""
    if years < 1:
        raise ValueError(f"years must be at least 1, not {years}")
    return [
        ReportYear(
            year,
            tuple(
                m for m in month_range(date(year, 1, 1), date(year, 12, 1)) if month_end(m) <= as_of
            ),
        )
        for year in range(as_of.year - years + 1, as_of.year + 1)
    ]


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


def parliament_figures(*, entity_code: str, as_of: date, years: int = 3) -> dict[str, Any]:
    """The figures for one entity (its code) or for ALL, in the JSON shape of the report."""
    figures, _ = parliament_answer(entity_code=entity_code, as_of=as_of, years=years)
    return figures


def parliament_figures_per_entity(*, as_of: date, years: int = 3) -> list[dict[str, Any]]:
    """For every entity (by code): {"entity", "name", "years"} with the years as in the JSON."""
    _, per_entity = parliament_answer(
        entity_code=ALL, as_of=as_of, years=years, with_per_entity=True
    )
    return per_entity or []


def parliament_answer(
    *, entity_code: str, as_of: date, years: int = 3, with_per_entity: bool = False
) -> tuple[dict[str, Any], list[dict[str, Any]] | None]:
    """The figures, and with ALL and `with_per_entity` also the per-entity figures, in one pass.

    The ALL workbook needs both; computing them together reads the ledger once.
    """
    report = report_years(as_of, years)
    if entity_code == ALL:
        entities = list(Entity.objects.order_by("code")) if with_per_entity else []
        levels = _Levels(only=None, by_entity=with_per_entity, with_all=True)
    else:
        entities = [entity_by_code(entity_code)]
        levels = _Levels(only=entities[0].pk, by_entity=True, with_all=False)

    tally: Tally = defaultdict(lambda: defaultdict(int))
    for add in (_tally_headcount, _tally_ledger, _tally_material, _tally_budgets):
        add(tally, report, levels)

    scope = levels.only
    figures = {
        "entity": entity_code,
        "as_of": as_of.isoformat(),
        "years": [_year_json(ry, tally[(scope, ry.year)]) for ry in report],
        "initiatives": _initiatives(levels.only),
    }
    per_entity = None
    if entity_code == ALL and with_per_entity:
        per_entity = [
            {
                "entity": e.code,
                "name": e.name,
                "years": [_year_json(ry, tally[(e.pk, ry.year)]) for ry in report],
            }
            for e in entities
        ]
    return figures, per_entity


def _year_json(ry: ReportYear, v: dict[str, Any]) -> dict[str, Any]:
    headcount = v["headcount"]
    spent = {name: from_cents(v[f"spent_{name}"]) for name in _FIGURE_MEASURES}
    return {
        "year": ry.year,
        "months": [format_month(m) for m in ry.months],
        "headcount": headcount,
        "internet": {
            "forfait": v["internet_forfait"],
            "third_party": v["internet_third_party"],
            "total": v["internet_total"],
            "pct": percentage(v["internet_total"], headcount),
        },
        "homework": {
            "total": v["homework_total"],
            "pct": percentage(v["homework_total"], headcount),
        },
        "financial": {
            "reserved": format_eur(Decimal(v["reserved_financial"])),
            "spent": format_eur(sum(spent.values(), Decimal(0))),
            **{name: format_eur(amount) for name, amount in spent.items()},
        },
        "material": {
            "reserved": format_eur(Decimal(v["reserved_material"])),
            "spent": format_eur(sum((Decimal(v[f"cost_{c}"]) for c in CATEGORIES), Decimal(0))),
            "beneficiaries": v["material_beneficiaries"],
            "pct": percentage(v["material_beneficiaries"], headcount),
            "by_category": {
                c: {
                    "items": v[f"items_{c}"],
                    "beneficiaries": v[f"beneficiaries_{c}"],
                    "cost": format_eur(Decimal(v[f"cost_{c}"])),
                }
                for c in CATEGORIES
            },
        },
    }


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
    where = " AND entity_id = %s" if levels.only is not None else ""
    periods = fetch_frame(
        f"SELECT employee_id, entity_id, {day_number('start_date')}, {day_number('end_date')}"
        " FROM people_employmentperiod WHERE start_date <= %s AND (end_date IS NULL OR end_date >= %s)"
        + where,
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

    The database groups per employee, entity and measure (with an index on employee, entity,
    measure, month, units, employer_cost: one index-only scan, no sort, no read of the wide
    explanations); Polars then counts per entity and for ALL.
    """
    if _counted_span(report) is None:
        return
    params: list[Any] = []
    sums = []
    for ry in report:
        # Lines of other months (after as_of, or before the first year) add nothing; no WHERE on
        # month, so SQLite can read the covering index in GROUP BY order.
        in_year = "month >= %s AND month <= %s"
        params += [ry.first_day, ry.months[-1], ry.first_day, ry.months[-1]] if ry.months else []
        sums += (
            [
                f"SUM(CASE WHEN {in_year} THEN units ELSE 0 END)",
                scaled_integer(f"SUM(CASE WHEN {in_year} THEN employer_cost ELSE 0 END)"),
            ]
            if ry.months
            else ["0", "0"]
        )
    measures = list(_FIGURE_MEASURES.values())
    params += measures
    where = ""
    if levels.only is not None:
        where = " AND entity_id = %s"
        params.append(levels.only)
    schema: dict[str, pl.DataType] = {
        "employee": pl.Int64(),
        "entity": pl.Int64(),
        "measure": pl.String(),
    }
    for ry in report:
        schema[f"units_{ry.year}"] = pl.Int64()
        schema[f"cents_{ry.year}"] = pl.Int64()
    wide = fetch_frame(
        f"SELECT employee_id, entity_id, measure, {', '.join(sums)} FROM allowances_ledgerline"
        f" WHERE measure IN (%s, %s, %s){where} GROUP BY employee_id, entity_id, measure",
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


def _initiatives(only: int | None) -> list[dict[str, Any]]:
    """The planned initiatives of the entity; with ALL those of every entity, each with its code."""
    initiatives = PlannedInitiative.objects.select_related("entity").order_by(
        "entity__code", "kind", "planned_from", "title"
    )
    if only is not None:
        initiatives = initiatives.filter(entity_id=only)
    return [
        {
            **({} if only is not None else {"entity": i.entity.code}),
            "kind": i.kind,
            "title": i.title,
            "motivation": i.motivation,
            "planned_from": i.planned_from.isoformat() if i.planned_from else "",
            "planned_to": i.planned_to.isoformat() if i.planned_to else "",
            "budget": format_eur(i.budget),
        }
        for i in initiatives
    ]
