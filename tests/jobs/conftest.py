import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """`world`'s ten users with a fast hasher: PBKDF2 costs about a second each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
