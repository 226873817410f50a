import pytest


@pytest.fixture
def _default_parameters():
    """The rules are pure: their tests run without a database, so there is nothing to seed."""
