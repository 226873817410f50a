"""The parliamentary answer as an Excel workbook, written with XlsxWriter from the figures' JSON.

The workbook shows exactly the figures of `parliament_figures` (money and percentages are the
JSON's, turned into numbers), so that the xlsx and the JSON can never disagree.

Layout of every question sheet: row 0 the question, row 1 the header (label, then one column per
year), the figures from row 2; the header row and the label column are frozen.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from django.utils import timezone, translation
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from thuiswerk.allowances.inputs import load_parameters

from . import labels as L
from .parliament import ALL, CATEGORIES, entity_by_code

EUR = '#,##0.00 "€"'
PCT = "0.0%"
COUNT = "#,##0"
HEADER_ROW = 1
FIRST_ROW = 2


class _Formats:
    def __init__(self, workbook: Workbook):
        add = workbook.add_format
        self.title = add({"bold": True, "font_size": 13, "text_wrap": False})
        self.header = add({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        self.label = add({"text_wrap": True, "valign": "top"})
        self.bold = add({"bold": True, "valign": "top"})
        self.text = add({"text_wrap": True, "valign": "top"})
        self.count = add({"num_format": COUNT})
        self.eur = add({"num_format": EUR})
        self.pct = add({"num_format": PCT})
        self.date = add({"num_format": "dd/mm/yyyy", "align": "left"})


def write_parliament_workbook(
    *,
    figures: dict[str, Any],
    path: Path,
    lang: str = "nl",
    per_entity: list[dict[str, Any]] | None = None,
) -> None:
    """Write the workbook for `figures` (from parliament_figures) to `path`, in Dutch or English.

    With ALL and `per_entity` (from parliament_figures_per_entity) also a sheet per entity.
    """
    with translation.override(lang):
        workbook = xlsxwriter.Workbook(str(path))
        formats = _Formats(workbook)
        _cover(workbook.add_worksheet(str(L.SHEETS["cover"])), formats, figures)
        _question_1a(workbook, formats, figures)
        _question_1b(workbook, formats, figures)
        _question_2a(workbook, formats, figures)
        _question_2b(workbook, formats, figures)
        _questions_3_4(workbook.add_worksheet(str(L.SHEETS["3-4"])), formats, figures)
        if figures["entity"] == ALL and per_entity is not None:
            _per_entity(workbook.add_worksheet(str(L.SHEETS["entities"])), formats, per_entity)
        workbook.close()


def _money(text: str) -> float:
    """The JSON's '1234.50' as the number Excel stores (a double; exact for cents up to 2**53)."""
    return float(Decimal(text))


def _share(pct: float) -> float:
    """The JSON's percentage (33.3) as the fraction Excel's % format shows (0.333)."""
    return float(Decimal(str(pct)) / 100)


def _entity_name(code: str) -> str:
    return str(L.ALL_ENTITIES) if code == ALL else entity_by_code(code).name


def _period(figures: dict[str, Any]) -> str:
    months = [m for year in figures["years"] for m in year["months"]]
    return f"{months[0]} – {months[-1]}" if months else str(L.COVER["no_months"])


def _cover(sheet: Worksheet, f: _Formats, figures: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 70)
    sheet.set_column(2, 4, 22)
    sheet.write(0, 0, str(L.TITLE), f.title)
    as_of = date.fromisoformat(figures["as_of"])
    facts = [
        (L.COVER["entity"], figures["entity"]),
        (L.COVER["name"], _entity_name(figures["entity"])),
        (L.COVER["years"], ", ".join(str(y["year"]) for y in figures["years"])),
        (L.COVER["period"], _period(figures)),
        (L.COVER["generated"], timezone.localtime().strftime("%Y-%m-%d %H:%M")),
    ]
    row = 2
    sheet.write(row, 0, str(L.COVER["as_of"]), f.bold)
    sheet.write_datetime(row, 1, as_of, f.date)
    for label, value in facts:
        row += 1
        sheet.write(row, 0, str(label), f.bold)
        sheet.write_string(row, 1, value, f.text)

    row += 2
    sheet.write(row, 0, str(L.COVER["definitions"]), f.title)
    row += 1
    sheet.write_row(row, 0, [str(L.COVER["figure"]), str(L.COVER["definition"])], f.header)
    for figure, definition in L.DEFINITIONS:
        row += 1
        sheet.write(row, 0, str(figure), f.bold)
        sheet.write(row, 1, str(definition), f.text)

    row += 2
    sheet.write(row, 0, str(L.COVER["parameters"]), f.title)
    row += 1
    headers = ["parameter", "value", "effective_from", "legal_source", "assumption"]
    sheet.write_row(row, 0, [str(L.COVER[h]) for h in headers], f.header)
    for parameter in sorted(load_parameters().all_in_force(as_of).values(), key=lambda p: p.name):
        row += 1
        sheet.write_string(row, 0, parameter.name, f.text)
        sheet.write_string(row, 1, parameter.value, f.text)
        sheet.write_datetime(row, 2, parameter.effective_from, f.date)
        sheet.write_string(row, 3, parameter.legal_source, f.text)
        sheet.write_string(row, 4, str(L.COVER["yes" if parameter.assumption else "no"]), f.text)


