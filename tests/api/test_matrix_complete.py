"""Every operation of the API is in the authorization matrix (a `CASES` list of a
tests/api/test_matrix_*.py module), or below with the test that covers it instead."""

import importlib
from pathlib import Path

from thuiswerk.api.api import api

# Operations about the asker herself, the same for every role: tests/api/test_foundation.py.
ABOUT_THE_ASKER = {"GET /api/v1/me"}


def _cases() -> set[str]:
    ids = set()
    for module_path in sorted(Path(__file__).parent.glob("test_matrix_*.py")):
        if module_path.stem == "test_matrix_complete":
            continue
        module = importlib.import_module(f"tests.api.{module_path.stem}")
        ids |= {case.id for case in module.CASES}
    return ids


def test_every_operation_has_a_matrix_case():
    document = api.get_openapi_schema()
    operations = {
        f"{method.upper()} {path}"
        for path, methods in document["paths"].items()
        for method in methods
    }
    cases = _cases()
    assert operations - cases - ABOUT_THE_ASKER == set()
    assert cases - operations == set(), "cases for operations that do not exist"
