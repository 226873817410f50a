from django.core.management.base import CommandError

from thuiswerk.allowances.services import LedgerError, ledger_compute
from thuiswerk.core.cli_args import default_actor, month_arg
from thuiswerk.core.commands import DomainCommand
from thuiswerk.core.months import format_month


class Command(DomainCommand):
    help = "Compute the ledger for a range of months: open months are replaced, closed months get corrections."

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="month_from", type=month_arg, required=True, metavar="YYYY-MM"
        )
        parser.add_argument(
            "--to", dest="month_to", type=month_arg, required=True, metavar="YYYY-MM"
        )
        parser.add_argument("--actor", default=default_actor())

    def handle(self, *args, month_from, month_to, actor, **options):
        try:
            run = ledger_compute(
                month_from=month_from,
                month_to=month_to,
                actor=actor,
                progress=self.progress_wanted(options),
            )
        except LedgerError as error:
            raise CommandError(str(error)) from error
        stats = run.stats
        self.stdout.write(
            f"run {run.pk}: {format_month(month_from)}..{format_month(month_to)}, "
            f"{stats['employee_months']} employee-months, {stats['lines_written']} lines written "
            f"({', '.join(f'{k} {v}' for k, v in sorted(stats['by_kind'].items())) or 'none'}), "
            f"{stats['lines_unchanged']} unchanged, {stats['lines_removed']} removed, {stats['seconds']} s"
        )
        for warning in run.warnings[:20]:
            self.stdout.write(
                f"warning: {warning['code']} {warning['employee_id']} {warning['month']}"
                + (f" {warning['amount']}" if "amount" in warning else "")
            )
        if len(run.warnings) > 20:
            self.stdout.write(f"... and {len(run.warnings) - 20} more warnings (see run {run.pk})")
