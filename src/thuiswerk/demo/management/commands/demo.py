import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from tqdm import tqdm

from thuiswerk.allowances.models import LedgerLine
from thuiswerk.allowances.services import closed_months, ledger_compute, month_close
from thuiswerk.backoffice.selectors import figures_refresh
from thuiswerk.core.commands import DomainCommand
from thuiswerk.core.formatting import format_number
from thuiswerk.core.months import format_month, month_end, month_range
from thuiswerk.demo.accounts import DEMO_PASSWORD, demo_accounts_create
from thuiswerk.demo.catalog import ENTITIES, catalog_of
from thuiswerk.demo.generate import last_full_month, write_demo_files
from thuiswerk.demo.population import MIN_STAFF
from thuiswerk.equipment.models import CatalogItem
from thuiswerk.equipment.services import catalog_item_save
from thuiswerk.imports.issues import WARNING, issues_summary, issues_write
from thuiswerk.imports.services import import_files
from thuiswerk.people.models import Entity

ACTOR = "demo"
FIRST_MONTH = date(2021, 1, 1)
QUESTION_DATE = date(2023, 10, 12)  # parliamentary question no. 19 about AIV
OPEN_MONTHS = 2  # the last months stay open, so later recomputations book corrections
EXAMPLES = 3
STEPS = 5
# Disk per member of staff and month, measured on the demo (docs/demo.md): the SQLite database
# with its indexes, its write-ahead log at its largest (while the ledger is written), and the
# eight import files under --data.
DATABASE_BYTES = 1_350
WAL_BYTES = 900
FILES_BYTES = 270
MB, GB = 10**6, 10**9


def database_url(database: dict, url: str) -> str:
    """The DATABASE_URL of `database` (settings.DATABASES entry, read from `url`) for the
    user's next commands: a SQLite path made absolute (it then works from any folder), a
    password left out."""
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(database['NAME']).resolve()}"
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    netloc = f"{parts.username}@{host}" if parts.username else host
    return urlunsplit(parts._replace(netloc=netloc))


def example_employee(month: date) -> str | None:
    """A personnel number worth explaining for `month`: the first with the home-working
    allowance and the internet forfait, else the first with any line."""
    lines = LedgerLine.objects.filter(month=month, kind=LedgerLine.Kind.ENTITLEMENT)
    both = lines.filter(measure=LedgerLine.Measure.HOMEWORK).filter(
        employee__in=lines.filter(measure=LedgerLine.Measure.INTERNET_FORFAIT).values("employee")
    )
    for candidates in (both, lines):
        number = (
            candidates.order_by("employee__personnel_number")
            .values_list("employee__personnel_number", flat=True)
            .first()
        )
        if number is not None:
            return number
    return None


def _shell_setup() -> list[str]:
    """What else a fresh shell needs for the next commands: the development mode the demo ran in
    (no SECRET_KEY; docs/operations.md), and the console script on the PATH."""
    lines = []
    if settings.DEBUG and "SECRET_KEY" not in os.environ:
        lines.append("  export DEBUG=1")
    if shutil.which("thuiswerk") is None:
        lines.append(f'  export PATH="{Path(sys.executable).parent}:$PATH"')
    return lines


def equipment_catalogs() -> int:
    """Give every demo entity its equipment catalog for the web app (through the audited
    service, as HR would add it); items already there are kept. Returns the items added."""
    added = 0
    for entity in Entity.objects.filter(code__in=[e.code for e in ENTITIES]):
        demo = next(e for e in ENTITIES if e.code == entity.code)
        present = set(entity.catalog_items.values_list("name", flat=True))
        for entry in catalog_of(demo):
            if entry.name not in present:
                catalog_item_save(item=CatalogItem(entity=entity, **vars(entry)), actor=ACTOR)
                added += 1
    return added


def _size(size: float) -> str:
    if size < GB:
        return f"{format_number(size / MB, 0)} MB"
    return f"{format_number(size / GB)} GB"


