"""The empty import workbook: sheets, headers, drop-down lists; importing it as-is imports nothing."""

import re
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from thuiswerk.imports.kinds import KINDS
from thuiswerk.imports.template import template_write

from .conftest import run, snapshot


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "sjabloon.xlsx"
    template_write(path=path)
    return path


def test_sheets_and_headers(template):
    workbook = CalamineWorkbook.from_path(str(template))
    assert workbook.sheet_names == ["Instructies", *KINDS]
    for kind in KINDS.values():
        rows = workbook.get_sheet_by_name(kind.name).to_python()
        assert rows == [list(kind.names)], kind.name
    instructions = [
        cell for row in workbook.get_sheet_by_name("Instructies").to_python() for cell in row
    ]
    for kind in KINDS.values():
        for column in kind.columns:
            assert column.help in instructions


def test_a_drop_down_list_for_every_enumeration(template):
    with zipfile.ZipFile(template) as archive:
        for number, kind in enumerate(KINDS.values(), start=2):
            xml = archive.read(f"xl/worksheets/sheet{number}.xml").decode()
            lists = re.findall(r'<dataValidation type="list".*?<formula1>"(.*?)"</formula1>', xml)
            expected = [",".join(c.choices) for c in kind.columns if c.choices]
            assert lists == expected, kind.name


@pytest.mark.django_db
def test_importing_the_empty_template_imports_nothing(template):
    before = snapshot()
    result = run(template)
    assert result.ok
    assert result.warnings == []
    assert all(sum(counts.values()) == 0 for counts in result.counts.values())
    assert snapshot() == before
