"""Argument types shared by the domain commands, with messages that name the bad value."""

import argparse
import getpass
import re
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuiswerk.rules.calendar import LAST_CALENDAR_DAY
from thuiswerk.rules.parameters import BEGINNING

from .months import format_month, parse_month

# What the system can compute: the parameters' first values hold from BEGINNING, and the holidays
# package knows the Belgian holidays up to 2100. A month outside is refused as an argument error
# here, rather than failing deep inside a run.
FIRST_DAY = BEGINNING
LAST_DAY = LAST_CALENDAR_DAY


def _within_bounds(day: date, text: str) -> date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(
            _("%(value)s is outside the supported period %(first)s .. %(last)s")
            % {"value": text, "first": format_month(FIRST_DAY), "last": format_month(LAST_DAY)}
        )
    return day


def month_arg(text: str) -> date:
    try:
        month = parse_month(text)
    except ValueError:
        if re.fullmatch(r"\d{5,}-\d{2}", text.strip()):  # 10000-01: a month, but past 9999
            return _within_bounds(date.max, text)
        raise argparse.ArgumentTypeError(
            _("not a month (YYYY-MM): %(value)r") % {"value": text}
        ) from None
    return _within_bounds(month, text)


def date_arg(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date (YYYY-MM-DD): %(value)r") % {"value": text}
        ) from None
    return _within_bounds(day, text)


ACTOR_HELP = gettext_lazy("who runs it, for the audit trail (default: the login name)")


def default_actor() -> str:
    """Who runs a command from the shell: recorded in the audit trail."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"
