"""What an operator needs to know before a busy day, for `thuiswerk check`: the database, its
migrations, the run lock, the last runs, the months open and closed, the background jobs, the
large tables and, on PostgreSQL, autovacuum and the settings that matter; on SQLite the files.

`health_report()` gathers plain data (what `--json` prints) and the problems found in it, each an
error (the command exits non-zero) or a warning (it does with `--fail-level WARNING`). It only
reads, takes no lock and writes nothing, so it can run while a run holds the database.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thuiswerk.allowances.models import ComputationRun, LedgerLine, LedgerMonth
from thuiswerk.core.formatting import format_count
from thuiswerk.core.locks import lock_state
from thuiswerk.core.months import format_month
from thuiswerk.jobs.models import Job

ERROR = "error"
WARNING = "warning"

# A run of 60,000 staff takes minutes (the import of 36 months about eight); a lock held this long
# belongs to a run that hangs.
LOCK_STUCK = timedelta(hours=2)
# A worker picks a queued job up within a second; one queued this long means no worker runs.
JOB_WAITING = timedelta(minutes=10)
JOB_STUCK = timedelta(hours=2)
LAST_RUNS = 5
LARGE_TABLES = 10
# Below this many rows a table's rows are counted; above it the planner's estimate is shown.
EXACT_COUNT_BELOW = 100_000
# Autovacuum: a table with more dead rows than this share of its live rows needs a vacuum, and
# the monthly run's index-only scan of the registrations needs most pages all-visible.
DEAD_SHARE = 0.2
ALL_VISIBLE_SHARE = 0.5
WATCHED_ROWS = 10_000
REGISTRATION_TABLE = "telework_registration"
POSTGRESQL_SETTINGS = (
    "shared_buffers",
    "effective_cache_size",
    "work_mem",
    "maintenance_work_mem",
    "max_wal_size",
    "max_connections",
    "autovacuum",
    "autovacuum_vacuum_scale_factor",
    "autovacuum_analyze_scale_factor",
    "random_page_cost",
)


@dataclass
class Problem:
    level: str  # ERROR or WARNING
    code: str  # stable, for monitoring
    message: str  # in the active language

    def as_json(self) -> dict[str, str]:
        return {"level": self.level, "code": self.code, "message": self.message}


@dataclass
class HealthReport:
    data: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, level: str, code: str, message: str) -> None:
        self.problems.append(Problem(level, code, message))

    @property
    def status(self) -> str:
        levels = {problem.level for problem in self.problems}
        return ERROR if ERROR in levels else WARNING if WARNING in levels else "ok"

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "problems": [problem.as_json() for problem in self.problems],
            **self.data,
        }


def health_report(now: datetime | None = None) -> HealthReport:
    """Everything `thuiswerk check` reports on the database (`now`: the moment it judges by)."""
    now = now or timezone.now()
    report = HealthReport(data={"checked_at": now.isoformat(timespec="seconds")})
    if not _database(report):
        return report
    current = _migrations(report)
    _run_lock(report, now)
    if current:  # the domain's tables exist and have their columns
        _runs(report)
        _months(report, now)
        _jobs(report, now)
    _tables(report)
    if connection.vendor == "postgresql":
        _autovacuum(report)
        _postgresql_settings(report)
    else:
        _sqlite_files(report)
    return report


def _database(report: HealthReport) -> bool:
    settings = connection.settings_dict
    database: dict[str, Any] = {"vendor": connection.vendor, "name": str(settings["NAME"])}
    report.data["database"] = database
    in_file = connection.vendor == "sqlite" and not connection.is_in_memory_db()
    if in_file and not Path(settings["NAME"]).exists():
        # Connecting would create an empty file: say so instead.
        report.problem(
            ERROR,
            "database_missing",
            _("The database file does not exist: run `thuiswerk init` first."),
        )
        return False
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT current_setting('server_version'), pg_database_size(current_database())"
                )
                database["version"], database["size_bytes"] = cursor.fetchone()
                database["host"] = settings.get("HOST") or "localhost"
            else:
                cursor.execute("SELECT sqlite_version()")
                database["version"] = cursor.fetchone()[0]
                database["size_bytes"] = _sqlite_size(cursor)
    except DatabaseError as error:
        database["error"] = " ".join(str(error).split())
        report.problem(
            ERROR,
            "database_unreachable",
            _("The database cannot be used: %(error)s") % {"error": database["error"]},
        )
        return False
    return True


def _sqlite_size(cursor) -> int:
    cursor.execute("PRAGMA page_count")
    pages = cursor.fetchone()[0]
    cursor.execute("PRAGMA page_size")
    return pages * cursor.fetchone()[0]


def _migrations(report: HealthReport) -> bool:
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    applied = [key for key in executor.loader.applied_migrations if key in graph.nodes]
    pending = [
        f"{migration.app_label}.{migration.name}"
        for migration, _backwards in executor.migration_plan(graph.leaf_nodes())
    ]
    report.data["migrations"] = {"applied": len(applied), "pending": pending}
    if pending:
        report.problem(
            ERROR,
            "migrations_pending",
            ngettext(
                "%(count)d migration is not applied: run `thuiswerk init`.",
                "%(count)d migrations are not applied: run `thuiswerk init`.",
                len(pending),
            )
            % {"count": len(pending)},
        )
    return not pending


def _run_lock(report: HealthReport, now: datetime) -> None:
    held, holder = lock_state()
    lock: dict[str, Any] = {"held": held}
    report.data["run_lock"] = lock
    if not held or holder is None:
        return
    since = datetime.fromtimestamp(holder["since"], tz=now.tzinfo)
    lock.update(
        action=holder["action"],
        actor=holder["actor"],
        since=since.isoformat(timespec="seconds"),
        pid=int(holder["pid"]) if str(holder["pid"]).isdigit() else holder["pid"],
        host=holder["host"],
    )
    if now - since > LOCK_STUCK:
        report.problem(
            ERROR,
            "run_lock_stuck",
            _(
                "The run lock has been held for %(duration)s by %(action)s of %(actor)s"
                " (process %(pid)s on %(host)s): is that run hanging?"
            )
            % {**lock, "duration": format_duration(now - since)},
        )


def _runs(report: HealthReport) -> None:
    runs = ComputationRun.objects.only(
        "started_at", "finished_at", "actor", "month_from", "month_to", "stats"
    )[:LAST_RUNS]
    report.data["runs"] = [
        {
            "id": run.pk,
            "started_at": _iso(run.started_at),
            "finished_at": _iso(run.finished_at),
            "actor": run.actor,
            "month_from": format_month(run.month_from),
            "month_to": format_month(run.month_to),
            "lines_written": run.stats.get("lines_written"),
            "seconds": run.stats.get("seconds"),
        }
        for run in runs
    ]


def _months(report: HealthReport, now: datetime) -> None:
    """The payroll months with ledger lines, open or closed; a month before last month that is
    still open was paid by payroll (or should have been) and is not closed."""
    states = dict(LedgerMonth.objects.values_list("month", "status"))
    booked = _booked_months()
    closed = sorted(m for m, status in states.items() if status == LedgerMonth.Status.CLOSED)
    open_months = sorted(booked.union(states) - set(closed))
    report.data["months"] = {
        "open": [format_month(m) for m in open_months],
        "closed": [format_month(m) for m in closed],
    }
    today = timezone.localdate(now)
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    overdue = [m for m in open_months if m < last_month]
    if overdue:
        report.problem(
            WARNING,
            "months_not_closed",
            ngettext(
                "%(count)d month before %(month)s is still open: %(months)s;"
                " close it once payroll has paid (`thuiswerk close`).",
                "%(count)d months before %(month)s are still open: %(months)s;"
                " close them once payroll has paid (`thuiswerk close`).",
                len(overdue),
            )
            % {
                "count": len(overdue),
                "month": format_month(last_month),
                "months": month_ranges(overdue),
            },
        )


def _booked_months() -> set[date]:
    """The payroll months with ledger lines: a walk over the index on booked_in, one probe per
    month (a DISTINCT reads all the lines: seconds at 60,000 staff)."""
    table = connection.ops.quote_name(LedgerLine._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE booked(payroll_month) AS (SELECT min(booked_in) FROM {table}"  # noqa: S608
            f" UNION ALL SELECT (SELECT min(booked_in) FROM {table}"
            " WHERE booked_in > booked.payroll_month)"
            " FROM booked WHERE payroll_month IS NOT NULL)"
            " SELECT payroll_month FROM booked WHERE payroll_month IS NOT NULL"
        )
        # SQLite gives the dates of a raw query as text.
        return {
            month if isinstance(month, date) else date.fromisoformat(month)
            for (month,) in cursor.fetchall()
        }


def month_ranges(months: list[date]) -> str:
    """`2021-01 – 2023-09, 2023-11`: sorted months, consecutive ones as one range."""
    ranges: list[list[date]] = []
    for month in months:
        if ranges and _months_apart(ranges[-1][-1], month) == 1:
            ranges[-1][1:] = [month]
        else:
            ranges.append([month])
    return ", ".join(" – ".join(format_month(m) for m in each) for each in ranges)


def _months_apart(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _jobs(report: HealthReport, now: datetime) -> None:
    counts = dict(Job.objects.values_list("status").annotate(n=Count("id")).order_by())
    oldest = {
        row["status"]: row
        for row in Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
        .values("status")
        .annotate(created=Min("created_at"), started=Min("started_at"))
        .order_by()
    }
    queued_since = oldest.get(Job.Status.QUEUED, {}).get("created")
    running_since = oldest.get(Job.Status.RUNNING, {}).get("started")
    failed_last_day = Job.objects.filter(
        status=Job.Status.FAILED, finished_at__gte=now - timedelta(days=1)
    ).count()
    report.data["jobs"] = {
        "queued": counts.get(Job.Status.QUEUED, 0),
        "running": counts.get(Job.Status.RUNNING, 0),
        "oldest_queued_at": _iso(queued_since),
        "oldest_running_since": _iso(running_since),
        "failed_last_day": failed_last_day,
    }
    if queued_since and now - queued_since > JOB_WAITING:
        report.problem(
            WARNING,
            "jobs_waiting",
            _("A background job has been waiting for %(duration)s: is `thuiswerk worker` running?")
            % {"duration": format_duration(now - queued_since)},
        )
    if running_since and now - running_since > JOB_STUCK:
        report.problem(
            WARNING,
            "job_stuck",
            _("A background job has been running for %(duration)s: did its worker stop?")
            % {"duration": format_duration(now - running_since)},
        )


def _tables(report: HealthReport) -> None:
    """The largest tables: rows, bytes of data and of indexes."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # reltuples is -1 before the first ANALYZE: then the statistics' count of live rows.
            cursor.execute(
                "SELECT c.relname,"
                " CASE WHEN c.reltuples < 0 THEN coalesce(s.n_live_tup, 0)"
                " ELSE c.reltuples::bigint END,"
                " pg_relation_size(c.oid), pg_indexes_size(c.oid), pg_total_relation_size(c.oid)"
                " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid"
                " WHERE c.relkind = 'r' AND n.nspname = current_schema()"
                " ORDER BY 5 DESC, 1 LIMIT %s",
                [LARGE_TABLES],
            )
            rows = cursor.fetchall()
        else:
            rows = _sqlite_tables(cursor)
        tables = []
        for name, estimate, data, indexes, total in rows:
            exact = estimate < EXACT_COUNT_BELOW  # never analysed: -1
            if exact:
                quoted = connection.ops.quote_name(name)
                cursor.execute(f"SELECT count(*) FROM {quoted}")  # noqa: S608 (a table's name)
                estimate = cursor.fetchone()[0]
            tables.append(
                {
                    "name": name,
                    "rows": estimate,
                    "rows_exact": exact,
                    "data_bytes": data,
                    "index_bytes": indexes,
                    "total_bytes": total,
                }
            )
    report.data["tables"] = tables