def _year_sheet(
    workbook: Workbook,
    f: _Formats,
    figures: dict[str, Any],
    key: str,
    rows: list[tuple[str, Any, Any]],
) -> tuple[Worksheet, dict[str, int]]:
    """A sheet with the years as columns: `rows` are (label, value per year, format).

    Returns the sheet and the row of each label, for the charts.
    """
    sheet = workbook.add_worksheet(str(L.SHEETS[key]))
    years = figures["years"]
    sheet.set_column(0, 0, 52)
    sheet.set_column(1, len(years), 16)
    sheet.write(0, 0, str(L.QUESTIONS[key]), f.title)
    sheet.write(HEADER_ROW, 0, str(L.YEAR), f.header)
    for col, year in enumerate(years, start=1):
        sheet.write_number(HEADER_ROW, col, year["year"], f.header)
    where = {}
    for offset, (label, value_of, number_format) in enumerate(rows):
        row = FIRST_ROW + offset
        sheet.write(row, 0, label, f.label)
        for col, year in enumerate(years, start=1):
            sheet.write_number(row, col, value_of(year), number_format)
        where[label] = row
    sheet.freeze_panes(FIRST_ROW, 1)
    return sheet, where


def _chart(
    workbook: Workbook,
    sheet: Worksheet,
    figures: dict[str, Any],
    *,
    kind: dict[str, str],
    title: str,
    series: list[int],
    anchor: tuple[int, int],
    number_format: str,
) -> None:
    """A native chart of the yearly trend of the figures on `series` rows."""
    last_col = len(figures["years"])
    chart = workbook.add_chart(kind)
    for row in series:
        chart.add_series(
            {
                "name": [sheet.name, row, 0],
                "categories": [sheet.name, HEADER_ROW, 1, HEADER_ROW, last_col],
                "values": [sheet.name, row, 1, row, last_col],
                **({"marker": {"type": "circle"}} if kind["type"] == "line" else {}),
            }
        )
    chart.set_title({"name": title, "name_font": {"size": 11}})
    chart.set_y_axis({"num_format": number_format})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 620, "height": 300})
    sheet.insert_chart(*anchor, chart)


def _question_1a(workbook: Workbook, f: _Formats, figures: dict[str, Any]) -> None:
    r = L.ROWS
    rows = [
        (str(r["months"]), lambda y: len(y["months"]), f.count),
        (str(r["headcount"]), lambda y: y["headcount"], f.count),
        (str(r["internet_forfait"]), lambda y: y["internet"]["forfait"], f.count),
        (str(r["internet_third_party"]), lambda y: y["internet"]["third_party"], f.count),
        (str(r["internet_total"]), lambda y: y["internet"]["total"], f.count),
        (str(r["internet_pct"]), lambda y: _share(y["internet"]["pct"]), f.pct),
        (str(r["homework_total"]), lambda y: y["homework"]["total"], f.count),
        (str(r["homework_pct"]), lambda y: _share(y["homework"]["pct"]), f.pct),
    ]
    sheet, at = _year_sheet(workbook, f, figures, "1a", rows)
    below = FIRST_ROW + len(rows) + 1
    _chart(
        workbook,
        sheet,
        figures,
        kind={"type": "column"},
        title=str(L.CHARTS["allowances"]),
        series=[at[str(r["internet_total"])], at[str(r["homework_total"])]],
        anchor=(below, 0),
        number_format=COUNT,
    )
    _chart(
        workbook,
        sheet,
        figures,
        kind={"type": "line"},
        title=str(L.CHARTS["allowances_pct"]),
        series=[at[str(r["internet_pct"])], at[str(r["homework_pct"])]],
        anchor=(below + 16, 0),
        number_format=PCT,
    )


