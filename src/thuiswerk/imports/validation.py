"""Validation of import sources, vectorised over Polars frames: no Python loop per row.

A source is checked in two steps. The column checks read every cell (required, type, range,
enumeration, reference) in one streaming pass that keeps only the typed values and `_bad`, a
bit mask of the columns with an error; the messages are built in a second pass over the bad
rows only. Then the checks across rows: duplicate natural keys, end before start, overlapping
employment periods, full and half days together, deliveries outside employment, and the
warnings. References point to the database or to staff rows of the same import: `Context`
holds both, and grows as staff sources are checked.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from thuiswerk.allowances.inputs import load_parameters
from thuiswerk.core.formatting import format_date
from thuiswerk.core.frames import day_number, fetch_frame
from thuiswerk.people.models import Employee, EmploymentPeriod, Entity
from thuiswerk.rules.calendar import holidays_in_force

from .issues import ERROR, WARNING, IssueLog
from .kinds import DATE_RANGES, FIRST_DATE, LAST_DATE, Column, Type, dutch_wanted
from .parsing import (
    cell,
    is_number,
    parse_date,
    parse_decimal,
    parse_integer,
    parse_month,
    whole_digits,
)
from .readers import ROW, Source

BAD = "_bad"
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# Between a code and its message while both travel in one text column.
_CODE_MARK = "\x1f"
PERIODS = {
    "employee": pl.String,
    "entity": pl.String,
    "start_date": pl.Date,
    "end_date": pl.Date,
    "supervisor": pl.String,
    ROW: pl.Int64,
    "_file": pl.String,  # the label of the file of a staff row; null for the database
}


def _fill(template: str, **values: object) -> str:
    """Fill the named `{placeholders}` of a translated message, leaving the `{}` of pl.format."""
    for name, value in values.items():
        template = template.replace(f"{{{name}}}", str(value))
    return template


def _periods_sql() -> str:
    """The stored employment periods with the codes of employee, entity and supervisor."""
    period, employee, entity = (m._meta for m in (EmploymentPeriod, Employee, Entity))

    def col(meta, name: str) -> str:
        return meta.get_field(name).column

    return (
        f"SELECT e.{col(employee, 'personnel_number')}, n.{col(entity, 'code')},"
        f" {day_number('p.' + col(period, 'start_date'))},"
        f" {day_number('p.' + col(period, 'end_date'))}, s.{col(employee, 'personnel_number')}"
        f" FROM {period.db_table} p"
        f" JOIN {employee.db_table} e ON e.id = p.{col(period, 'employee')}"
        f" JOIN {entity.db_table} n ON n.id = p.{col(period, 'entity')}"
        f" LEFT JOIN {employee.db_table} s ON s.id = p.{col(period, 'supervisor')}"
    )


@dataclass
class Context:
    """What the rows of an import may refer to: the database plus the staff rows checked so far
    (codes, not database ids: new employees have none yet)."""

    employees: pl.DataFrame  # code
    entities: pl.DataFrame  # code
    periods: pl.DataFrame  # PERIODS; `_row` and `_file` are null for a period of the database

    @classmethod
    def from_database(cls) -> "Context":
        periods = fetch_frame(
            _periods_sql(),
            [],
            {name: dtype for name, dtype in PERIODS.items() if name not in (ROW, "_file")},
        ).with_columns(pl.lit(None, pl.Int64).alias(ROW), pl.lit(None, pl.String).alias("_file"))
        employee, entity = Employee._meta, Entity._meta
        number = employee.get_field("personnel_number").column
        code = entity.get_field("code").column
        return cls(
            employees=fetch_frame(
                f"SELECT {number} FROM {employee.db_table}", [], {"code": pl.String}
            ),
            entities=fetch_frame(f"SELECT {code} FROM {entity.db_table}", [], {"code": pl.String}),
            periods=periods,
        )


@dataclass
class Checked:
    """A checked source: `rows` holds `_row`, the typed columns and `_bad`."""

    source: Source
    rows: pl.DataFrame
    errors: IssueLog
    warnings: IssueLog = field(init=False)

    def __post_init__(self) -> None:
        self.warnings = IssueLog(
            self.source.label, WARNING, self.source.kind.names, self.source.titles
        )

    def valid(self, *names: str) -> pl.Expr:
        """Rows whose columns `names` passed the column checks."""
        mask = sum(1 << self.source.kind.names.index(name) for name in names)
        return (pl.col(BAD) & mask) == 0

    def title(self, name: str) -> str:
        """A column's header as in the file."""
        return self.source.titles.get(name) or self.source.kind.column(name).title


