"""`thuiswerk check`: Django's system checks, then the operator's report (core.health).

With `--deploy`, `--tag`, `--list-tags` or app labels it is Django's system check as before,
which reads only the settings (fit for a build before the database exists). The report's errors
make the command exit with 1, its warnings too with `--fail-level WARNING`.
"""

import json
from datetime import datetime
from typing import Any

from django.core import checks
from django.core.management.base import CommandError
from django.core.management.commands import check
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from thuiswerk.core.commands import LocalisedCommand
from thuiswerk.core.formatting import format_count, format_date, format_number, format_size
from thuiswerk.core.health import (
    ERROR,
    WARNING,
    HealthReport,
    format_duration,
    health_report,
    month_ranges,
)
from thuiswerk.core.months import parse_month

OPTION_HELP = {
    "args": gettext_lazy("only the system checks of these apps (no report)"),
    "tags": gettext_lazy("only the system checks with this tag (no report)"),
    "list_tags": gettext_lazy("list the tags of the system checks and stop"),
    "deploy": gettext_lazy("also the checks of a production installation's settings (no report)"),
    "fail_level": gettext_lazy(
        "the level from which a finding exits with 1: ERROR (default) or WARNING, ..."
    ),
    "databases": gettext_lazy("also the system checks of this database connection"),
}
# Levels of Django's --fail-level at which the report's warnings fail too.
WARNINGS_FAIL = ("WARNING", "INFO", "DEBUG")
INDENT = "  "


class Command(LocalisedCommand, check.Command):
    help = gettext_lazy(
        "Check the installation before a busy day: Django's system checks, then the database,"
        " migrations, run lock, last runs, open months, background jobs, table sizes and (on"
        " PostgreSQL) autovacuum and settings. Exits with 1 when something is wrong."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        for action in parser._actions:
            if action.dest in OPTION_HELP:
                action.help = OPTION_HELP[action.dest]
        parser.add_argument(
            "--json",
            action="store_true",
            help=gettext_lazy("the report as JSON, for monitoring (system checks only on error)"),
        )

    def handle(self, *app_labels, **options):
        if app_labels or options["tags"] or options["deploy"] or options["list_tags"]:
            return super().handle(*app_labels, **options)
        fail_level = options["fail_level"]
        self.check(
            display_num_errors=not options["json"],
            fail_level=getattr(checks, fail_level),
            databases=options["databases"],
        )
        report = health_report()
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(report_lines(report)))
        failing = [
            problem
            for problem in report.problems
            if problem.level == ERROR or fail_level in WARNINGS_FAIL
        ]
        if failing:
            raise CommandError(
                ngettext(
                    "%(count)d problem found; see the report.",
                    "%(count)d problems found; see the report.",
                    len(failing),
                )
                % {"count": len(failing)}
            )


def report_lines(report: HealthReport) -> list[str]:
    """The report as aligned text in the active language, a section per subject."""
    data = report.data
    lines = [_("Operator report of %(moment)s") % {"moment": _moment(data["checked_at"])}]
    lines += _section(_("Database"), _database_rows(data["database"]))
    if "migrations" in data:
        migrations = data["migrations"]
        rows = [
            (_("applied"), format_count(migrations["applied"])),
            (_("not applied"), format_count(len(migrations["pending"]))),
        ]
        rows += [("", name) for name in migrations["pending"][:10]]
        lines += _section(_("Migrations"), rows)
    if "run_lock" in data:
        lines += _section(_("Run lock"), [(_("state"), _lock_text(data["run_lock"]))])
    if "runs" in data:
        lines += _section(_("Last runs"), _run_rows(data["runs"]), "rllrrr")
    if "months" in data:
        months = data["months"]
        lines += _section(
            _("Payroll months with ledger lines"),
            [
                (_("open"), _months_text(months["open"])),
                (_("closed"), _months_text(months["closed"])),
            ],
        )
    if "jobs" in data:
        lines += _section(_("Background jobs"), _job_rows(data["jobs"]))
    if "tables" in data:
        lines += _section(_("Largest tables"), _table_rows(data["tables"]), "lrrrr")
    if "autovacuum" in data:
        lines += _section(_("Autovacuum"), _autovacuum_rows(data["autovacuum"]), "lrrllr")
    if "settings" in data:
        lines += _section(_("PostgreSQL settings"), list(data["settings"].items()))
    if "sqlite" in data:
        lines += _section(_("SQLite files"), _sqlite_rows(data["sqlite"]))
    levels = {ERROR: _("ERROR"), WARNING: _("WARNING")}
    if report.problems:
        lines += _section(_("Problems"), [(levels[p.level], p.message) for p in report.problems])
    errors = sum(problem.level == ERROR for problem in report.problems)
    warnings = len(report.problems) - errors
    lines += [
        "",
        _("Result: %(errors)s, %(warnings)s.")
        % {
            "errors": ngettext("%(count)d error", "%(count)d errors", errors) % {"count": errors},
            "warnings": ngettext("%(count)d warning", "%(count)d warnings", warnings)
            % {"count": warnings},
        },
    ]
    return lines


