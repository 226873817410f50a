"""Bar and line charts as server-rendered SVG: no chart script, nothing from a CDN.

Each chart has a <title> and a description, axis labels, a legend and figures as the active
language writes them (`1.234` and `€ 1.234,56` in Dutch); the template shows the same figures in a
table below it (`chart.rows()`), for screen readers and for anyone who wants the numbers. The
colours keep a contrast of at least 3:1 against white (WCAG 2.1 non-text contrast) and differ
in lightness as well as hue; line series differ by their marker shape too.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import count
from math import ceil, floor, log10

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from thuiswerk.core.formatting import format_money

# Dark blue, orange-brown, green, purple, red, grey: each >= 4.5:1 on white.
COLOURS = ("#1d4f91", "#a34700", "#1e7a3c", "#6b3fa0", "#b3261e", "#4b5563")
MARKERS = ("circle", "square", "triangle", "diamond", "circle", "square")
WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 84, 16, 16, 64

_ids = count(1)


def format_count(value: Decimal | int | float) -> str:
    """A whole number with a thousands mark: `12.345` in Dutch, `12,345` in English."""
    text = f"{int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)):,}"
    dutch = (get_language() or "nl").startswith("nl")
    return text.replace(",", ".") if dutch else text


def format_amount(value: Decimal | int | float) -> str:
    return format_money(Decimal(str(value)))


def format_whole_euros(value: Decimal | int | float) -> str:
    """An axis tick in whole euros: `€ 800.000` (English `EUR 800,000`)."""
    dutch = (get_language() or "nl").startswith("nl")
    return ("€ " if dutch else "EUR ") + format_count(value)


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[Decimal | int | float]


@dataclass(frozen=True)
class Chart:
    kind: str  # "bar" or "line"
    title: str
    x_label: str
    y_label: str
    categories: Sequence[str]
    series: Sequence[Series]
    money: bool = False
    uid: str = field(default_factory=lambda: f"chart-{next(_ids)}")

    @property
    def fmt(self) -> Callable[[Decimal | int | float], str]:
        return format_amount if self.money else format_count

    @property
    def tick_fmt(self) -> Callable[[Decimal | int | float], str]:
        return format_whole_euros if self.money else format_count

    def rows(self) -> list[tuple[str, list[str]]]:
        """The figures by category, formatted: the table below the chart."""
        return [
            (category, [self.fmt(s.values[i]) for s in self.series])
            for i, category in enumerate(self.categories)
        ]

    @property
    def colours(self) -> list[tuple[Series, str]]:
        return [(s, COLOURS[i % len(COLOURS)]) for i, s in enumerate(self.series)]

    @property
    def svg(self) -> SafeString:
        return render(self)


def bar_chart(**kwargs) -> Chart:
    return Chart(kind="bar", **kwargs)


def line_chart(**kwargs) -> Chart:
    return Chart(kind="line", **kwargs)


def nice_scale(highest: float, *, whole: bool = True) -> tuple[float, float]:
    """The axis maximum (>= highest) and its tick step, about four ticks: 1, 2, (2.5,) 5 times
    a power of ten; a whole step of at least 1 for counts."""
    if highest <= 0:
        return (4.0, 1.0) if whole else (1.0, 0.25)
    raw = highest / 4
    power = 10 ** floor(log10(raw))
    multipliers = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = float(next(m * power for m in multipliers if m * power >= raw))
    if whole:
        step = max(1.0, step)
    return ceil(highest / step - 1e-9) * step, step


def _number(value: Decimal | int | float) -> float:
    return float(value)


def render(chart: Chart) -> SafeString:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    highest = max((_number(v) for s in chart.series for v in s.values), default=0.0)
    top, step = nice_scale(highest)  # whole ticks: counts, and euros on the money axis

    def y(value: float) -> float:
        return TOP + plot_h - (value / top) * plot_h

    uid = chart.uid
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"'
        f' aria-labelledby="{uid}-title {uid}-desc" focusable="false">',
        f'<title id="{uid}-title">{escape(chart.title)}</title>',
        f'<desc id="{uid}-desc">{escape(chart.y_label)} / {escape(chart.x_label)}</desc>',
    ]
    # Grid lines and the y axis's ticks.
    ticks = int(round(top / step))
    for i in range(ticks + 1):
        value = step * i
        ty = y(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}"'
            f' stroke="#d1d5db" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" font-size="12"'
            f' fill="#1f2937">{escape(chart.tick_fmt(value))}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#1f2937"/>'
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}"'
        f' stroke="#1f2937"/>'
    )
    n = max(1, len(chart.categories))
    band = plot_w / n
    # Category labels: every one when they fit, else every k-th.
    every = max(1, ceil(n * 48 / plot_w))
    for i, category in enumerate(chart.categories):
        if i % every == 0:
            cx = LEFT + band * (i + 0.5)
            parts.append(
                f'<text x="{cx:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" font-size="12"'
                f' fill="#1f2937">{escape(category)}</text>'
            )
    if chart.kind == "bar":
        parts += _bars(chart, band, y)
    else:
        parts += _lines(chart, band, y)
    # Axis titles.
    parts.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 28}" text-anchor="middle"'
        f' font-size="12" fill="#1f2937">{escape(chart.x_label)}</text>'
        f'<text x="14" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" font-size="12"'
        f' fill="#1f2937" transform="rotate(-90 14 {TOP + plot_h / 2:.1f})">'
        f"{escape(chart.y_label)}</text>"
    )
    parts += _legend(chart)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _bars(chart: Chart, band: float, y: Callable[[float], float]) -> list[str]:
    parts = []
    groups = max(1, len(chart.series))
    width = band * 0.8 / groups
    base = y(0)
    for g, (series, colour) in enumerate(chart.colours):
        for i, value in enumerate(series.values):
            x = LEFT + band * i + band * 0.1 + width * g
            top = y(_number(value))
            parts.append(
                f'<rect x="{x:.1f}" y="{top:.1f}" width="{max(width - 1, 1):.1f}"'
                f' height="{max(base - top, 0):.1f}" fill="{colour}">'
                f"<title>{escape(series.label)}, {escape(chart.categories[i])}:"
                f" {escape(chart.fmt(value))}</title></rect>"
            )
    return parts


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"'
            f' fill="{colour}"/>'
        )
    if shape == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f}'
            f' {x - 5:.1f},{y:.1f}" fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def _lines(chart: Chart, band: float, y: Callable[[float], float]) -> list[str]:
    parts = []
    for g, (series, colour) in enumerate(chart.colours):
        points = [
            (LEFT + band * (i + 0.5), y(_number(value))) for i, value in enumerate(series.values)
        ]
        if points:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        shape = MARKERS[g % len(MARKERS)]
        parts += [_marker(shape, px, py, colour) for px, py in points]
    return parts


def _legend(chart: Chart) -> list[str]:
    parts = []
    x, ly = LEFT, HEIGHT - 12
    for g, (series, colour) in enumerate(chart.colours):
        if chart.kind == "bar":
            parts.append(f'<rect x="{x}" y="{ly - 9}" width="10" height="10" fill="{colour}"/>')
        else:
            parts.append(_marker(MARKERS[g % len(MARKERS)], x + 5, ly - 4, colour))
        parts.append(
            f'<text x="{x + 14}" y="{ly}" font-size="12" fill="#1f2937">'
            f"{escape(series.label)}</text>"
        )
        x += 22 + 7 * len(series.label)
    return parts
