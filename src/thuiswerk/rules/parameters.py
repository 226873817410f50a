"""Rule parameters as effective-dated values with their legal source (RULES.md, "Parameters")."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# The legal sources as the law names them (in Dutch): they are stored with each value and shown as
# they are in every language.
VPS_INTERNET = (
    "VPS art. VII 109, gewijzigd bij BVR van 17 september 2021 wat betreft de internetvergoeding"
    " bij hybride werken (BS 11 oktober 2021)"
)
BVR_SECTORAL = (
    "BVR van 8 september 2023 tot uitvoering van het sectoraal akkoord 2020-2022"
    " (thuiswerkvergoeding)"
)
FEDERAL_2021_C_20 = (
    "Omzendbrief 2021/C/20 (federaal): structureel telewerk is het equivalent van één werkdag per"
    " week, beoordeeld per maand"
)
KB_2022 = (
    "KB van 10 april 2022 (federaal openbaar ambt): internetvergoeding vanaf één telewerkdag"
    " in de maand"
)
BIK_FLAT_RATE = (
    "Federaal forfait voor een gratis internetaansluiting: voordeel van alle aard van 60 EUR per"
    " jaar (5 EUR per maand)"
)
CIRCULAR_HYBRID = "Omzendbrief Hybride werken binnen de Vlaamse overheid (16 juli 2021)"

# How each parameter's text value is read.
KINDS: dict[str, type] = {
    "internet_effective_from": date,
    "internet_min_home_days": Decimal,
    "internet_forfait_amount": Decimal,
    "third_party_benefit_in_kind": Decimal,
    "homework_effective_from": date,
    "homework_min_days_per_week": Decimal,
    "homework_amount": Decimal,
    "calendar": str,
}

# The parameters' first values hold from the start of time: "effective_from" is when the value
# starts to apply, while the *_effective_from parameters say from when a measure is due.
BEGINNING = date(2000, 1, 1)


@dataclass(frozen=True)
class ParameterValue:
    name: str
    value: str
    effective_from: date
    legal_source: str
    assumption: bool

    def typed(self) -> date | Decimal | str:
        kind = KINDS[self.name]
        if kind is date:
            return date.fromisoformat(self.value)
        if kind is Decimal:
            return Decimal(self.value)
        return self.value


DEFAULTS: tuple[ParameterValue, ...] = (
    ParameterValue("internet_effective_from", "2021-10-01", BEGINNING, VPS_INTERNET, True),
    ParameterValue("internet_min_home_days", "1", BEGINNING, KB_2022, True),
    ParameterValue("internet_forfait_amount", "20.00", BEGINNING, VPS_INTERNET, False),
    ParameterValue("third_party_benefit_in_kind", "5.00", BEGINNING, BIK_FLAT_RATE, True),
    ParameterValue("homework_effective_from", "2023-01-01", BEGINNING, BVR_SECTORAL, True),
    ParameterValue("homework_min_days_per_week", "1", BEGINNING, FEDERAL_2021_C_20, False),
    ParameterValue("homework_amount", "20.00", BEGINNING, BVR_SECTORAL, False),
    ParameterValue("calendar", "vlaamse-overheid", BEGINNING, CIRCULAR_HYBRID, True),
)


class ParameterSet:
    """All values of all parameters; answers 'what was in force on day d'."""

    def __init__(self, values: Iterable[ParameterValue]):
        self._by_name: dict[str, list[ParameterValue]] = {}
        for value in sorted(values, key=lambda v: (v.name, v.effective_from)):
            if value.name not in KINDS:
                raise ValueError(f"unknown parameter {value.name!r}")
            value.typed()  # fail early on a value that cannot be read
            self._by_name.setdefault(value.name, []).append(value)
        missing = set(KINDS) - set(self._by_name)
        if missing:
            raise ValueError(f"parameters without any value: {', '.join(sorted(missing))}")

    def in_force(self, name: str, day: date) -> ParameterValue:
        """The value of `name` in force on `day`; KeyError if none was in force yet."""
        current = None
        for value in self._by_name[name]:
            if value.effective_from <= day:
                current = value
            else:
                break
        if current is None:
            raise KeyError(f"no value of {name!r} in force on {day.isoformat()}")
        return current

    def all_in_force(self, day: date) -> dict[str, ParameterValue]:
        return {name: self.in_force(name, day) for name in self._by_name}

    def values(self) -> list[ParameterValue]:
        return [v for values in self._by_name.values() for v in values]
