from django.core.management.base import CommandError

from thuiswerk.allowances.services import LedgerError, month_reopen
from thuiswerk.core.cli_args import default_actor, month_arg
from thuiswerk.core.commands import DomainCommand
from thuiswerk.core.months import format_month


class Command(DomainCommand):
    help = "Reopen a closed payroll month (central admin action, audited with its reason)."

    def add_arguments(self, parser):
        parser.add_argument("--month", type=month_arg, required=True, metavar="YYYY-MM")
        parser.add_argument("--reason", required=True)
        parser.add_argument("--actor", default=default_actor())

    def handle(self, *args, month, reason, actor, **options):
        try:
            month_reopen(month=month, actor=actor, reason=reason)
        except LedgerError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{format_month(month)} reopened")