def _sqlite_tables(cursor) -> list[tuple[str, int, int, int, int]]:
    """The largest tables of a SQLite file with the bytes of their pages (the dbstat table), and
    the row estimate of `ANALYZE` where it ran (else 0: counted)."""
    cursor.execute(
        "SELECT m.tbl_name, sum(CASE WHEN m.type = 'table' THEN s.pgsize ELSE 0 END),"
        " sum(CASE WHEN m.type = 'index' THEN s.pgsize ELSE 0 END), sum(s.pgsize)"
        " FROM dbstat s JOIN sqlite_master m ON m.name = s.name"
        " WHERE s.aggregate = TRUE AND m.tbl_name NOT LIKE 'sqlite%%'"
        " GROUP BY m.tbl_name ORDER BY 4 DESC, 1 LIMIT %s",
        [LARGE_TABLES],
    )
    rows = cursor.fetchall()
    estimates = {}
    cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
    if cursor.fetchone()[0]:
        cursor.execute("SELECT tbl, max(CAST(stat AS INTEGER)) FROM sqlite_stat1 GROUP BY tbl")
        estimates = dict(cursor.fetchall())
    return [(name, estimates.get(name, 0), data, index, total) for name, data, index, total in rows]


def _autovacuum(report: HealthReport) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.relname, s.n_live_tup, s.n_dead_tup, s.last_vacuum, s.last_autovacuum,"
            " s.last_analyze, s.last_autoanalyze, c.relpages, c.relallvisible"
            " FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
            " WHERE s.schemaname = current_schema()"
            # The registrations first: the table whose vacuum the monthly run needs.
            " ORDER BY s.relname = %s DESC, pg_total_relation_size(s.relid) DESC, 1 LIMIT %s",
            [REGISTRATION_TABLE, LARGE_TABLES],
        )
        rows = cursor.fetchall()
    tables = []
    never_analysed = []
    for name, live, dead, vacuum, autovacuum, analyze, autoanalyze, pages, visible in rows:
        tables.append(
            {
                "name": name,
                "live_rows": live,
                "dead_rows": dead,
                "last_vacuum": _iso(vacuum),
                "last_autovacuum": _iso(autovacuum),
                "last_analyze": _iso(analyze),
                "last_autoanalyze": _iso(autoanalyze),
                "all_visible_percent": round(100 * visible / pages, 1) if pages else None,
            }
        )
        if live < WATCHED_ROWS:
            continue
        if dead > DEAD_SHARE * live:
            report.problem(
                WARNING,
                "dead_rows",
                _(
                    "Table %(table)s holds %(dead)s dead rows beside %(live)s live ones:"
                    " run `VACUUM ANALYZE %(table)s` (or check autovacuum)."
                )
                % {"table": name, "dead": format_count(dead), "live": format_count(live)},
            )
        elif analyze is None and autoanalyze is None:
            never_analysed.append(name)
        elif name == REGISTRATION_TABLE and pages and visible < ALL_VISIBLE_SHARE * pages:
            report.problem(
                WARNING,
                "registrations_not_vacuumed",
                _(
                    "Only %(percent)s%% of the registrations' pages are all-visible, which the"
                    " monthly run's index-only scan needs: run `VACUUM ANALYZE %(table)s`."
                )
                % {"percent": format_count(round(100 * visible / pages)), "table": name},
            )
    if never_analysed:
        report.problem(
            WARNING,
            "never_analysed",
            ngettext(
                "%(count)d large table has never been analysed: %(tables)s;"
                " run `VACUUM ANALYZE` (or let autovacuum do it).",
                "%(count)d large tables have never been analysed: %(tables)s;"
                " run `VACUUM ANALYZE` (or let autovacuum do it).",
                len(never_analysed),
            )
            % {"count": len(never_analysed), "tables": ", ".join(never_analysed)},
        )
    report.data["autovacuum"] = tables


