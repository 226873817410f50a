"""The workbook holds the same figures as the JSON, in Dutch or English, with charts and frozen headers."""

import zipfile
from datetime import date
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook
from tests.reports.conftest import AS_OF

from thuiswerk.reports.parliament import parliament_answer
from thuiswerk.reports.workbook import write_parliament_workbook

DUTCH = {
    "1a": "1a Vergoedingen",
    "1b": "1b Financieel budget",
    "2a": "2a Materieel budget",
    "2b": "2b Materieel begunstigden",
    "3-4": "3-4 Geplande initiatieven",
    "entities": "Per entiteit",
}

# Row label in the Dutch workbook -> the figure of a year in the JSON.
DUTCH_ROWS = {
    "1a": {
        "Meegetelde maanden": lambda y: len(y["months"]),
        "Personeelsleden (aantal)": lambda y: y["headcount"],
        "Internetvergoeding, forfait (aantal)": lambda y: y["internet"]["forfait"],
        "Internetvergoeding, derdebetalersregeling (aantal)": lambda y: y["internet"][
            "third_party"
        ],
        "Internetvergoeding, totaal (aantal)": lambda y: y["internet"]["total"],
        "Internetvergoeding, totaal (%)": lambda y: y["internet"]["pct"],
        "Thuiswerkvergoeding (aantal)": lambda y: y["homework"]["total"],
        "Thuiswerkvergoeding (%)": lambda y: y["homework"]["pct"],
    },
    "1b": {
        "Financiële ondersteuning: gereserveerd budget": lambda y: y["financial"]["reserved"],
        "Financiële ondersteuning: uitgegeven": lambda y: y["financial"]["spent"],
        "waarvan internetvergoeding, forfait": lambda y: y["financial"]["internet_forfait"],
        "waarvan internetvergoeding, derdebetalersregeling": lambda y: y["financial"][
            "internet_third_party"
        ],
        "waarvan thuiswerkvergoeding": lambda y: y["financial"]["homework"],
    },
    "2a": {
        "Materiële ondersteuning: gereserveerd budget": lambda y: y["material"]["reserved"],
        "Materiële ondersteuning: uitgegeven": lambda y: y["material"]["spent"],
    },
    "2b": {
        "Personeelsleden (aantal)": lambda y: y["headcount"],
        "Begunstigden materiële ondersteuning (aantal)": lambda y: y["material"]["beneficiaries"],
        "Begunstigden materiële ondersteuning (%)": lambda y: y["material"]["pct"],
        **{
            f"{name}: {field}": (lambda y, c=category, f=key: y["material"]["by_category"][c][f])
            for category, name in (
                ("chair", "Bureaustoel"),
                ("screen", "Scherm"),
                ("laptop", "Laptop"),
                ("desk", "Bureau"),
                ("headset", "Headset"),
                ("other", "Ander"),
            )
            for field, key in (
                ("stuks", "items"),
                ("begunstigden", "beneficiaries"),
                ("kosten", "cost"),
            )
        },
    },
}
PERCENT_ROWS = {
    "Internetvergoeding, totaal (%)",
    "Thuiswerkvergoeding (%)",
    "Begunstigden materiële ondersteuning (%)",
}


def same(cell, expected, percent=False):
    """A cell equals the JSON's value: money to the cent, a percentage to one decimal."""
    if isinstance(expected, str):
        return Decimal(str(cell)).quantize(Decimal("0.01")) == Decimal(expected)
    if percent:
        return round(cell * 100, 1) == expected
    return cell == expected


def sheet_rows(path, name):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def write(tmp_path, code, lang="nl"):
    figures, per_entity = parliament_answer(
        entity_code=code, as_of=AS_OF, years=3, with_per_entity=code == "ALL"
    )
    path = tmp_path / f"{code}-{lang}.xlsx"
    write_parliament_workbook(figures=figures, path=path, lang=lang, per_entity=per_entity)
    return figures, per_entity, path


@pytest.mark.parametrize("code", ["AIV", "DV", "ALL"])
def test_every_figure_of_every_year_in_the_workbook_equals_the_json(government, tmp_path, code):
    figures, _, path = write(tmp_path, code)
    compared = 0
    for key, rows in DUTCH_ROWS.items():
        table = sheet_rows(path, DUTCH[key])
        header = table[1]
        assert header[0] == "Jaar"
        assert header[1:] == [y["year"] for y in figures["years"]]
        found = {row[0]: row[1:] for row in table[2:] if row and row[0]}
        assert set(rows) <= set(found), set(rows) - set(found)
        for label, value_of in rows.items():
            for cell, year in zip(found[label], figures["years"], strict=True):
                assert same(cell, value_of(year), label in PERCENT_ROWS), (key, label, year["year"])
                compared += 1
    assert compared == 3 * (8 + 5 + 2 + 3 + 18)


