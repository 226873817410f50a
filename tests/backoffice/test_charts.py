"""The SVG charts: titled, labelled, a legend, Dutch numbers, readable colours, escaped text."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from thuiswerk.backoffice.charts import (
    COLOURS,
    Series,
    bar_chart,
    format_count,
    line_chart,
    nice_scale,
)


def contrast(colour: str) -> float:
    """WCAG contrast ratio of a colour against white."""

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_colours_have_contrast_and_differ():
    assert all(contrast(c) >= 4.5 for c in COLOURS)
    assert len(set(COLOURS)) == len(COLOURS)


@pytest.mark.parametrize(
    ("highest", "whole", "scale"),
    [
        (0, True, (4.0, 1.0)),
        (3, True, (3.0, 1.0)),
        (7, True, (8.0, 2.0)),
        (123, True, (150.0, 50.0)),
        (1234.5, False, (1500.0, 500.0)),
        (0.6, False, (0.6, 0.2)),
    ],
)
def test_nice_scale(highest, whole, scale):
    top, step = nice_scale(highest, whole=whole)
    assert top >= highest
    assert (round(top, 6), round(step, 6)) == scale


def test_counts_in_dutch_and_english():
    with translation.override("nl"):
        assert format_count(12345) == "12.345"
    with translation.override("en"):
        assert format_count(12345) == "12,345"


def test_bar_chart_has_title_labels_legend_and_table():
    with translation.override("nl"):
        chart = bar_chart(
            title="Uitgaven <per> jaar",
            x_label="Jaar",
            y_label="Euro",
            categories=["2025", "2026"],
            series=[
                Series("gereserveerd", [Decimal("1000.00"), Decimal("2500.50")]),
                Series("uitgegeven", [Decimal("250.00"), Decimal("0")]),
            ],
            money=True,
        )
        svg = str(chart.svg)
        rows = chart.rows()
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg
    assert "<title" in svg and "Uitgaven &lt;per&gt; jaar" in svg  # escaped
    assert "<per>" not in svg
    assert "Jaar" in svg and "Euro" in svg
    assert "gereserveerd" in svg and "uitgegeven" in svg  # the legend
    assert "€ 2.500,50" in svg  # a bar's own title
    assert ">€ 3.000</text>" in svg  # the axis in whole euros
    assert len(re.findall(r"<rect [^>]*height=", svg)) >= 4
    assert rows == [("2025", ["€ 1.000,00", "€ 250,00"]), ("2026", ["€ 2.500,50", "€ 0,00"])]


def test_line_chart_marks_each_series_with_its_own_shape():
    chart = line_chart(
        title="Begunstigden",
        x_label="Maand",
        y_label="Personeelsleden",
        categories=["jan", "feb", "mrt"],
        series=[Series("internet", [1, 2, 3]), Series("thuiswerk", [0, 1, 1])],
    )
    svg = str(chart.svg)
    assert svg.count("<polyline") == 2
    assert "<circle" in svg and 'width="8" height="8"' in svg  # circle and square markers
    assert chart.rows()[2] == ("mrt", ["3", "1"])


def test_each_chart_has_its_own_ids():
    one = bar_chart(
        title="a", x_label="x", y_label="y", categories=["1"], series=[Series("s", [1])]
    )
    two = bar_chart(
        title="b", x_label="x", y_label="y", categories=["1"], series=[Series("s", [1])]
    )
    assert one.uid != two.uid
    assert f'id="{one.uid}-title"' in str(one.svg)
