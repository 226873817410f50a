"""The people of the demo government and everything about them except the day register.

Built with one `random.Random(seed)` stream in a fixed order, so a seed always gives the same
government. Entities keep a stable core (the head and the team leaders, employed throughout),
who are the supervisors; everybody else may join, leave or move to another entity.

The data is consistent where real data is: agreements are approved by the supervisor of the
period they start in, on a day inside that period; registrations fall inside employment. A few
anomalies are planted on purpose, `planted_count(staff)` of each kind (about 1 per 1,000 staff,
at least one), chosen by the seed: agreements approved by a deputy (the head of the entity, or
another team leader) instead of the supervisor, and home days registered on a weekend day. The
invoice anomalies are planted with the invoices (thuiswerk.demo.invoices).
"""

import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from thuiswerk.core.money import CENT
from thuiswerk.core.months import month_end, month_range, next_month
from thuiswerk.rules.calendar import holidays_of
from thuiswerk.rules.parameters import DEFAULTS

from .catalog import (
    AIV_INITIATIVES,
    ENTITIES,
    EQUIPMENT,
    FIRST_NAMES,
    LAST_NAMES,
    MATERIAL_POLICIES,
    OTHER_INITIATIVES,
    PRICE_INDEX,
    PROVIDERS,
    DemoEntity,
)

PROVIDER_PRICES = {name: price for name, price, _ in PROVIDERS}
MIN_ENTITY_SIZE = 4
MIN_STAFF = 10
TEAM_SIZE = 12  # staff per team leader
# The rules' default parameters: the demo's budgets and contracts follow them.
DEFAULT = {parameter.name: parameter.typed() for parameter in DEFAULTS}
INTERNET_FROM = DEFAULT["internet_effective_from"]  # third-party contracts start from then
HOMEWORK_FROM = DEFAULT["homework_effective_from"]
EARLIEST_START = date(1985, 1, 1)
# Planted anomalies of each kind per member of staff (see the module's docstring).
ANOMALY_SHARE = 0.001

# Shares of the staff who are not heads or team leaders.
CAREERS = (("stayer", 62), ("leaver", 14), ("joiner", 15), ("joiner_leaver", 4), ("mover", 5))
FTES = ((Decimal("1.0"), 78), (Decimal("0.8"), 12), (Decimal("0.5"), 5), (Decimal("0.9"), 3))
FTES_RARE = ((Decimal("0.6"), 1), (Decimal("0.7"), 1))
HOME_DAYS = ((1, 22), (2, 45), (3, 25), (4, 8))
WEEKDAY_PREFERENCE = (1.2, 1.0, 1.1, 1.0, 1.5)  # Friday and Monday are the popular home days
# Months in which staff already employed signed their first agreement after the circular of
# 16 July 2021 (the rest kept the structural-telework agreement they had from 2021-01-01).
AGREEMENT_MONTHS = (
    (date(2021, 8, 1), 10),
    (date(2021, 9, 1), 30),
    (date(2021, 10, 1), 28),
    (date(2021, 11, 1), 10),
    (date(2021, 12, 1), 8),
    (date(2022, 1, 1), 7),
    (date(2022, 3, 1), 7),
)


@dataclass
class Period:
    entity: str
    fte: Decimal
    start: date
    end: date | None
    supervisor: int | None
    home_days: int = 0  # the fixed home weekdays per week (0 = never at home)
    home_mask: int = 0  # bit d set: weekday d (Monday = 0) is a home day
    off_am: int = 0  # part-time: weekdays whose morning is not worked
    off_pm: int = 0

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass
class Person:
    index: int
    first_name: str
    last_name: str
    periods: list[Period] = field(default_factory=list)
    email: str = ""

    @property
    def employee_id(self) -> str:
        return employee_id(self.index)

    def period_on(self, day: date) -> Period | None:
        return next((p for p in self.periods if p.covers(day)), None)


@dataclass(frozen=True)
class Agreement:
    person: int
    valid_from: date
    valid_to: date | None
    days_per_week: Decimal
    status: str
    approved_by: int | None
    approved_on: date | None


@dataclass(frozen=True)
class Delivery:
    person: int
    item: str
    category: str
    delivered_on: date
    cost: Decimal
    ownership: str
    returned_on: date | None


@dataclass(frozen=True)
class Contract:
    """A third-party-payer arrangement: `provider` bills the employer from `first_month` until
    the month before `until` (None: still running), at its price plus the plan's `tier`."""

    person: int
    provider: str
    first_month: date
    until: date | None
    tier: Decimal


