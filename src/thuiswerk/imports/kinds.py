"""The import kinds: their columns, types, allowed values and natural keys.

One definition serves the reader (headers), the validator (types, ranges, enumerations), the
template workbook (headers, drop-down lists, formats, the Dutch instructions) and the docs.
The values of the enumerations are those of the models.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from thuiswerk.budgets.models import Measure
from thuiswerk.equipment.models import Delivery
from thuiswerk.telework.models import Agreement, InternetOption, Registration


class Type(StrEnum):
    TEXT = "text"
    EMAIL = "email"
    DATE = "date"
    MONTH = "month"
    DECIMAL = "decimal"
    INTEGER = "integer"
    CHOICE = "choice"
    EMPLOYEE = "employee"  # an employee_id of the database or of a staff row of the same import
    ENTITY = "entity"  # an entity_code of the database or of a staff row of the same import


@dataclass(frozen=True)
class Column:
    name: str
    type: Type
    help: str  # Dutch, for the template's instructions
    required: bool = True
    max_length: int = 0  # for texts; 0 = no limit
    places: int = 0  # for decimals
    choices: tuple[str, ...] = ()
    default: str | None = None  # for an empty optional choice
    minimum: Decimal | None = None
    minimum_exclusive: bool = False
    maximum: Decimal | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the natural key: a row with the same key updates the stored one
    help: str  # Dutch

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


def _choices(text_choices) -> tuple[str, ...]:
    return tuple(str(value) for value in text_choices.values)


ZERO = Decimal(0)
EMPLOYEE_ID = Column("employee_id", Type.EMPLOYEE, "Personeelsnummer (employee_id uit staff).")


def _date(name: str, help: str, required: bool = True) -> Column:
    return Column(name, Type.DATE, help, required=required)


def _money(name: str, help: str, required: bool = True) -> Column:
    return Column(name, Type.DECIMAL, help, required=required, places=2, minimum=ZERO)


STAFF = Kind(
    "staff",
    (
        Column("employee_id", Type.TEXT, "Personeelsnummer, uniek per persoon.", max_length=32),
        Column("first_name", Type.TEXT, "Voornaam.", max_length=100),
        Column("last_name", Type.TEXT, "Familienaam.", max_length=100),
        Column("email", Type.EMAIL, "E-mailadres.", required=False, max_length=254),
        Column("entity_code", Type.TEXT, "Code van de entiteit, bv. AIV.", max_length=32),
        Column("entity_name", Type.TEXT, "Naam van de entiteit.", max_length=200),
        Column(
            "fte",
            Type.DECIMAL,
            "Tewerkstellingsbreuk: meer dan 0 en hoogstens 1 (0,8 = 4/5).",
            places=3,
            minimum=ZERO,
            minimum_exclusive=True,
            maximum=Decimal(1),
        ),
        _date("start_date", "Eerste dag van de tewerkstelling in deze entiteit."),
        _date("end_date", "Laatste dag (inbegrepen); leeg = lopend.", required=False),
        Column(
            "supervisor_id",
            Type.EMPLOYEE,
            "Personeelsnummer van de leidinggevende (mag een rij van dit bestand zijn).",
            required=False,
        ),
    ),
    key=("employee_id", "start_date"),
    help=(
        "Eén rij per tewerkstellingsperiode. Wie van entiteit verandert, heeft twee rijen. "
        "De periodes van één persoon mogen niet overlappen. Naam en e-mail komen van de "
        "meest recente periode; de naam van een entiteit van de meest recente rij met die code."
    ),
)

AGREEMENTS = Kind(
    "agreements",
    (
        EMPLOYEE_ID,
        _date("valid_from", "Begindatum van de overeenkomst."),
        _date("valid_to", "Einddatum (inbegrepen); leeg = lopend.", required=False),
        Column(
            "days_per_week",
            Type.DECIMAL,
            "Afgesproken thuiswerkdagen per week, meer dan 0 en hoogstens 5 (halve dagen mogen).",
            places=1,
            minimum=ZERO,
            minimum_exclusive=True,
            maximum=Decimal(5),
        ),
        Column(
            "status",
            Type.CHOICE,
            "Enkel goedgekeurde (approved) overeenkomsten tellen.",
            choices=_choices(Agreement.Status),
        ),
        Column(
            "approved_by",
            Type.EMPLOYEE,
            "Personeelsnummer van wie goedkeurde; hoort de leidinggevende te zijn.",
            required=False,
        ),
        _date("approved_on", "Datum van goedkeuring.", required=False),
    ),
    key=("employee_id", "valid_from"),
    help="Eén rij per overeenkomst hybride werken.",
)

REGISTRATIONS = Kind(
    "registrations",
    (
        EMPLOYEE_ID,
        _date("date", "De dag."),
        Column(
            "location",
            Type.CHOICE,
            "Waar: home (thuis), office (kantoor), other (elders), absent (afwezig).",
            choices=_choices(Registration.Location),
        ),
        Column(
            "part",
            Type.CHOICE,
            "full (hele dag), am (voormiddag) of pm (namiddag); leeg = full.",
            required=False,
            choices=_choices(Registration.Part),
            default=Registration.Part.FULL,
        ),
    ),
    key=("employee_id", "date", "part"),
    help=(
        "Eén rij per dag of halve dag. Per persoon en dag: één full, of een am en/of een pm. "
        "De rijen van een persoon en dag beschrijven die dag volledig: een full vervangt "
        "eerder ingelezen halve dagen en omgekeerd. Een werkdag zonder rij telt als kantoor."
    ),
)

INTERNET_OPTIONS = Kind(
    "internet_options",
    (
        EMPLOYEE_ID,
        Column(
            "option",
            Type.CHOICE,
            "forfait (vergoeding van 20 euro) of third_party (derdebetalersregeling).",
            choices=_choices(InternetOption.Option),
        ),
        _date("valid_from", "Vanaf deze dag geldt de keuze."),
        Column("provider", Type.TEXT, "Internetprovider.", required=False, max_length=100),
    ),
    key=("employee_id", "valid_from"),
    help="Eén rij per keuze; zonder keuze heeft iemand het forfait.",
)

INVOICES = Kind(
    "invoices",
    (
        EMPLOYEE_ID,
        Column("month", Type.MONTH, "Maand van de factuur, als JJJJ-MM (bv. 2023-01)."),
        Column("provider", Type.TEXT, "Internetprovider.", max_length=100),
        _money("amount", "Bedrag dat de werkgever de provider betaalt, in euro."),
    ),
    key=("employee_id", "month", "provider"),
    help="Facturen van de derdebetalersregeling: één rij per persoon, maand en provider.",
)

EQUIPMENT = Kind(
    "equipment",
    (
        EMPLOYEE_ID,
        Column("item", Type.TEXT, "Omschrijving, bv. Bureaustoel ergonomisch.", max_length=200),
        Column(
            "category",
            Type.CHOICE,
            "chair, screen, laptop, desk, headset of other.",
            choices=_choices(Delivery.Category),
        ),
        _date(
            "delivered_on",
            "Leverdatum; moet binnen een tewerkstellingsperiode vallen (die bepaalt de entiteit).",
        ),
        _money("cost", "Kostprijs in euro."),
        Column(
            "ownership",
            Type.CHOICE,
            "loan (uitgeleend) of gift (geschonken).",
            choices=_choices(Delivery.Ownership),
        ),
        _date("returned_on", "Datum van teruggave; leeg = niet teruggegeven.", required=False),
    ),
    key=("employee_id", "item", "delivered_on"),
    help="Eén rij per geleverd stuk materiaal.",
)

BUDGETS = Kind(
    "budgets",
    (
        Column("entity_code", Type.ENTITY, "Code van de entiteit (uit staff)."),
        Column(
            "year",
            Type.INTEGER,
            "Jaar (JJJJ).",
            minimum=Decimal(2000),
            maximum=Decimal(2100),
        ),
        Column(
            "measure",
            Type.CHOICE,
            "financial (vergoedingen) of material (materiaal).",
            choices=_choices(Measure),
        ),
        _money("amount", "Gereserveerd bedrag in euro."),
    ),
    key=("entity_code", "year", "measure"),
    help="Het budget dat een entiteit per jaar reserveert, per soort ondersteuning.",
)

INITIATIVES = Kind(
    "initiatives",
    (
        Column("entity_code", Type.ENTITY, "Code van de entiteit (uit staff)."),
        Column(
            "kind",
            Type.CHOICE,
            "financial (financieel) of material (materieel).",
            choices=_choices(Measure),
        ),
        Column("title", Type.TEXT, "Titel van het initiatief.", max_length=200),
        Column("motivation", Type.TEXT, "Motivering.", required=False),
        _date("planned_from", "Gepland vanaf.", required=False),
        _date("planned_to", "Gepland tot en met.", required=False),
        _money("budget", "Budget in euro; leeg = 0.", required=False),
    ),
    key=("entity_code", "kind", "title"),
    help="Geplande initiatieven (parlementaire vragen 3 en 4).",
)

# In dependency order: staff first, since the other kinds refer to its employees and entities.
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        STAFF,
        AGREEMENTS,
        REGISTRATIONS,
        INTERNET_OPTIONS,
        INVOICES,
        EQUIPMENT,
        BUDGETS,
        INITIATIVES,
    )
}

# The pairs of dates where the second may not be before the first.
DATE_RANGES: dict[str, tuple[str, str]] = {
    "staff": ("start_date", "end_date"),
    "agreements": ("valid_from", "valid_to"),
    "equipment": ("delivered_on", "returned_on"),
    "initiatives": ("planned_from", "planned_to"),
}

_WORDS = re.compile(r"[^a-z0-9]+")


def kind_of_name(stem: str) -> list[Kind]:
    """The kinds a file or sheet name names: the kind's words in a row among the name's words,
    so `staff.csv`, `2023_staff.csv`, `staff-aiv.csv` and `Internet Options.csv` all work."""
    words = [word for word in _WORDS.split(stem.lower()) if word]
    found = []
    for kind in KINDS.values():
        wanted = kind.name.split("_")
        if any(words[i : i + len(wanted)] == wanted for i in range(len(words))):
            found.append(kind)
    return found
