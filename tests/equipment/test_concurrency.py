"""Two HR officers approving at the same moment: only one passes the budget check.

On PostgreSQL each approval locks the entity's row (SELECT ... FOR UPDATE) before it sums the
spending, so the second waits for the first to commit and then counts it. SQLite needs no lock:
it runs one write transaction at a time (transaction_mode IMMEDIATE in the settings), so the
second approval starts only after the first committed; the race cannot happen there.
"""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from tests.factories import BudgetLineFactory, CatalogItemFactory

from thuiswerk.equipment import services
from thuiswerk.equipment.models import EquipmentRequest
from thuiswerk.equipment.services import BudgetExceeded

from .flow import ask, supervisor_approves

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs one write transaction at a time: two approvals cannot overlap",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_concurrent_approvals_do_not_both_pass(world, chair, monkeypatch):
    year = timezone.localdate().year
    BudgetLineFactory(entity=world.a.entity, year=year, measure="material", amount=Decimal("400"))
    screen = CatalogItemFactory(entity=world.a.entity, name="Scherm", unit_cost=Decimal("250.00"))
    first = supervisor_approves(world.a, ask(world.a, chair))
    second = supervisor_approves(world.a, ask(world.a, screen))  # each fits, both do not

    # Hold each approval between its sum and its write, so that without the lock both would
    # read the same spending and both would pass.
    counted = services.material_position

    def slow_position(**kwargs):
        position = counted(**kwargs)
        time.sleep(0.5)
        return position

    monkeypatch.setattr(services, "material_position", slow_position)
    start = threading.Barrier(2)
    outcome: dict[int, str] = {}

    def approve(request: EquipmentRequest, hr: str) -> None:
        try:
            start.wait()
            services.request_hr_decide(request_id=request.pk, approve=True, actor=hr)
            outcome[request.pk] = "approved"
        except BudgetExceeded:
            outcome[request.pk] = "refused"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(first, "hr1@vlaanderen.be")),
        threading.Thread(target=approve, args=(second, "hr2@vlaanderen.be")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcome.values()) == ["approved", "refused"]
    position = counted(entity_id=world.a.entity.pk, year=year)
    assert position.committed == Decimal("250.00") and not position.over
    assert EquipmentRequest.objects.filter(status=EquipmentRequest.Status.HR_APPROVED).count() == 1
