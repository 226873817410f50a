"""Loaded by pytest before Django is set up: the tests run with a test key (production settings
refuse to start without SECRET_KEY), and the subprocesses they start inherit it."""

import os

os.environ.setdefault("SECRET_KEY", "thuiswerk-test-key")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuiswerk.settings")

from django.conf import settings  # noqa: E402

settings.DATABASES  # noqa: B018 (load the settings now, so pytest-django sets Django up)
