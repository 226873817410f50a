"""Files for the import tests, written into a temporary directory that is the working directory,
so that issues name files as `staff.csv:2:fte: ...`."""

from pathlib import Path

import pytest
from django.utils import translation

from thuiswerk.audit.models import AuditEvent
from thuiswerk.budgets.models import BudgetLine, PlannedInitiative
from thuiswerk.equipment.models import Delivery
from thuiswerk.imports.services import ImportResult, import_files
from thuiswerk.people.models import Employee, EmploymentPeriod, Entity
from thuiswerk.telework.models import Agreement, InternetOption, Registration, ThirdPartyInvoice

# P2 moves from AIV to DOV on 1 January 2022; P3 (in DOV) is then P2's supervisor.
STAFF = """\
employee_id;first_name;last_name;email;entity_code;entity_name;fte;start_date;end_date;supervisor_id
P1;An;Peeters;an.peeters@vlaanderen.be;AIV;Agentschap Informatie Vlaanderen;1;01/01/2020;;
P2;Bart;Janssens;;AIV;Agentschap Informatie Vlaanderen;0,8;01/01/2020;31/12/2021;P1
P2;Bart;Janssens;bart.janssens@vlaanderen.be;DOV;Departement Omgeving;0,8;01/01/2022;;P3
P3;Chris;Vandenbroucke-Ééckhout;chris@vlaanderen.be;DOV;Departement Omgeving;1;1/01/2019;;
"""

# One good file of every other kind, in the styles HR systems and Belgian Excel write.
GOOD = {
    "agreements.csv": """\
employee_id;valid_from;valid_to;days_per_week;status;approved_by;approved_on
P2;01/03/2022;;2,5;approved;P3;15/02/2022
P1;2021-01-01;2021-12-31;1;rejected;;
""",
    "registrations.csv": """\
employee_id,date,location,part
P2,2023-01-02,home,full
P2,2023-01-03,office,am
P2,2023-01-03,home,pm
P1,2023-01-02,absent,
""",
    "internet_options.csv": """\
employee_id,option,valid_from,provider
P2,third_party,2022-01-01,Proximus
P1,forfait,2021-10-01,
""",
    "invoices.csv": """\
employee_id,month,provider,amount
P2,2023-01,Proximus,45.50
P2,2023-02,Proximus,45.5
""",
    "equipment.csv": """\
employee_id;item;category;delivered_on;cost;ownership;returned_on
P2;Bureaustoel ergonomisch;chair;15/03/2021;249,00;loan;
P2;Scherm 27 inch;screen;15/03/2022;189,99;gift;
""",
    "budgets.csv": """\
entity_code;year;measure;amount
AIV;2023;financial;120000
DOV;2023;material;50000,50
""",
    "initiatives.csv": """\
entity_code;kind;title;motivation;planned_from;planned_to;budget
AIV;material;Tweede scherm voor iedereen;Betere ergonomie;01/01/2024;31/12/2024;75000
DOV;financial;Hogere internetvergoeding;;;;
""",
}

MODELS = (
    Entity,
    Employee,
    EmploymentPeriod,
    Agreement,
    Registration,
    InternetOption,
    ThirdPartyInvoice,
    Delivery,
    BudgetLine,
    PlannedInitiative,
)


def write(name: str, text: str, encoding: str = "utf-8") -> Path:
    """Write `text` to `name` in the working directory (the test's tmp_path)."""
    path = Path(name)
    path.write_bytes(text.encode(encoding))
    return path


def run(*paths: Path | str) -> ImportResult:
    return import_files(paths=[Path(p) for p in paths], actor="test")


def strings(issues) -> list[str]:
    return [str(issue) for issue in issues]


def snapshot() -> dict[str, list[tuple]]:
    """Every stored row of the tables the import writes, without ids."""
    return {
        model.__name__: sorted(
            model.objects.values_list(
                *[f.attname for f in model._meta.concrete_fields if f.name != "id"]
            )
        )
        for model in MODELS
    }


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.fixture(autouse=True)
def english():
    """The tests read English messages unless they ask for Dutch (`dutch`)."""
    with translation.override("en"):
        yield


@pytest.fixture
def dutch(english):
    with translation.override("nl"):
        yield


@pytest.fixture
def staff(db) -> Path:
    """The staff of STAFF, imported."""
    path = write("staff.csv", STAFF)
    result = run(path)
    assert result.ok, strings(result.errors)
    return path


@pytest.fixture
def audit_events():
    return AuditEvent.objects.filter(action="import")