def check_source(source: Source, context: Context) -> Checked:
    kind = source.kind
    known = {Type.EMPLOYEE: context.employees.lazy(), Type.ENTITY: context.entities.lazy()}
    if kind.name == "staff":
        # A supervisor may be a staff row of the same file, even a later one.
        known[Type.EMPLOYEE] = (
            pl.concat(
                [known[Type.EMPLOYEE], source.frame.select(cell("employee_id").alias("code"))]
            )
            .drop_nulls()
            .unique()
        )
    checked = _check_columns(source, known)
    _check_duplicates(checked)
    if kind.name in DATE_RANGES:
        _check_date_order(checked, *DATE_RANGES[kind.name])
    if kind.name in KIND_CHECKS:
        KIND_CHECKS[kind.name](checked, context)
    return checked


# Column checks --------------------------------------------------------------------------------

Check = tuple[pl.Expr, str, pl.Expr]  # condition, code, message


def _range_message(column: Column) -> str:
    low, high = column.minimum, column.maximum
    if low is not None and high is not None:
        if column.minimum_exclusive:
            template = _("must be more than {minimum} and at most {maximum}: '{}'")
        else:
            template = _("must be at least {minimum} and at most {maximum}: '{}'")
    elif low is not None:
        template = (
            _("must be more than {minimum}: '{}'")
            if column.minimum_exclusive
            else _("must be at least {minimum}: '{}'")
        )
    else:
        template = _("must be at most {maximum}: '{}'")
    return _fill(template, minimum=low, maximum=high)


def _date_checks(text: pl.Expr, value: pl.Expr, template: str) -> list[Check]:
    """A malformed date or month, and one outside FIRST_DATE..LAST_DATE (see kinds)."""
    outside = _fill(
        _("outside the accepted dates {first} to {last}: '{}'"),
        first=format_date(FIRST_DATE),
        last=format_date(LAST_DATE),
    )
    return [
        (text.is_not_null() & value.is_null(), "bad_format", pl.format(template, text)),
        ((value < FIRST_DATE) | (value > LAST_DATE), "out_of_range", pl.format(outside, text)),
    ]


def _typed(column: Column) -> str:
    return f"_typed_{column.name}"


