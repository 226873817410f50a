"""The demo generator: deterministic, in the import formats, and importable with its invariants."""

import csv
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from thuiswerk.allowances.models import LedgerLine
from thuiswerk.allowances.services import ledger_compute
from thuiswerk.core.months import format_month, next_month
from thuiswerk.demo.catalog import ENTITIES
from thuiswerk.demo.generate import STYLES, last_full_month, write_demo_files
from thuiswerk.demo.population import MIN_ENTITY_SIZE, entity_sizes, planted_count
from thuiswerk.equipment.models import Delivery
from thuiswerk.imports.services import import_files
from thuiswerk.people.models import EmploymentPeriod
from thuiswerk.telework.models import Agreement, InternetOption, Registration, ThirdPartyInvoice

FIRST_DAY = date(2021, 1, 1)
LAST_MONTH = date(2024, 12, 1)
STAFF = 150

# The columns of issue 2, "What to build", item 3, exactly.
HEADERS = {
    "staff": "employee_id, first_name, last_name, email, entity_code, entity_name, fte, start_date, end_date, supervisor_id",
    "agreements": "employee_id, valid_from, valid_to, days_per_week, status, approved_by, approved_on",
    "registrations": "employee_id, date, location, part",
    "internet_options": "employee_id, option, valid_from, provider",
    "invoices": "employee_id, month, provider, amount",
    "equipment": "employee_id, item, category, delivered_on, cost, ownership, returned_on",
    "budgets": "entity_code, year, measure, amount",
    "initiatives": "entity_code, kind, title, motivation, planned_from, planned_to, budget",
}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    return write_demo_files(
        out_dir=tmp_path_factory.mktemp("demo"), staff=STAFF, seed=1, last_month=LAST_MONTH
    )


def rows(path: Path, kind: str) -> list[dict[str, str]]:
    style = STYLES[kind]
    with path.open(encoding=style.encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=style.separator))


def test_the_same_seed_writes_the_same_files(files, tmp_path):
    again = write_demo_files(out_dir=tmp_path / "a", staff=STAFF, seed=1, last_month=LAST_MONTH)
    other = write_demo_files(out_dir=tmp_path / "b", staff=STAFF, seed=2, last_month=LAST_MONTH)
    assert set(again) == set(HEADERS)
    for kind, path in files.items():
        assert again[kind].read_bytes() == path.read_bytes(), kind
    for kind in ("staff", "agreements", "registrations", "invoices", "equipment"):
        assert other[kind].read_bytes() != files[kind].read_bytes(), kind


def test_every_file_has_the_exact_header_of_its_import_format(files):
    for kind, path in files.items():
        style = STYLES[kind]
        first_line = path.read_bytes().decode(style.encoding).splitlines()[0]
        assert first_line.split(style.separator) == HEADERS[kind].split(", "), kind


def test_files_come_in_the_styles_of_belgian_hr_systems(files):
    staff = files["staff"].read_bytes()
    assert staff.startswith(b"\xef\xbb\xbf") and b"\r\n" in staff  # Excel: BOM and CRLF
    periods = rows(files["staff"], "staff")
    assert {p["fte"] for p in periods} >= {"1,0", "0,8"}  # decimal comma
    assert all(len(p["start_date"].split("/")) == 3 for p in periods)  # dd/mm/yyyy
    equipment = files["equipment"].read_bytes()
    assert "–".encode("cp1252") in equipment  # an older Excel writes cp1252
    registrations = rows(files["registrations"], "registrations")
    date.fromisoformat(registrations[0]["date"])
    invoices = rows(files["invoices"], "invoices")
    assert all(len(i["month"]) == 7 and "." in i["amount"] for i in invoices)


def test_the_register_leaves_office_days_out(files):
    registrations = rows(files["registrations"], "registrations")
    assert {r["location"] for r in registrations} == {"home", "absent", "other"}
    assert {r["part"] for r in registrations} == {"full", "am", "pm"}


def test_entity_sizes_add_up_keep_aiv_and_give_every_entity_a_team():
    for staff in (10, 60, 30000):
        sizes = entity_sizes(staff)
        assert sum(size for _, size in sizes) == staff
        assert "AIV" in {entity.code for entity, _ in sizes}
        assert min(size for _, size in sizes) >= MIN_ENTITY_SIZE
    assert len(entity_sizes(30000)) == len(ENTITIES)
    sizes = {entity.code: size for entity, size in entity_sizes(30000)}
    assert 200 < sizes["AIV"] < 400  # a few hundred staff
    assert sizes["VDAB"] > 4000 and sizes["SARIV"] < 10  # a few large ones, many small


def test_last_full_month():
    assert last_full_month(date(2026, 11, 29)) == date(2026, 10, 1)
    assert last_full_month(date(2024, 1, 1)) == date(2023, 12, 1)


