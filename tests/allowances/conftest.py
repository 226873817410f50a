import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """The ledger's messages are matched in English here; their Dutch is tested on its own."""
    with translation.override("en"):
        yield