def _column(column: Column, known: pl.Expr) -> tuple[pl.Expr, list[Check], pl.Expr]:
    """How to read a column's typed value (into `_typed(column)`), its checks in order of
    priority (over that typed column: the streaming engine would parse again for every use of
    an expression), and the column's value for the rows."""
    text = pl.col(column.name)
    present = text.is_not_null()
    checks: list[Check] = []
    if column.required:
        checks.append((~present, "missing_value", pl.lit(_("missing value"))))
    parsed = text
    value = pl.col(_typed(column))
    kind = column.type
    if kind in (Type.TEXT, Type.EMAIL):
        # PostgreSQL refuses NUL in text; SQLite would cut the text there.
        message = pl.lit(_("contains a NUL character (code 0), which cannot be stored"))
        checks.append((text.str.contains("\x00", literal=True), "nul_character", message))
    if kind is Type.EMAIL:
        message = pl.format(_("not an e-mail address: '{}'"), text)
        checks.append((~text.str.contains(EMAIL), "bad_format", message))
    elif kind is Type.DATE:
        parsed = parse_date(text)
        checks += _date_checks(text, value, _("not a date (YYYY-MM-DD or dd/mm/yyyy): '{}'"))
    elif kind is Type.MONTH:
        parsed = parse_month(text)
        checks += _date_checks(text, value, _("not a month (YYYY-MM): '{}'"))
    elif kind is Type.DECIMAL:
        parsed = parse_decimal(text, column.places)
        checks.append((~is_number(text), "bad_format", pl.format(_("not a number: '{}'"), text)))
        whole = column.digits - column.places
        message = _fill(
            _("too large: at most {digits} digit(s) before the decimal mark: '{}'"), digits=whole
        )
        checks.append((whole_digits(text) > whole, "too_many_digits", pl.format(message, text)))
        message = _fill(_("more than {places} decimal(s): '{}'"), places=column.places)
        checks.append((value.is_null(), "too_many_decimals", pl.format(message, text)))
    elif kind is Type.INTEGER:
        parsed = parse_integer(text)
        message = pl.format(_("not a whole number: '{}'"), text)
        checks.append((value.is_null(), "bad_format", message))
    elif kind is Type.CHOICE:
        dtype = pl.Enum(list(column.choices))
        parsed = text.str.to_lowercase().replace_strict(
            column.value_names(), default=None, return_dtype=dtype
        )
        allowed = ", ".join(column.values())
        message = pl.format(
            _fill(_("unknown value '{}' (allowed: {allowed})"), allowed=allowed), text
        )
        checks.append((present & value.is_null(), "unknown_value", message))
    elif kind in (Type.EMPLOYEE, Type.ENTITY):
        # Categorical: millions of registrations hold a few thousand codes, compared often.
        parsed = text.cast(pl.Categorical)
        template = _("unknown employee '{}'") if kind is Type.EMPLOYEE else _("unknown entity '{}'")
        checks.append((present & known.is_null(), "unknown_reference", pl.format(template, text)))
    if column.max_length:
        message = _fill(_("longer than {length} characters"), length=column.max_length)
        checks.append((text.str.len_chars() > column.max_length, "too_long", pl.lit(message)))
    if column.minimum is not None or column.maximum is not None:
        scale = 10**column.places
        too_low = too_high = pl.lit(False)
        if column.minimum is not None:
            minimum = int(column.minimum * scale)
            too_low = value <= minimum if column.minimum_exclusive else value < minimum
        if column.maximum is not None:
            too_high = value > int(column.maximum * scale)
        message = pl.format(_range_message(column), text)
        checks.append((too_low | too_high, "out_of_range", message))
    if column.default is not None:
        value = value.fill_null(pl.lit(column.default, pl.Enum(list(column.choices))))
    return parsed.alias(_typed(column)), checks, value.alias(column.name)


def _check_columns(source: Source, known: dict[Type, pl.LazyFrame]) -> Checked:
    kind = source.kind
    names = kind.names
    errors = IssueLog(source.label, ERROR, names, source.titles)
    try:
        raw = source.frame.collect()
    except pl.exceptions.PolarsError as error:
        issue = source.explain_failure(error)
        errors.add(issue.row, issue.column, issue.code, issue.message)
        raw = pl.DataFrame(schema=source.frame.collect_schema())
    # Every column check reads one cell, so it is decided once per distinct text of the column
    # (millions of registrations hold a few thousand codes and dates) and its outcome gathered
    # back to the rows by the text's position among the distinct ones.
    columns: dict[str, pl.Series] = {}
    bits: list[pl.Series] = []
    messages: dict[str, tuple[pl.Series, pl.Series]] = {}  # per distinct text, and positions
    present: list[pl.Series] = []
    for index, column in enumerate(kind.columns):
        outcome = _column_outcome(column, index, raw[column.name], known.get(column.type))
        raw = raw.drop(column.name)  # millions of texts: let each go once it is read
        columns[column.name] = outcome["value"]
        present.append(outcome["present"])
        if "bit" in outcome:
            bits.append(outcome["bit"])
            messages[column.name] = (outcome["message"], outcome["position"])
    bad = pl.select(pl.sum_horizontal(bits) if bits else pl.repeat(0, raw.height, dtype=pl.UInt32))
    bad = bad.to_series().alias(BAD)
    # Rows with no cell at all (blank lines, a sheet's empty rows) are no rows.
    kept = pl.select(pl.any_horizontal(present)).to_series()
    rows = pl.DataFrame([raw[ROW], *columns.values(), bad]).filter(kept).sort(ROW)
    if (rows[BAD] != 0).any():
        wrong = kept & (bad != 0)
        found = (
            pl.DataFrame(
                [
                    raw[ROW].filter(wrong),
                    *(
                        message.gather(position.filter(wrong)).alias(name)
                        for name, (message, position) in messages.items()
                    ),
                ]
            )
            .unpivot(index=ROW, variable_name="column", value_name="message")
            .drop_nulls("message")
            .rename({ROW: "row"})
        )
        parts = pl.col("message").str.splitn(_CODE_MARK, 2)
        errors.extend(
            found.with_columns(
                parts.struct.field("field_0").alias("code"),
                parts.struct.field("field_1").alias("message"),
            )
        )
    return Checked(source, rows, errors)


