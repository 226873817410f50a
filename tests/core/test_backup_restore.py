"""The comparison of scripts/backup_restore.py (`make backup-test`): a fingerprint of everything a
restore must give back, and the differences it names."""

from datetime import date
from decimal import Decimal

import pytest
from scripts.backup_restore import database_fingerprint, differences
from tests.factories import LedgerLineFactory

from thuiswerk.allowances.models import LedgerLine, LedgerMonth


@pytest.fixture
def ledger(db):
    LedgerLineFactory(month=date(2023, 1, 1))
    LedgerLineFactory(month=date(2023, 2, 1), employee_amount=Decimal("11.50"))
    LedgerMonth.objects.create(month=date(2023, 1, 1), status=LedgerMonth.Status.CLOSED)


def test_the_same_database_has_the_same_fingerprint(ledger):
    before = database_fingerprint()
    assert before["ledger_per_month"] == {
        "2023-01-01": [1, "20.00", "20.00"],
        "2023-02-01": [1, "11.50", "11.50"],
    }
    assert before["rows"]["allowances_ledgerline"] == 2
    assert before["months"] == {"2023-01-01": "closed"}
    assert differences(before, database_fingerprint()) == []


def test_a_changed_ledger_line_is_named(ledger):
    before = database_fingerprint()
    LedgerLine.objects.filter(month=date(2023, 2, 1)).update(employer_cost=Decimal("11.49"))
    found = differences(before, database_fingerprint())
    assert (
        found[0] == "ledger_per_month[2023-02-01]: [1, '11.50', '11.50'] != [1, '11.50', '11.49']"
    )
    assert [difference.split(":")[0] for difference in found[1:]] == [
        "ledger_sha256",
        "report_sha256",  # the employer's cost of 2023 is in the answer
    ]


def test_a_lost_row_and_a_reopened_month_are_named(ledger):
    before = database_fingerprint()
    LedgerLine.objects.filter(month=date(2023, 1, 1)).delete()
    LedgerMonth.objects.filter(month=date(2023, 1, 1)).update(status=LedgerMonth.Status.OPEN)
    found = differences(before, database_fingerprint())
    assert "rows[allowances_ledgerline]: 2 != 1" in found
    assert "months[2023-01-01]: 'closed' != 'open'" in found
    assert "ledger_per_month[2023-01-01]: [1, '20.00', '20.00'] != None" in found