def test_the_per_entity_sheet_equals_the_per_entity_json(government, tmp_path):
    _, per_entity, path = write(tmp_path, "ALL")
    table = sheet_rows(path, DUTCH["entities"])
    assert table[0][:3] == ["Code", "Naam", 2021]
    columns = table[1][2:13]
    assert columns[0] == "Personeelsleden" and columns[-1] == "Materieel begunstigden (%)"
    figures = [
        lambda y: y["headcount"],
        lambda y: y["internet"]["total"],
        lambda y: y["internet"]["pct"],
        lambda y: y["homework"]["total"],
        lambda y: y["homework"]["pct"],
        lambda y: y["financial"]["reserved"],
        lambda y: y["financial"]["spent"],
        lambda y: y["material"]["reserved"],
        lambda y: y["material"]["spent"],
        lambda y: y["material"]["beneficiaries"],
        lambda y: y["material"]["pct"],
    ]
    rows = table[2:]
    assert [r[:2] for r in rows] == [[e["entity"], e["name"]] for e in per_entity]
    for row, entity in zip(rows, per_entity, strict=True):
        for index, year in enumerate(entity["years"]):
            cells = row[2 + index * len(figures) : 2 + (index + 1) * len(figures)]
            for offset, (cell, value_of) in enumerate(zip(cells, figures, strict=True)):
                assert same(cell, value_of(year), offset in (2, 4, 10)), (entity, year, offset)


def test_no_per_entity_sheet_for_an_entity(government, tmp_path):
    _, _, path = write(tmp_path, "AIV")
    assert "Per entiteit" not in CalamineWorkbook.from_path(str(path)).sheet_names


def test_the_cover_names_the_entity_period_definitions_and_parameters(government, tmp_path):
    _, _, path = write(tmp_path, "AIV")
    cover = {row[0]: row[1:] for row in sheet_rows(path, "Voorblad") if row and row[0]}
    assert cover["Entiteit"][0] == "AIV"
    assert cover["Naam"][0] == "Agentschap Informatie Vlaanderen"
    assert cover["Peildatum"][0] == date(2023, 10, 12)
    assert cover["Meegetelde periode"][0] == "2021-01 – 2023-09"
    assert cover["Aangemaakt op"][0]
    assert cover["Percentages"][0].startswith("100 x aantal")
    amount = cover["internet_forfait_amount"]
    assert amount[0] == "20.00" and amount[1] == date(2000, 1, 1)
    assert "VPS" in amount[2] and amount[3] == "nee"
    assert cover["internet_effective_from"][3] == "ja"


def test_initiatives_sheet_lists_them_and_says_when_none_are_planned(government, tmp_path):
    _, _, path = write(tmp_path, "ALL")
    rows = sheet_rows(path, DUTCH["3-4"])
    assert rows[1] == [
        "Entiteit",
        "Soort",
        "Titel",
        "Motivatie",
        "Gepland vanaf",
        "Gepland tot",
        "Budget",
    ]
    assert rows[2][:4] == [
        "AIV",
        "materieel",
        "Tweede scherm voor iedereen",
        "Betere ergonomie thuis",
    ]
    assert rows[2][4] == date(2024, 1, 1) and rows[2][5] == "" and rows[2][6] == 12000.0
    texts = [row[0] for row in rows[3:] if row and row[0]]
    assert texts == ["Er zijn geen financiële initiatieven gepland."]

    _, _, path = write(tmp_path, "DV")
    rows = sheet_rows(path, DUTCH["3-4"])
    assert rows[1][0] == "Soort"
    assert [row[0] for row in rows[2:] if row and row[0]] == [
        "Er zijn geen financiële initiatieven gepland.",
        "Er zijn geen materiële initiatieven gepland.",
    ]


def test_english_workbook(government, tmp_path):
    figures, _, path = write(tmp_path, "ALL", lang="en")
    assert CalamineWorkbook.from_path(str(path)).sheet_names == [
        "Cover",
        "1a Allowances",
        "1b Financial budget",
        "2a Material budget",
        "2b Material beneficiaries",
        "3-4 Planned initiatives",
        "Per entity",
    ]
    rows = {row[0]: row[1:] for row in sheet_rows(path, "1a Allowances")[2:]}
    assert rows["Internet allowance, total (number)"] == [
        y["internet"]["total"] for y in figures["years"]
    ]
    cover = {row[0]: row[1:] for row in sheet_rows(path, "Cover") if row and row[0]}
    assert cover["Name"][0] == "All entities"


def test_charts_formats_and_frozen_panes(government, tmp_path):
    _, _, path = write(tmp_path, "ALL")
    with zipfile.ZipFile(path) as xlsx:
        names = xlsx.namelist()
        charts = [n for n in names if n.startswith("xl/charts/chart")]
        assert len(charts) == 6  # 1a: counts and percentages, 1b, 2a, 2b: beneficiaries and cost
        kinds = [xlsx.read(n).decode() for n in charts]
        sheets = [xlsx.read(f"xl/worksheets/sheet{i}.xml").decode() for i in range(2, 6)]
        styles = xlsx.read("xl/styles.xml").decode()
    assert (
        sum("<c:barChart>" in k for k in kinds) == 5
        and sum("<c:lineChart>" in k for k in kinds) == 1
    )
    assert all('state="frozen"' in sheet for sheet in sheets)
    assert "€" in styles and "0.0%" in styles