def _question_1b(workbook: Workbook, f: _Formats, figures: dict[str, Any]) -> None:
    r = L.ROWS
    _reserved_and_spent(
        workbook,
        f,
        figures,
        "1b",
        "financial",
        [
            (str(r["financial_reserved"]), lambda y: _money(y["financial"]["reserved"]), f.eur),
            (str(r["financial_spent"]), lambda y: _money(y["financial"]["spent"]), f.eur),
            (
                str(r["spent_internet_forfait"]),
                lambda y: _money(y["financial"]["internet_forfait"]),
                f.eur,
            ),
            (
                str(r["spent_internet_third_party"]),
                lambda y: _money(y["financial"]["internet_third_party"]),
                f.eur,
            ),
            (str(r["spent_homework"]), lambda y: _money(y["financial"]["homework"]), f.eur),
        ],
    )


def _question_2a(workbook: Workbook, f: _Formats, figures: dict[str, Any]) -> None:
    r = L.ROWS
    _reserved_and_spent(
        workbook,
        f,
        figures,
        "2a",
        "material",
        [
            (str(r["material_reserved"]), lambda y: _money(y["material"]["reserved"]), f.eur),
            (str(r["material_spent"]), lambda y: _money(y["material"]["spent"]), f.eur),
        ],
    )


def _reserved_and_spent(
    workbook: Workbook, f: _Formats, figures: dict[str, Any], code: str, measure: str, rows: list
) -> None:
    """A budget question: its money rows per year, and a column chart of reserved against spent
    (the first two rows)."""
    sheet, at = _year_sheet(workbook, f, figures, code, rows)
    _chart(
        workbook,
        sheet,
        figures,
        kind={"type": "column"},
        title=str(L.CHARTS[measure]),
        series=[at[rows[0][0]], at[rows[1][0]]],
        anchor=(FIRST_ROW + len(rows) + 1, 0),
        number_format=EUR,
    )


def _category(category: str, field: str):
    """The value of one category's field in a year's figures (cost as a number)."""
    if field == "cost":
        return lambda y: _money(y["material"]["by_category"][category]["cost"])
    return lambda y: y["material"]["by_category"][category][field]


def _question_2b(workbook: Workbook, f: _Formats, figures: dict[str, Any]) -> None:
    r = L.ROWS
    rows = [
        (str(r["headcount"]), lambda y: y["headcount"], f.count),
        (str(r["material_beneficiaries"]), lambda y: y["material"]["beneficiaries"], f.count),
        (str(r["material_pct"]), lambda y: _share(y["material"]["pct"]), f.pct),
    ]
    cost_rows = []
    for category in CATEGORIES:
        name = str(L.CATEGORIES[category])
        cost_label = str(r["cost"]).format(category=name)
        cost_rows.append(cost_label)
        rows += [
            (str(r["items"]).format(category=name), _category(category, "items"), f.count),
            (
                str(r["beneficiaries"]).format(category=name),
                _category(category, "beneficiaries"),
                f.count,
            ),
            (cost_label, _category(category, "cost"), f.eur),
        ]
    sheet, at = _year_sheet(workbook, f, figures, "2b", rows)
    below = FIRST_ROW + len(rows) + 1
    _chart(
        workbook,
        sheet,
        figures,
        kind={"type": "column"},
        title=str(L.CHARTS["beneficiaries"]),
        series=[at[str(r["material_beneficiaries"])]],
        anchor=(below, 0),
        number_format=COUNT,
    )
    _chart(
        workbook,
        sheet,
        figures,
        kind={"type": "column", "subtype": "stacked"},
        title=str(L.CHARTS["category_cost"]),
        series=[at[label] for label in cost_rows],
        anchor=(below + 16, 0),
        number_format=EUR,
    )


