from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from thuiswerk.allowances.services import parameters_seed_defaults
from thuiswerk.core.commands import LocalisedCommand


class Command(LocalisedCommand):
    help = gettext_lazy(
        "Create or upgrade the database schema and seed the default rule parameters (idempotent)."
    )

    def handle(self, *args, **options):
        _sqlite_folder_ready()
        call_command("migrate", interactive=False, verbosity=0)
        # The table of the shared rate-limit counters (THUISWERK_RATE_LIMIT_CACHE=database).
        call_command("createcachetable", verbosity=0)
        added = parameters_seed_defaults(actor="init")
        self.stdout.write(
            ngettext(
                "Database ready; %(count)s default parameter value added.",
                "Database ready; %(count)s default parameter values added.",
                added,
            )
            % {"count": added}
        )


def _sqlite_folder_ready() -> None:
    """Create var/ for the default SQLite file (settings create no folder); refuse another path
    in a folder that does not exist, with the folder named."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return
    folder = Path(connection.settings_dict["NAME"]).resolve().parent
    if folder == Path(settings.VAR_DIR).resolve():
        folder.mkdir(parents=True, exist_ok=True)
    elif not folder.is_dir():
        raise CommandError(
            _("The folder of the SQLite database does not exist: %(folder)s. Create it first.")
            % {"folder": folder}
        )
