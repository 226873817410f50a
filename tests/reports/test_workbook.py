"""The workbook holds the same figures as the JSON, in Dutch or English, with charts, and is set up
to print: one page wide, repeated titles, header and footer, row heights for wrapped text."""

import re
import shutil
import subprocess
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from tests.factories import PlannedInitiativeFactory
from tests.reports.conftest import AS_OF

from thuiswerk.allowances.models import LedgerMonth
from thuiswerk.core.months import month_range
from thuiswerk.reports.parliament import parliament_answer
from thuiswerk.reports.workbook import column_px, text_lines, write_parliament_workbook

DUTCH = {
    "cover": "Voorblad",
    "1a": "1a Vergoedingen",
    "1b": "1b Financieel budget",
    "2a": "2a Materieel budget",
    "2b": "2b Materiële ondersteuning",
    "3-4": "3-4 Geplande initiatieven",
    "entities": "Per entiteit",
}
NOT_YET_HOMEWORK = "van toepassing sinds 01/01/2023"

# Row label in the Dutch workbook -> (the figure of a year in the JSON, the measure it belongs to).
DUTCH_ROWS = {
    "1a": {
        "Meegetelde maanden": (lambda y: len(y["months"]), None),
        "Personeelsleden (aantal)": (lambda y: y["headcount"], None),
        "Internetvergoeding, forfait (aantal)": (lambda y: y["internet"]["forfait"], "i"),
        "Internetvergoeding, derdebetalersregeling (aantal)": (
            lambda y: y["internet"]["third_party"],
            "i",
        ),
        "Internetvergoeding, totaal (aantal)": (lambda y: y["internet"]["total"], "i"),
        "Internetvergoeding, forfait (%)": (lambda y: y["internet"]["forfait_pct"], "i"),
        "Internetvergoeding, derdebetalersregeling (%)": (
            lambda y: y["internet"]["third_party_pct"],
            "i",
        ),
        "Internetvergoeding, totaal (%)": (lambda y: y["internet"]["pct"], "i"),
        "Thuiswerkvergoeding (aantal)": (lambda y: y["homework"]["total"], "h"),
        "Thuiswerkvergoeding (%)": (lambda y: y["homework"]["pct"], "h"),
    },
    "1b": {
        "Financiële ondersteuning: gereserveerd budget": (
            lambda y: y["financial"]["reserved"],
            None,
        ),
        "Financiële ondersteuning: uitgegeven": (lambda y: y["financial"]["spent"], None),
        "waarvan internetvergoeding, forfait": (lambda y: y["financial"]["internet_forfait"], "i"),
        "waarvan internetvergoeding, derdebetalersregeling": (
            lambda y: y["financial"]["internet_third_party"],
            "i",
        ),
        "waarvan thuiswerkvergoeding": (lambda y: y["financial"]["homework"], "h"),
    },
    "2a": {
        "Materiële ondersteuning: gereserveerd budget": (lambda y: y["material"]["reserved"], None),
        "Materiële ondersteuning: uitgegeven": (lambda y: y["material"]["spent"], None),
    },
    "2b": {
        "Personeelsleden (aantal)": (lambda y: y["headcount"], None),
        "Begunstigden materiële ondersteuning (aantal)": (
            lambda y: y["material"]["beneficiaries"],
            None,
        ),
        "Begunstigden materiële ondersteuning (%)": (lambda y: y["material"]["pct"], None),
        **{
            f"{name}: {field}": (
                lambda y, c=category, f=key: y["material"]["by_category"][c][f],
                None,
            )
            for category, name in (
                ("chair", "Bureaustoel"),
                ("screen", "Scherm"),
                ("laptop", "Laptop"),
                ("desk", "Bureau"),
                ("headset", "Headset"),
                ("other", "Andere"),
            )
            for field, key in (
                ("stuks", "items"),
                ("begunstigden", "beneficiaries"),
                ("kosten", "cost"),
            )
        },
    },
}