def _section(title: str, rows: list[tuple[str, ...]], align: str = "ll") -> list[str]:
    """A title, then its rows as columns: `l` left-aligned, `r` right-aligned (figures)."""
    lines = ["", title]
    if not rows:
        return [*lines, INDENT + _("none")]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [
            cell.rjust(width) if side == "r" else cell.ljust(width)
            for cell, width, side in zip(row, widths, align, strict=True)
        ]
        lines.append((INDENT + "  ".join(cells)).rstrip())
    return lines


def _database_rows(database: dict[str, Any]) -> list[tuple[str, str]]:
    vendor = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(
        database["vendor"], database["vendor"]
    )
    where = database["name"]
    if database.get("host"):
        where = _("%(name)s on %(host)s") % {"name": where, "host": database["host"]}
    rows = [(_("kind"), f"{vendor} {database.get('version', '')}".strip()), (_("name"), where)]
    if "size_bytes" in database:
        rows.append((_("size"), format_size(database["size_bytes"])))
    if "error" in database:
        rows.append((_("state"), _("unreachable")))
    return rows


def _lock_text(lock: dict[str, Any]) -> str:
    if not lock["held"]:
        return _("free")
    if "since" not in lock:
        return _("held by a run that has not named itself yet")
    since = datetime.fromisoformat(lock["since"])
    return _(
        "held by %(action)s of %(actor)s since %(since)s (%(duration)s; process %(pid)s"
        " on %(host)s)"
    ) % {
        **lock,
        "since": _moment(lock["since"]),
        "duration": format_duration(timezone.now() - since),
    }


def _run_rows(runs: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    if not runs:
        return []
    rows = [(_("run"), _("months"), _("by"), _("started"), _("lines written"), _("seconds"))]
    for run in runs:
        seconds = run["seconds"]
        rows.append(
            (
                str(run["id"]),
                f"{run['month_from']} – {run['month_to']}",
                run["actor"],
                _moment(run["started_at"]),
                "" if run["lines_written"] is None else format_count(run["lines_written"]),
                "" if seconds is None else format_number(seconds),
            )
        )
    return rows


def _months_text(months: list[str]) -> str:
    if not months:
        return _("none")
    return _("%(months)s (%(count)s)") % {
        "months": month_ranges([parse_month(month) for month in months]),
        "count": format_count(len(months)),
    }


def _job_rows(jobs: dict[str, Any]) -> list[tuple[str, str]]:
    queued = format_count(jobs["queued"])
    if jobs["oldest_queued_at"]:
        queued = _("%(count)s (the oldest since %(since)s)") % {
            "count": queued,
            "since": _moment(jobs["oldest_queued_at"]),
        }
    running = format_count(jobs["running"])
    if jobs["oldest_running_since"]:
        running = _("%(count)s (the oldest since %(since)s)") % {
            "count": running,
            "since": _moment(jobs["oldest_running_since"]),
        }
    return [
        (_("waiting in the queue"), queued),
        (_("running now"), running),
        (_("failed in the last 24 hours"), format_count(jobs["failed_last_day"])),
    ]


def _table_rows(tables: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    if not tables:
        return []
    rows = [(_("table"), _("rows"), _("data"), _("indexes"), _("total"))]
    for table in tables:
        count = format_count(table["rows"])
        rows.append(
            (
                table["name"],
                count if table["rows_exact"] else "≈ " + count,
                format_size(table["data_bytes"]),
                format_size(table["index_bytes"]),
                format_size(table["total_bytes"]),
            )
        )
    return rows


def _autovacuum_rows(tables: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    if not tables:
        return []
    rows = [
        (
            _("table"),
            _("live rows"),
            _("dead rows"),
            _("last vacuum"),
            _("last analyze"),
            _("all-visible"),
        )
    ]
    for table in tables:
        visible = table["all_visible_percent"]
        rows.append(
            (
                table["name"],
                format_count(table["live_rows"]),
                format_count(table["dead_rows"]),
                _latest(table["last_vacuum"], table["last_autovacuum"]),
                _latest(table["last_analyze"], table["last_autoanalyze"]),
                "" if visible is None else format_number(visible) + " %",
            )
        )
    return rows


def _latest(by_hand: str | None, automatic: str | None) -> str:
    """The later of a manual and an automatic vacuum (or analyze), `(auto)` for the latter."""
    if by_hand is None and automatic is None:
        return _("never")
    if automatic is not None and (by_hand is None or automatic > by_hand):
        return _("%(moment)s (auto)") % {"moment": _moment(automatic)}
    return _moment(by_hand)


def _sqlite_rows(files: dict[str, Any]) -> list[tuple[str, str]]:
    rows = [(_("journal mode"), files["journal_mode"])]
    if "file_bytes" in files:
        rows += [
            (_("database file"), format_size(files["file_bytes"])),
            (_("write-ahead log"), format_size(files["wal_bytes"])),
        ]
    rows.append((_("free pages (VACUUM gives them back)"), format_size(files["free_bytes"])))
    return rows


def _moment(iso: str) -> str:
    moment = timezone.localtime(datetime.fromisoformat(iso))
    return f"{format_date(moment.date())} {moment:%H:%M}"