def _column_outcome(
    column: Column, index: int, texts: pl.Series, known: pl.LazyFrame | None
) -> dict[str, pl.Series]:
    """One column's typed `value` for every row, whether the cell is `present`, and when the
    column has checks its `bit` (1 << index where a check fails) for every row, the `message`
    per distinct text (code and text of the first failing check, else null) and each row's
    `position` in it."""
    name = column.name
    texts = texts.cast(pl.String)
    distinct = texts.drop_nulls().unique(maintain_order=True)
    # Position of each row's text among the distinct ones; an empty cell (null) comes last.
    position = (
        texts.cast(pl.Enum(distinct)).to_physical().fill_null(distinct.len()).alias("_position")
    )
    cells = pl.concat([distinct, pl.Series([None], dtype=pl.String)]).to_frame(name)
    flag = f"_known_{name}"
    lookup = cells.lazy().with_columns(cell(name).alias(name))
    if known is not None:
        reference = known.select(pl.col("code").alias(name), pl.lit(True).alias(flag))
        lookup = lookup.join(reference, on=name, how="left", maintain_order="left")
    typed, checks, value = _column(column, pl.col(flag))
    lookup = lookup.with_columns(typed)
    outputs = [value, pl.col(name).is_not_null().alias("present")]
    if checks:
        failing = pl.any_horizontal(condition for condition, _code, _text in checks)
        outputs.append(
            pl.when(failing)
            .then(pl.lit(1 << index, pl.UInt32))
            .otherwise(pl.lit(0, pl.UInt32))
            .alias("bit")
        )
        # The code travels with its message; they are split once the bad rows are found.
        coded = [
            (condition, pl.concat_str(pl.lit(code + _CODE_MARK), text))
            for condition, code, text in checks
        ]
        message = pl.when(coded[0][0]).then(coded[0][1])
        for condition, text in coded[1:]:
            message = message.when(condition).then(text)
        outputs.append(message.alias("message"))
    outcome = lookup.select(outputs).collect()
    # The messages stay per distinct text: only the bad rows' are gathered, by the caller.
    gathered = pl.select(
        pl.lit(outcome[output]).gather(position).alias(output)
        for output in outcome.columns
        if output != "message"
    )
    result = {output: gathered[output] for output in gathered.columns}
    result["value"] = result.pop(name).alias(name)
    if "message" in outcome.columns:
        result["message"] = outcome["message"]
        result["position"] = position
    return result


# Checks across rows ---------------------------------------------------------------------------


def _issues(frame: pl.DataFrame, column: str, code: str, message: pl.Expr) -> pl.DataFrame:
    return frame.select(
        pl.col(ROW).alias("row"),
        pl.lit(column).alias("column"),
        pl.lit(code).alias("code"),
        message.alias("message"),
    )


def _day(name: str) -> pl.Expr:
    """A date column as text the way `format_date` writes one in the active language."""
    return pl.col(name).dt.to_string("%d/%m/%Y" if dutch_wanted() else "%Y-%m-%d")


def _check_duplicates(checked: Checked) -> None:
    key = list(checked.source.kind.key)
    frame = checked.rows.filter(checked.valid(*key)).select(ROW, *key)
    # A hash of the key finds the candidates in little memory; only they are compared exactly.
    digest = pl.reduce(
        lambda one, other: one ^ other,
        [pl.col(name).to_physical().hash(seed=seed) for seed, name in enumerate(key)],
    )
    candidates = frame.filter(digest.is_duplicated())
    later = candidates.filter(~pl.struct(key).is_first_distinct())
    if later.is_empty():
        return
    first = candidates.group_by(key).agg(pl.col(ROW).min().alias("_first"))
    template = _fill(
        _("duplicate of row {} (same {key})"), key=", ".join(checked.title(name) for name in key)
    )
    message = pl.format(template, "_first")
    checked.errors.extend(_issues(later.join(first, on=key), key[0], "duplicate", message))


