"""Re-importing changes nothing; changed rows are updated; a day's rows replace that day."""

import hashlib
from datetime import date

import pytest

from thuiswerk.budgets.models import BudgetLine
from thuiswerk.people.models import Employee
from thuiswerk.telework.models import Registration

from .conftest import GOOD, STAFF, run, snapshot, strings, write

pytestmark = pytest.mark.django_db


def all_files():
    return [write("staff.csv", STAFF)] + [write(name, text) for name, text in GOOD.items()]


def test_second_import_changes_nothing(audit_events):
    first = run(*all_files())
    assert first.ok, strings(first.errors)
    stored = snapshot()
    second = run(*all_files())
    assert second.ok
    assert snapshot() == stored
    for name, counts in second.counts.items():
        assert counts["unchanged"] == sum(first.counts[name].values()), name
        assert {k: v for k, v in counts.items() if k != "unchanged"} == dict.fromkeys(
            set(counts) - {"unchanged"}, 0
        ), name
    assert audit_events.count() == 2


def test_the_import_is_audited_once(audit_events):
    result = run(*all_files())
    event = audit_events.get()
    assert event.actor == "test"
    files = event.data["files"]
    assert [file["path"] for file in files] == ["staff.csv", *GOOD]
    content = STAFF.encode()
    assert files[0] == {
        "path": "staff.csv",
        "sha256": hashlib.sha256(content).hexdigest(),
        "size": len(content),
    }
    assert event.data["counts"] == result.counts
    assert event.data["warnings"] == len(result.warnings)
    assert event.data["changes"] == {}  # only created rows: the files and counts say it all


def test_the_audit_event_has_the_values_before_and_after(staff, audit_events):
    run(write("budgets.csv", "entity_code;year;measure;amount\nAIV;2023;financial;1000\n"))
    run(write("registrations.csv", "employee_id,date,location,part\nP2,2023-01-02,home,full\n"))
    run(write("budgets.csv", "entity_code;year;measure;amount\nAIV;2023;financial;1500,50\n"))
    run(write("registrations.csv", "employee_id,date,location,part\nP2,2023-01-02,home,am\n"))
    budget_event, registration_event = audit_events.order_by("id")[3:]
    budget = BudgetLine.objects.get()
    assert budget_event.data["changes"] == {
        "budgets_budgetline": {
            "updated": [
                {
                    "id": budget.id,
                    "key": {"entity_id": budget.entity_id, "year": 2023, "measure": "financial"},
                    "before": {"amount": "1000.00"},
                    "after": {"amount": "1500.50"},
                }
            ],
            "deleted": [],
            "omitted": 0,
        }
    }
    p2 = Employee.objects.get(personnel_number="P2").id
    deleted = registration_event.data["changes"]["telework_registration"]["deleted"]
    assert [(row["key"], row["before"], row["after"]) for row in deleted] == [
        ({"employee_id": p2, "date": "2023-01-02", "part": "full"}, {"location": "home"}, None)
    ]


def test_the_audit_event_lists_a_bounded_number_of_changes(staff, audit_events, monkeypatch):
    monkeypatch.setattr("thuiswerk.imports.writing.AUDITED_PER_TABLE", 2)
    header = "entity_code;year;measure;amount\n"
    rows = [f"AIV;{year};financial;{{}}\n" for year in range(2020, 2025)]
    run(write("budgets.csv", header + "".join(row.format(1) for row in rows)))
    run(write("budgets.csv", header + "".join(row.format(2) for row in rows)))
    changes = audit_events.order_by("-id").first().data["changes"]["budgets_budgetline"]
    assert len(changes["updated"]) == 2
    assert changes["omitted"] == 3


def test_a_changed_row_is_updated(staff):
    run(
        write(
            "budgets.csv",
            "entity_code;year;measure;amount\nAIV;2023;financial;1000\nAIV;2024;financial;5\n",
        )
    )
    result = run(
        write(
            "budgets.csv",
            "entity_code;year;measure;amount\nAIV;2023;financial;1500\nAIV;2024;financial;5,00\n",
        )
    )
    assert result.counts == {"budgets": {"created": 0, "updated": 1, "unchanged": 1}}