# The per-entity sheet's columns, in order, and the JSON figure of each.
ENTITY_COLUMNS = {
    "Personeel": lambda y: y["headcount"],
    "Internet (aantal)": lambda y: y["internet"]["total"],
    "Internet (%)": lambda y: y["internet"]["pct"],
    "Thuiswerk (aantal)": lambda y: y["homework"]["total"],
    "Thuiswerk (%)": lambda y: y["homework"]["pct"],
    "Financieel: gereserveerd": lambda y: y["financial"]["reserved"],
    "Financieel: uitgegeven": lambda y: y["financial"]["spent"],
    "Materieel: gereserveerd": lambda y: y["material"]["reserved"],
    "Materieel: uitgegeven": lambda y: y["material"]["spent"],
    "Begunstigden materieel": lambda y: y["material"]["beneficiaries"],
    "Begunstigden materieel (%)": lambda y: y["material"]["pct"],
}


def same(cell, expected, label):
    """A cell equals the JSON's value: money to the cent, a percentage to one decimal."""
    if isinstance(expected, str):
        return Decimal(str(cell)).quantize(Decimal("0.01")) == Decimal(expected)
    if "%" in label:
        return round(cell * 100, 1) == expected
    return cell == expected


def sheet_rows(path, name):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def write(tmp_path, code, lang="nl", as_of=AS_OF):
    answer = parliament_answer(entity_code=code, as_of=as_of, years=3)
    path = tmp_path / f"{code}-{lang}.xlsx"
    write_parliament_workbook(answer=answer, path=path, lang=lang)
    return answer.to_json(), path


def header_at(table, first):
    return next(i for i, row in enumerate(table) if row and row[0] == first)


@pytest.mark.parametrize("code", ["AIV", "DV", "ALL"])
def test_every_figure_of_every_year_in_the_workbook_equals_the_json(government, tmp_path, code):
    figures, path = write(tmp_path, code)
    compared = notes = 0
    for key, rows in DUTCH_ROWS.items():
        table = sheet_rows(path, DUTCH[key])
        at = header_at(table, "Jaar")
        assert table[at][1:] == [y["year"] for y in figures["years"]]
        found = {row[0]: row[1:] for row in table[at + 1 :] if row and row[0]}
        assert set(rows) <= set(found), set(rows) - set(found)
        for label, (value_of, measure) in rows.items():
            for cell, year in zip(found[label], figures["years"], strict=True):
                if measure == "h" and year["year"] < 2023:
                    # The home-working allowance did not exist yet: said so, not a bare 0.
                    assert cell == NOT_YET_HOMEWORK and value_of(year) in (0, 0.0, "0.00")
                    notes += 1
                else:
                    assert same(cell, value_of(year), label), (key, label, year["year"])
                compared += 1
    assert compared == 3 * (10 + 5 + 2 + 3 + 18)
    assert notes == 2 * 3


def per_entity_blocks(table):
    """Per year block of the per-entity sheet: (year, column titles, entity rows, total row)."""
    blocks = []
    for at, row in enumerate(table):
        if row and row[0] == "Code":
            end = next(i for i in range(at + 1, len(table)) if not table[i][0])
            blocks.append((table[at - 1][0], row, table[at + 1 : end], table[end]))
    return blocks


def test_the_per_entity_sheet_equals_the_json_with_a_total_per_year(government, tmp_path):
    figures, path = write(tmp_path, "ALL")
    blocks = per_entity_blocks(sheet_rows(path, DUTCH["entities"]))
    assert [b[0] for b in blocks] == [2021, 2022, 2023]
    for index, (year, titles, rows, total) in enumerate(blocks):
        assert titles == ["Code", "Naam", *ENTITY_COLUMNS]
        assert [r[:2] for r in rows] == [[e["entity"], e["name"]] for e in figures["entities"]]
        expected = [(r, e["years"][index]) for r, e in zip(rows, figures["entities"], strict=True)]
        assert total[1] == "Vlaamse overheid (alle entiteiten)"
        expected.append((total, figures["years"][index]))
        for row, figures_of_year in expected:
            for cell, (label, value_of) in zip(row[2:], ENTITY_COLUMNS.items(), strict=True):
                if label.startswith("Thuiswerk") and year < 2023:
                    assert cell == "n.v.t."
                else:
                    assert same(cell, value_of(figures_of_year), label), (year, label)
    # The total counts bob (who moved) once; amounts add up.
    assert blocks[1][3][2] == 4 and sum(r[2] for r in blocks[1][2]) == 5


