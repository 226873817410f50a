from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuiswerk.allowances.services import month_close
from thuiswerk.core.cli_args import ACTOR_HELP, default_actor, month_arg
from thuiswerk.core.commands import DomainCommand
from thuiswerk.core.months import format_month


class Command(DomainCommand):
    help = gettext_lazy("Close a payroll month: its lines are paid and never change again.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--month",
            type=month_arg,
            required=True,
            metavar="YYYY-MM",
            help=gettext_lazy("the payroll month to close"),
        )
        parser.add_argument("--actor", default=default_actor(), help=ACTOR_HELP)

    def handle(self, *args, month, actor, **options):
        month_close(month=month, actor=actor)
        self.stdout.write(_("%(month)s closed") % {"month": format_month(month)})
