"""The empty import workbook: sheets, headers, drop-down lists in the active language; importing
it as-is imports nothing and says so."""

import re
import zipfile

import pytest
from django.utils import translation
from python_calamine import CalamineWorkbook

from thuiswerk.imports.kinds import KINDS
from thuiswerk.imports.template import template_write

from .conftest import run, snapshot, strings


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "sjabloon.xlsx"
    template_write(path=path)
    return path


def drop_downs(path) -> list[list[str]]:
    """The drop-down lists of each kind's sheet, in sheet order."""
    with zipfile.ZipFile(path) as archive:
        return [
            re.findall(
                r'<dataValidation type="list".*?<formula1>"(.*?)"</formula1>',
                archive.read(f"xl/worksheets/sheet{number}.xml").decode(),
            )
            for number in range(2, len(KINDS) + 2)
        ]


def test_sheets_headers_and_lists_in_english(template):
    workbook = CalamineWorkbook.from_path(str(template))
    assert workbook.sheet_names == ["Instructions", *KINDS]
    for kind in KINDS.values():
        assert workbook.get_sheet_by_name(kind.name).to_python() == [list(kind.names)]
    assert drop_downs(template) == [
        [",".join(c.choices) for c in kind.columns if c.choices] for kind in KINDS.values()
    ]
    instructions = [
        c for row in workbook.get_sheet_by_name("Instructions").to_python() for c in row
    ]
    for kind in KINDS.values():
        for column in kind.columns:
            assert str(column.help) in instructions


def test_sheets_headers_and_lists_in_dutch(dutch, tmp_path):
    path = tmp_path / "sjabloon.xlsx"
    template_write(path=path)
    workbook = CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names == [
        "Instructies",
        "personeel",
        "overeenkomsten",
        "registraties",
        "internetkeuzes",
        "facturen",
        "materiaal",
        "budgetten",
        "initiatieven",
    ]
    assert workbook.get_sheet_by_name("personeel").to_python() == [
        [
            "personeelsnummer",
            "voornaam",
            "familienaam",
            "e-mail",
            "entiteitscode",
            "entiteitsnaam",
            "vte",
            "begindatum",
            "einddatum",
            "leidinggevende",
        ]
    ]
    assert workbook.get_sheet_by_name("registraties").to_python() == [
        ["personeelsnummer", "datum", "plaats", "dagdeel"]
    ]
    assert drop_downs(path)[1:3] == [
        ["in behandeling,goedgekeurd,afgewezen,ingetrokken"],
        ["thuis,kantoor,andere,afwezig", "volledige dag,voormiddag,namiddag"],
    ]
    instructions = [c for row in workbook.get_sheet_by_name("Instructies").to_python() for c in row]
    assert "Eén rij per overeenkomst hybride werken. Sleutel: personeelsnummer + geldig_vanaf." in (
        instructions
    )
    assert "Voornaam." in instructions
    assert "tekst, hoogstens 100 tekens" in instructions


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nl"])
def test_importing_the_empty_template_imports_nothing_and_warns(language, tmp_path):
    path = tmp_path / "sjabloon.xlsx"
    with translation.override(language):
        template_write(path=path)
    before = snapshot()
    result = run(path)
    assert result.ok, strings(result.errors)
    assert strings(result.warnings) == [
        f"{path}: the file has a header but no rows: nothing to import"
    ]
    assert all(sum(counts.values()) == 0 for counts in result.counts.values())
    assert snapshot() == before