def test_no_per_entity_sheet_for_an_entity(government, tmp_path):
    _, path = write(tmp_path, "AIV")
    assert "Per entiteit" not in CalamineWorkbook.from_path(str(path)).sheet_names


def cover_of(path):
    return {row[0]: row[1:] for row in sheet_rows(path, DUTCH["cover"]) if row and row[0]}


def test_the_cover_names_the_entity_period_definitions_and_parameters(government, tmp_path):
    _, path = write(tmp_path, "AIV")
    cover = cover_of(path)
    assert cover["Entiteit"][0] == "Agentschap Informatie Vlaanderen (AIV)"
    assert cover["Peildatum"][0] == "12/10/2023"
    assert cover["Meegetelde periode"][0] == "2021-01 – 2023-09"
    assert cover["Status van de cijfers"][0] == "voorlopig"
    assert cover["Aangemaakt op"][0]
    assert cover["Percentages"][0].startswith("100 x aantal")
    assert "minstens één maand" in cover["Hoe een personeelslid geteld wordt"][0]
    amount = cover["Internetvergoeding: forfait per maand"]
    # The day it took effect in law, not the technical first date 2000-01-01.
    assert amount[:2] == ["€ 20,00", date(2021, 10, 1)]
    assert "VPS" in amount[2] and amount[3] == "nee"
    assert cover["Thuiswerkvergoeding per maand"][:2] == ["€ 20,00", date(2023, 1, 1)]
    assert cover["Internetvergoeding: verschuldigd vanaf"][:2] == ["01/10/2021", date(2021, 10, 1)]
    assert cover["Internetvergoeding: verschuldigd vanaf"][3] == "ja"
    assert cover["Feestdagenkalender"][1] == ""


def test_the_entity_all_is_named_as_the_flemish_government(government, tmp_path):
    _, path = write(tmp_path, "ALL")
    assert cover_of(path)["Entiteit"][0] == "Vlaamse overheid (alle entiteiten)"


def provisional_lines(path):
    book = CalamineWorkbook.from_path(str(path))
    return {
        name: [row[0] for row in book.get_sheet_by_name(name).to_python()[:3] if row]
        for name in book.sheet_names
    }


def test_every_sheet_says_the_figures_are_provisional_while_a_month_is_open(government, tmp_path):
    for month in month_range(date(2021, 1, 1), date(2023, 7, 1)):
        LedgerMonth.objects.create(month=month, status=LedgerMonth.Status.CLOSED)
    _, path = write(tmp_path, "ALL")
    note = (
        "Voorlopige cijfers: nog niet alle meegetelde maanden zijn afgesloten (2023-08 – "
        "2023-09); deze cijfers kunnen nog wijzigen."
    )
    lines = provisional_lines(path)
    assert len(lines) == 7 and all(note in first_rows for first_rows in lines.values())
    with zipfile.ZipFile(path) as xlsx:
        assert "Peildatum 12/10/2023 (voorlopig)" in xlsx.read("xl/worksheets/sheet2.xml").decode()

    for month in (date(2023, 8, 1), date(2023, 9, 1)):
        LedgerMonth.objects.create(month=month, status=LedgerMonth.Status.CLOSED)
    _, path = write(tmp_path, "ALL")
    assert not any(
        str(line).startswith("Voorlopige")
        for rows in provisional_lines(path).values()
        for line in rows
    )
    assert cover_of(path)["Status van de cijfers"][0].startswith("definitief")


def initiative_tables(path):
    rows = sheet_rows(path, DUTCH["3-4"])
    return rows, [row[0] for row in rows if row and row[0]]


