from django.core.management.base import CommandError

from thuiswerk.allowances.services import LedgerError, month_close
from thuiswerk.core.cli_args import default_actor, month_arg
from thuiswerk.core.commands import DomainCommand
from thuiswerk.core.months import format_month


class Command(DomainCommand):
    help = "Close a payroll month: its lines are paid and never change again."

    def add_arguments(self, parser):
        parser.add_argument("--month", type=month_arg, required=True, metavar="YYYY-MM")
        parser.add_argument("--actor", default=default_actor())

    def handle(self, *args, month, actor, **options):
        try:
            month_close(month=month, actor=actor)
        except LedgerError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{format_month(month)} closed")
