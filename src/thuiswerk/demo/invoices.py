"""The third-party payers' invoices of the demo: one for every month in which the rules make an
INTERNET_THIRD_PARTY line due, and no other, except a few planted anomalies.

Whether a month is due depends on the day register (at least one home day, RULES.md), so the
invoices are made after the register, with the rules engine itself on the payers' data: the
demo cannot drift from the rules the monthly run applies. Planted, `planted_count(staff)` of
each, chosen by the seed:
- a missing invoice: a due month whose invoice never reached HR (the run warns "missing");
- a late invoice: the provider billed once more for the month after the payer's last due month
  (after the arrangement, the agreement or the employment ended; the run warns "unmatched").
"""

import random
from datetime import date
from decimal import Decimal

import polars as pl

from thuiswerk.core.months import month_range, next_month
from thuiswerk.rules.engine import compute_ledger
from thuiswerk.rules.parameters import DEFAULTS, ParameterSet

from .population import Contract, Government, planted_count, price

Invoice = tuple[int, date, str, Decimal]  # person, month, provider, amount


def third_party_payers(gov: Government) -> list[int]:
    return sorted({contract.person for contract in gov.contracts})


def due_months(gov: Government, registrations: pl.DataFrame) -> list[tuple[int, date]]:
    """(person, month) of every due INTERNET_THIRD_PARTY line of the payers, by the engine;
    `registrations` holds (at least) the payers' register: employee (the person's index), date,
    location, part."""
    payers = set(third_party_payers(gov))
    entity_ids = {entity.code: n for n, (entity, _) in enumerate(gov.entities)}
    employment = pl.DataFrame(
        [
            (person, entity_ids[period.entity], period.start, period.end)
            for person in sorted(payers)
            for period in gov.people[person].periods
        ],
        schema={
            "employee": pl.Int64,
            "entity": pl.Int64,
            "start_date": pl.Date,
            "end_date": pl.Date,
        },
        orient="row",
    )
    agreements = pl.DataFrame(
        [
            (a.person, a.valid_from, a.valid_to)
            for a in gov.agreements
            if a.status == "approved" and a.person in payers
        ],
        schema={"employee": pl.Int64, "valid_from": pl.Date, "valid_to": pl.Date},
        orient="row",
    )
    options = pl.DataFrame(
        [
            (p, option, valid_from)
            for p, option, valid_from, _ in gov.internet_options
            if p in payers
        ],
        schema={"employee": pl.Int64, "option": pl.String, "valid_from": pl.Date},
        orient="row",
    )
    computation = compute_ledger(
        list(month_range(gov.first_day, gov.last_day)),
        employment,
        registrations,
        agreements,
        options,
        pl.DataFrame(schema={"employee": pl.Int64, "month": pl.Date, "amount_cents": pl.Int64}),
        ParameterSet(DEFAULTS),
    )
    # Without any invoice, every due third-party line is a "missing invoice".
    return list(computation.missing_invoices.select("employee", "month").iter_rows())


def _contract_of(contracts: list[Contract], month: date) -> Contract:
    return next(
        c for c in contracts if c.first_month <= month and (c.until is None or month < c.until)
    )


def invoices(gov: Government, due: list[tuple[int, date]], *, seed: int) -> list[Invoice]:
    """The invoices of the due months, less the planted missing ones, plus the planted late
    ones; sorted by person and month."""
    rng = random.Random(f"{seed}:invoices")
    planted = planted_count(len(gov.people))
    last_month = gov.last_day.replace(day=1)
    contracts: dict[int, list[Contract]] = {}
    for contract in gov.contracts:
        contracts.setdefault(contract.person, []).append(contract)
    missing = set(rng.sample(due, min(planted, len(due))))
    last_due: dict[int, date] = {}
    for person, month in due:
        last_due[person] = max(month, last_due.get(person, month))
    ended = [(p, month) for p, month in sorted(last_due.items()) if month < last_month]
    late = rng.sample(ended, min(planted, len(ended)))
    billed = [
        (person, month, _contract_of(contracts[person], month))
        for person, month in due
        if (person, month) not in missing
    ]
    billed += [
        (person, next_month(month), _contract_of(contracts[person], month))
        for person, month in late
    ]
    return [
        (person, month, contract.provider, price(contract, month))
        for person, month, contract in sorted(billed, key=lambda b: (b[0], b[1]))
    ]