class Command(DomainCommand):
    @property
    def help(self) -> str:  # argparse needs a str: translated when the parser is made
        return _(
            "Generate a synthetic Flemish government (files under --data), import it with the "
            "import of `thuiswerk import`, compute every month from 2021-01 to the last full month, "
            "close all but the last two, and write the parliamentary workbooks for AIV and ALL."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--staff",
            type=int,
            default=30000,
            metavar="N",
            help=_("number of staff of the demo government (default 30000)"),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            metavar="S",
            help=_("the same seed gives the same government (default 1)"),
        )
        parser.add_argument(
            "--out",
            type=Path,
            default=Path("out"),
            metavar="DIR",
            help=_("folder for the workbooks and their JSON (default out)"),
        )
        parser.add_argument(
            "--data",
            type=Path,
            default=Path(settings.VAR_DIR) / "demo-data",
            metavar="DIR",
            help=_("folder for the generated import files (default var/demo-data)"),
        )

    def _disk(self, staff: int, months: int, data: Path) -> None:
        """Say how much disk the demo takes, and warn when the disk has less free."""
        files = staff * months * FILES_BYTES
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            database, log = staff * months * DATABASE_BYTES, staff * months * WAL_BYTES
            text = _(
                "The demo needs about %(peak)s of free disk while it runs (the database's log "
                "grows for a while), %(total)s after: %(database)s for the database, %(files)s "
                "for the import files."
            ) % {
                "peak": _size(files + database + log),
                "total": _size(files + database),
                "database": _size(database),
                "files": _size(files),
            }
        else:
            database = log = 0  # on the database server
            text = _("The demo needs about %(files)s of disk for the import files.") % {
                "files": _size(files)
            }
        self.stdout.write(text)
        existing = next(p for p in (data.resolve(), *data.resolve().parents) if p.exists())
        free = shutil.disk_usage(existing).free
        if free < files + database + log:
            self.stderr.write(
                _("warning: only %(free)s free on %(folder)s")
                % {"free": _size(free), "folder": existing}
            )

    @contextmanager
    def _step(self, number: int, title: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        self.stdout.write(f"[{number}/{STEPS}] {title}: {seconds:.1f} s")

    def handle(self, *args, staff, seed, out, data, **options):
        if staff < MIN_STAFF:
            raise CommandError(_("--staff must be at least %(minimum)d") % {"minimum": MIN_STAFF})
        progress = self.progress_wanted(options)
        last_month = last_full_month(date.today())
        self._disk(staff, len(list(month_range(FIRST_MONTH, last_month))), data)
        title = _("wrote the files of %(staff)d staff, seed %(seed)d, to %(data)s")
        with self._step(1, title % {"staff": staff, "seed": seed, "data": data}):
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

        with self._step(2, _("imported the files")):
            result = import_files(paths=list(paths.values()), actor=ACTOR, progress=progress)
        if not result.ok:
            for issue in result.errors:
                self.stderr.write(f"error: {issue}")
            raise CommandError(f"the demo files do not import: {len(result.errors)} error(s)")
        for name, numbers in result.counts.items():
            self.stdout.write(
                f"      {name:<22} " + ", ".join(f"{k} {v}" for k, v in numbers.items())
            )
        self.stdout.write(f"      {'equipment catalogs':<22} added {equipment_catalogs()}")
        warnings = result.of(WARNING)
        self.stdout.write(f"      {warnings.height} warning(s), by kind:")
        for line in issues_summary(warnings):
            self.stdout.write(f"    {line}")
        if warnings.height:
            issues_write(result.issues, out / "import-issues.csv")
            self.stdout.write(f"      all warnings: {out / 'import-issues.csv'}")

        span = f"{format_month(FIRST_MONTH)}..{format_month(last_month)}"
        with self._step(3, _("computed the ledger of %(span)s") % {"span": span}):
            run = ledger_compute(
                month_from=FIRST_MONTH, month_to=last_month, actor=ACTOR, progress=progress
            )
        codes = [warning["code"] for warning in run.warnings]
        self.stdout.write(
            "      "
            + _(
                "run %(run)d: %(lines)d lines; invoices without a due third-party line: "
                "%(unmatched)d; third-party months without an invoice: %(missing)d"
            )
            % {
                "run": run.pk,
                "lines": run.stats["lines_written"],
                "unmatched": codes.count("unmatched_invoice"),
                "missing": codes.count("missing_invoice"),
            }
        )
        # The first few of each, to try `thuiswerk explain` on.
        examples = {
            "unmatched_invoice": _("e.g. an invoice without a due line: %(which)s"),
            "missing_invoice": _("e.g. a third-party month without an invoice: %(which)s"),
        }
        for code, text in examples.items():
            which = [f"{w['employee_id']} {w['month']}" for w in run.warnings if w["code"] == code][
                :EXAMPLES
            ]
            if which:
                self.stdout.write("        " + text % {"which": ", ".join(which)})

        months = list(month_range(FIRST_MONTH, last_month))[:-OPEN_MONTHS]
        closed = closed_months()
        title = _("closed %(closed)d months, all but the last %(open)d")
        with self._step(4, title % {"closed": len(months), "open": OPEN_MONTHS}):
            for month in tqdm(months, desc="close", unit="month", disable=not progress):
                if month not in closed:
                    month_close(month=month, actor=ACTOR)

        out.mkdir(parents=True, exist_ok=True)
        answers = {}
        with self._step(5, _("wrote the parliamentary workbooks to %(out)s") % {"out": out}):
            for entity, as_of in (("AIV", QUESTION_DATE), ("ALL", month_end(last_month))):
                stem = answers[entity] = out / f"parlement-{entity}-{as_of.isoformat()}"
                # The report command of the users, so the demo writes exactly what they get.
                call_command(
                    "report",
                    "parliament",
                    f"--entity={entity}",
                    f"--as-of={as_of.isoformat()}",
                    "--years=3",
                    f"--out={stem.with_suffix('.xlsx')}",
                    f"--json={stem.with_suffix('.json')}",
                    f"--lang={get_language()}",
                    stdout=self.stdout,
                )
        self._what_to_open(answers, months[-1] if months else last_month)
        self._accounts(months[-1] if months else last_month)
        # The dashboards' figures of today, stored now, so that the first visitor does not wait.
        figures_refresh()

    def _accounts(self, month: date) -> None:
        """Create one account per role and say how to log in with them."""
        labels = {
            "employee": pgettext("demo account", "employee"),
            "supervisor": pgettext("demo account", "supervisor"),
            "hr": pgettext("demo account", "HR officer of AIV"),
            "admin": pgettext("demo account", "central administrator"),
            "auditor": pgettext("demo account", "auditor, all entities"),
        }
        accounts = demo_accounts_create(month=month, actor=ACTOR)
        lines = [
            "",
            _("The web application: `thuiswerk serve` (make demo starts it), then open %(url)s")
            % {"url": "http://127.0.0.1:8000/"},
            _("Log in with one account per role (demo only: each has the password %(password)s):")
            % {"password": DEMO_PASSWORD},
        ]
        width = max(len(str(label)) for label in labels.values())
        for account in accounts:
            name = f"  ({account.name})" if account.name else ""
            lines.append(f"  {str(labels[account.role]):<{width}}  {account.email}{name}")
        self.stdout.write("\n".join(lines))

    def _what_to_open(self, answers: dict[str, Path], month: date) -> None:
        """Where the results are and the next commands to try, with this database."""
        aiv, everyone = answers["AIV"], answers["ALL"]
        number = example_employee(month) or _("<personnel number of an employee>")
        shown = format_month(month)
        lines = [
            "",
            _("Done. What to open (Excel or LibreOffice Calc):"),
            "  " + _("the answer to the parliamentary question, AIV:"),
            f"    {aiv.with_suffix('.xlsx')}",
            "  " + _("the same figures for the Flemish government as a whole:"),
            f"    {everyone.with_suffix('.xlsx')}",
            "  " + _("the figures of both as JSON:"),
            f"    {aiv.with_suffix('.json')}",
            f"    {everyone.with_suffix('.json')}",
            "",
            _("The data is in this database; set it for the commands below:"),
            f"  export DATABASE_URL={database_url(settings.DATABASES['default'], settings.DATABASE_URL)}",
            *_shell_setup(),
            _("Why an employee gets an allowance in a month, or not:"),
            f"  thuiswerk explain {number} --month {shown}",
            _("What payroll pays for a closed month (CSV for the payroll system):"),
            f"  thuiswerk export payroll --month {shown} --out loon-{shown}.csv",
            _("Add --lang en to any command for English."),
        ]
        self.stdout.write("\n".join(lines))
