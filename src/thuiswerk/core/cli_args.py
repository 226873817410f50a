"""Argument types shared by the domain commands, with messages that name the bad value."""

import argparse
import getpass
from datetime import date

from .months import parse_month


def month_arg(text: str) -> date:
    try:
        return parse_month(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def default_actor() -> str:
    """Who runs a command from the shell: recorded in the audit trail."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"