@dataclass
class Government:
    first_day: date
    last_day: date
    entities: list[tuple[DemoEntity, int]]
    people: list[Person]
    core: dict[str, list[int]]  # per entity: the head, then the team leaders
    agreements: list[Agreement] = field(default_factory=list)
    internet_options: list[tuple[int, str, date, str]] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    budgets: list[tuple[str, int, str, Decimal]] = field(default_factory=list)
    initiatives: list[tuple[str, str, str, str, date, date, Decimal]] = field(default_factory=list)
    weekend_days: list[tuple[int, date]] = field(default_factory=list)


FIRST_PERSONNEL_NUMBER = 1_000_001


def planted_count(staff: int) -> int:
    """How many anomalies of each kind a government of `staff` people gets."""
    return max(1, round(staff * ANOMALY_SHARE))


def employee_id(index: int) -> str:
    return str(FIRST_PERSONNEL_NUMBER + index)


def periods_of(gov: Government) -> Iterator[tuple[Person, Period]]:
    for person in gov.people:
        for period in person.periods:
            yield person, period


def build_government(*, staff: int, seed: int, first_day: date, last_day: date) -> Government:
    if staff < MIN_STAFF:
        raise ValueError(f"the demo government needs at least {MIN_STAFF} staff")
    rng = random.Random(seed)
    entities = entity_sizes(staff)
    people, core = _people(rng, entities, first_day, last_day)
    gov = Government(
        first_day=first_day, last_day=last_day, entities=entities, people=people, core=core
    )
    gov.agreements = _agreements(rng, gov)
    _internet(rng, gov)
    gov.deliveries = _deliveries(rng, gov)
    gov.budgets = _budgets(rng, gov)
    gov.initiatives = _initiatives(rng, gov)
    gov.weekend_days = _weekend_days(rng, gov)
    return gov


def entity_sizes(staff: int) -> list[tuple[DemoEntity, int]]:
    """The entities big enough to have staff at this size (AIV always), with their headcount."""
    total = sum(e.size for e in ENTITIES)
    kept = [e for e in ENTITIES if e.size * staff / total >= MIN_ENTITY_SIZE or e.code == "AIV"]
    weight = sum(e.size for e in kept)
    shares = [e.size * staff / weight for e in kept]
    sizes = [max(MIN_ENTITY_SIZE, int(s)) for s in shares]
    # Largest remainder to hit the staff count exactly; the minimum is taken from the largest.
    order = sorted(range(len(kept)), key=lambda i: (sizes[i] - shares[i], i))
    i = 0
    while sum(sizes) < staff:
        sizes[order[i % len(order)]] += 1
        i += 1
    while sum(sizes) > staff:
        sizes[max(range(len(kept)), key=lambda j: sizes[j])] -= 1
    return list(zip(kept, sizes, strict=True))


def _weighted(rng: random.Random, choices: tuple[tuple[object, int], ...]) -> object:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _start_day(rng: random.Random, first: date, last: date) -> date:
    """Most contracts start on the first of a month."""
    day = _day_between(rng, first, last)
    return day.replace(day=1) if rng.random() < 0.7 and day.replace(day=1) >= first else day


def _end_day(rng: random.Random, first: date, last: date) -> date:
    """Most contracts end on the last day of a month."""
    day = _day_between(rng, first, last)
    return month_end(day) if rng.random() < 0.7 and month_end(day) <= last else day


def _email(first_name: str, last_name: str, taken: dict[str, int]) -> str:
    plain = unicodedata.normalize("NFKD", f"{first_name}.{last_name}".lower())
    local = "".join(c for c in plain if c.isascii() and (c.isalnum() or c == "."))
    taken[local] = taken.get(local, 0) + 1
    suffix = "" if taken[local] == 1 else str(taken[local])
    return f"{local}{suffix}@vlaanderen.be"


def _fte(rng: random.Random) -> Decimal:
    if rng.random() < 0.02:
        return _weighted(rng, FTES_RARE)
    return _weighted(rng, FTES)


