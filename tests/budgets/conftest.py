import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """`world` makes ten users; a fast hasher keeps the role-by-role page tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
