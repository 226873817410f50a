import pytest
from tests.roles import world  # noqa: F401  (a fixture for the web and API tests)


@pytest.fixture(autouse=True)
def _own_var_folder(settings, tmp_path):
    """What a command writes to var/ by default (the import's issue list) goes to the test's own
    folder, not to the checkout's var/."""
    settings.VAR_DIR = tmp_path / "var"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """A fast hasher in tests: `world` makes a dozen users, and PBKDF2 costs about a second each
    on a loaded machine. The password rules and the login are the same."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_parameters(db):
    """Every test database holds the default parameters, as after `thuiswerk init`."""
    from thuiswerk.allowances.services import parameters_seed_defaults

    parameters_seed_defaults(actor="test")
