"""The parliamentary answer as an Excel workbook, written with XlsxWriter from a `ParliamentAnswer`.

The writer reads nothing but the answer (no database): the workbook shows exactly its figures,
the same the JSON holds (money and percentages as numbers), so the two cannot disagree.

It is made to be printed as it is sent: A4, every sheet one page wide (portrait, or landscape
for the wide ones), the title, the provisional note and the header row repeated on every page, a
header and footer with the entity, the as-of date and the page number, row heights computed for
wrapped text (LibreOffice does not fit the height of rows XlsxWriter writes) and charts below
their table, as wide as the page, moved to the next page rather than cut. Arial is used because
every office suite has it or a font of the same widths (Liberation Sans), so the widths computed
here hold in Excel and in LibreOffice.

Layout of a question sheet: row 0 the question, row 1 the provisional note (when the figures are
provisional), then the header row (label, one column per year) and the figures; the rows up to
the header are frozen and repeated on every printed page.
"""

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from django.utils import timezone, translation
from django.utils.translation import get_language
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from thuiswerk.budgets.models import Measure
from thuiswerk.core.cells import neutralise
from thuiswerk.core.formatting import format_date, format_money, format_number
from thuiswerk.core.labels import parameter_label
from thuiswerk.core.months import format_month, next_month
from thuiswerk.rules.parameters import KINDS

from . import labels as L
from .parliament import CATEGORIES, Initiative, ParliamentAnswer, YearFigures

EUR = '"€" #,##0.00'
EUR_ROUND = '"€" #,##0'
PCT = "0.0%"
COUNT = "#,##0"
FONT = {"font_name": "Arial", "font_size": 10}
LINE_FACTOR = 1.2  # the height of a line of text, in font sizes
TITLE_PT = 12
WRAP_ROOM = 1.0  # the share of a column's width that wrapped text is taken to fill
DEFAULT_ROW_PT = 15.0  # XlsxWriter's default row height
PIXELS_PER_POINT = 96 / 72
A4_PAPER = 9
MARGIN_IN = {"left": 0.5, "right": 0.5, "top": 0.8, "bottom": 0.8}
# The printable area of A4 with these margins, in pixels (96 dpi) and points.
PRINTABLE_PX = {"portrait": 698, "landscape": 1027}
PRINTABLE_PT = {"portrait": 726.0, "landscape": 480.0}
MONEY_PARAMETERS = {"internet_forfait_amount", "third_party_benefit_in_kind", "homework_amount"}


def column_px(width: float) -> int:
    """Pixels of a column `width` characters wide (Excel's unit: the digit width of the font)."""
    return int(width * 7 + 5)


# Advance widths of Arial (and of Liberation Sans, its metric twin) in 1/1000 em, regular and bold;
# a letter with an accent is as wide as the letter, anything else as wide as a digit.
_REGULAR = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,:;()-/%'\"?&…",
        [556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333]
        + [500, 278, 556, 500, 722, 500, 500, 500, 667, 667, 722, 722, 667, 611, 778, 722, 278]
        + [500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611]
        + [278, 278, 278, 278, 278, 333, 333, 333, 278, 889, 191, 355, 556, 667, 1000],
        strict=True,
    )
)
_BOLD = {
    **_REGULAR,
    **dict(
        zip(
            "abdfghjklmnopqrtuvwxyzABJKLSW:;()?'\"%",
            [556, 611, 611, 333, 611, 611, 278, 556, 278, 889, 611, 611, 611, 611, 389, 333, 611]
            + [556, 778, 556, 556, 500, 722, 722, 556, 722, 611, 667, 944, 333, 333, 333, 333]
            + [611, 238, 474, 889],
            strict=True,
        )
    ),
}


def text_px(text: str, *, bold: bool = False, size: float = 10) -> float:
    """The width of `text` in pixels (96 dpi) in Arial of `size` points."""
    widths = _BOLD if bold else _REGULAR
    units = sum(widths.get(unicodedata.normalize("NFD", c)[0], 556) for c in text)
    return units / 1000 * size * PIXELS_PER_POINT


