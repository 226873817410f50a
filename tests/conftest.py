import pytest
from tests.roles import world  # noqa: F401  (a fixture for the web and API tests)


@pytest.fixture(autouse=True)
def _default_parameters(db):
    """Every test database holds the default parameters, as after `thuiswerk init`."""
    from thuiswerk.allowances.services import parameters_seed_defaults

    parameters_seed_defaults(actor="test")
