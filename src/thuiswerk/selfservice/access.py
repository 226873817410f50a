"""Who may open an employee's own pages: she herself (read and write), the HR officers of her
entities and the central admin (read only). Her supervisor sees her only through the team pages;
anyone else, an auditor too, finds nothing (404)."""

from dataclasses import dataclass

from thuiswerk.accounts.scope import NotAllowed, Scope
from thuiswerk.people.models import Employee


@dataclass(frozen=True)
class PersonAccess:
    employee: Employee
    own: bool  # the reader is this employee: she may write

    @property
    def can_write(self) -> bool:
        return self.own

    def require_write(self) -> None:
        """A write by anyone but the employee herself is refused (403)."""
        if not self.own:
            raise NotAllowed


def person_access(scope: Scope, employee_id: int) -> PersonAccess:
    employee = scope.employee(employee_id)  # OutOfScope (404) when she may not see her at all
    if scope.employee_id == employee.pk:
        return PersonAccess(employee, own=True)
    if scope.manages_person(employee.pk):
        return PersonAccess(employee, own=False)
    raise NotAllowed  # her supervisor: in scope, but not her months, calendar or agreements
