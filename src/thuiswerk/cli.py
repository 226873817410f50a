"""The `thuiswerk` console script: every domain command is a Django management command."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuiswerk.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 (the settings check the environment on load)
    except ImproperlyConfigured as error:
        sys.exit(f"thuiswerk: {error}")  # one line on stderr, exit status 1

    execute_from_command_line(["thuiswerk", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