def test_initiatives_sheet_lists_current_and_past_and_says_when_none_are_planned(
    government, tmp_path
):
    PlannedInitiativeFactory(
        entity=government["dv"],
        kind="financial",
        title="Proefproject mobiel internet",
        planned_from=date(2022, 1, 1),
        planned_to=date(2023, 6, 30),
    )
    _, path = write(tmp_path, "ALL")
    rows, texts = initiative_tables(path)
    at = header_at(rows, "Entiteit")
    assert rows[at] == [
        "Entiteit",
        "Soort",
        "Titel",
        "Motivatie",
        "Gepland vanaf",
        "Gepland tot",
        "Budget",
    ]
    assert rows[at - 1][0] == "Lopende en geplande initiatieven"
    assert rows[at + 1][:4] == [
        "AIV",
        "materieel",
        "Tweede scherm voor iedereen",
        "Betere ergonomie thuis",
    ]
    assert rows[at + 1][4] == date(2024, 1, 1) and rows[at + 1][5] == ""
    assert rows[at + 1][6] == 12000.0
    # The past one does not count as planned: question 3 still gets its "nothing planned".
    assert texts.index("Er zijn geen financiële initiatieven gepland.") < texts.index(
        "Afgelopen initiatieven (gepland tot vóór de peildatum)"
    )
    past = header_at(rows[at + 1 :], "Entiteit") + at + 1
    assert rows[past + 1][:3] == ["DV", "financieel", "Proefproject mobiel internet"]

    _, path = write(tmp_path, "DV")
    rows, texts = initiative_tables(path)
    assert rows[header_at(rows, "Soort")][0] == "Soort"
    assert "Er zijn geen materiële initiatieven gepland." in texts


def test_english_workbook(government, tmp_path):
    figures, path = write(tmp_path, "ALL", lang="en")
    assert CalamineWorkbook.from_path(str(path)).sheet_names == [
        "Cover",
        "1a Allowances",
        "1b Financial budget",
        "2a Material budget",
        "2b Material support",
        "3-4 Planned initiatives",
        "Per entity",
    ]
    table = sheet_rows(path, "1a Allowances")
    rows = {row[0]: row[1:] for row in table[header_at(table, "Year") :]}
    assert rows["Internet allowance, total (number)"] == [
        y["internet"]["total"] for y in figures["years"]
    ]
    assert rows["Home-working allowance (number)"][0] == "applies since 2023-01-01"
    cover = {row[0]: row[1:] for row in sheet_rows(path, "Cover") if row and row[0]}
    assert cover["Entity"][0] == "Flemish government (all entities)"
    assert cover["Internet allowance: flat rate per month"][0] == "EUR 20.00"
    assert table[0][0].startswith("Question 1a. How many staff members")


def test_the_workbook_writer_reads_nothing_from_the_database(
    government, tmp_path, django_assert_num_queries
):
    answer = parliament_answer(entity_code="ALL", as_of=AS_OF, years=3)
    with django_assert_num_queries(0):
        write_parliament_workbook(answer=answer, path=tmp_path / "all.xlsx")
    assert (tmp_path / "all.xlsx").stat().st_size > 0


def xml_of(path):
    with zipfile.ZipFile(path) as xlsx:
        names = xlsx.namelist()
        return {n: xlsx.read(n).decode() for n in names if n.endswith(".xml")}


def test_charts_start_their_value_axis_at_zero(government, tmp_path):
    _, path = write(tmp_path, "ALL")
    charts = [xml for name, xml in xml_of(path).items() if name.startswith("xl/charts/chart")]
    assert len(charts) == 6  # 1a: counts and percentages, 1b, 2a, 2b: beneficiaries and cost
    assert sum("<c:barChart>" in c for c in charts) == 5
    assert sum("<c:lineChart>" in c for c in charts) == 1
    assert all('<c:min val="0"/>' in c for c in charts)


