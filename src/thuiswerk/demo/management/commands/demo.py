import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from tqdm import tqdm

from thuiswerk.allowances.services import closed_months, ledger_compute, month_close
from thuiswerk.core.commands import DomainCommand
from thuiswerk.core.months import format_month, month_end, month_range
from thuiswerk.demo.generate import last_full_month, write_demo_files
from thuiswerk.demo.population import MIN_STAFF
from thuiswerk.imports.issues import WARNING, issues_summary, issues_write
from thuiswerk.imports.services import import_files

ACTOR = "demo"
FIRST_MONTH = date(2021, 1, 1)
QUESTION_DATE = date(2023, 10, 12)  # parliamentary question no. 19 about AIV
OPEN_MONTHS = 2  # the last months stay open, so later recomputations book corrections
STEPS = 5


class Command(DomainCommand):
    help = (
        "Generate a synthetic Flemish government (files under --data), import it with the "
        "import of `thuiswerk import`, compute every month from 2021-01 to the last full month, "
        "close all but the last two, and write the parliamentary workbooks for AIV and ALL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--staff", type=int, default=30000, metavar="N")
        parser.add_argument("--seed", type=int, default=1, metavar="S")
        parser.add_argument("--out", type=Path, default=Path("out"), metavar="DIR")
        parser.add_argument(
            "--data", type=Path, default=Path(settings.VAR_DIR) / "demo-data", metavar="DIR"
        )

    @contextmanager
    def _step(self, number: int, title: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        self.stdout.write(f"[{number}/{STEPS}] {title}: {seconds:.1f} s")

    def handle(self, *args, staff, seed, out, data, **options):
        if staff < MIN_STAFF:
            raise CommandError(f"--staff must be at least {MIN_STAFF}")
        progress = self.progress_wanted(options)
        last_month = last_full_month(date.today())
        with self._step(1, f"wrote the files of {staff} staff, seed {seed}, to {data}"):
            paths = write_demo_files(
                out_dir=data,
                staff=staff,
                seed=seed,
                first_month=FIRST_MONTH,
                last_month=last_month,
                progress=progress,
            )
        for path in paths.values():
            self.stdout.write(f"      {path.name:<22} {path.stat().st_size / 1024:>12,.0f} KB")

        with self._step(2, "imported the files"):
            result = import_files(paths=list(paths.values()), actor=ACTOR, progress=progress)
        if not result.ok:
            for issue in result.errors:
                self.stderr.write(f"error: {issue}")
            raise CommandError(f"the demo files do not import: {len(result.errors)} error(s)")
        for name, numbers in result.counts.items():
            self.stdout.write(
                f"      {name:<22} " + ", ".join(f"{k} {v}" for k, v in numbers.items())
            )
        warnings = result.of(WARNING)
        self.stdout.write(f"      {warnings.height} warning(s), by kind:")
        for line in issues_summary(warnings):
            self.stdout.write(f"    {line}")
        if warnings.height:
            issues_write(result.issues, out / "import-issues.csv")
            self.stdout.write(f"      all warnings: {out / 'import-issues.csv'}")

        span = f"{format_month(FIRST_MONTH)}..{format_month(last_month)}"
        with self._step(3, f"computed the ledger of {span}"):
            run = ledger_compute(
                month_from=FIRST_MONTH, month_to=last_month, actor=ACTOR, progress=progress
            )
        self.stdout.write(
            f"      run {run.pk}: {run.stats['lines_written']} lines, "
            f"{len(run.warnings)} warnings (unmatched or missing invoices)"
        )

        months = list(month_range(FIRST_MONTH, last_month))[:-OPEN_MONTHS]
        closed = closed_months()
        with self._step(4, f"closed {len(months)} months, all but the last {OPEN_MONTHS}"):
            for month in tqdm(months, desc="close", unit="month", disable=not progress):
                if month not in closed:
                    month_close(month=month, actor=ACTOR)

        out.mkdir(parents=True, exist_ok=True)
        with self._step(5, f"wrote the parliamentary workbooks to {out}"):
            for entity, as_of in (("AIV", QUESTION_DATE), ("ALL", month_end(last_month))):
                stem = out / f"parlement-{entity}-{as_of.isoformat()}"
                # The report command of the users, so the demo writes exactly what they get.
                call_command(
                    "report",
                    "parliament",
                    f"--entity={entity}",
                    f"--as-of={as_of.isoformat()}",
                    "--years=3",
                    f"--out={stem.with_suffix('.xlsx')}",
                    f"--json={stem.with_suffix('.json')}",
                    stdout=self.stdout,
                )
