from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thuiswerk.allowances.services import month_reopen
from thuiswerk.core.cli_args import ACTOR_HELP, default_actor, month_arg
from thuiswerk.core.commands import DomainCommand
from thuiswerk.core.months import format_month


class Command(DomainCommand):
    help = gettext_lazy(
        "Reopen a closed payroll month (central admin action, audited with its reason)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--month",
            type=month_arg,
            required=True,
            metavar="YYYY-MM",
            help=gettext_lazy("the closed payroll month to reopen"),
        )
        parser.add_argument(
            "--reason",
            required=True,
            help=gettext_lazy("why it is reopened (kept in the audit trail)"),
        )
        parser.add_argument("--actor", default=default_actor(), help=ACTOR_HELP)

    def handle(self, *args, month, reason, actor, **options):
        month_reopen(month=month, actor=actor, reason=reason)
        self.stdout.write(_("%(month)s reopened") % {"month": format_month(month)})
