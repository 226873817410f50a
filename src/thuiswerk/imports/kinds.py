"""The import kinds: their columns, types, allowed values and natural keys.

One definition serves the reader (headers), the validator (types, ranges, enumerations), the
template workbook (headers, drop-down lists, formats, the instructions) and the docs. What the
database holds comes from the models: the maximum length of a text, the digits and decimals of a
number and the values of an enumeration are read from the model fields and `TextChoices`.

Every kind, column and enumeration value has an English and a Dutch name; the import accepts
either (docs/import-formats.md), the template and the messages use the active language's.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thuiswerk.budgets.models import BudgetLine, Measure, PlannedInitiative
from thuiswerk.equipment.models import Delivery
from thuiswerk.people.models import Employee, EmploymentPeriod, Entity
from thuiswerk.telework.models import Agreement, InternetOption, Registration, ThirdPartyInvoice

# Every date column accepts this range: inside the years the holiday calendar knows (1901-2100,
# so a registration's working day can always be judged), with room for a month's last day, and
# far from the edges of the databases' and Python's calendars (year 1 and 9999).
FIRST_DATE = date(1901, 1, 1)
LAST_DATE = date(2099, 12, 31)


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


def dutch_wanted() -> bool:
    return (translation.get_language() or "nl").startswith("nl")


def normal_name(name: str) -> str:
    """A header or value as compared: trimmed, lower case, runs of spaces, `_` and `-` as one
    `_` (so `Geldig vanaf`, `geldig_vanaf` and `GELDIG-VANAF` are one name)."""
    return re.sub(r"[\s_\-]+", "_", name.strip().lower())


@dataclass(frozen=True)
class Column:
    name: str
    type: Type
    help: str | Promise  # for the template's instructions, in the active language
    dutch: str = ""  # the Dutch header; empty: the English one
    required: bool = True
    max_length: int = 0  # for texts; 0 = no limit
    places: int = 0  # decimals of a number
    digits: int = 0  # all digits of a number (the model's max_digits); 0 = no limit
    # Enumeration values: the stored (English) value -> its Dutch name.
    choices: dict[str, str] = field(default_factory=dict)
    default: str | None = None  # for an empty optional choice
    minimum: Decimal | None = None
    minimum_exclusive: bool = False
    maximum: Decimal | None = None

    @property
    def title(self) -> str:
        """The header in the active language."""
        return (self.dutch or self.name) if dutch_wanted() else self.name

    def headers(self) -> set[str]:
        return {normal_name(self.name), normal_name(self.dutch or self.name)}

    def values(self) -> list[str]:
        """The enumeration values in the active language, in the model's order."""
        return list(self.choices.values() if dutch_wanted() else self.choices)

    def display_names(self) -> dict[str, str]:
        """Stored value -> its name in the active language."""
        return dict(zip(self.choices, self.values(), strict=True))

    def value_names(self) -> dict[str, str]:
        """Every accepted spelling in lower case -> stored value: English or Dutch, words
        joined by a space, `_` or `-` (a lookup per cell is cheaper than normalising it)."""
        names = {}
        for value, dutch in self.choices.items():
            for name in (value, dutch):
                for joint in (" ", "_", "-"):
                    names[re.sub(r"[\s_\-]+", joint, name.lower())] = value
        return names


@dataclass(frozen=True)
class Kind:
    name: str
    dutch: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the natural key: a row with the same key updates the stored one
    help: str | Promise

    @property
    def names(self) -> tuple[str, ...]:
        """The English (canonical) column names: those of the frames and the docs."""
        return tuple(column.name for column in self.columns)

    @property
    def title(self) -> str:
        """The kind's name (sheet, file) in the active language."""
        return self.dutch if dutch_wanted() else self.name

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    def header_names(self) -> dict[str, str]:
        """Every accepted header (as `normal_name` compares) -> the column's English name."""
        return {header: column.name for column in self.columns for header in column.headers()}


def _field(model: type[models.Model], name: str) -> models.Field:
    return model._meta.get_field(name)


def _text(name, dutch, help, model, field_name, *, required=True, type=Type.TEXT) -> Column:
    length = _field(model, field_name).max_length or 0
    return Column(name, type, help, dutch, required=required, max_length=length)


def _number(name, dutch, help, model, field_name, *, required=True, **bounds) -> Column:
    number = _field(model, field_name)
    return Column(
        name,
        Type.DECIMAL,
        help,
        dutch,
        required=required,
        places=number.decimal_places,
        digits=number.max_digits,
        **bounds,
    )


def _money(name, dutch, help, model, field_name, *, required=True) -> Column:
    return _number(name, dutch, help, model, field_name, required=required, minimum=ZERO)


