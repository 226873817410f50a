"""Users with roles for the web and API tests: `world` holds two entities, each with an employee,
her supervisor and an HR officer, plus a central admin and auditors, so that every test can ask a
page as every role, for her own and for the other entity."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from tests.factories import EmployeeFactory, EmploymentPeriodFactory, EntityFactory

from thuiswerk.accounts.models import Role
from thuiswerk.people.models import Employee, Entity

PASSWORD = "thuis-werk-2026!"
# Every user of `world` by her short name (World.users), in a stable order for parametrised tests.
ROLES = (
    "employee_a",
    "supervisor_a",
    "hr_a",
    "auditor_a",
    "employee_b",
    "supervisor_b",
    "hr_b",
    "auditor_b",
    "admin",
    "auditor_all",
)


def user_with_roles(email: str, *roles: tuple, password: str = PASSWORD):
    """A user with `roles`, each (kind, employee or None, entities, all_entities=False)."""
    user = get_user_model().objects.create_user(username=email, email=email, password=password)
    for kind, employee, entities, *everything in roles:
        role = Role.objects.create(
            user=user, kind=kind, employee=employee, all_entities=bool(everything and everything[0])
        )
        role.entities.set(entities)
    return user


@dataclass
class Side:
    """One entity with its people: `employee` reports to `supervisor`; `hr` is its HR officer."""

    entity: Entity
    employee: Employee
    supervisor: Employee
    employee_user: object
    supervisor_user: object
    hr_user: object
    auditor_user: object


@dataclass
class World:
    a: Side
    b: Side
    admin_user: object
    auditor_all_user: object

    def users(self) -> dict[str, object]:
        """Every user by a short name: employee_a, supervisor_a, hr_a, auditor_a, ..., admin."""
        named = {"admin": self.admin_user, "auditor_all": self.auditor_all_user}
        for key, side in (("a", self.a), ("b", self.b)):
            named |= {
                f"employee_{key}": side.employee_user,
                f"supervisor_{key}": side.supervisor_user,
                f"hr_{key}": side.hr_user,
                f"auditor_{key}": side.auditor_user,
            }
        return named


def _side(code: str, name: str) -> Side:
    entity = EntityFactory(code=code, name=name)
    supervisor = EmployeeFactory(first_name="Sara", last_name=f"Leider{code}")
    employee = EmployeeFactory(first_name="Eva", last_name=f"Medewerker{code}")
    EmploymentPeriodFactory(employee=supervisor, entity=entity, start_date=date(2020, 1, 1))
    EmploymentPeriodFactory(
        employee=employee, entity=entity, start_date=date(2020, 1, 1), supervisor=supervisor
    )
    low = code.lower()
    return Side(
        entity=entity,
        employee=employee,
        supervisor=supervisor,
        employee_user=user_with_roles(f"eva.{low}@vlaanderen.be", ("employee", employee, [])),
        # A supervisor is an employee too: both roles, one person.
        supervisor_user=user_with_roles(
            f"sara.{low}@vlaanderen.be",
            ("employee", supervisor, []),
            ("supervisor", supervisor, []),
        ),
        hr_user=user_with_roles(f"hr.{low}@vlaanderen.be", ("hr", None, [entity])),
        auditor_user=user_with_roles(f"audit.{low}@vlaanderen.be", ("auditor", None, [entity])),
    )


@pytest.fixture
def world(db) -> World:
    return World(
        a=_side("AIV", "Agentschap Informatie Vlaanderen"),
        b=_side("DKB", "Departement Kanselarij en Buitenlandse Zaken"),
        admin_user=user_with_roles("centraal@vlaanderen.be", ("admin", None, [])),
        auditor_all_user=user_with_roles("rekenhof@vlaanderen.be", ("auditor", None, [], True)),
    )