def text_lines(text: str, width_px: float, *, bold: bool = False, size: float = 10) -> int:
    """How many lines `text` takes, wrapped at spaces as a spreadsheet does, in `width_px`.

    A word longer than the line is broken (it then takes more lines); a little is kept in reserve
    for differences between renderers.
    """
    room = (width_px - 6) * WRAP_ROOM
    space = text_px(" ", bold=bold, size=size)
    lines = 0
    for paragraph in text.split("\n"):
        used, lines = None, lines + 1
        for word in paragraph.split(" "):
            word_px = text_px(word, bold=bold, size=size)
            if used is not None and used + space + word_px <= room:
                used += space + word_px
                continue
            if used is not None:
                lines += 1
            extra = max(0, math.ceil(word_px / room) - 1)
            lines += extra
            used = word_px - extra * room
    return lines


class _Formats:
    def __init__(self, workbook: Workbook):
        add = workbook.add_format
        # Dutch (Belgium): LibreOffice then prints `€ 1.234,50` and `25,0%` whatever its own
        # locale; Excel shows the separators of the reader's settings either way.
        self.locale = "[$-813]" if (get_language() or "nl").startswith("nl") else ""
        self.title = add({"bold": True, "font_size": TITLE_PT, "text_wrap": True, "valign": "top"})
        self.heading = add({"bold": True, "font_size": 11, "valign": "top"})
        self.note = add({"italic": True, "text_wrap": True, "valign": "top"})
        self.warning = add(
            {"bold": True, "font_color": "#9C0006", "text_wrap": True, "valign": "top"}
        )
        self.header = add(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.year = add(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center", "num_format": "0"}
        )
        self.label = add({"text_wrap": True, "valign": "top"})
        self.bold = add({"bold": True, "text_wrap": True, "valign": "top"})
        self.text = add({"text_wrap": True, "valign": "top"})
        self.not_yet = add(
            {
                "italic": True,
                "font_color": "#595959",
                "text_wrap": True,
                "align": "right",
                "valign": "top",
            }
        )
        self.count = add({"num_format": self.locale + COUNT, "valign": "top"})
        self.eur = add({"num_format": self.locale + EUR, "valign": "top"})
        self.eur_round = add({"num_format": self.locale + EUR_ROUND, "valign": "top"})
        self.pct = add({"num_format": self.locale + PCT, "valign": "top"})
        self.date = add({"num_format": "dd/mm/yyyy", "align": "left", "valign": "top"})
        total = {"bold": True, "top": 1, "valign": "top"}
        self.total = add({**total, "text_wrap": True})
        self.total_count = add({**total, "num_format": self.locale + COUNT})
        self.total_eur_round = add({**total, "num_format": self.locale + EUR_ROUND})
        self.total_pct = add({**total, "num_format": self.locale + PCT})


def write_parliament_workbook(*, answer: ParliamentAnswer, path: Path, lang: str = "nl") -> None:
    """Write the workbook of `answer` to `path`, in Dutch or English; with ALL a sheet per entity."""
    with translation.override(lang):
        workbook = xlsxwriter.Workbook(str(path), {"default_format_properties": FONT})
        book = _Book(workbook, _Formats(workbook), answer)
        _cover(book)
        _question_1a(book)
        _question_1b(book)
        _question_2a(book)
        _question_2b(book)
        _questions_3_4(book)
        if answer.is_all:
            _per_entity(book)
        workbook.close()


@dataclass
class _Book:
    workbook: Workbook
    f: _Formats
    answer: ParliamentAnswer

    def provisional_note(self) -> str | None:
        """The sentence every sheet carries when a month counted is still open."""
        if not self.answer.open_months:
            return None
        return str(L.PROVISIONAL).format(months=_month_ranges(self.answer.open_months))

    def not_yet(self, measure: str) -> str:
        return str(L.NOT_YET).format(date=format_date(self.answer.measures_from[measure]))


def _month_ranges(months: tuple[date, ...]) -> str:
    """`2023-08 – 2023-09, 2023-11`: consecutive months as one range."""
    ranges: list[list[date]] = []
    for month in sorted(months):
        if ranges and next_month(ranges[-1][-1]) == month:
            ranges[-1].append(month)
        else:
            ranges.append([month])
    return ", ".join(
        format_month(r[0]) if len(r) == 1 else f"{format_month(r[0])} – {format_month(r[-1])}"
        for r in ranges
    )


@dataclass
class _Page:
    """A sheet with its print setup, the height of every row written (wrapped text sets it) and
    a cursor `row`; charts are placed below the rows and moved to the next page rather than cut."""

    book: _Book
    key: str
    widths: list[float]
    orientation: str
    sheet: Worksheet = field(init=False)
    row: int = 0
    heights: dict[int, float] = field(default_factory=dict)
    breaks: list[int] = field(default_factory=list)
    repeated: int | None = None  # rows 0..repeated are printed on every page
    header_row: int = 0  # the header row of the year columns (question sheets)

    def __post_init__(self) -> None:
        self.sheet = self.book.workbook.add_worksheet(str(L.SHEETS[self.key]))
        for col, width in enumerate(self.widths):
            self.sheet.set_column(col, col, width)
        sheet, answer = self.sheet, self.book.answer
        sheet.set_paper(A4_PAPER)
        if self.orientation == "landscape":
            sheet.set_landscape()
        else:
            sheet.set_portrait()
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(**MARGIN_IN)
        sheet.center_horizontally()
        status = f" ({L.COVER['provisional']})" if answer.provisional else ""
        as_of = str(L.AS_OF_DATE).format(date=format_date(answer.as_of))
        sheet.set_header(
            f"&L{_escape(_entity_text(answer))}&R{_escape(str(L.TITLE))}", {"margin": 0.3}
        )
        sheet.set_footer(f"&L{_escape(as_of + status)}&R{str(L.PAGE)}", {"margin": 0.3})

    @property
    def last_col(self) -> int:
        return len(self.widths) - 1

    def fit(
        self, row: int, text: str, first: int, last: int, *, bold: bool = False, size: float = 10
    ) -> None:
        """Make `row` tall enough for `text` wrapped over columns first..last."""
        width = sum(column_px(w) for w in self.widths[first : last + 1])
        lines = text_lines(text, width, bold=bold, size=size)
        height = lines * size * LINE_FACTOR + 3
        self.heights[row] = max(self.heights.get(row, DEFAULT_ROW_PT), height)

    def line(self, text: str, cell_format: Format, *, bold: bool = False, size: float = 10) -> None:
        """A sentence over the full width of the sheet, on its own row."""
        first, last = 0, self.last_col
        text = self.span(self.row, first, text, cell_format)
        self.fit(self.row, text, first, last, bold=bold, size=size)
        self.row += 1

    def span(self, row: int, first: int, text: str, cell_format: Format) -> str:
        """Text over the columns `first` to the last, never a formula; returns the text written.
        (merge_range writes with write(), which takes "=..." for a formula: the text goes into
        the range's first cell as a string.)"""
        text = neutralise(text)
        if self.last_col > first:
            self.sheet.merge_range(row, first, row, self.last_col, "", cell_format)
        self.sheet.write_string(row, first, text, cell_format)
        return text

    def title(self, text: str) -> None:
        """The sheet's title and, when provisional, the note; repeated on every printed page."""
        self.line(text, self.book.f.title, bold=True, size=TITLE_PT)
        note = self.book.provisional_note()
        if note:
            self.line(note, self.book.f.warning, bold=True)

    def cell(self, row: int, col: int, text: str, cell_format: Format, *, bold=False) -> None:
        """Text in one cell; text from people (names, sources) never becomes a formula."""
        text = neutralise(text)
        self.sheet.write_string(row, col, text, cell_format)
        self.fit(row, text, col, col, bold=bold)

    def chart(self, chart: Any, height_px: int = 230) -> None:
        """Insert `chart` below what is written, as wide as the page, on the next page if it
        would not fit on this one."""
        height_pt = height_px / PIXELS_PER_POINT
        page_pt = PRINTABLE_PT[self.orientation] * 0.97
        start = self.breaks[-1] if self.breaks else 0
        used = sum(self.height(r) for r in range(start, self.row))
        if start and self.repeated is not None:
            used += sum(self.height(r) for r in range(self.repeated + 1))
        if used + height_pt > page_pt:
            self.breaks.append(self.row)
        width_px = min(PRINTABLE_PX[self.orientation], sum(column_px(w) for w in self.widths)) - 10
        chart.set_size({"width": width_px, "height": height_px})
        self.sheet.insert_chart(self.row, 0, chart, {"object_position": 3})
        self.row += math.ceil(height_pt / DEFAULT_ROW_PT) + 1

    def height(self, row: int) -> float:
        return self.heights.get(row, DEFAULT_ROW_PT)

    def finish(self, *, freeze_cols: int | None = None) -> None:
        """Set the row heights, page breaks and the repeated rows (frozen with `freeze_cols`)."""
        for row, height in self.heights.items():
            self.sheet.set_row(row, height)
        if self.breaks:
            self.sheet.set_h_pagebreaks(self.breaks)
        if self.repeated is not None:
            self.sheet.repeat_rows(0, self.repeated)
            if freeze_cols is not None:
                self.sheet.freeze_panes(self.repeated + 1, freeze_cols)


def _escape(text: str) -> str:
    """Text for a header or footer: & starts a code there."""
    return text.replace("&", "&&")


def _money(amount: Decimal) -> float:
    """An amount as the number Excel stores (a double; exact for cents up to 2**53)."""
    return float(amount)


def _share(pct: float) -> float:
    """A percentage (33.3) as the fraction Excel's % format shows (0.333)."""
    return float(Decimal(str(pct)) / 100)


def _period(answer: ParliamentAnswer) -> str:
    months = [m for year in answer.years for m in year.months]
    if not months:
        return str(L.COVER["no_months"])
    return f"{format_month(months[0])} – {format_month(months[-1])}"


def _entity_text(answer: ParliamentAnswer) -> str:
    return str(answer.name) if answer.is_all else f"{answer.name} ({answer.entity})"


def _parameter_value(name: str, value: str) -> str:
    """A parameter's value as a reader of the language writes it (`€ 20,00`, `01/10/2021`)."""
    kind = KINDS[name]
    if kind is date:
        return format_date(date.fromisoformat(value))
    if kind is Decimal:
        amount = Decimal(value)
        if name in MONEY_PARAMETERS:
            return format_money(amount)
        return format_number(amount, max(0, -amount.as_tuple().exponent))
    return value


def _cover(book: _Book) -> None:
    f, answer = book.f, book.answer
    page = _Page(book, "cover", [30, 14, 14, 29, 8], "portrait")
    page.title(str(L.TITLE))
    page.row += 1
    status = L.COVER["provisional"] if answer.provisional else L.COVER["final"]
    facts = [
        (L.COVER["entity"], _entity_text(answer)),
        (L.COVER["as_of"], format_date(answer.as_of)),
        (L.COVER["years"], ", ".join(str(y.year) for y in answer.years)),
        (L.COVER["period"], _period(answer)),
        (L.COVER["status"], str(status)),
        (L.COVER["generated"], format_date(timezone.localdate())),
    ]
    for label, value in facts:
        page.cell(page.row, 0, str(label), f.bold, bold=True)
        page.fit(page.row, page.span(page.row, 1, value, f.text), 1, page.last_col)
        page.row += 1

    page.row += 1
    page.sheet.write_string(page.row, 0, str(L.COVER["definitions"]), f.heading)
    page.row += 1
    page.sheet.write_string(page.row, 0, str(L.COVER["figure"]), f.header)
    page.span(page.row, 1, str(L.COVER["definition"]), f.header)
    page.row += 1
    definitions = [*L.DEFINITIONS, (L.COUNTING_TITLE, L.COUNTING)]
    for figure, definition in definitions:
        page.cell(page.row, 0, str(figure), f.bold, bold=True)
        page.fit(page.row, page.span(page.row, 1, str(definition), f.text), 1, page.last_col)
        page.row += 1

    # The parameters on a page of their own, rather than their header alone at a page's end.
    page.breaks.append(page.row)
    page.sheet.write_string(page.row, 0, str(L.COVER["parameters"]), f.heading)
    page.row += 1
    headers = ["parameter", "value", "in_law_from", "legal_source", "assumption"]
    for col, name in enumerate(headers):
        page.cell(page.row, col, str(L.COVER[name]), f.header, bold=True)
    for parameter in answer.parameters:
        page.row += 1
        row = page.row
        page.cell(row, 0, parameter_label(parameter.name), f.text)
        page.cell(row, 1, _parameter_value(parameter.name, parameter.value), f.text)
        if parameter.in_law_from is not None:
            page.sheet.write_datetime(row, 2, parameter.in_law_from, f.date)
        page.cell(row, 3, parameter.legal_source, f.text)
        page.cell(row, 4, str(L.COVER["yes" if parameter.assumption else "no"]), f.text)
    page.row += 1
    page.repeated = 0
    page.finish()


@dataclass(frozen=True)
class _Row:
    """A figure row of a question sheet: its label, its value in a year, its number format and
    the measure it belongs to (its cells say since when it applies in the years before it)."""

    key: str
    value: Callable[[YearFigures], float | int]
    number_format: str
    measure: str | None = None

    def label(self) -> str:
        return str(L.ROWS[self.key])


def _year_page(book: _Book, key: str, rows: list[_Row], *, note: str | None = None) -> _Page:
    """A question sheet with the years as columns: the title, the header row and `rows`; then the
    note under the table. The caller adds the charts."""
    f, answer = book.f, book.answer
    years = answer.years
    page = _Page(book, key, [48] + [15] * len(years), "portrait")
    page.title(str(L.QUESTIONS[key]))
    header = page.row
    page.sheet.write_string(header, 0, str(L.YEAR), f.header)
    for col, year in enumerate(years, start=1):
        page.sheet.write_number(header, col, year.year, f.year)
    for figure in rows:
        page.row += 1
        page.cell(page.row, 0, figure.label(), f.label)
        for col, year in enumerate(years, start=1):
            if figure.measure and not answer.applies_in(figure.measure, year.year):
                page.cell(page.row, col, book.not_yet(figure.measure), f.not_yet)
            else:
                page.sheet.write_number(
                    page.row, col, figure.value(year), getattr(f, figure.number_format)
                )
    page.row += 1
    if note:
        page.line(note, f.note)
    page.row += 1
    page.repeated = header
    page.header_row = header
    return page


def _chart(
    page: _Page,
    *,
    kind: dict[str, str],
    title: str,
    series: list[int],
    number_format: str,
) -> None:
    """A native chart of the yearly trend of the figures on `series` rows (value axis from 0)."""
    header = page.header_row
    last_col = len(page.book.answer.years)
    name = page.sheet.name
    chart = page.book.workbook.add_chart(kind)
    for row in series:
        chart.add_series(
            {
                "name": [name, row, 0],
                "categories": [name, header, 1, header, last_col],
                "values": [name, row, 1, row, last_col],
                **({"marker": {"type": "circle"}} if kind["type"] == "line" else {}),
            }
        )
    chart.set_title({"name": title, "name_font": {"size": 11}})
    chart.set_y_axis({"num_format": page.book.f.locale + number_format, "min": 0})
    chart.set_legend({"position": "bottom"})
    page.chart(chart)


def _rows_of(page: _Page, rows: list[_Row]) -> dict[str, int]:
    """The sheet row of each figure (they follow the header row in order)."""
    header = page.header_row
    return {figure.key: header + 1 + index for index, figure in enumerate(rows)}


def _question_1a(book: _Book) -> None:
    rows = [
        _Row("months", lambda y: len(y.months), "count"),
        _Row("headcount", lambda y: y.headcount, "count"),
        _Row("internet_forfait", lambda y: y.internet_forfait, "count", "internet"),
        _Row("internet_third_party", lambda y: y.internet_third_party, "count", "internet"),
        _Row("internet_total", lambda y: y.internet_total, "count", "internet"),
        _Row(
            "internet_forfait_pct", lambda y: _share(y.pct(y.internet_forfait)), "pct", "internet"
        ),
        _Row(
            "internet_third_party_pct",
            lambda y: _share(y.pct(y.internet_third_party)),
            "pct",
            "internet",
        ),
        _Row("internet_pct", lambda y: _share(y.pct(y.internet_total)), "pct", "internet"),
        _Row("homework_total", lambda y: y.homework_total, "count", "homework"),
        _Row("homework_pct", lambda y: _share(y.pct(y.homework_total)), "pct", "homework"),
    ]
    page = _year_page(book, "1a", rows, note=str(L.COUNTING))
    at = _rows_of(page, rows)
    _chart(
        page,
        kind={"type": "column"},
        title=str(L.CHARTS["allowances"]),
        series=[at["internet_forfait"], at["internet_third_party"], at["homework_total"]],
        number_format=COUNT,
    )
    _chart(
        page,
        kind={"type": "line"},
        title=str(L.CHARTS["allowances_pct"]),
        series=[
            at["internet_forfait_pct"],
            at["internet_third_party_pct"],
            at["internet_pct"],
            at["homework_pct"],
        ],
        number_format="0%",
    )
    page.finish(freeze_cols=1)


def _question_1b(book: _Book) -> None:
    _reserved_and_spent(
        book,
        "1b",
        "financial",
        [
            _Row("financial_reserved", lambda y: _money(y.financial_reserved), "eur"),
            _Row("financial_spent", lambda y: _money(y.financial_spent), "eur"),
            _Row(
                "spent_internet_forfait",
                lambda y: _money(y.spent_internet_forfait),
                "eur",
                "internet",
            ),
            _Row(
                "spent_internet_third_party",
                lambda y: _money(y.spent_internet_third_party),
                "eur",
                "internet",
            ),
            _Row("spent_homework", lambda y: _money(y.spent_homework), "eur", "homework"),
        ],
    )


def _question_2a(book: _Book) -> None:
    _reserved_and_spent(
        book,
        "2a",
        "material",
        [
            _Row("material_reserved", lambda y: _money(y.material_reserved), "eur"),
            _Row("material_spent", lambda y: _money(y.material_spent), "eur"),
        ],
    )


def _reserved_and_spent(book: _Book, key: str, measure: str, rows: list[_Row]) -> None:
    """A budget question: its money rows per year, and a column chart of reserved against spent
    (the first two rows)."""
    page = _year_page(book, key, rows)
    at = _rows_of(page, rows)
    _chart(
        page,
        kind={"type": "column"},
        title=str(L.CHARTS[measure]),
        series=[at[rows[0].key], at[rows[1].key]],
        number_format=EUR_ROUND,
    )
    page.finish(freeze_cols=1)


def _category(index: int, field_name: str) -> Callable[[YearFigures], float | int]:
    """The value of one category's field in a year's figures (cost as a number)."""
    if field_name == "cost":
        return lambda y: _money(y.by_category[index].cost)
    return lambda y: getattr(y.by_category[index], field_name)


def _question_2b(book: _Book) -> None:
    rows = [
        _Row("headcount", lambda y: y.headcount, "count"),
        _Row("material_beneficiaries", lambda y: y.material_beneficiaries, "count"),
        _Row("material_pct", lambda y: _share(y.pct(y.material_beneficiaries)), "pct"),
    ]
    for index, category in enumerate(CATEGORIES):
        rows += [
            _CategoryRow(f"{category}:items", _category(index, "items"), "count"),
            _CategoryRow(f"{category}:beneficiaries", _category(index, "beneficiaries"), "count"),
            _CategoryRow(f"{category}:cost", _category(index, "cost"), "eur"),
        ]
    page = _year_page(book, "2b", rows)
    at = _rows_of(page, rows)
    _chart(
        page,
        kind={"type": "column"},
        title=str(L.CHARTS["beneficiaries"]),
        series=[at["material_beneficiaries"]],
        number_format=COUNT,
    )
    _chart(
        page,
        kind={"type": "column", "subtype": "stacked"},
        title=str(L.CHARTS["category_cost"]),
        series=[at[f"{c}:cost"] for c in CATEGORIES],
        number_format=EUR_ROUND,
    )
    page.finish(freeze_cols=1)


class _CategoryRow(_Row):
    """A row of one equipment category: `key` is `category:field`."""

    def label(self) -> str:
        category, field_name = self.key.split(":")
        return str(L.ROWS[field_name]).format(category=L.CATEGORIES[category])


_INITIATIVE_WIDTHS = {
    "entity": 8,
    "kind": 11,
    "title": 30,
    "motivation": 55,
    "planned_from": 12,
    "planned_to": 12,
    "budget": 14,
}


def _questions_3_4(book: _Book) -> None:
    f, answer = book.f, book.answer
    columns = (["entity"] if answer.is_all else []) + [
        "kind",
        "title",
        "motivation",
        "planned_from",
        "planned_to",
        "budget",
    ]
    page = _Page(book, "3-4", [_INITIATIVE_WIDTHS[c] for c in columns], "landscape")
    page.title(str(L.QUESTIONS["3-4"]))
    page.repeated = page.row - 1
    page.row += 1
    _initiative_table(page, columns, str(L.INITIATIVE_LISTS["current"]), answer.initiatives)
    # Questions 3 and 4 ask "if nothing was done yet, is something planned?": say so when not.
    for kind in Measure.values:
        if not any(i.kind == kind for i in answer.initiatives):
            page.line(str(L.NONE_PLANNED[kind]), f.bold, bold=True)
    if answer.past_initiatives:
        page.row += 1
        _initiative_table(page, columns, str(L.INITIATIVE_LISTS["past"]), answer.past_initiatives)
    page.finish()


def _initiative_table(
    page: _Page, columns: list[str], heading: str, initiatives: tuple[Initiative, ...]
) -> None:
    f = page.book.f
    page.sheet.write_string(page.row, 0, heading, f.heading)
    page.row += 1
    for col, name in enumerate(columns):
        page.cell(page.row, col, str(L.INITIATIVES[name]), f.header, bold=True)
    for initiative in initiatives:
        page.row += 1
        for col, name in enumerate(columns):
            value = getattr(initiative, name)
            if name == "budget":
                page.sheet.write_number(page.row, col, _money(value), f.eur)
            elif name in ("planned_from", "planned_to"):
                if value is not None:
                    page.sheet.write_datetime(page.row, col, value, f.date)
            elif name == "kind":
                page.cell(page.row, col, str(Measure(value).label), f.text)
            else:
                page.cell(page.row, col, value, f.text)
    page.row += 2


# The per-entity sheet: per year these figures, each a column (key, value, format, measure).
_ENTITY_FIGURES: tuple[_Row, ...] = (
    _Row("headcount", lambda y: y.headcount, "count"),
    _Row("internet_total", lambda y: y.internet_total, "count", "internet"),
    _Row("internet_pct", lambda y: _share(y.pct(y.internet_total)), "pct", "internet"),
    _Row("homework_total", lambda y: y.homework_total, "count", "homework"),
    _Row("homework_pct", lambda y: _share(y.pct(y.homework_total)), "pct", "homework"),
    _Row("financial_reserved", lambda y: _money(y.financial_reserved), "eur_round"),
    _Row("financial_spent", lambda y: _money(y.financial_spent), "eur_round"),
    _Row("material_reserved", lambda y: _money(y.material_reserved), "eur_round"),
    _Row("material_spent", lambda y: _money(y.material_spent), "eur_round"),
    _Row("material_beneficiaries", lambda y: y.material_beneficiaries, "count"),
    _Row("material_pct", lambda y: _share(y.pct(y.material_beneficiaries)), "pct"),
)


def _per_entity(book: _Book) -> None:
    """Per year a block on its own page: a row with the year above all its columns, the column
    titles, a row per entity and the total of the Flemish government (each person once)."""
    f, answer = book.f, book.answer
    headers = [str(L.ENTITY_COLUMNS[figure.key]) for figure in _ENTITY_FIGURES]
    # Wide enough for the longest word of each title, as spreadsheets wrap at spaces only; money
    # (whole euros) gets room for seven digits.
    widths = [8.0, 30.0] + [
        max(9.0 if figure.number_format != "eur_round" else 11.0, _word_width(header))
        for figure, header in zip(_ENTITY_FIGURES, headers, strict=True)
    ]
    page = _Page(book, "entities", widths, "landscape")
    page.title(str(L.QUESTIONS["entities"]))
    page.line(str(L.TOTAL_NOTE), f.note)
    for measure in sorted(
        m for m in answer.measures_from if not answer.applies_in(m, answer.years[0].year)
    ):
        page.line(
            str(L.NOT_APPLICABLE).format(
                measure=L.MEASURES[measure], date=format_date(answer.measures_from[measure])
            ),
            f.note,
        )
    page.repeated = page.row - 1
    last = page.last_col
    for index, year in enumerate(answer.years):
        if index:
            page.breaks.append(page.row)
        page.sheet.merge_range(page.row, 0, page.row, last, year.year, f.year)
        page.row += 1
        page.cell(page.row, 0, str(L.ENTITY_COLUMNS["code"]), f.header, bold=True)
        page.cell(page.row, 1, str(L.ENTITY_COLUMNS["name"]), f.header, bold=True)
        for col, header in enumerate(headers, start=2):
            page.cell(page.row, col, header, f.header, bold=True)
        for entity in answer.per_entity:
            page.row += 1
            page.cell(page.row, 0, entity.code, f.text)
            page.cell(page.row, 1, entity.name, f.text)
            _entity_figures(page, entity.years[index], formats="")
        page.row += 1
        page.cell(page.row, 0, "", f.total)
        page.cell(page.row, 1, str(answer.name), f.total, bold=True)
        _entity_figures(page, year, formats="total_")
        page.row += 2
    page.finish(freeze_cols=2)


def _word_width(text: str) -> float:
    """The column width (characters) in which the longest word of `text` fits, in bold."""
    widest = max(text_px(word, bold=True) for word in text.split())
    return math.ceil((widest / WRAP_ROOM + 8) / 7 * 2) / 2


def _entity_figures(page: _Page, year: YearFigures, *, formats: str) -> None:
    """The figures of one entity (or the total) in one year; n/a where a measure did not exist."""
    f, answer = page.book.f, page.book.answer
    for col, figure in enumerate(_ENTITY_FIGURES, start=2):
        if figure.measure and not answer.applies_in(figure.measure, year.year):
            page.sheet.write_string(page.row, col, str(L.NA), f.not_yet)
        else:
            number_format = getattr(f, formats + figure.number_format)
            page.sheet.write_number(page.row, col, figure.value(year), number_format)
