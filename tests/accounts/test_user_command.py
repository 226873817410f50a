import io
import sys

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from tests.factories import EmployeeFactory, EntityFactory

from thuiswerk.accounts.models import Role
from thuiswerk.audit.models import AuditEvent


def user(*args, password="Zomer-in-Gent-2026") -> str:
    out = io.StringIO()
    stdin, sys.stdin = sys.stdin, io.StringIO(password + "\n")
    try:
        call_command("user", *args, stdout=out)
    finally:
        sys.stdin = stdin
    return out.getvalue()


def test_create_hr_officer_for_two_entities_and_log_in(db):
    EntityFactory(code="AIV")
    EntityFactory(code="DKB")
    out = user(
        "create",
        "An.Peeters@vlaanderen.be",
        "--role",
        "hr",
        "--entity",
        "AIV",
        "DKB",
        "--password-stdin",
    )
    assert "An.Peeters@vlaanderen.be" in out
    role = Role.objects.get(user__email="An.Peeters@vlaanderen.be")
    assert role.kind == "hr" and sorted(e.code for e in role.entities.all()) == ["AIV", "DKB"]
    # With a request, as the login page passes it: the login throttling (axes) needs one.
    login = RequestFactory().post("/login/")
    assert authenticate(login, username="an.peeters@vlaanderen.be", password="Zomer-in-Gent-2026")
    event = AuditEvent.objects.get(action="user.add")
    assert event.after["roles"][0]["entities"] == ["AIV", "DKB"]
    assert "Zomer" not in str(event.after)  # no password in the trail


def test_employee_and_supervisor_roles_name_the_employee(db):
    EmployeeFactory(personnel_number="100234")
    user(
        "create",
        "sara@vlaanderen.be",
        "--role",
        "employee",
        "--role",
        "supervisor",
        "--employee",
        "100234",
        "--password-stdin",
    )
    assert set(Role.objects.values_list("kind", "employee__personnel_number")) == {
        ("employee", "100234"),
        ("supervisor", "100234"),
    }
    listing = user("list")
    assert "sara@vlaanderen.be" in listing and "employee 100234; supervisor 100234" in listing


def test_auditor_for_all_entities(db):
    user(
        "create",
        "rekenhof@vlaanderen.be",
        "--role",
        "auditor",
        "--entity",
        "ALL",
        "--password-stdin",
    )
    assert Role.objects.get().all_entities


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "hr", "--entity", "XYZ"], "onbekende entiteit: XYZ"),
        (["--role", "hr"], "heeft een of meer entiteiten nodig"),
        (["--role", "employee"], "heeft het personeelslid nodig"),
        (
            ["--role", "employee", "--employee", "999"],
            "geen personeelslid heeft personeelsnummer 999",
        ),
        (["--role", "admin", "--entity", "AIV"], "krijgt geen entiteiten"),
    ],
)
def test_a_wrong_role_creates_nothing(db, args, message):
    EntityFactory(code="AIV")
    with pytest.raises(CommandError, match=message):
        user("create", "x@vlaanderen.be", *args, "--password-stdin")
    assert not Role.objects.exists()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.exists()


def test_weak_password_and_duplicate_address_are_refused(db):
    with pytest.raises(CommandError, match="te kort|te algemeen"):
        user("create", "x@vlaanderen.be", "--role", "admin", "--password-stdin", password="abc")
    user("create", "x@vlaanderen.be", "--role", "admin", "--password-stdin")
    with pytest.raises(CommandError, match="bestaat al"):
        user("create", "X@vlaanderen.be", "--role", "admin", "--password-stdin")