def test_every_sheet_is_set_up_to_print_one_page_wide_with_titles_header_and_footer(
    government, tmp_path
):
    _, path = write(tmp_path, "ALL")
    xml = xml_of(path)
    sheets = [xml[f"xl/worksheets/sheet{i}.xml"] for i in range(1, 8)]
    orientations = []
    for sheet in sheets:
        assert '<pageSetUpPr fitToPage="1"/>' in sheet
        setup = re.search(r"<pageSetup [^>]*/>", sheet).group(0)
        assert 'paperSize="9"' in setup and 'fitToHeight="0"' in setup
        assert "fitToWidth" not in setup  # 1, the default
        orientations.append(re.search(r'orientation="(\w+)"', setup).group(1))
        footer = re.search(r"<oddFooter>(.*)</oddFooter>", sheet).group(1)
        assert "Peildatum 12/10/2023" in footer and "Pagina &amp;P/&amp;N" in footer
        header = re.search(r"<oddHeader>(.*)</oddHeader>", sheet).group(1)
        assert "Vlaamse overheid (alle entiteiten)" in header
    assert orientations == ["portrait"] * 5 + ["landscape"] * 2
    titles = re.findall(
        r'<definedName name="_xlnm.Print_Titles" localSheetId="(\d)">', xml["xl/workbook.xml"]
    )
    assert sorted(titles) == [str(i) for i in range(7)]
    # Question sheets freeze the title and header rows; the charts are moved off a page's end.
    assert all('state="frozen"' in sheet for sheet in sheets[1:5])


def test_wrapped_text_gets_the_row_height_it_needs(government, tmp_path):
    _, path = write(tmp_path, "AIV")
    sheet = xml_of(path)["xl/worksheets/sheet2.xml"]
    heights = {int(r): float(h) for r, h in re.findall(r'<row r="(\d+)"[^>]* ht="([\d.]+)"', sheet)}
    assert heights[1] >= 3 * 12  # the question, three lines of 12 points
    assert heights[2] >= 2 * 10  # the provisional note


def test_text_lines_wraps_at_spaces_and_breaks_a_word_longer_than_the_column():
    assert text_lines("kort", column_px(10)) == 1
    assert text_lines("een zin die niet op één regel van tien tekens past", column_px(10)) >= 5
    assert text_lines("x" * 60, column_px(10)) >= 4
    assert text_lines("eerste\ntweede", column_px(40)) == 2
    assert text_lines("Begunstigden", column_px(10), bold=True) > text_lines(
        "Begunstigden", column_px(14), bold=True
    )


@given(
    text=st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ éèë,.()%€0123456789",
        max_size=300,
    ),
    narrow=st.floats(min_value=4, max_value=60),
    extra=st.floats(min_value=0, max_value=60),
    bold=st.booleans(),
)
def test_a_wider_column_never_needs_more_lines(text, narrow, extra, bold):
    lines = text_lines(text, column_px(narrow), bold=bold)
    assert 1 <= text_lines(text, column_px(narrow + extra), bold=bold) <= lines


def soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(path, tmp_path):
    """The workbook printed by LibreOffice: returns the PDF's pages as text."""
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = path.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for p in range(1, pages + 1)
    ]


needs_libreoffice = pytest.mark.skipif(
    soffice() is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice (soffice) and poppler-utils (pdfinfo) are needed to print the workbook: "
    "apt-get install -y libreoffice-calc poppler-utils",
)


@needs_libreoffice
def test_the_aiv_workbook_prints_on_at_most_ten_pages(government, tmp_path):
    _, path = write(tmp_path, "AIV")
    pages = to_pdf(path, tmp_path)
    assert len(pages) <= 10
    assert all("Agentschap Informatie Vlaanderen (AIV)" in page for page in pages)
    assert all(f"Pagina {n}/{len(pages)}" in page for n, page in enumerate(pages, start=1))


@needs_libreoffice
def test_the_all_workbook_prints_each_year_of_the_per_entity_sheet_one_page_wide(
    government, tmp_path
):
    _, path = write(tmp_path, "ALL")
    pages = [page for page in to_pdf(path, tmp_path) if "Code" in page and "Naam" in page]
    assert len(pages) == 3  # a page per year: every column of it, with the year above them
    for year, page in zip((2021, 2022, 2023), pages, strict=True):
        assert str(year) in page and "materieel (%)" in page
        assert "Vlaamse overheid (alle entiteiten)" in page