def test_changed_staff_updates_names_entities_and_periods(staff):
    changed = (
        STAFF.replace("Peeters", "Peeters-Claes")
        .replace("Departement Omgeving", "Departement Omgeving en Klimaat")
        .replace("31/12/2021;P1", "30/06/2021;P1")
    )
    result = run(write("staff.csv", changed))
    assert result.counts == {
        "entities": {"created": 0, "updated": 1, "unchanged": 1},
        "employees": {"created": 0, "updated": 1, "unchanged": 2},
        "employment_periods": {"created": 0, "updated": 1, "unchanged": 3},
    }


def test_a_period_can_be_shortened_and_a_new_one_added_in_one_import(staff):
    # P1 moves to DOV: the open period ends, a new one starts the next day.
    moved = STAFF + "P1;An;Peeters;;DOV;Departement Omgeving;1;01/07/2023;;P3\n"
    moved = moved.replace("1;01/01/2020;;\n", "1;01/01/2020;30/06/2023;\n", 1)
    result = run(write("staff.csv", moved))
    assert result.ok, strings(result.errors)
    assert result.counts["employment_periods"] == {"created": 1, "updated": 1, "unchanged": 3}


def registrations():
    return sorted(Registration.objects.values_list("date", "part", "location"))


def test_a_full_day_replaces_stored_half_days_and_back(staff):
    header = "employee_id,date,location,part\n"
    run(
        write(
            "registrations.csv",
            header + "P2,2023-01-03,office,am\nP2,2023-01-03,home,pm\nP2,2023-01-04,home,full\n",
        )
    )
    result = run(write("registrations.csv", header + "P2,2023-01-03,home,full\n"))
    assert result.counts == {
        "registrations": {"created": 1, "updated": 0, "unchanged": 0, "deleted": 2}
    }
    assert registrations() == [
        (date(2023, 1, 3), "full", "home"),
        (date(2023, 1, 4), "full", "home"),  # a day the file does not name stays
    ]
    result = run(write("registrations.csv", header + "P2,2023-01-03,absent,pm\n"))
    assert result.counts == {
        "registrations": {"created": 1, "updated": 0, "unchanged": 0, "deleted": 1}
    }
    assert registrations() == [
        (date(2023, 1, 3), "pm", "absent"),
        (date(2023, 1, 4), "full", "home"),
    ]


def test_a_changed_location_is_updated(staff):
    header = "employee_id,date,location,part\n"
    run(write("registrations.csv", header + "P2,2023-01-03,office,am\nP2,2023-01-03,home,pm\n"))
    result = run(
        write("registrations.csv", header + "P2,2023-01-03,home,am\nP2,2023-01-03,home,pm\n")
    )
    assert result.counts == {
        "registrations": {"created": 0, "updated": 1, "unchanged": 1, "deleted": 0}
    }
    assert registrations() == [(date(2023, 1, 3), "am", "home"), (date(2023, 1, 3), "pm", "home")]


def test_two_files_of_one_kind_are_applied_in_turn(staff):
    header = "employee_id,date,location,part\n"
    january = write("registrations_2023-01.csv", header + "P2,2023-01-03,home,full\n")
    correction = write("registrations_fix.csv", header + "P2,2023-01-03,office,full\n")
    result = run(january, correction)
    assert result.counts == {
        "registrations": {"created": 1, "updated": 1, "unchanged": 0, "deleted": 0}
    }
    assert registrations() == [(date(2023, 1, 3), "full", "office")]


def test_texts_come_back_exactly_as_stored(staff):
    # Empty texts, line breaks and separators inside quotes: unchanged on the second import.
    text = (
        "entity_code;kind;title;motivation;planned_from;planned_to;budget\n"
        'AIV;material;"Stoelen; schermen";"Eerste lijn\nTweede lijn";;;\n'
        "DOV;financial;Internet;;;;\n"
    )
    assert run(write("initiatives.csv", text)).counts["initiatives"]["created"] == 2
    assert run(write("initiatives.csv", text)).counts == {
        "initiatives": {"created": 0, "updated": 0, "unchanged": 2}
    }
