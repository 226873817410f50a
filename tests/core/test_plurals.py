"""Counts read as a civil servant writes them: '1 rij', '2 rijen', never 'rij(en)'."""

import pytest
from django.utils import translation
from django.utils.translation import ngettext

ROWS = (
    "%(what)s: %(rows)s row written to %(target)s",
    "%(what)s: %(rows)s rows written to %(target)s",
)
WARNINGS = ("{count} warning, by kind:", "{count} warnings, by kind:")
ERRORS = ("{count} error: nothing was imported", "{count} errors: nothing was imported")
DEFAULTS = (
    "Database ready; %(count)s default parameter value added.",
    "Database ready; %(count)s default parameter values added.",
)


@pytest.mark.parametrize(
    ("texts", "one", "two"),
    [
        (ROWS, "%(rows)s rij geschreven", "%(rows)s rijen geschreven"),
        (WARNINGS, "{count} waarschuwing,", "{count} waarschuwingen,"),
        (ERRORS, "{count} fout:", "{count} fouten:"),
        (DEFAULTS, "standaardwaarde van een parameter", "standaardwaarden van parameters"),
    ],
)
def test_dutch_counts_have_a_singular_and_a_plural(texts, one, two):
    with translation.override("nl"):
        assert one in ngettext(*texts, 1)
        assert two in ngettext(*texts, 2)
        assert two in ngettext(*texts, 0)
