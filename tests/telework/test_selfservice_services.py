"""The self-service writes: every transition and every refusal, each audited."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from tests.factories import (
    AgreementFactory,
    EmployeeFactory,
    EmploymentPeriodFactory,
    InternetOptionFactory,
    RegistrationFactory,
)

from thuiswerk.allowances.models import LedgerLine
from thuiswerk.allowances.services import ledger_compute
from thuiswerk.audit.models import AuditEvent
from thuiswerk.telework.models import Agreement, InternetOption, Registration
from thuiswerk.telework.services import (
    TeleworkError,
    agreement_decide,
    agreement_request,
    agreement_withdraw,
    internet_option_choose,
    registration_set,
    week_pattern_apply,
)

SEPTEMBER = date(2023, 9, 1)
TUESDAY = date(2023, 9, 5)


def stored(employee, day=None):
    rows = Registration.objects.filter(employee=employee)
    if day:
        rows = rows.filter(date=day)
    return sorted((r.date, r.part, r.location) for r in rows)


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


# -- One day -------------------------------------------------------------------------------------


def test_the_same_place_morning_and_afternoon_is_one_full_day(world):
    eva = world.a.employee
    written = registration_set(employee=eva, day=TUESDAY, am="home", pm="home", actor="eva")
    assert written.changed == [TUESDAY]
    assert stored(eva) == [(TUESDAY, "full", "home")]
    (event,) = events("registration.set")
    assert event.actor == "eva"
    assert event.before == {"registrations": []}
    assert event.after == {
        "registrations": [{"date": "2023-09-05", "part": "full", "location": "home"}]
    }


def test_halves_replace_a_full_day_and_back(world):
    eva = world.a.employee
    registration_set(employee=eva, day=TUESDAY, am="home", pm="home", actor="eva")
    registration_set(employee=eva, day=TUESDAY, am="home", pm="office", actor="eva")
    assert stored(eva) == [(TUESDAY, "am", "home"), (TUESDAY, "pm", "office")]
    registration_set(employee=eva, day=TUESDAY, am="absent", pm="absent", actor="eva")
    assert stored(eva) == [(TUESDAY, "full", "absent")]
    last = events("registration.set")[-1]
    assert [r["part"] for r in last.before["registrations"]] == ["am", "pm"]


def test_one_half_only_and_clearing_a_day(world):
    eva = world.a.employee
    registration_set(employee=eva, day=TUESDAY, am=None, pm="home", actor="eva")
    assert stored(eva) == [(TUESDAY, "pm", "home")]
    registration_set(employee=eva, day=TUESDAY, am=None, pm=None, actor="eva")
    assert stored(eva) == []
    assert len(events("registration.set")) == 2


def test_an_unchanged_day_writes_nothing(world):
    eva = world.a.employee
    registration_set(employee=eva, day=TUESDAY, am="home", pm="home", actor="eva")
    written = registration_set(employee=eva, day=TUESDAY, am="home", pm="home", actor="eva")
    assert written.changed == []
    assert len(events("registration.set")) == 1


@pytest.mark.parametrize(
    "day",
    [date(2023, 9, 9), date(2023, 11, 1), date(2023, 7, 11), date(2019, 12, 2)],
    ids=["saturday", "all-saints", "flemish-holiday", "before-employment"],
)
def test_no_registration_outside_working_days_in_employment(world, day):
    with pytest.raises(TeleworkError, match="not a working day inside your employment"):
        registration_set(employee=world.a.employee, day=day, am="home", pm="home", actor="eva")
    assert stored(world.a.employee) == []


def test_unknown_location_is_refused(world):
    with pytest.raises(TeleworkError, match="Unknown location"):
        registration_set(employee=world.a.employee, day=TUESDAY, am="beach", pm=None, actor="e")


# -- A weekly pattern ------------------------------------------------------------------------------


def test_a_pattern_registers_its_weekdays_in_one_audited_write(world):
    eva = world.a.employee
    RegistrationFactory(employee=eva, date=TUESDAY, part="am", location="office")
    RegistrationFactory(employee=eva, date=TUESDAY, part="pm", location="absent")
    monday = date(2023, 9, 4)
    RegistrationFactory(employee=eva, date=monday, location="other")
    written = week_pattern_apply(
        employee=eva,
        first_week=date(2023, 9, 6),  # any day of the week: the week of 4 September
        last_week=date(2023, 9, 18),  # up to the week of 18 September
        pattern={1: "home", 3: "office", 0: None},
        actor="eva",
    )
    tuesdays = [date(2023, 9, d) for d in (5, 12, 19)]
    thursdays = [date(2023, 9, d) for d in (7, 14, 21)]
    assert written.changed == sorted(tuesdays + thursdays)
    assert stored(eva) == sorted(
        [(monday, "full", "other")]
        + [(d, "full", "home") for d in tuesdays]
        + [(d, "full", "office") for d in thursdays]
    )
    (event,) = events("registration.pattern")
    assert event.data["pattern"] == {"1": "home", "3": "office"}
    assert event.data["days_changed"] == 6
    assert {(r["part"], r["location"]) for r in event.before["registrations"]} == {
        ("am", "office"),
        ("pm", "absent"),
    }
    assert len(event.after["registrations"]) == 6


def test_a_pattern_leaves_out_holidays_and_days_outside_employment(world):
    leaver = EmploymentPeriodFactory(start_date=date(2020, 1, 1), end_date=date(2023, 11, 8))
    written = week_pattern_apply(
        employee=leaver.employee,
        first_week=date(2023, 10, 30),
        last_week=date(2023, 11, 13),
        pattern={2: "home"},
        actor="x",
    )
    # Wednesdays 1 Nov (All Saints) and 15 Nov (after the end) are left out; 8 Nov is the last day.
    assert written.changed == [date(2023, 11, 8)]
    assert written.skipped == [date(2023, 11, 1), date(2023, 11, 15)]


@pytest.mark.parametrize(
    ("first", "last", "pattern", "message"),
    [
        (date(2023, 9, 18), date(2023, 9, 4), {0: "home"}, "last week comes before"),
        (date(2023, 1, 2), date(2024, 1, 8), {0: "home"}, "at most 53 weeks"),
        (date(2023, 9, 4), date(2023, 9, 4), {0: None}, "names no location"),
        (date(2023, 9, 4), date(2023, 9, 4), {5: "home"}, "Monday to Friday"),
        (date(2023, 9, 4), date(2023, 9, 4), {0: "beach"}, "Monday to Friday"),
        (date(2019, 9, 2), date(2019, 9, 9), {0: "home"}, "None of these days"),
    ],
)
def test_pattern_refusals(world, first, last, pattern, message):
    with pytest.raises(TeleworkError, match=message):
        week_pattern_apply(
            employee=world.a.employee, first_week=first, last_week=last, pattern=pattern, actor="e"
        )
    assert stored(world.a.employee) == []
    assert not events("registration.pattern")


def test_the_engine_counts_what_the_pages_write(world):
    eva = world.a.employee
    AgreementFactory(employee=eva)
    week_pattern_apply(
        employee=eva,
        first_week=SEPTEMBER,
        last_week=date(2023, 9, 25),
        pattern={1: "home"},
        actor="eva",
    )
    registration_set(employee=eva, day=date(2023, 9, 6), am="home", pm="office", actor="eva")
    ledger_compute(month_from=SEPTEMBER, month_to=SEPTEMBER, actor="t")
    line = LedgerLine.objects.get(employee=eva, measure="HOMEWORK")
    assert line.explanation_data["facts"]["home_days"] == 4.5


# -- Agreements ----------------------------------------------------------------------------------


def request(employee, **overrides):
    values = {"valid_from": SEPTEMBER, "valid_to": None, "days_per_week": Decimal("2")}
    return agreement_request(employee=employee, actor="eva", **(values | overrides))


def test_a_request_is_pending_and_audited(world):
    agreement = request(world.a.employee, valid_to=date(2024, 8, 31))
    assert agreement.status == Agreement.Status.PENDING
    assert agreement.requested_at is not None
    assert agreement.approved_by is None
    (event,) = events("agreement.add")
    assert event.after["status"] == "pending" and event.actor == "eva"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"valid_to": date(2023, 8, 31)}, "cannot end before it begins"),
        ({"days_per_week": Decimal("0")}, "from 0.5 to 5"),
        ({"days_per_week": Decimal("5.5")}, "from 0.5 to 5"),
        ({"days_per_week": Decimal("1.3")}, "from 0.5 to 5"),
        ({"valid_from": date(2019, 6, 1)}, "not employed on"),
    ],
)
def test_request_refusals(world, overrides, message):
    with pytest.raises(TeleworkError, match=message):
        request(world.a.employee, **overrides)
    assert not Agreement.objects.exists()


def test_one_pending_request_at_a_time(world):
    request(world.a.employee)
    with pytest.raises(TeleworkError, match="still pending"):
        request(world.a.employee, valid_from=date(2023, 10, 1))


def test_a_request_on_the_start_of_an_approved_agreement_is_refused(world):
    AgreementFactory(employee=world.a.employee, valid_from=SEPTEMBER)
    with pytest.raises(TeleworkError, match="already begins on"):
        request(world.a.employee)


def test_a_request_cannot_swallow_a_later_approved_agreement(world):
    AgreementFactory(employee=world.a.employee, valid_from=date(2024, 1, 1))
    with pytest.raises(TeleworkError, match="starts on or after it"):
        request(world.a.employee)
    # Ending before the approved one begins is fine.
    assert request(world.a.employee, valid_to=date(2023, 12, 31)).status == "pending"


def test_asking_again_after_a_rejection_takes_the_row_up_again(world):
    first = request(world.a.employee)
    agreement_decide(
        agreement=first,
        supervisor=world.a.supervisor,
        approve=False,
        reason="te veel",
        actor="sara",
    )
    again = request(world.a.employee, days_per_week=Decimal("1"))
    assert again.pk == first.pk
    assert again.status == "pending" and again.days_per_week == 1
    assert again.decided_by is None and again.decision_reason == ""
    change = events("agreement.change")[-1]
    assert change.before["status"] == "rejected" and change.after["status"] == "pending"


def test_withdraw_a_pending_request(world):
    agreement = request(world.a.employee)
    agreement_withdraw(agreement=agreement, actor="eva")
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.WITHDRAWN
    assert events("agreement.change")[-1].reason == "withdrawn"
    with pytest.raises(TeleworkError, match="Only a pending request"):
        agreement_withdraw(agreement=agreement, actor="eva")


def test_an_approved_agreement_cannot_be_withdrawn(world):
    approved = AgreementFactory(employee=world.a.employee)
    with pytest.raises(TeleworkError, match="Only a pending request"):
        agreement_withdraw(agreement=approved, actor="eva")


def test_the_supervisor_approves_and_the_change_ends_the_earlier_agreement(world):
    earlier = AgreementFactory(employee=world.a.employee, valid_from=date(2021, 1, 1))
    change = request(world.a.employee, days_per_week=Decimal("3"))
    agreement_decide(
        agreement=change, supervisor=world.a.supervisor, approve=True, reason="", actor="sara"
    )
    change.refresh_from_db()
    earlier.refresh_from_db()
    assert change.status == Agreement.Status.APPROVED
    assert change.approved_by == world.a.supervisor
    assert change.approved_on == timezone.localdate()
    assert change.decided_by == world.a.supervisor and change.decided_at is not None
    # The earlier agreement keeps its terms; only its end moves to the day before the change.
    assert earlier.valid_to == date(2023, 8, 31)
    assert earlier.days_per_week == Decimal("2.0") and earlier.status == "approved"
    ended, approved = events("agreement.change")[-2:]
    assert ended.object_id == str(earlier.pk) and "ended by the approved change" in ended.reason
    assert approved.reason == "approved" and approved.actor == "sara"


def test_a_change_that_ends_keeps_the_earlier_agreement_ended(world):
    """After a change with an end date nothing is approved: the engine sees no agreement."""
    AgreementFactory(employee=world.a.employee, valid_from=date(2021, 1, 1))
    change = request(world.a.employee, valid_to=date(2023, 9, 30))
    agreement_decide(
        agreement=change, supervisor=world.a.supervisor, approve=True, reason="", actor="sara"
    )
    covering = Agreement.objects.filter(
        employee=world.a.employee, status="approved", valid_from__lte=date(2023, 10, 2)
    ).exclude(valid_to__lt=date(2023, 10, 2))
    assert not covering.exists()


def test_reject_needs_a_reason_and_records_it(world):
    agreement = request(world.a.employee)
    with pytest.raises(TeleworkError, match="Give a reason"):
        agreement_decide(
            agreement=agreement,
            supervisor=world.a.supervisor,
            approve=False,
            reason="  ",
            actor="sara",
        )
    agreement_decide(
        agreement=agreement,
        supervisor=world.a.supervisor,
        approve=False,
        reason="Niet in de drukke periode",
        actor="sara",
    )
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.REJECTED
    assert agreement.approved_by is None and agreement.approved_on is None
    assert agreement.decision_reason == "Niet in de drukke periode"
    assert events("agreement.change")[-1].reason == "Niet in de drukke periode"


def test_only_the_supervisor_of_the_current_period_decides(world):
    agreement = request(world.a.employee)
    for someone in (world.b.supervisor, world.a.employee, EmployeeFactory()):
        with pytest.raises(TeleworkError, match="Only the employee's supervisor"):
            agreement_decide(
                agreement=agreement, supervisor=someone, approve=True, reason="", actor="x"
            )
    # A period that has ended does not count: the current one names another supervisor.
    period = world.a.employee.periods.get()
    period.end_date = timezone.localdate() - timedelta(days=10)
    period.save()
    EmploymentPeriodFactory(
        employee=world.a.employee,
        entity=world.a.entity,
        start_date=period.end_date + timedelta(days=1),
        supervisor=world.b.supervisor,
    )
    with pytest.raises(TeleworkError, match="Only the employee's supervisor"):
        agreement_decide(
            agreement=agreement, supervisor=world.a.supervisor, approve=True, reason="", actor="x"
        )
    agreement_decide(
        agreement=agreement, supervisor=world.b.supervisor, approve=True, reason="", actor="x"
    )


def test_nobody_decides_her_own_request(world):
    period = world.a.supervisor.periods.get()
    period.supervisor = world.a.supervisor  # a data error: her own supervisor
    period.save()
    agreement = request(world.a.supervisor)
    with pytest.raises(TeleworkError, match="Only the employee's supervisor"):
        agreement_decide(
            agreement=agreement, supervisor=world.a.supervisor, approve=True, reason="", actor="x"
        )


def test_a_decided_request_cannot_be_decided_again(world):
    agreement = request(world.a.employee)
    agreement_decide(
        agreement=agreement, supervisor=world.a.supervisor, approve=True, reason="", actor="s"
    )
    with pytest.raises(TeleworkError, match="already been decided"):
        agreement_decide(
            agreement=agreement, supervisor=world.a.supervisor, approve=False, reason="r", actor="s"
        )


def test_approval_is_refused_when_a_later_agreement_was_approved_meanwhile(world):
    agreement = request(world.a.employee)
    AgreementFactory(employee=world.a.employee, valid_from=date(2024, 1, 1))
    with pytest.raises(TeleworkError, match="starts on or after it"):
        agreement_decide(
            agreement=agreement, supervisor=world.a.supervisor, approve=True, reason="", actor="s"
        )
    agreement.refresh_from_db()
    assert agreement.status == "pending"


# -- Internet option -------------------------------------------------------------------------------


def test_a_new_choice_is_a_new_row(world):
    eva = world.a.employee
    first = InternetOptionFactory(
        employee=eva, option="forfait", provider="", valid_from=date(2021, 10, 1)
    )
    chosen = internet_option_choose(
        employee=eva, option="third_party", provider=" Telenet ", valid_from=SEPTEMBER, actor="eva"
    )
    assert (chosen.option, chosen.provider, chosen.valid_from) == (
        "third_party",
        "Telenet",
        SEPTEMBER,
    )
    first.refresh_from_db()
    assert (first.option, first.valid_from) == ("forfait", date(2021, 10, 1))
    back = internet_option_choose(
        employee=eva, option="forfait", provider="Telenet", valid_from=date(2024, 1, 1), actor="eva"
    )
    assert back.provider == ""
    assert [e.after["option"] for e in events("internetoption.add")] == ["third_party", "forfait"]


@pytest.mark.parametrize(
    ("option", "provider", "valid_from", "message"),
    [
        ("third_party", "", SEPTEMBER, "Name the provider"),
        ("cable", "", SEPTEMBER, "Unknown internet option"),
        ("forfait", "", SEPTEMBER, "already your internet option"),  # the default
        ("third_party", "Proximus", date(2021, 10, 1), "already made a choice"),
        ("third_party", "Proximus", date(2022, 1, 1), "already your internet option"),
    ],
)
def test_internet_refusals(world, option, provider, valid_from, message):
    InternetOptionFactory(employee=world.a.employee, valid_from=date(2021, 10, 1))
    InternetOption.objects.filter(employee=world.a.employee).update(option="forfait", provider="")
    if "Proximus" in provider:
        InternetOption.objects.filter(employee=world.a.employee).update(
            option="third_party", provider="Proximus"
        )
    with pytest.raises(TeleworkError, match=message):
        internet_option_choose(
            employee=world.a.employee,
            option=option,
            provider=provider,
            valid_from=valid_from,
            actor="eva",
        )
    assert InternetOption.objects.filter(employee=world.a.employee).count() == 1