def _check_date_order(checked: Checked, start: str, end: str) -> None:
    wrong = checked.rows.filter(checked.valid(start, end) & (pl.col(end) < pl.col(start)))
    template = _fill(
        _("{end} {} is before {start} {}"), end=checked.title(end), start=checked.title(start)
    )
    message = pl.format(template, _day(end), _day(start))
    checked.errors.extend(_issues(wrong, end, "end_before_start", message))


def _without_errors(
    checked: Checked, frame: pl.DataFrame, columns: tuple[str, ...]
) -> pl.DataFrame:
    """`frame` without the rows that have an error in one of `columns`."""
    return frame.join(checked.errors.rows(columns).to_frame(ROW), on=ROW, how="anti")


def _covering(frame: pl.DataFrame, day: str, periods: pl.DataFrame, *extra: str) -> pl.DataFrame:
    """`frame` (with employee_id and `day`) plus `_covered`, whether an employment period covers
    that day, and the `extra` columns of that period (`_entity`, `_supervisor`; null if none)."""
    candidates = periods.select(
        pl.col("employee").cast(frame.schema["employee_id"]).alias("employee_id"),
        pl.col("start_date").alias("_start"),
        pl.col("end_date").alias("_end"),
        *(pl.col(name).alias(f"_{name}") for name in extra),
    ).sort("_start")
    joined = frame.sort(day).join_asof(
        candidates,
        left_on=day,
        right_on="_start",
        by="employee_id",
        strategy="backward",
        check_sortedness=False,  # both sides are sorted on the dates just above
    )
    covered = pl.col("_start").is_not_null() & (
        pl.col("_end").is_null() | (pl.col("_end") >= pl.col(day))
    )
    return joined.with_columns(
        covered.alias("_covered"),
        *(pl.when(covered).then(pl.col(f"_{name}")).alias(f"_{name}") for name in extra),
    ).drop("_start", "_end")


def _outside_employment(frame: pl.DataFrame, day: str, periods: pl.DataFrame) -> pl.DataFrame:
    """The rows of `frame` (with employee_id and `day`) whose day no employment period covers.

    Most employees' periods follow each other without a gap, so their rows need comparing only
    with the first start and the last end (a join on the employee, no sort of millions of rows);
    the rows of employees with a gap between two periods go through `_covering`."""
    employee = pl.col("employee_id")
    spans = (
        periods.select(
            pl.col("employee").cast(frame.schema["employee_id"]).alias("employee_id"),
            "start_date",
            "end_date",
        )
        .sort("employee_id", "start_date")
        .with_columns(pl.col("start_date").shift(-1).over(employee).alias("_next"))
        .group_by(employee)
        .agg(
            pl.col("start_date").min().alias("_first"),
            # An open period (no end) leaves the employee employed from its start on.
            pl.when(pl.col("end_date").is_null().any())
            .then(None)
            .otherwise(pl.col("end_date").max())
            .alias("_last"),
            ((pl.col("_next") - pl.col("end_date")).dt.total_days() > 1)
            .fill_null(False)
            .any()
            .alias("_gap"),
        )
    )
    joined = frame.join(spans, on="employee_id", how="left")
    date = pl.col(day)
    outside = joined.filter(
        ~pl.col("_gap").fill_null(False)
        & (
            pl.col("_first").is_null()
            | (date < pl.col("_first"))
            | (pl.col("_last").is_not_null() & (date > pl.col("_last")))
        )
    )
    gapped = joined.filter(pl.col("_gap").fill_null(False)).select(frame.columns)
    in_gaps = _covering(gapped, day, periods).filter(~pl.col("_covered"))
    return pl.concat([outside.select(frame.columns), in_gaps.select(frame.columns)]).sort(ROW)


# The columns that make an employment period; an error elsewhere (fte, a name) leaves the period
# usable for the checks of the other files, so they report no errors that follow from it.
PERIOD_COLUMNS = ("employee_id", "entity_code", "start_date", "end_date")


