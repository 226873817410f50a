"""The authorization matrix: every API operation, asked by every role of `world`, about entity
A's data (own entity for the *_a roles and hr/auditor of A, other entity for the *_b roles).

A resource's test module lists its operations as `CASES` (a list of Case) and runs them with
`check_case`; tests/api/test_matrix_complete.py checks that every operation in the OpenAPI
document has a case. Each role's request runs in a savepoint that is rolled back, so a write by
one role does not change what the next one meets.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.test import Client
from django.utils import timezone
from tests.api.clients import bearer_client
from tests.roles import ROLES

from thuiswerk.api.models import AccessToken

SAFE = {"GET", "HEAD", "OPTIONS"}


@dataclass(frozen=True)
class Case:
    """One operation, as the OpenAPI document names it (`method`, `template`), and how to ask it
    about entity A's data in `world`.

    `allowed`: the roles that get a 2xx answer. The others are refused: 403 (the role may not)
    or 404 (the object is outside their scope), never a 2xx, except for lists (`listing=True`),
    which answer 200 to everyone and must not show A's data to the others: `shows(body, world)`
    says whether A's data is in the answer.
    """

    method: str
    template: str
    path: Callable[[Any], str]
    allowed: frozenset[str]
    body: Callable[[Any], Any] | None = None
    listing: bool = False
    shows: Callable[[Any, Any], bool] | None = None
    # Some answers are not JSON (a workbook, a CSV): checked by status and content type.
    content_type: str = "application/json"
    # A status other than 2xx that also counts as allowed (e.g. 409 for a refusal by the rules
    # that only an allowed role can reach); by default none.
    also_allowed: frozenset[int] = field(default_factory=frozenset)

    @property
    def id(self) -> str:
        return f"{self.method} {self.template}"


def _request(client: Client, case: Case, world) -> Any:
    path = case.path(world)
    body = case.body(world) if case.body else None
    method = case.method.lower()
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, data=body, content_type="application/json")


def _client(user, access: str = "write", entities=()) -> Client:
    return bearer_client(user, access=access, entities=entities, name="matrix")


def _ok(case: Case, response) -> bool:
    return 200 <= response.status_code < 300 or response.status_code in case.also_allowed


def _outcome(case: Case, response, world) -> str:
    """'allowed', 'refused' or a description of what is wrong."""
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if case.listing and status == 200:
        return "allowed" if case.shows(response.json(), world) else "refused"
    if _ok(case, response):
        return "allowed"
    if status in (403, 404):
        return "refused"
    return f"unexpected {status}: {response.content[:300]!r}"


def _in_savepoint(function: Callable[[], Any]) -> Any:
    savepoint = transaction.savepoint()
    try:
        return function()
    finally:
        transaction.savepoint_rollback(savepoint)


def check_case(case: Case, world) -> None:
    """Every role, by token, gets what `case` says; then the token rules:
    - a read-only token of an allowed role is refused a change (403 read_only_token);
    - a token of the admin limited to entity B does not reach entity A's data;
    - an expired token is refused (401)."""
    users = world.users()
    wrong = []
    for role in ROLES:

        def ask(role=role):
            response = _request(_client(users[role]), case, world)
            return response, _outcome(case, response, world)

        response, outcome = _in_savepoint(ask)
        expected = "allowed" if role in case.allowed else "refused"
        if outcome != expected:
            wrong.append(f"{role}: expected {expected}, got {outcome}")
        elif (
            expected == "allowed"
            and case.content_type != "application/json"
            and not response["Content-Type"].startswith(case.content_type)
        ):
            wrong.append(f"{role}: content type {response['Content-Type']}")
    assert not wrong, f"{case.id}:\n  " + "\n  ".join(wrong)

    if case.method not in SAFE and case.allowed:
        role = sorted(case.allowed)[0]
        response = _in_savepoint(lambda: _request(_client(users[role], access="read"), case, world))
        assert response.status_code == 403, (case.id, "read-only token", response.content)
        assert response.json()["code"] == "read_only_token"

    if "admin" in case.allowed:
        outcome = _in_savepoint(
            lambda: _outcome(
                case,
                _request(_client(users["admin"], entities=[world.b.entity]), case, world),
                world,
            )
        )
        assert outcome == "refused", (case.id, "admin token limited to B", outcome)

    def expired():
        client = _client(users["admin"])
        AccessToken.objects.filter(name="matrix").update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
        return _request(client, case, world)

    response = _in_savepoint(expired)
    assert response.status_code == 401, (case.id, "expired token", response.status_code)
