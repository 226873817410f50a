"""The data migrations of the ledger: Dutch legal sources, and lines stored twice."""

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from tests.factories import (
    ComputationRunFactory,
    EmployeeFactory,
    EntityFactory,
)

from thuiswerk.allowances.models import LedgerLine, LedgerMonth, ParameterValue
from thuiswerk.audit.models import AuditEvent
from thuiswerk.rules.parameters import CIRCULAR_HYBRID, VPS_INTERNET

dutch = importlib.import_module("thuiswerk.allowances.migrations.0004_dutch_legal_sources")
OLD_CIRCULAR = "Circular 'Hybride werken binnen de Vlaamse overheid' (16 July 2021)"
OLD_VPS = (
    "VPS art. VII 109, as changed by BVR 17 Sept 2021 (BS 11 Oct 2021), "
    "internet allowance for hybrid work"
)


def test_the_seeded_english_legal_sources_become_the_dutch_ones_and_an_edited_one_stays():
    ParameterValue.objects.filter(name="calendar").update(legal_source=OLD_CIRCULAR)
    ParameterValue.objects.filter(name="internet_effective_from").update(legal_source=OLD_VPS)
    ParameterValue.objects.filter(name="homework_amount").update(legal_source="edited by hand")
    dutch.to_dutch(apps, None)
    sources = dict(ParameterValue.objects.values_list("name", "legal_source"))
    assert sources["calendar"] == CIRCULAR_HYBRID
    assert sources["internet_effective_from"] == VPS_INTERNET
    assert sources["homework_amount"] == "edited by hand"
    events = AuditEvent.objects.filter(action="parameter.legal_source").order_by("object_id")
    assert [(e.object_id, e.before["legal_source"], e.after["legal_source"]) for e in events] == [
        ("calendar", OLD_CIRCULAR, CIRCULAR_HYBRID),
        ("internet_effective_from", OLD_VPS, VPS_INTERNET),
    ]


@pytest.mark.django_db(transaction=True)
def test_lines_stored_twice_are_merged_when_paid_and_dropped_when_not():
    executor = MigrationExecutor(connection)
    before = [("allowances", "0002_alter_ledgerline_kind_alter_ledgerline_measure_and_more")]
    executor.migrate(before)
    # The lines as that migration's model has them (the current one has later columns).
    old_line = executor.loader.project_state(before).apps.get_model("allowances", "LedgerLine")
    related = {
        "run_id": ComputationRunFactory().pk,
        "employee_id": EmployeeFactory().pk,
        "entity_id": EntityFactory().pk,
    }
    for month in (date(2023, 1, 1), date(2023, 2, 1)):
        for _ in range(2):  # stored twice, as two runs at once did before the run lock
            old_line.objects.create(
                **related,
                month=month,
                booked_in=month,
                measure="HOMEWORK",
                kind="entitlement",
                employee_amount=Decimal("20.00"),
                employer_cost=Decimal("20.00"),
                units=1,
            )
    LedgerMonth.objects.create(month=date(2023, 1, 1), status="closed")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = sorted(LedgerLine.objects.values_list("month", "employee_amount", "units"))
    # January was paid twice: one line with the sums (the next run books -20.00 back);
    # February was not paid: the duplicates go, the next run books it again.
    assert rows == [(date(2023, 1, 1), Decimal("40.00"), 2)]
    actions = AuditEvent.objects.filter(actor="migration", object_type="ledgerline")
    assert sorted(actions.values_list("action", flat=True)) == [
        "ledger.delete_duplicates",
        "ledger.merge_duplicates",
    ]