def _postgresql_settings(report: HealthReport) -> None:
    with connection.cursor() as cursor:
        values = {}
        for name in POSTGRESQL_SETTINGS:
            cursor.execute("SELECT current_setting(%s)", [name])
            values[name] = cursor.fetchone()[0]
    report.data["settings"] = values
    if values["autovacuum"] != "on":
        report.problem(
            WARNING,
            "autovacuum_off",
            _("Autovacuum is off: dead rows and statistics of the large tables grow stale."),
        )


def _sqlite_files(report: HealthReport) -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        cursor.execute("PRAGMA freelist_count")
        free_pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        page_size = cursor.fetchone()[0]
    name = str(connection.settings_dict["NAME"])
    files = {"journal_mode": journal, "free_bytes": free_pages * page_size}
    if not connection.is_in_memory_db():
        wal = Path(name + "-wal")
        files["file_bytes"] = Path(name).stat().st_size
        files["wal_bytes"] = wal.stat().st_size if wal.exists() else 0
    report.data["sqlite"] = files
    if journal != "wal" and not connection.is_in_memory_db():
        report.problem(
            WARNING,
            "journal_mode",
            _("The SQLite journal mode is %(mode)s, not wal: a run blocks the web app.")
            % {"mode": journal},
        )


def _iso(moment: datetime | None) -> str | None:
    return moment and moment.isoformat(timespec="seconds")


def format_duration(duration: timedelta) -> str:
    minutes = int(duration.total_seconds() // 60)
    if minutes < 60:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    return _("%(hours)d h %(minutes)02d min") % {"hours": minutes // 60, "minutes": minutes % 60}
