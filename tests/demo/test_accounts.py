"""The demo's accounts: one per role, each able to log in with the printed demo password."""

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from thuiswerk.accounts.models import Role
from thuiswerk.accounts.scope import scope_for
from thuiswerk.allowances.models import LedgerLine, LedgerMonth
from thuiswerk.audit.models import AuditEvent
from thuiswerk.backoffice.models import FigureSnapshot
from thuiswerk.demo.accounts import DEMO_PASSWORD, demo_accounts_create
from thuiswerk.telework.models import Agreement


@pytest.mark.slow
def test_the_demo_prints_one_account_per_role_that_logs_in(tmp_path, capsys, client):
    call_command("demo", "--staff=40", "--seed=3", f"--out={tmp_path}", f"--data={tmp_path / 'd'}")
    printed = capsys.readouterr().out
    assert f"elk met het wachtwoord {DEMO_PASSWORD}" in printed
    # The dashboards' figures are stored, so the first visitor does not wait for them.
    assert FigureSnapshot.objects.filter(as_of=timezone.localdate()).exists()
    assert "\n  personeelslid " in printed and "\n  HR-medewerker van AIV " in printed
    month = LedgerMonth.objects.filter(status=LedgerMonth.Status.CLOSED).latest("month").month
    accounts = {account.role: account for account in demo_accounts_create(month=month, actor="t")}
    assert set(accounts) == {"employee", "supervisor", "hr", "admin", "auditor"}
    for account in accounts.values():
        assert account.email in printed
        # With a request, as the login page passes it: the login throttling (axes) needs one.
        login = RequestFactory().post("/login/")
        assert client.login(request=login, username=account.email, password=DEMO_PASSWORD)
        client.logout()

    def scope(role):
        return scope_for(Role.objects.get(user__email=accounts[role].email, kind=role).user)

    employee = scope("employee")
    assert employee.kinds == {"employee"}
    assert LedgerLine.objects.filter(
        employee_id=employee.employee_id, month=month, measure=LedgerLine.Measure.HOMEWORK
    ).exists()
    assert Agreement.objects.filter(
        employee_id=employee.employee_id, status=Agreement.Status.APPROVED
    ).exists()
    supervisor = scope("supervisor")
    assert supervisor.kinds == {"employee", "supervisor"}
    assert supervisor.employees().filter(pk=employee.employee_id).exists()
    assert [e.code for e in scope("hr").managed_entities()] == ["AIV"]
    assert scope("admin").is_admin
    auditor = scope("auditor")
    assert not auditor.employees().exists() and auditor.entities().count() > 1
    # Created through the audited service, once: a second call keeps them.
    assert AuditEvent.objects.filter(action="user.add").count() == 5