def _pattern(rng: random.Random, period: Period, entity: DemoEntity, *, head: bool) -> None:
    """The weekly schedule: part-time mornings/afternoons off and the fixed home weekdays."""
    half_days_off = int((1 - period.fte) * 10)
    full_off = []
    while len(full_off) < half_days_off // 2:
        day = rng.choices(range(5), weights=(0.8, 0.6, 1.5, 0.6, 1.5))[0]
        if day not in full_off:
            full_off.append(day)
    for day in full_off:
        period.off_am |= 1 << day
        period.off_pm |= 1 << day
    if half_days_off % 2:
        # The classic free Wednesday afternoon, else Friday afternoon.
        period.off_pm |= 1 << (2 if 2 not in full_off else 4)
    if head or rng.random() < entity.field_share + 0.05:
        return
    wanted = _weighted(rng, HOME_DAYS)
    candidates = [d for d in range(5) if d not in full_off]
    while candidates and period.home_days < wanted:
        day = rng.choices(candidates, weights=[WEEKDAY_PREFERENCE[d] for d in candidates])[0]
        candidates.remove(day)
        period.home_mask |= 1 << day
        period.home_days += 1


def _people(
    rng: random.Random, entities: list[tuple[DemoEntity, int]], first_day: date, last_day: date
) -> tuple[list[Person], dict[str, list[int]]]:
    """Heads and team leaders first (they are the supervisors), then the other staff."""
    before = first_day - timedelta(days=1)
    late = last_day - timedelta(days=30)
    by_code = {e.code: e for e, _ in entities}
    core: dict[str, list[Person]] = {}
    others: list[tuple[DemoEntity, Person]] = []
    people: list[Person] = []
    # Personnel numbers are handed out without regard to entity.
    numbers = list(range(sum(size for _, size in entities)))
    rng.shuffle(numbers)

    def new_person() -> Person:
        index = numbers[len(people)]
        person = Person(index, rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
        people.append(person)
        return person

    for entity, size in entities:
        leaders = 1 + (size // TEAM_SIZE if size >= TEAM_SIZE else 0)
        core[entity.code] = []
        for n in range(leaders):
            person = new_person()
            start = _start_day(rng, EARLIEST_START, before - timedelta(days=365))
            supervisor = core[entity.code][0].index if n else None
            period = Period(
                entity.code, _fte(rng) if n else Decimal("1.0"), start, None, supervisor
            )
            _pattern(rng, period, entity, head=n == 0)
            person.periods.append(period)
            core[entity.code].append(person)
        others.extend((entity, new_person()) for _ in range(size - leaders))

    def supervisor_in(code: str) -> int:
        team = core[code]
        return rng.choice(team[1:]).index if len(team) > 1 else team[0].index

    codes = [e.code for e, _ in entities]
    weights = [size for _, size in entities]
    for entity, person in others:
        career = _weighted(rng, CAREERS)
        fte = _fte(rng)
        if career in ("joiner", "joiner_leaver"):
            start = _start_day(rng, first_day + timedelta(days=15), late - timedelta(days=120))
        elif career == "mover" and rng.random() < 0.25:
            start = _start_day(rng, first_day, late - timedelta(days=400))
        else:
            start = _start_day(rng, EARLIEST_START, before)
        end = None
        if career == "leaver":
            end = _end_day(rng, first_day, late)
        elif career == "joiner_leaver":
            end = _end_day(rng, start + timedelta(days=60), late)
        period = Period(entity.code, fte, start, end, supervisor_in(entity.code))
        _pattern(rng, period, entity, head=False)
        person.periods.append(period)
        if career == "mover" and len(codes) > 1:
            move = _day_between(rng, max(start, first_day) + timedelta(days=90), late)
            move = next_month(move) if move.day > 1 else move
            target = entity.code
            while target == entity.code:
                target = rng.choices(codes, weights=weights)[0]
            period.end = move - timedelta(days=1)
            end = _end_day(rng, move + timedelta(days=60), late) if rng.random() < 0.1 else None
            moved = Period(target, fte, move, end, supervisor_in(target))
            _pattern(rng, moved, by_code[target], head=False)
            person.periods.append(moved)
    taken: dict[str, int] = {}
    people.sort(key=lambda p: p.index)
    for person in people:
        person.email = _email(person.first_name, person.last_name, taken)
    return people, {code: [p.index for p in team] for code, team in core.items()}


def _first_agreement_day(rng: random.Random, period: Period, first_day: date) -> date:
    if period.start >= first_day:
        # New staff sign within their first weeks.
        return period.start if rng.random() < 0.5 else next_month(period.start)
    if rng.random() < 0.3:
        return first_day
    return max(_weighted(rng, AGREEMENT_MONTHS), first_day)


def _days_per_week(rng: random.Random, home_days: int) -> Decimal:
    days = Decimal(home_days)
    if rng.random() < 0.1:
        days += Decimal("0.5") if home_days < 4 else Decimal("-0.5")
    return days.quantize(Decimal("0.1"))


def _agreements(rng: random.Random, gov: Government) -> list[Agreement]:
    """Agreements follow the periods: approved by the supervisor, renewed every two years by
    some; a few pending, withdrawn then approved, or rejected (for field staff)."""
    recent = gov.last_day - timedelta(days=75)
    agreements: list[Agreement] = []

    def add(period: Period, person: int, status: str, valid_from: date, valid_to, days) -> None:
        # Decided within the period the agreement starts in, so by that period's supervisor.
        decided = status not in ("pending", "withdrawn")
        decided_on = max(period.start, valid_from - timedelta(days=rng.randint(3, 40)))
        agreements.append(
            Agreement(
                person,
                valid_from,
                valid_to,
                days,
                status,
                period.supervisor if decided else None,
                decided_on if decided else None,
            )
        )

    for person, period in periods_of(gov):
        if period.supervisor is None:
            continue  # heads of entity have no agreement in the demo
        start = _first_agreement_day(rng, period, gov.first_day)
        if not period.covers(start) or start > gov.last_day:
            continue
        end = period.end
        if period.home_days == 0:
            if rng.random() < 0.12:
                add(period, person.index, "rejected", start, end, Decimal("1.0"))
            continue
        days = _days_per_week(rng, period.home_days)
        draw = rng.random()
        if draw < 0.04:
            continue  # works at home now and then without ever asking
        if draw < 0.065 or (start > recent and rng.random() < 0.5):
            add(period, person.index, "pending", start, end, days)
            continue
        if draw < 0.095:
            add(period, person.index, "withdrawn", start, end, days)
            start = next_month(next_month(start))
            if not period.covers(start) or start > gov.last_day:
                continue
        # Two-year terms, renewed, for a quarter of the staff; open-ended for the others.
        renew = rng.random() < 0.25
        while True:
            term_end = start.replace(year=start.year + 2) - timedelta(days=1)
            if not renew or (end is not None and term_end >= end) or term_end >= gov.last_day:
                add(period, person.index, "approved", start, end, days)
                break
            add(period, person.index, "approved", start, term_end, days)
            start = term_end + timedelta(days=1)
    _plant_deputy_approvals(rng, gov, agreements)
    return agreements


def _plant_deputy_approvals(
    rng: random.Random, gov: Government, agreements: list[Agreement]
) -> None:
    """A few agreements signed by a deputy while the supervisor was away: the head of the
    entity, or (for a team leader, whose supervisor is the head) another team leader."""
    deputies: dict[int, list[int]] = {}
    for n, agreement in enumerate(agreements):
        if agreement.status != "approved":
            continue
        team = gov.core[gov.people[agreement.person].period_on(agreement.valid_from).entity]
        others = [i for i in team if i not in (agreement.approved_by, agreement.person)]
        if others:
            deputies[n] = others
    chosen = rng.sample(sorted(deputies), min(planted_count(len(gov.people)), len(deputies)))
    for n in sorted(chosen):
        agreements[n] = replace(agreements[n], approved_by=deputies[n][0])


def price(contract: Contract, month: date) -> Decimal:
    """What the provider bills for `month` under `contract`: its price, indexed, plus the plan."""
    index = PRICE_INDEX.get(month.year, max(PRICE_INDEX.values()))
    amount = (PROVIDER_PRICES[contract.provider] * index + contract.tier).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
    return min(max(amount, Decimal("30.00")), Decimal("70.00"))


def _employed_in(person: Person, month: date) -> bool:
    last = month_end(month)
    return any(p.start <= last and (p.end is None or p.end >= month) for p in person.periods)


def _internet(rng: random.Random, gov: Government) -> None:
    """Options for everyone with an approved agreement (about 10% third-party payer, a few
    switches), and the third-party contracts; their invoices follow from the register, so
    thuiswerk.demo.invoices writes them."""
    last_month = gov.last_day.replace(day=1)
    first_approved: dict[int, date] = {}
    for agreement in gov.agreements:
        if agreement.status == "approved":
            known = first_approved.get(agreement.person)
            if known is None or agreement.valid_from < known:
                first_approved[agreement.person] = agreement.valid_from
    providers = tuple((name, weight) for name, _, weight in PROVIDERS)
    for person_index in sorted(first_approved):
        person = gov.people[person_index]
        start = max(first_approved[person_index], INTERNET_FROM)
        start = start if start.day == 1 else next_month(start)
        if rng.random() < 0.3:
            start = next_month(start)
        if start > last_month or not _employed_in(person, start):
            continue
        # Segments of (option, provider, from month).
        segments: list[tuple[str, str, date]] = []
        if rng.random() < 0.10:
            segments.append(("third_party", _weighted(rng, providers), start))
            switch = start + timedelta(days=31 * rng.randint(6, 30))
            switch = switch.replace(day=1)
            draw = rng.random()
            if switch <= last_month and draw < 0.08:
                segments.append(("forfait", "", switch))
            elif switch <= last_month and draw < 0.12:
                other = segments[0][1]
                while other == segments[0][1]:
                    other = _weighted(rng, providers)
                segments.append(("third_party", other, switch))
        else:
            segments.append(("forfait", "", start))
            switch = (start + timedelta(days=31 * rng.randint(6, 30))).replace(day=1)
            if switch <= last_month and rng.random() < 0.02:
                segments.append(("third_party", _weighted(rng, providers), switch))
        for n, (option, provider, valid_from) in enumerate(segments):
            # Many HR systems only record a choice when it is not the default.
            if option == "third_party" or n > 0 or rng.random() < 0.5:
                gov.internet_options.append((person_index, option, valid_from, provider))
        tier = Decimal(rng.choice(("-4.00", "0.00", "0.00", "2.50", "5.00")))  # the plan
        for n, (option, provider, valid_from) in enumerate(segments):
            if option == "third_party":
                until = segments[n + 1][2] if n + 1 < len(segments) else None
                gov.contracts.append(Contract(person_index, provider, valid_from, until, tier))


def _on_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _deliveries(rng: random.Random, gov: Government) -> list[Delivery]:
    """Material support per the entity's policy: a wave after the circular of 16 July 2021 for
    the staff then employed, a package on arrival for new staff; loans come back on leaving."""
    policy = {e.code: e.material for e, _ in gov.entities}
    wave_from, wave_to = date(2021, 9, 1), date(2022, 6, 30)
    deliveries: list[Delivery] = []

    def deliver(person: Person, period: Period, key: str, day: date) -> None:
        if not period.covers(day) or day > gov.last_day:
            return
        equipment = EQUIPMENT[key]
        ownership = equipment.ownership
        if ownership == "either":
            ownership = "loan" if rng.random() < 0.7 else "gift"
        item = equipment.item
        if equipment.inventoried and ownership == "loan":
            item = f"{item} (inv. {len(deliveries) + 1:06d})"
        returned = None
        if ownership == "loan":
            if period.end is not None and rng.random() < 0.85:
                returned = period.end + timedelta(days=rng.randint(0, 14))
            elif rng.random() < 0.02:
                returned = day + timedelta(days=rng.randint(30, 400))  # broken, handed back
            if returned is not None and returned > gov.last_day:
                returned = None
        cost = Decimal(rng.choice(equipment.prices))
        deliveries.append(
            Delivery(person.index, item, equipment.category, day, cost, ownership, returned)
        )

    for person in gov.people:
        for period in person.periods:
            if period.home_days == 0:
                continue
            offered = MATERIAL_POLICIES[policy[period.entity]]
            if period.start < wave_from:
                day = _on_weekday(_day_between(rng, wave_from, wave_to))
            else:
                day = _on_weekday(period.start + timedelta(days=rng.randint(5, 40)))
            taken: list[str] = []
            for key, share in offered:
                if (key != "screen27" or "screen" in taken) and rng.random() < share:
                    taken.append(key)
                    deliver(person, period, key, day)
            if policy[period.entity] == "full":
                if period.start >= gov.first_day:
                    deliver(person, period, "laptop", _on_weekday(period.start))
                elif rng.random() < 0.25:
                    refresh = _day_between(rng, date(2023, 3, 1), date(2024, 6, 30))
                    deliver(person, period, "laptop", _on_weekday(refresh))
    return deliveries


def _months_in_year(first: date, last: date, year: int) -> int:
    first = max(first, date(year, 1, 1))
    last = min(last, date(year, 12, 31))
    if last < first:
        return 0
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _round_to(amount: Decimal, step: int) -> Decimal:
    return ((amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step).quantize(CENT)


def _budgets(rng: random.Random, gov: Government) -> list[tuple[str, int, str, Decimal]]:
    """What each entity reserved: its expected allowances and equipment, give or take."""
    years = range(gov.first_day.year, gov.last_day.year + 1)
    expected: dict[tuple[str, int, str], Decimal] = {}
    for agreement in gov.agreements:
        if agreement.status != "approved":
            continue
        period = gov.people[agreement.person].period_on(agreement.valid_from)
        last = min(agreement.valid_to or gov.last_day, gov.last_day)
        for year in years:
            internet = _months_in_year(max(agreement.valid_from, INTERNET_FROM), last, year)
            homework = _months_in_year(max(agreement.valid_from, HOMEWORK_FROM), last, year)
            key = (period.entity, year, "financial")
            expected[key] = (
                expected.get(key, Decimal(0))
                + DEFAULT["internet_forfait_amount"] * internet
                + DEFAULT["homework_amount"] * homework
            )
    # The third-party payer costs the contract's price instead of the flat allowance.
    last_month = gov.last_day.replace(day=1)
    for contract in gov.contracts:
        until = contract.until or next_month(last_month)
        for month in month_range(contract.first_month, until - timedelta(days=1)):
            period = gov.people[contract.person].period_on(month_end(month))
            if period is not None:
                key = (period.entity, month.year, "financial")
                forfait = DEFAULT["internet_forfait_amount"]
                expected[key] = expected.get(key, Decimal(0)) + price(contract, month) - forfait
    for delivery in gov.deliveries:
        period = gov.people[delivery.person].period_on(delivery.delivered_on)
        key = (period.entity, delivery.delivered_on.year, "material")
        expected[key] = expected.get(key, Decimal(0)) + delivery.cost
    budgets = []
    for entity, _ in gov.entities:
        for year in years:
            for measure, step in (("financial", 100), ("material", 500)):
                amount = expected.get((entity.code, year, measure), Decimal(0))
                if year == 2021 and measure == "financial" and rng.random() < 0.3:
                    continue  # the internet allowance came in September: nothing reserved
                amount = _round_to(amount * Decimal(str(round(rng.uniform(0.9, 1.25), 2))), step)
                if amount > 0:
                    budgets.append((entity.code, year, measure, amount))
    return budgets


def _initiatives(
    rng: random.Random, gov: Government
) -> list[tuple[str, str, str, str, date, date, Decimal]]:
    """Plans for AIV, for every entity of some size without material support, and a few more."""
    initiatives = []

    def plan(entity: DemoEntity, size: int, template, planned_from: date) -> None:
        planned_to = planned_from
        for _ in range(template.months):
            planned_to = next_month(planned_to)
        budget = _round_to(template.budget_per_head * size, 500)
        initiatives.append(
            (
                entity.code,
                template.kind,
                template.title,
                template.motivation,
                planned_from,
                planned_to - timedelta(days=1),
                max(budget, Decimal("500.00")),
            )
        )

    for entity, size in gov.entities:
        if entity.code == "AIV":
            plan(entity, size, AIV_INITIATIVES[0], date(2024, 1, 1))
            plan(entity, size, AIV_INITIATIVES[1], date(2024, 7, 1))
            continue
        quarter = date(2024 + rng.randint(0, 1), rng.choice((1, 4, 7, 10)), 1)
        if entity.material == "none" and size >= 50:
            plan(entity, size, OTHER_INITIATIVES[0], quarter)
        elif entity.material == "basic" and rng.random() < 0.25:
            plan(entity, size, OTHER_INITIATIVES[1], quarter)
        if rng.random() < 0.15:
            plan(entity, size, rng.choice(OTHER_INITIATIVES[2:]), quarter)
    return initiatives


def _weekend_days(rng: random.Random, gov: Government) -> list[tuple[int, date]]:
    """A few home days registered on a Saturday or Sunday (the import warns about them), on
    days that are no holiday, so that each gives one warning."""
    holidays = holidays_of(DEFAULT["calendar"], range(gov.first_day.year, gov.last_day.year + 1))
    periods = [
        (person.index, period)
        for person, period in periods_of(gov)
        if period.home_days and period.covers(max(period.start, gov.first_day))
    ]
    days = []
    for person, period in rng.sample(periods, min(planted_count(len(gov.people)), len(periods))):
        first = max(period.start, gov.first_day)
        last = min(period.end or gov.last_day, gov.last_day)
        for _ in range(10):  # a short period may have no weekend day that is not a holiday
            day = _day_between(rng, first, last)
            day += timedelta(days=(5 - day.weekday()) % 7 + rng.randint(0, 1))
            if day.weekday() >= 5 and day <= last and day not in holidays:
                days.append((person, day))
                break
    return sorted(days)
