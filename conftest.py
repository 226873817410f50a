"""Loaded by pytest before Django is set up: the tests run with a test key (production settings
refuse to start without SECRET_KEY), and the subprocesses they start inherit it."""

import os

os.environ.setdefault("SECRET_KEY", "thuiswerk-test-key")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuiswerk.settings")
# The test client and the live server speak plain http: no redirect to https (the production
# settings keep it; tests/test_settings.py checks them with `check --deploy`).
os.environ.setdefault("THUISWERK_SSL_REDIRECT", "0")
# Background jobs run in the request that queues them: no worker in the tests.
os.environ.setdefault("THUISWERK_JOBS_EAGER", "1")

import django  # noqa: E402

# Set Django up now: the conftests below (e.g. tests/reports/conftest.py) import models, and
# pytest loads them before pytest-django's own setup when they are named on the command line.
django.setup()

from hypothesis import settings  # noqa: E402

# Property tests assert behaviour, not speed: on a busy machine (CI, several runs at once) one
# example may take longer than Hypothesis's default 200 ms deadline without anything being wrong.
settings.register_profile("thuiswerk", deadline=None)
settings.load_profile("thuiswerk")