def _check_staff(checked: Checked, context: Context) -> None:
    rows = checked.rows
    usable = rows.filter(checked.valid(*PERIOD_COLUMNS))
    periods = _without_errors(checked, usable, PERIOD_COLUMNS).select(
        pl.col("employee_id").alias("employee"),
        pl.col("entity_code").alias("entity"),
        "start_date",
        "end_date",
        pl.when(checked.valid("supervisor_id"))
        .then(pl.col("supervisor_id").cast(pl.String))
        .alias("supervisor"),
        ROW,
        pl.lit(checked.source.label).alias("_file"),
    )
    checked.errors.extend(_overlaps(periods, context.periods, checked.source.label))
    key = ["employee", "start_date"]
    context.periods = pl.concat(
        [
            context.periods.join(periods.select(key), on=key, how="anti"),
            _without_errors(checked, periods, PERIOD_COLUMNS),
        ]
    )
    context.employees = _codes(context.employees, rows["employee_id"])
    context.entities = _codes(context.entities, rows["entity_code"])


def _codes(known: pl.DataFrame, more: pl.Series) -> pl.DataFrame:
    return pl.concat([known, more.drop_nulls().alias("code").to_frame()]).unique()


def _overlaps(periods: pl.DataFrame, stored: pl.DataFrame, label: str) -> pl.DataFrame:
    """Issues for the rows of `periods` (of the file `label`) that overlap another period of the
    same employee: one of the file (the later one gets the issue), of an earlier staff file of
    the import or of the database (not replaced by the file)."""
    key = ["employee", "start_date"]
    both = pl.concat([stored.join(periods.select(key), on=key, how="anti"), periods])
    pairs = both.join(both, on="employee", suffix="_b").filter(
        (pl.col("start_date") < pl.col("start_date_b"))
        & (pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("start_date_b")))
    )

    def span(suffix: str) -> pl.Expr:
        end = _day(f"end_date{suffix}").fill_null(pgettext("employment period", "open"))
        return pl.format("{}..{}", _day(f"start_date{suffix}"), end)

    def overlap(suffix: str) -> pl.Expr:
        """The message about the period of `suffix`, naming where it is."""
        file, row = pl.col(f"_file{suffix}"), pl.col(f"{ROW}{suffix}")
        return (
            pl.when(file.is_null())
            .then(pl.format(_("overlaps the employment period {} in the database"), span(suffix)))
            .when(file == label)
            .then(pl.format(_("overlaps the employment period {} of row {}"), span(suffix), row))
            .otherwise(
                pl.format(
                    _("overlaps the employment period {} of row {} of {}"), span(suffix), row, file
                )
            )
        )

    def mine(suffix: str) -> pl.Expr:
        return pl.col(f"_file{suffix}").eq_missing(pl.lit(label))

    on_later = pairs.filter(mine("_b")).select(
        pl.col(f"{ROW}_b").alias(ROW),
        pl.lit("start_date").alias("column"),
        overlap("").alias("message"),
    )
    on_earlier = pairs.filter(mine("") & ~mine("_b")).select(
        ROW, pl.lit("end_date").alias("column"), overlap("_b").alias("message")
    )
    return (
        pl.concat([on_later, on_earlier])
        .with_columns(pl.lit("overlapping_periods").alias("code"))
        .sort(ROW, "message")
        .unique(ROW, keep="first")
        .rename({ROW: "row"})
    )


def _check_agreements(checked: Checked, context: Context) -> None:
    approved = checked.rows.filter(
        checked.valid("employee_id", "valid_from", "status", "approved_by")
        & (pl.col("status") == "approved")
    )
    found = _covering(approved, "valid_from", context.periods, "supervisor").filter(
        pl.col("approved_by").cast(pl.String).ne_missing(pl.col("_supervisor"))
        | pl.col("approved_by").is_null()
    )
    empty = _fill(
        _("approved, but {approved_by} is empty"), approved_by=checked.title("approved_by")
    )
    message = (
        pl.when(pl.col("approved_by").is_null())
        .then(pl.lit(empty))
        .when(pl.col("_supervisor").is_null())
        .then(
            pl.format(
                _("approved by '{}', but the employee has no supervisor on {}"),
                "approved_by",
                _day("valid_from"),
            )
        )
        .otherwise(
            pl.format(
                _("approved by '{}', who is not the employee's supervisor on {} ('{}')"),
                "approved_by",
                _day("valid_from"),
                "_supervisor",
            )
        )
    )
    checked.warnings.extend(_issues(found, "approved_by", "approval_not_by_supervisor", message))


