"""One account per role on the demo government, to log in to the web application with.

Demo only: every account has the same password, printed at the end of `thuiswerk demo`.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from thuiswerk.accounts.services import RoleSpec, user_create
from thuiswerk.allowances.models import LedgerLine
from thuiswerk.core.months import month_end
from thuiswerk.people.models import EmploymentPeriod
from thuiswerk.telework.models import Agreement

DEMO_PASSWORD = "demo-thuiswerk-2026"  # demo only: never on a real database
ENTITY = "AIV"  # the entity of the parliamentary question
HR_EMAIL = "hr.aiv@demo.vlaanderen.be"
ADMIN_EMAIL = "centraal@demo.vlaanderen.be"
AUDITOR_EMAIL = "audit@demo.vlaanderen.be"


@dataclass(frozen=True)
class DemoAccount:
    role: str  # a key of ROLE_LABELS in the demo command
    email: str
    name: str = ""  # the employee's name, for the personal roles


def demo_period(month: date) -> EmploymentPeriod | None:
    """The employment in AIV, from `month` to today (so that her supervisor's team holds her),
    of the first employee (by personnel number)
    with an approved agreement over `month`, a home-working allowance in it, and a supervisor
    other than herself."""
    last = month_end(month)
    agreement = Agreement.objects.filter(
        employee=OuterRef("employee"),
        status=Agreement.Status.APPROVED,
        valid_from__lte=last,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=month))
    allowance = LedgerLine.objects.filter(
        employee=OuterRef("employee"),
        month=month,
        kind=LedgerLine.Kind.ENTITLEMENT,
        measure=LedgerLine.Measure.HOMEWORK,
    )
    return (
        EmploymentPeriod.objects.filter(
            entity__code=ENTITY, start_date__lte=month, supervisor__isnull=False
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=max(last, timezone.localdate())))
        .exclude(supervisor=F("employee"))
        .filter(Exists(agreement), Exists(allowance))
        .select_related("employee", "supervisor")
        .order_by("employee__personnel_number")
        .first()
    )


def demo_accounts_create(*, month: date, actor: str) -> list[DemoAccount]:
    """The accounts (created through `accounts.services.user_create`, audited): an employee of
    AIV with a real `month`, her supervisor, an HR officer of AIV, a central admin and an
    auditor of all entities. An account that exists already is kept as it is."""
    specs: list[tuple[DemoAccount, list[RoleSpec]]] = []
    period = demo_period(month)
    if period is not None:
        for role, person, kinds in (
            ("employee", period.employee, ["employee"]),
            ("supervisor", period.supervisor, ["employee", "supervisor"]),
        ):
            email = person.email or f"{person.personnel_number}@demo.vlaanderen.be"
            account = DemoAccount(role, email, f"{person.first_name} {person.last_name}")
            specs.append(
                (
                    account,
                    [RoleSpec(kind, personnel_number=person.personnel_number) for kind in kinds],
                )
            )
    specs += [
        (DemoAccount("hr", HR_EMAIL), [RoleSpec("hr", entity_codes=[ENTITY])]),
        (DemoAccount("admin", ADMIN_EMAIL), [RoleSpec("admin")]),
        (DemoAccount("auditor", AUDITOR_EMAIL), [RoleSpec("auditor", entity_codes=["ALL"])]),
    ]
    users = get_user_model().objects
    for account, roles in specs:
        if not users.filter(email__iexact=account.email).exists():
            user_create(email=account.email, password=DEMO_PASSWORD, roles=roles, actor=actor)
    return [account for account, _roles in specs]