def _choice(name, dutch, help, text_choices, names: dict[str, str], **options) -> Column:
    """An enumeration column; `names` gives the Dutch name of every value of the model's
    `TextChoices`, in their order (a value added to the model without one fails here, at
    start-up, not in a user's file)."""
    values = [str(value) for value in text_choices.values]
    if list(names) != values:
        raise ValueError(f"Dutch names for {values} expected, got {list(names)}")
    return Column(name, Type.CHOICE, help, dutch, choices=names, **options)


def _date(name, dutch, help, required=True) -> Column:
    return Column(name, Type.DATE, help, dutch, required=required)


ZERO = Decimal(0)
EMPLOYEE_ID = Column(
    "employee_id",
    Type.EMPLOYEE,
    _("Personnel number (employee_id of the staff sheet)."),
    "personeelsnummer",
)
ENTITY_CODE = Column(
    "entity_code", Type.ENTITY, _("Code of the entity (of the staff sheet)."), "entiteitscode"
)
MEASURES = {"financial": "financieel", "material": "materieel"}

STAFF = Kind(
    "staff",
    "personeel",
    (
        _text(
            "employee_id",
            "personeelsnummer",
            _("Personnel number, unique per person."),
            Employee,
            "personnel_number",
        ),
        _text("first_name", "voornaam", _("First name."), Employee, "first_name"),
        _text("last_name", "familienaam", _("Last name."), Employee, "last_name"),
        _text(
            "email",
            "e-mail",
            _("E-mail address."),
            Employee,
            "email",
            required=False,
            type=Type.EMAIL,
        ),
        _text("entity_code", "entiteitscode", _("Code of the entity, e.g. AIV."), Entity, "code"),
        _text("entity_name", "entiteitsnaam", _("Name of the entity."), Entity, "name"),
        _number(
            "fte",
            "vte",
            _("Full-time equivalent: more than 0 and at most 1 (0.8 = 4/5)."),
            EmploymentPeriod,
            "fte",
            minimum=ZERO,
            minimum_exclusive=True,
            maximum=Decimal(1),
        ),
        _date("start_date", "begindatum", _("First day of the employment in this entity.")),
        _date("end_date", "einddatum", _("Last day (inclusive); empty = ongoing."), required=False),
        Column(
            "supervisor_id",
            Type.EMPLOYEE,
            _("Personnel number of the supervisor (may be a row of this sheet)."),
            "leidinggevende",
            required=False,
        ),
    ),
    key=("employee_id", "start_date"),
    help=_(
        "One row per employment period. Someone who moves to another entity has two rows. The "
        "periods of one person may not overlap. Name and e-mail come from the most recent "
        "period; the name of an entity from the most recent row with its code."
    ),
)

AGREEMENTS = Kind(
    "agreements",
    "overeenkomsten",
    (
        EMPLOYEE_ID,
        _date("valid_from", "geldig_vanaf", _("First day of the agreement.")),
        _date(
            "valid_to", "geldig_tot", _("Last day (inclusive); empty = ongoing."), required=False
        ),
        _number(
            "days_per_week",
            "dagen_per_week",
            _("Agreed home-working days per week, more than 0 and at most 5 (half days allowed)."),
            Agreement,
            "days_per_week",
            minimum=ZERO,
            minimum_exclusive=True,
            maximum=Decimal(5),
        ),
        _choice(
            "status",
            "status",
            _("Only approved agreements count."),
            Agreement.Status,
            {
                "pending": "in behandeling",
                "approved": "goedgekeurd",
                "rejected": "afgewezen",
                "withdrawn": "ingetrokken",
            },
        ),
        Column(
            "approved_by",
            Type.EMPLOYEE,
            _("Personnel number of who approved; should be the supervisor."),
            "goedgekeurd_door",
            required=False,
        ),
        _date("approved_on", "goedgekeurd_op", _("Date of approval."), required=False),
    ),
    key=("employee_id", "valid_from"),
    help=_("One row per hybrid-work agreement."),
)

REGISTRATIONS = Kind(
    "registrations",
    "registraties",
    (
        EMPLOYEE_ID,
        _date("date", "datum", _("The day.")),
        _choice(
            "location",
            "plaats",
            _("Where the employee worked, or absent."),
            Registration.Location,
            {"home": "thuis", "office": "kantoor", "other": "andere", "absent": "afwezig"},
        ),
        _choice(
            "part",
            "dagdeel",
            _("Whole day, morning or afternoon; empty = whole day."),
            Registration.Part,
            {"full": "volledige dag", "am": "voormiddag", "pm": "namiddag"},
            required=False,
            default=Registration.Part.FULL,
        ),
    ),
    key=("employee_id", "date", "part"),
    help=_(
        "One row per day or half day. Per person and day: one whole day, or a morning and/or "
        "an afternoon. The rows of a person and day describe that day completely: a whole day "
        "replaces half days imported earlier and vice versa. A working day without a row counts "
        "as an office day."
    ),
)

