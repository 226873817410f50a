"""Property: whatever happens between runs, the lines of a month add up to what is due now."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from tests.factories import AgreementFactory, EmploymentPeriodFactory, EntityFactory

from thuiswerk.allowances.inputs import load_engine_inputs, load_parameters
from thuiswerk.allowances.models import LedgerLine, LedgerMonth
from thuiswerk.allowances.services import ledger_compute, month_close, parameters_seed_defaults
from thuiswerk.core.money import from_cents
from thuiswerk.core.months import month_range
from thuiswerk.rules.engine import compute_ledger
from thuiswerk.telework.models import Registration

MONTHS = list(month_range(date(2023, 1, 1), date(2023, 4, 1)))
DAYS = [date(2023, 1, 2) + timedelta(days=i) for i in range(119)]

step = st.one_of(
    st.tuples(
        st.just("register"),
        st.integers(0, 2),
        st.sampled_from(DAYS),
        st.sampled_from(["home", "absent", "office"]),
    ),
    st.tuples(st.just("agreement"), st.integers(0, 2), st.sampled_from(["approved", "withdrawn"])),
    st.tuples(st.just("close"), st.sampled_from(MONTHS)),
    st.tuples(st.just("compute"), st.sampled_from(MONTHS), st.sampled_from(MONTHS)),
)


def net_per_line(rows) -> dict:
    out: dict = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
    for employee, month, measure, amount, cost, units in rows:
        out[(employee, month, measure)][0] += amount
        out[(employee, month, measure)][1] += cost
        out[(employee, month, measure)][2] += units
    return {key: tuple(value) for key, value in out.items() if value != [0, 0, 0]}


class CorrectionsAddUpAndRunsAreIdempotent(TestCase):
    @settings(max_examples=25, deadline=None)
    @given(st.lists(step, max_size=12))
    def test_lines_add_up_to_what_is_due_now(self, steps):
        parameters_seed_defaults(actor="t")
        entity = EntityFactory(code="AIV")
        staff = [EmploymentPeriodFactory(entity=entity).employee for _ in range(3)]
        agreements = [AgreementFactory(employee=e) for e in staff]
        ledger_compute(month_from=MONTHS[0], month_to=MONTHS[-1], actor="t")
        for action, *args in steps:
            if action == "register":
                who, day, location = args
                Registration.objects.update_or_create(
                    employee=staff[who], date=day, part="full", defaults={"location": location}
                )
            elif action == "agreement":
                who, status = args
                agreements[who].status = status
                agreements[who].save()
            elif action == "close":
                if not LedgerMonth.objects.filter(month=args[0], status="closed").exists():
                    month_close(month=args[0], actor="t")
            else:
                first, last = sorted(args)
                ledger_compute(month_from=first, month_to=last, actor="t")
        final_run = ledger_compute(month_from=MONTHS[0], month_to=MONTHS[-1], actor="t")

        booked = net_per_line(
            LedgerLine.objects.values_list(
                "employee_id", "month", "measure", "employee_amount", "employer_cost", "units"
            )
        )
        due = compute_ledger(
            MONTHS, **load_engine_inputs(MONTHS[0], MONTHS[-1]), parameters=load_parameters()
        )
        expected = {
            (r["employee"], r["month"], r["measure"]): (
                from_cents(r["employee_amount_cents"]),
                from_cents(r["employer_cost_cents"]),
                1,
            )
            for r in due.lines.to_dicts()
        }
        assert booked == expected
        # A correction is always booked after the month it concerns, never in a closed month.
        assert not LedgerLine.objects.filter(kind="correction", booked_in__lte=F("month")).exists()
        closed = set(LedgerMonth.objects.filter(status="closed").values_list("month", flat=True))
        assert not LedgerLine.objects.filter(run=final_run, booked_in__in=closed).exists()
        # And recomputing once more, with nothing changed, changes nothing (idempotent).
        again = ledger_compute(month_from=MONTHS[0], month_to=MONTHS[-1], actor="t")
        assert (again.stats["lines_written"], again.stats["lines_removed"]) == (0, 0)
