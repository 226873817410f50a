import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """The refusals are matched in English here; the pages test their Dutch."""
    with translation.override("en"):
        yield