def _questions_3_4(sheet: Worksheet, f: _Formats, figures: dict[str, Any]) -> None:
    initiatives = figures["initiatives"]
    with_entity = figures["entity"] == ALL
    columns = (["entity"] if with_entity else []) + [
        "kind",
        "title",
        "motivation",
        "planned_from",
        "planned_to",
        "budget",
    ]
    widths = {"entity": 12, "kind": 12, "title": 36, "motivation": 60, "budget": 16}
    for col, name in enumerate(columns):
        sheet.set_column(col, col, widths.get(name, 14))
    sheet.write(0, 0, str(L.QUESTIONS["3-4"]), f.title)
    sheet.write_row(HEADER_ROW, 0, [str(L.INITIATIVES[c]) for c in columns], f.header)
    row = HEADER_ROW
    for initiative in initiatives:
        row += 1
        for col, name in enumerate(columns):
            value = initiative[name]
            if name == "budget":
                sheet.write_number(row, col, _money(value), f.eur)
            elif name in ("planned_from", "planned_to") and value:
                sheet.write_datetime(row, col, date.fromisoformat(value), f.date)
            elif name == "kind":
                sheet.write_string(row, col, str(L.KINDS[value]), f.text)
            else:
                sheet.write_string(row, col, value, f.text)
    sheet.freeze_panes(FIRST_ROW, 0)
    # Questions 3 and 4 ask "if nothing was done yet, is something planned?": say so when not.
    row += 1
    for kind in ("financial", "material"):
        if not any(i["kind"] == kind for i in initiatives):
            row += 1
            sheet.write_string(row, 0, str(L.NONE_PLANNED[kind]), f.bold)


# The per-entity sheet: per year these figures, each a column.
_ENTITY_FIGURES: tuple[tuple[str, Any, str], ...] = (
    ("headcount", lambda y: y["headcount"], "count"),
    ("internet_total", lambda y: y["internet"]["total"], "count"),
    ("internet_pct", lambda y: _share(y["internet"]["pct"]), "pct"),
    ("homework_total", lambda y: y["homework"]["total"], "count"),
    ("homework_pct", lambda y: _share(y["homework"]["pct"]), "pct"),
    ("financial_reserved", lambda y: _money(y["financial"]["reserved"]), "eur"),
    ("financial_spent", lambda y: _money(y["financial"]["spent"]), "eur"),
    ("material_reserved", lambda y: _money(y["material"]["reserved"]), "eur"),
    ("material_spent", lambda y: _money(y["material"]["spent"]), "eur"),
    ("material_beneficiaries", lambda y: y["material"]["beneficiaries"], "count"),
    ("material_pct", lambda y: _share(y["material"]["pct"]), "pct"),
)


def _per_entity(sheet: Worksheet, f: _Formats, per_entity: list[dict[str, Any]]) -> None:
    """One row per entity; per year a group of columns (row 0 the year, row 1 the figure)."""
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 1, 40)
    sheet.write(0, 0, str(L.ENTITY_COLUMNS["code"]), f.header)
    sheet.write(0, 1, str(L.ENTITY_COLUMNS["name"]), f.header)
    sheet.write(1, 0, "", f.header)
    sheet.write(1, 1, "", f.header)
    years = [y["year"] for y in per_entity[0]["years"]] if per_entity else []
    width = len(_ENTITY_FIGURES)
    for index, year in enumerate(years):
        first = 2 + index * width
        sheet.merge_range(0, first, 0, first + width - 1, year, f.header)
        for offset, (name, _, _) in enumerate(_ENTITY_FIGURES):
            sheet.write(1, first + offset, str(L.ENTITY_COLUMNS[name]), f.header)
        sheet.set_column(first, first + width - 1, 14)
    for row, entity in enumerate(per_entity, start=2):
        sheet.write_string(row, 0, entity["entity"])
        sheet.write_string(row, 1, entity["name"])
        for index, year in enumerate(entity["years"]):
            for offset, (_, value_of, number_format) in enumerate(_ENTITY_FIGURES):
                sheet.write_number(
                    row, 2 + index * width + offset, value_of(year), getattr(f, number_format)
                )
    sheet.freeze_panes(2, 2)
