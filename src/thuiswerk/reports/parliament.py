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
from django.db import connection
from django.db.models import Case, Count, IntegerField, Sum, Value, When

from thuiswerk.allowances.inputs import load_parameters
from thuiswerk.allowances.models import LedgerLine
from thuiswerk.budgets.models import BudgetLine, Measure, PlannedInitiative
from thuiswerk.core.frames import fetch_frame
from thuiswerk.core.money import format_eur, from_cents
from thuiswerk.core.months import format_month, month_end, month_range
from thuiswerk.equipment.models import Delivery
from thuiswerk.people.models import Entity
from thuiswerk.rules.calendar import working_days

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


def report_years(as_of: date, years: int) -> list[ReportYear]:
    """as_of's year and the `years` - 1 calendar years before it, oldest first."""
    if years < 1:
        raise ValueError(f"years must be at least 1, not {years}")
    return [
        ReportYear(
            year,
            tuple(
                m
                for m in month_range(date(year, 1, 1), date(year, 12, 1))
                if month_end(m) <= as_of
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
        scopes: list[Scope] = [None, *(e.pk for e in entities)]
        only: int | None = None
    else:
        entity = entity_by_code(entity_code)
        entities = [entity]
        scopes = [entity.pk]
        only = entity.pk

    tally: dict[tuple[Scope, int], dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    by_entity = len(scopes) > 1 or only is not None
    with_all = None in scopes
    _tally_headcount(tally, report, only, by_entity=by_entity, with_all=with_all)
    _tally_ledger(tally, report, only, by_entity=by_entity, with_all=with_all)
    _tally_material(tally, report, only, by_entity=by_entity, with_all=with_all)
    _tally_budgets(tally, report, only, by_entity=by_entity, with_all=with_all)

    scope = None if entity_code == ALL else only
    figures = {
        "entity": entity_code,
        "as_of": as_of.isoformat(),
        "years": [_year_json(ry, tally[(scope, ry.year)]) for ry in report],
        "initiatives": _initiatives(only),
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


def _tally_headcount(tally, report, only: int | None, *, by_entity: bool, with_all: bool) -> None:
    """Distinct employees with at least one working day inside an employment period of the scope."""
    span = _counted_span(report)
    if span is None:
        return
    first, last = span
    where = " AND entity_id = %s" if only is not None else ""
    periods = fetch_frame(
        "SELECT employee_id, entity_id, start_date, end_date FROM people_employmentperiod"
        " WHERE start_date <= %s AND (end_date IS NULL OR end_date >= %s)" + where,
        [last, first, *([only] if only is not None else [])],
        {"employee": pl.Int64, "entity": pl.Int64, "start_date": pl.Date, "end_date": pl.Date},
    )
    workdays = _working_days(first, last)
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
    if by_entity:
        for year, entity, count in (
            employed.group_by("year", "entity").agg(pl.col("employee").n_unique()).iter_rows()
        ):
            tally[(entity, year)]["headcount"] = count
    if with_all:
        for year, count in employed.group_by("year").agg(pl.col("employee").n_unique()).iter_rows():
            tally[(None, year)]["headcount"] = count


def _working_days(first: date, last: date) -> pl.Series:
    """The working days from first to last, each month by the calendar in force on its first day."""
    parameters = load_parameters()
    calendar_of = {m: parameters.in_force("calendar", m).typed() for m in month_range(first, last)}
    parts = [
        working_days(name, first, last).filter(
            pl.col("date").dt.truncate("1mo").is_in([m for m, c in calendar_of.items() if c == name])
        )
        for name in sorted(set(calendar_of.values()))
    ]
    return pl.concat(parts)["date"].sort()


def _tally_ledger(tally, report, only: int | None, *, by_entity: bool, with_all: bool) -> None:
    """Allowance counts and money spent, from the ledger lines concerning the counted months.

    Per employee, month, measure and entity the lines (entitlement and corrections) add up; an
    employee counts for a measure when the sum of `units` is positive, i.e. the measure is due
    after all corrections (a withdrawn line nets to 0, a third-party payer without invoice still
    counts). Money is summed in integer cents so SQLite's floats never touch it.
    """
    span = _counted_span(report)
    if span is None:
        return
    first_month, last_month = span[0], span[1].replace(day=1)
    year_case = " ".join(f"WHEN month <= %s THEN {ry.year}" for ry in report)
    measures = list(_FIGURE_MEASURES.values())
    params: list[Any] = [date(ry.year, 12, 31) for ry in report]
    params += [first_month, last_month, *measures]
    where = ""
    if only is not None:
        where = " AND entity_id = %s"
        params.append(only)
    forfait, third_party, homework = measures

    def counts(group: str, scope: str) -> str:
        return (
            f"SELECT report_year, {scope},"
            f" COUNT(DISTINCT CASE WHEN measure = '{forfait}' AND units > 0 THEN employee_id END),"
            f" COUNT(DISTINCT CASE WHEN measure = '{third_party}' AND units > 0 THEN employee_id END),"
            f" COUNT(DISTINCT CASE WHEN measure <> '{homework}' AND units > 0 THEN employee_id END),"
            f" COUNT(DISTINCT CASE WHEN measure = '{homework}' AND units > 0 THEN employee_id END),"
            f" SUM(CASE WHEN measure = '{forfait}' THEN cost_cents ELSE 0 END),"
            f" SUM(CASE WHEN measure = '{third_party}' THEN cost_cents ELSE 0 END),"
            f" SUM(CASE WHEN measure = '{homework}' THEN cost_cents ELSE 0 END)"
            f" FROM per_month GROUP BY {group}"
        )

    selects = []
    if by_entity:
        selects.append(counts("report_year, entity_id", "entity_id"))
    if with_all:
        selects.append(counts("report_year", "NULL"))
    sql = (
        "WITH per_month AS ("
        f" SELECT employee_id, entity_id, measure, CASE {year_case} END AS report_year,"
        " SUM(units) AS units, CAST(ROUND(SUM(employer_cost) * 100) AS BIGINT) AS cost_cents"
        " FROM allowances_ledgerline"
        f" WHERE month >= %s AND month <= %s AND measure IN (%s, %s, %s){where}"
        " GROUP BY employee_id, entity_id, month, measure"
        ") " + " UNION ALL ".join(selects)
    )
    names = [
        "internet_forfait",
        "internet_third_party",
        "internet_total",
        "homework_total",
        "spent_internet_forfait",
        "spent_internet_third_party",
        "spent_homework",
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for year, scope, *values in cursor.fetchall():
            target = tally[(scope, year)]
            for name, value in zip(names, values, strict=True):
                target[name] = int(value or 0)


def _tally_material(tally, report, only: int | None, *, by_entity: bool, with_all: bool) -> None:
    """Deliveries in the counted months: items, distinct beneficiaries and cost per category."""
    span = _counted_span(report)
    if span is None:
        return
    deliveries = Delivery.objects.filter(delivered_on__range=span).annotate(
        report_year=_year_case("delivered_on", report)
    )
    if only is not None:
        deliveries = deliveries.filter(entity_id=only)
    levels = []
    if by_entity:
        levels.append(("entity_id",))
    if with_all:
        levels.append(())
    for level in levels:
        per_category = (
            deliveries.order_by()
            .values("report_year", *level, "category")
            .annotate(
                items=Count("id"), beneficiaries=Count("employee_id", distinct=True), cost=Sum("cost")
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


def _tally_budgets(tally, report, only: int | None, *, by_entity: bool, with_all: bool) -> None:
    """What the budget lines reserve, for the full year even when only part of it has passed."""
    lines = BudgetLine.objects.filter(year__in=[ry.year for ry in report])
    if only is not None:
        lines = lines.filter(entity_id=only)
    for entity, year, measure, amount in lines.values_list("entity_id", "year", "measure", "amount"):
        key = "reserved_financial" if measure == Measure.FINANCIAL else "reserved_material"
        if by_entity:
            tally[(entity, year)][key] += amount
        if with_all:
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