def _covering(periods: list[EmploymentPeriod], day: date) -> EmploymentPeriod | None:
    return next(
        (p for p in periods if p.start_date <= day and (p.end_date is None or day <= p.end_date)),
        None,
    )


def test_the_files_import_without_errors_and_the_invariants_hold(files):
    result = import_files(paths=list(files.values()), actor="test")

    assert result.ok, [str(issue) for issue in result.errors[:20]]
    # The only warnings are the planted ones (test_the_anomalies_are_the_planted_ones): weekend
    # days, and agreements approved by someone other than the supervisor.
    assert len(result.warnings) == 2 * planted_count(STAFF), [str(w) for w in result.warnings]
    assert {issue.code for issue in result.warnings} == {
        "non_working_day",
        "approval_not_by_supervisor",
    }

    periods: dict[int, list[EmploymentPeriod]] = defaultdict(list)
    for period in EmploymentPeriod.objects.select_related("entity").order_by("start_date"):
        periods[period.employee_id].append(period)
    assert len(periods) == STAFF
    for own in periods.values():
        for before, after in zip(own, own[1:], strict=False):
            assert before.end_date is not None and before.end_date < after.start_date
    for own in periods.values():
        for period in own:
            if period.supervisor_id is None:
                continue  # the head of the entity
            # Over the generated months: before them, the team may have had another leader.
            theirs = _covering(periods[period.supervisor_id], max(period.start_date, FIRST_DAY))
            assert theirs is not None and theirs.entity_id == period.entity_id
            assert theirs.end_date is None  # team leaders stay

    movers = [own for own in periods.values() if len({p.entity_id for p in own}) > 1]
    assert movers
    assert any(p.fte < 1 for own in periods.values() for p in own)
    assert any(p.end_date is not None for own in periods.values() for p in own)
    assert any(p.start_date > FIRST_DAY for own in periods.values() for p in own)
    assert EmploymentPeriod.objects.filter(entity__code="AIV").exists()
    assert set(Agreement.objects.values_list("status", flat=True)) == set(Agreement.Status.values)
    assert Registration.objects.filter(part=Registration.Part.AM).exists()

    payers = set(
        InternetOption.objects.filter(option=InternetOption.Option.THIRD_PARTY).values_list(
            "employee_id", flat=True
        )
    )
    invoiced = set(ThirdPartyInvoice.objects.values_list("employee_id", flat=True))
    assert payers and invoiced <= payers

    deliveries = list(Delivery.objects.all())
    assert {d.ownership for d in deliveries} == set(Delivery.Ownership.values)
    assert any(d.returned_on is not None for d in deliveries)


def test_planted_anomalies_are_about_one_per_thousand_staff_and_at_least_one():
    assert [planted_count(n) for n in (10, 150, 1000, 3000, 30000)] == [1, 1, 1, 3, 30]


def test_the_anomalies_are_the_planted_ones(files):
    """Each kind of anomaly the import or the monthly run reports occurs exactly as often as the
    demo plants it; the rest of the data is as consistent as real data should be."""
    planted = planted_count(STAFF)
    result = import_files(paths=list(files.values()), actor="test")
    codes = Counter(issue.code for issue in result.warnings)
    assert codes == {"approval_not_by_supervisor": planted, "non_working_day": planted}

    # Every other approval is by the supervisor of the period covering its approval day.
    periods: dict[int, list[EmploymentPeriod]] = defaultdict(list)
    for period in EmploymentPeriod.objects.order_by("start_date"):
        periods[period.employee_id].append(period)
    approved = Agreement.objects.filter(status=Agreement.Status.APPROVED)
    assert approved.count() > 10 * planted
    by_deputy = [
        a
        for a in approved
        if (_covering(periods[a.employee_id], a.approved_on) or EmploymentPeriod()).supervisor_id
        != a.approved_by_id
    ]
    assert len(by_deputy) == planted

    run = ledger_compute(month_from=FIRST_DAY, month_to=LAST_MONTH, actor="test")
    codes = Counter(warning["code"] for warning in run.warnings)
    assert codes == {"unmatched_invoice": planted, "missing_invoice": planted}
    # The late invoice is for the month after the payer's last due third-party line.
    (late,) = [w for w in run.warnings if w["code"] == "unmatched_invoice"]
    last_due = (
        LedgerLine.objects.filter(
            employee__personnel_number=late["employee_id"],
            measure=LedgerLine.Measure.INTERNET_THIRD_PARTY,
        )
        .order_by("-month")
        .values_list("month", flat=True)
        .first()
    )
    assert format_month(next_month(last_due)) == late["month"]
    # One invoice per due month, less the missing ones, plus the late ones.
    due = LedgerLine.objects.filter(measure=LedgerLine.Measure.INTERNET_THIRD_PARTY).count()
    missing = late_ones = planted
    assert ThirdPartyInvoice.objects.count() == due - missing + late_ones
