"""What one user may see and do, derived once from her roles.

Every selector takes `scope=` as a keyword argument and filters by it, so that no page and no API
handler can forget to: a request for something outside the scope answers 404 (`OutOfScope`),
never a hint that it exists.

Two kinds of visibility:
- persons (names, registrations, agreements, months): the user herself (employee role), her team
  (supervisor role: everyone whose current or future employment period names her as supervisor),
  the staff of her entities (HR officer) or everyone (admin);
- figures (counts and sums, the parliamentary answer): the entities of an HR officer or auditor,
  or every entity (admin, auditor for all). An auditor sees no person at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from thuiswerk.people.models import Employee, EmploymentPeriod, Entity

from .models import Role


class OutOfScope(Http404):
    """Asked for something the user may not see: answered as 'not found'."""


class NotAllowed(PermissionDenied):
    """The user sees the object but her role may not do this with it (answered 403)."""


@dataclass(frozen=True)
class EntitySet:
    """A set of entity ids, or every entity (`everything`)."""

    ids: frozenset[int] = frozenset()
    everything: bool = False

    def __contains__(self, entity_id: object) -> bool:
        return self.everything or entity_id in self.ids

    def __bool__(self) -> bool:
        return self.everything or bool(self.ids)

    def __or__(self, other: EntitySet) -> EntitySet:
        return EntitySet(self.ids | other.ids, self.everything or other.everything)

    def __and__(self, other: EntitySet) -> EntitySet:
        if self.everything:
            return other
        if other.everything:
            return self
        return EntitySet(self.ids & other.ids)

    def q(self, field: str = "pk") -> Q:
        """A filter on `field` (an entity id or foreign key) for ORM querysets."""
        if self.everything:
            return Q()
        return Q(**{f"{field}__in": sorted(self.ids)})

    def sql(self, column: str) -> tuple[str, list[int]]:
        """A condition on `column` for the bulk SQL reads, with its parameters."""
        if self.everything:
            return "1 = 1", []
        if not self.ids:
            return "1 = 0", []
        ids = sorted(self.ids)
        return f"{column} IN ({', '.join(['%s'] * len(ids))})", ids


EVERY_ENTITY = EntitySet(everything=True)
NO_ENTITY = EntitySet()


@dataclass(frozen=True)
class Scope:
    actor: str  # who the audit trail names: the user's e-mail address
    kinds: frozenset[str]
    employee_id: int | None = None  # the employee the user is (employee or supervisor role)
    people_entities: EntitySet = NO_ENTITY  # whose staff she sees by name (HR, admin)
    figure_entities: EntitySet = NO_ENTITY  # whose figures she sees (HR, admin, auditor)

    # -- roles -------------------------------------------------------------------------------
    def has(self, kind: str) -> bool:
        return kind in self.kinds

    @property
    def is_admin(self) -> bool:
        return Role.Kind.ADMIN in self.kinds

    @property
    def is_employee(self) -> bool:
        return Role.Kind.EMPLOYEE in self.kinds and self.employee_id is not None

    @property
    def is_supervisor(self) -> bool:
        return Role.Kind.SUPERVISOR in self.kinds and self.employee_id is not None

    @property
    def is_hr(self) -> bool:
        return Role.Kind.HR in self.kinds or self.is_admin

    @property
    def sees_figures(self) -> bool:
        return bool(self.figure_entities)

    # -- persons -----------------------------------------------------------------------------
    def team_q(self, field: str = "pk", on: date | None = None) -> Q:
        """Employees (through `field`, an employee id or foreign key) in the supervisor's team:
        an employment period that names her as supervisor and has not ended before `on`."""
        if not self.is_supervisor:
            return Q(**{f"{field}__in": []})
        on = on or timezone.localdate()
        periods = EmploymentPeriod.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on), supervisor_id=self.employee_id
        )
        return Q(**{f"{field}__in": periods.values("employee_id")})

    def people_q(self, field: str = "pk") -> Q:
        """Employees (through `field`) this user may see by name."""
        if self.people_entities.everything:
            return Q()
        condition = Q(**{f"{field}__in": []})
        if self.is_employee or self.is_supervisor:
            condition |= Q(**{field: self.employee_id})
        condition |= self.team_q(field)
        if self.people_entities:
            staff = EmploymentPeriod.objects.filter(self.people_entities.q("entity_id"))
            condition |= Q(**{f"{field}__in": staff.values("employee_id")})
        return condition

    def employees(self, queryset: QuerySet[Employee] | None = None) -> QuerySet[Employee]:
        queryset = Employee.objects.all() if queryset is None else queryset
        return queryset.filter(self.people_q("pk"))

    def persons(self, queryset: QuerySet, field: str = "employee") -> QuerySet:
        """Rows of a person-related model (agreements, registrations, ...) this user may see."""
        return queryset.filter(self.people_q(f"{field}_id"))

    def employee(self, employee_id: int | str) -> Employee:
        """One employee by id, or OutOfScope (404) when this user may not see her."""
        try:
            return self.employees().get(pk=int(employee_id))
        except (Employee.DoesNotExist, ValueError, TypeError):
            raise OutOfScope from None

    def manages_person(self, employee_id: int) -> bool:
        """Whether HR rights (her entities, or admin) cover this employee."""
        if self.people_entities.everything:
            return True
        if not self.people_entities:
            return False
        return EmploymentPeriod.objects.filter(
            self.people_entities.q("entity_id"), employee_id=employee_id
        ).exists()

    # -- entities ----------------------------------------------------------------------------
    def entities(self, queryset: QuerySet[Entity] | None = None) -> QuerySet[Entity]:
        """Entities whose figures this user sees."""
        queryset = Entity.objects.all() if queryset is None else queryset
        if not self.figure_entities:
            return queryset.none()
        return queryset.filter(self.figure_entities.q("pk"))

    def managed_entities(self, queryset: QuerySet[Entity] | None = None) -> QuerySet[Entity]:
        """Entities this user works for as HR officer (every entity for an admin)."""
        queryset = Entity.objects.all() if queryset is None else queryset
        if not self.people_entities:
            return queryset.none()
        return queryset.filter(self.people_entities.q("pk"))

    def entity(self, code: str, *, manage: bool = False) -> Entity:
        """One entity by code, or OutOfScope; `manage`: the user must be its HR officer."""
        queryset = self.managed_entities() if manage else self.entities()
        try:
            return queryset.get(code=code)
        except Entity.DoesNotExist:
            raise OutOfScope from None

    def require(self, allowed: bool) -> None:
        if not allowed:
            raise NotAllowed

    def limited_to(self, entities: EntitySet) -> Scope:
        """This scope within `entities` (an access token for some of the user's entities): the
        user's own data and her team stay, other entities' staff and figures go. An admin's
        token limited to entities acts as their HR officer: the government-wide powers go too."""
        kinds = self.kinds
        if Role.Kind.ADMIN in kinds:
            kinds = (kinds - {Role.Kind.ADMIN}) | {Role.Kind.HR}
        return replace(
            self,
            kinds=frozenset(kinds),
            people_entities=self.people_entities & entities,
            figure_entities=self.figure_entities & entities,
        )


ANONYMOUS = Scope(actor="", kinds=frozenset())


def scope_for(user) -> Scope:
    """The scope of a (Django) user, from her roles; an inactive or anonymous user sees nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    roles = list(Role.objects.filter(user_id=user.pk).prefetch_related("entities"))
    return scope_from_roles(actor=user.email or user.get_username(), roles=roles)


def scope_from_roles(*, actor: str, roles: Iterable[Role]) -> Scope:
    kinds: set[str] = set()
    employee_id = None
    people = NO_ENTITY
    figures = NO_ENTITY
    for role in roles:
        kinds.add(role.kind)
        if role.kind in Role.PERSONAL:
            employee_id = role.employee_id
        elif role.kind == Role.Kind.ADMIN:
            people = people | EVERY_ENTITY
            figures = figures | EVERY_ENTITY
        else:
            entities = EntitySet(
                frozenset(e.pk for e in role.entities.all()), everything=role.all_entities
            )
            figures = figures | entities
            if role.kind == Role.Kind.HR:
                people = people | entities
    return Scope(
        actor=actor,
        kinds=frozenset(kinds),
        employee_id=employee_id,
        people_entities=people,
        figure_entities=figures,
    )