def _check_registrations(checked: Checked, context: Context) -> None:
    day = ["employee_id", "date"]
    digest = pl.col("employee_id").to_physical().hash(seed=0) ^ pl.col("date").hash(seed=1)
    # Only days with more than one row can mix full and half days (found by a hash, cheaply).
    rows = (
        checked.rows.filter(checked.valid("employee_id", "date", "part") & digest.is_duplicated())
        .select(ROW, *day, "part")
        .with_columns((pl.col("part") == "full").alias("_full"))
    )
    mixed = (
        rows.group_by(day)
        .agg(
            pl.col("_full").any().alias("_any_full"),
            pl.col("_full").not_().any().alias("_any_half"),
        )
        .filter("_any_full", "_any_half")
        .select(day)
    )
    if mixed.height:
        conflicting = (
            rows.join(mixed, on=day)
            .sort(ROW)
            .with_columns(
                pl.col(ROW).first().over(day).alias("_first"),
                pl.col("part").first().over(day).alias("_first_part"),
                pl.col("_full").first().over(day).alias("_first_full"),
            )
            .filter(pl.col("_full") != pl.col("_first_full"))
        )
        names = checked.source.kind.column("part").display_names()

        def part(name: str) -> pl.Expr:
            return pl.col(name).cast(pl.String).replace_strict(names)

        message = pl.format(
            _("'{}' on a day that row {} registers as '{}'"),
            part("part"),
            "_first",
            part("_first_part"),
        )
        checked.errors.extend(_issues(conflicting, "part", "mixed_day_parts", message))
    _warn_non_working_days(checked, context)


def _warn_non_working_days(checked: Checked, context: Context) -> None:
    days = checked.rows.filter(checked.valid("employee_id", "date")).select(
        ROW, "employee_id", "date"
    )
    if days.is_empty():
        return
    weekend = days.filter(pl.col("date").dt.weekday() >= 6)
    message = (
        pl.when(pl.col("date").dt.weekday() == 6)
        .then(pl.format(_("{} is a Saturday, not a working day"), _day("date")))
        .otherwise(pl.format(_("{} is a Sunday, not a working day"), _day("date")))
    )
    checked.warnings.extend(_issues(weekend, "date", "non_working_day", message))
    # Dates outside FIRST_DATE..LAST_DATE are errors already; the calendar knows only those.
    first, last = days["date"].min(), days["date"].max()
    holidays = holidays_in_force(load_parameters(), first, last)
    on_holiday = days.join(holidays, on="date")
    message = pl.format(_("{} is a holiday ({}), not a working day"), _day("date"), "name")
    checked.warnings.extend(_issues(on_holiday, "date", "non_working_day", message))
    outside = _outside_employment(days, "date", context.periods)
    message = pl.format(_("no employment period of '{}' covers {}"), "employee_id", _day("date"))
    checked.warnings.extend(_issues(outside, "date", "registration_outside_employment", message))


def _check_equipment(checked: Checked, context: Context) -> None:
    deliveries = checked.rows.filter(checked.valid("employee_id", "delivered_on")).select(
        ROW, "employee_id", "delivered_on"
    )
    covered = _covering(deliveries, "delivered_on", context.periods, "entity")
    outside = covered.filter(~pl.col("_covered"))
    message = pl.format(
        _("no employment period of '{}' covers {}"), "employee_id", _day("delivered_on")
    )
    checked.errors.extend(_issues(outside, "delivered_on", "delivery_outside_employment", message))
    # The delivery is spending of the entity the employee worked for on that day.
    checked.rows = checked.rows.join(covered.select(ROW, "_entity"), on=ROW, how="left")


KIND_CHECKS: dict[str, Callable[[Checked, Context], None]] = {
    "staff": _check_staff,
    "agreements": _check_agreements,
    "registrations": _check_registrations,
    "equipment": _check_equipment,
}
