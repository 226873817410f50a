from django.core.management import call_command
from django.core.management.base import BaseCommand

from thuiswerk.allowances.services import parameters_seed_defaults


class Command(BaseCommand):
    help = (
        "Create or upgrade the database schema and seed the default rule parameters (idempotent)."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        added = parameters_seed_defaults(actor="init")
        self.stdout.write(f"database ready; {added} default parameter value(s) added")