INTERNET_OPTIONS = Kind(
    "internet_options",
    "internetkeuzes",
    (
        EMPLOYEE_ID,
        _choice(
            "option",
            "keuze",
            _("Flat rate (allowance of 20 euro) or third-party payer."),
            InternetOption.Option,
            {"forfait": "forfait", "third_party": "derdebetaler"},
        ),
        _date("valid_from", "geldig_vanaf", _("The choice holds from this day.")),
        _text(
            "provider",
            "provider",
            _("Internet provider."),
            InternetOption,
            "provider",
            required=False,
        ),
    ),
    key=("employee_id", "valid_from"),
    help=_("One row per choice; without a choice a person has the flat rate."),
)

INVOICES = Kind(
    "invoices",
    "facturen",
    (
        EMPLOYEE_ID,
        Column("month", Type.MONTH, _("Month of the invoice, as YYYY-MM (e.g. 2023-01)."), "maand"),
        _text("provider", "provider", _("Internet provider."), ThirdPartyInvoice, "provider"),
        _money(
            "amount",
            "bedrag",
            _("Amount the employer pays the provider, in euro."),
            ThirdPartyInvoice,
            "amount",
        ),
    ),
    key=("employee_id", "month", "provider"),
    help=_("Invoices of the third-party payer scheme: one row per person, month and provider."),
)

EQUIPMENT = Kind(
    "equipment",
    "materiaal",
    (
        EMPLOYEE_ID,
        _text("item", "voorwerp", _("Description, e.g. ergonomic office chair."), Delivery, "item"),
        _choice(
            "category",
            "categorie",
            _("Kind of material."),
            Delivery.Category,
            {
                "chair": "bureaustoel",
                "screen": "scherm",
                "laptop": "laptop",
                "desk": "bureau",
                "headset": "headset",
                "other": "andere",
            },
        ),
        _date(
            "delivered_on",
            "geleverd_op",
            _("Delivery date; must fall inside an employment period (which gives the entity)."),
        ),
        _money("cost", "kostprijs", _("Cost in euro."), Delivery, "cost"),
        _choice(
            "ownership",
            "eigendom",
            _("Lent or given to the employee."),
            Delivery.Ownership,
            {"loan": "bruikleen", "gift": "schenking"},
        ),
        _date(
            "returned_on",
            "teruggegeven_op",
            _("Date of return; empty = not returned."),
            required=False,
        ),
    ),
    key=("employee_id", "item", "delivered_on"),
    help=_("One row per item of material delivered."),
)

BUDGETS = Kind(
    "budgets",
    "budgetten",
    (
        ENTITY_CODE,
        Column(
            "year",
            Type.INTEGER,
            _("Year (YYYY)."),
            "jaar",
            minimum=Decimal(2000),
            maximum=Decimal(2099),
        ),
        _choice(
            "measure",
            "soort",
            _("Financial (allowances) or material (equipment)."),
            Measure,
            MEASURES,
        ),
        _money("amount", "bedrag", _("Reserved amount in euro."), BudgetLine, "amount"),
    ),
    key=("entity_code", "year", "measure"),
    help=_("The budget an entity reserves per year, per kind of support."),
)

INITIATIVES = Kind(
    "initiatives",
    "initiatieven",
    (
        ENTITY_CODE,
        _choice("kind", "soort", _("Financial or material."), Measure, MEASURES),
        _text("title", "titel", _("Title of the initiative."), PlannedInitiative, "title"),
        _text(
            "motivation",
            "motivering",
            _("Motivation."),
            PlannedInitiative,
            "motivation",
            required=False,
        ),
        _date("planned_from", "gepland_vanaf", _("Planned from."), required=False),
        _date("planned_to", "gepland_tot", _("Planned up to and including."), required=False),
        _number(
            "budget",
            "budget",
            _("Budget in euro; empty = 0."),
            PlannedInitiative,
            "budget",
            required=False,
            minimum=ZERO,
        ),
    ),
    key=("entity_code", "kind", "title"),
    help=_("Planned initiatives (parliamentary questions 3 and 4)."),
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
    """The kinds a file or sheet name names: the kind's English or Dutch words in a row among
    the name's words, so `staff.csv`, `2023_staff.csv`, `personeel-aiv.csv` and
    `Internet Options.csv` all work."""
    words = [word for word in _WORDS.split(stem.lower()) if word]
    found = []
    for kind in KINDS.values():
        for name in (kind.name, kind.dutch):
            wanted = name.split("_")
            if any(words[i : i + len(wanted)] == wanted for i in range(len(words))):
                found.append(kind)
                break
    return found
