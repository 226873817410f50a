from datetime import date

from tests.factories import AgreementFactory, EmployeeFactory, EmploymentPeriodFactory

from thuiswerk.accounts.scope import ANONYMOUS, OutOfScope, scope_for
from thuiswerk.people.models import Employee
from thuiswerk.telework.models import Agreement


def visible(user) -> set[str]:
    return set(scope_for(user).employees().values_list("last_name", flat=True))


def test_each_role_sees_the_persons_it_should(world):
    a, b = world.a, world.b
    assert visible(a.employee_user) == {a.employee.last_name}
    assert visible(a.supervisor_user) == {a.supervisor.last_name, a.employee.last_name}
    assert visible(a.hr_user) == {a.employee.last_name, a.supervisor.last_name}
    assert visible(world.admin_user) == set(Employee.objects.values_list("last_name", flat=True))
    assert visible(a.auditor_user) == set()
    assert visible(world.auditor_all_user) == set()
    assert b.employee.last_name not in visible(a.hr_user)


def test_figures_follow_the_entities_of_the_role(world):
    a, b = world.a, world.b
    codes = lambda user: set(scope_for(user).entities().values_list("code", flat=True))  # noqa: E731
    assert codes(a.hr_user) == {"AIV"}
    assert codes(a.auditor_user) == {"AIV"}
    assert codes(world.auditor_all_user) == {"AIV", "DKB"}
    assert codes(world.admin_user) == {"AIV", "DKB"}
    assert codes(a.employee_user) == set()
    assert set(scope_for(a.auditor_user).managed_entities()) == set()
    assert scope_for(b.hr_user).entity("DKB", manage=True) == b.entity


def test_out_of_scope_is_not_found(world):
    scope = scope_for(world.a.hr_user)
    try:
        scope.employee(world.b.employee.pk)
    except OutOfScope:
        pass
    else:
        raise AssertionError("HR of AIV could open an employee of DKB")
    try:
        scope.entity("DKB")
    except OutOfScope:
        pass
    else:
        raise AssertionError("HR of AIV could open DKB")


def test_a_team_is_the_current_periods_naming_the_supervisor(world):
    a = world.a
    former = EmployeeFactory(last_name="Vertrokken")
    EmploymentPeriodFactory(
        employee=former,
        entity=a.entity,
        start_date=date(2020, 1, 1),
        end_date=date(2021, 12, 31),
        supervisor=a.supervisor,
    )
    assert "Vertrokken" not in visible(a.supervisor_user)
    assert "Vertrokken" in visible(a.hr_user)  # HR keeps the history of her entity


def test_person_rows_are_filtered_through_their_employee(world):
    AgreementFactory(employee=world.a.employee)
    AgreementFactory(employee=world.b.employee)
    rows = scope_for(world.a.supervisor_user).persons(Agreement.objects.all())
    assert [row.employee_id for row in rows] == [world.a.employee.pk]


def test_anonymous_and_inactive_users_see_nothing(world):
    user = world.a.hr_user
    user.is_active = False
    user.save()
    assert scope_for(user) == ANONYMOUS
    assert not ANONYMOUS.entities().exists()
    assert not ANONYMOUS.employees().exists()


def test_bulk_sql_condition(world):
    sql, params = scope_for(world.a.hr_user).figure_entities.sql("entity_id")
    assert sql == "entity_id IN (%s)" and params == [world.a.entity.pk]
    assert scope_for(world.admin_user).figure_entities.sql("x") == ("1 = 1", [])
    assert scope_for(world.a.employee_user).figure_entities.sql("x") == ("1 = 0", [])
