"""Why a measure is or is not due, in plain language, from the facts the engine computed.

One builder for two sources: the explanation JSON a ledger line carries (the month facts and the
parameter values that run used) and the month facts the rules give now (`month_explanation`),
which also say why a measure is *not* due (there is no line to explain then).
"""

import json
from datetime import date
from decimal import Decimal
from math import floor
from typing import Any

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thuiswerk.allowances.models import LedgerLine
from thuiswerk.core.formatting import format_date, format_money, format_number
from thuiswerk.core.money import from_cents

HOMEWORK = "HOMEWORK"
INTERNET = "INTERNET"
Measure = LedgerLine.Measure


def days(value: float | Decimal) -> str:
    """`4`, or `2,5` with a half day."""
    return format_number(value, 0 if value == int(value) else 1)


def _count(value: float) -> int:
    # ngettext wants a whole number: one day is singular, anything else (0, 2,5, 6) plural.
    return 1 if value == 1 else 2


def month_name(month: date) -> str:
    return date_format(month, "F")


def not_employed(month: date) -> str:
    return _("You had no working day in service in %(month)s: nothing is due for this month.") % {
        "month": month_name(month)
    }


def measure_text(
    measure: str,
    month: date,
    facts: dict[str, Any],
    parameters: dict[str, str],
    *,
    due: bool,
    in_force: bool = True,
    invoices_cents: int | None = None,
) -> str:
    """Why HOMEWORK or INTERNET is (`due`) or is not due for the month, from its facts and the
    parameter values (name -> stored text) that were in force."""
    name = month_name(month)
    if measure == HOMEWORK:
        label = _("the home-working allowance")
        effective = parameters.get("homework_effective_from")
        required = facts["homework_required"]
    else:
        label = _("the internet allowance")
        effective = parameters.get("internet_effective_from")
        required = facts["internet_required"]
    if not in_force:
        return _("%(measure)s applies from %(day)s: it is not due for %(month)s.") % {
            "measure": label[:1].upper() + label[1:],
            "day": format_date(date.fromisoformat(effective)),
            "month": name,
        }
    home = facts["home_days"]
    parts = [
        ngettext(
            "You worked from home on %(home)s day in %(month)s",
            "You worked from home on %(home)s days in %(month)s",
            _count(home),
        )
        % {"home": days(home), "month": name}
        + ngettext("; %(required)s was needed", "; %(required)s were needed", _count(required))
        % {"required": days(required)}
        + _required_basis(measure, facts, parameters)
        + "."
    ]
    if facts["absent_days"]:
        parts.append(
            _("Of your %(employed)s working days in service you were absent on %(absent)s.")
            % {"employed": facts["employed_days"], "absent": days(facts["absent_days"])}
        )
    if facts["has_agreement"]:
        parts.append(_("You had an approved hybrid-work agreement."))
    else:
        parts.append(
            _("No approved hybrid-work agreement covered a working day of yours in %(month)s.")
            % {"month": name}
        )
    if due:
        parts.append(_payment(measure, facts, parameters, invoices_cents))
    elif not facts["has_agreement"] and home >= required:
        parts.append(
            _("Without an approved agreement %(measure)s is not due.") % {"measure": label}
        )
    elif not facts["has_agreement"]:
        parts.append(
            _("Without an approved agreement and with too few home days %(measure)s is not due.")
            % {"measure": label}
        )
    else:
        parts.append(_("That is too few: %(measure)s is not due.") % {"measure": label})
    return " ".join(parts)


def _required_basis(measure: str, facts: dict[str, Any], parameters: dict[str, str]) -> str:
    if measure == INTERNET:
        return ""
    weeks = floor(facts["present_days"] / 5)
    if "homework_min_days_per_week" in parameters:
        per_week = Decimal(parameters["homework_min_days_per_week"])
    else:  # a correction's facts carry no parameters: required = weeks x per week, or 1
        per_week = Decimal(str(facts["homework_required"])) / weeks if weeks else Decimal(1)
    per_week_text = ngettext("%(days)s day", "%(days)s days", _count(float(per_week))) % {
        "days": days(per_week)
    }
    if weeks * per_week < 1:
        return " " + _("(%(per_week)s a week on average, and at least 1 in any month)") % {
            "per_week": per_week_text
        }
    return " " + _(
        "(%(per_week)s a week on average, in proportion to your working days: %(present)s working"
        " days present make %(weeks)s full weeks)"
    ) % {"per_week": per_week_text, "present": days(facts["present_days"]), "weeks": weeks}


def _payment(
    measure: str, facts: dict[str, Any], parameters: dict[str, str], invoices_cents: int | None
) -> str:
    if measure == HOMEWORK:
        return _("So you receive the home-working allowance of %(amount)s.") % {
            "amount": format_money(Decimal(parameters["homework_amount"]))
        }
    if facts["internet_option"] == "third_party":
        text = _(
            "You chose the third-party payer: your employer pays your internet provider directly,"
            " and you receive no amount yourself."
        )
        if invoices_cents is not None:
            text += " " + _("For this month the employer pays %(amount)s.") % {
                "amount": format_money(from_cents(invoices_cents))
            }
        if "third_party_benefit_in_kind" in parameters:
            text += " " + _("A benefit in kind of %(amount)s counts as taxable pay.") % {
                "amount": format_money(Decimal(parameters["third_party_benefit_in_kind"]))
            }
        return text
    return _("So you receive the internet allowance, a flat %(amount)s.") % {
        "amount": format_money(Decimal(parameters["internet_forfait_amount"]))
    }


def _measure_of(line_measure: str) -> str:
    return HOMEWORK if line_measure == Measure.HOMEWORK else INTERNET


def line_text(line: LedgerLine) -> str:
    """What one ledger line pays and why, from the explanation JSON it carries."""
    data = json.loads(line.explanation)
    if "correction" in data:
        return _correction_text(line, data)
    return _entitlement_text(line.measure, line.month, data)


def _entitlement_text(line_measure: str, month: date, data: dict[str, Any]) -> str:
    if not data.get("facts"):
        return ""
    if line_measure == Measure.INTERNET_BIK:
        return _(
            "Your employer pays your internet subscription (third-party payer): a benefit in kind"
            " of %(amount)s counts as taxable pay; it is not paid out to you."
        ) % {"amount": format_money(Decimal(data["parameters"]["third_party_benefit_in_kind"]))}
    return measure_text(
        _measure_of(line_measure),
        month,
        data["facts"],
        data["parameters"],
        due=True,
        invoices_cents=data.get("invoices_cents"),
    )


def _correction_text(line: LedgerLine, data: dict[str, Any]) -> str:
    paid_cents = data["correction"][
        "paid_employer_cost_cents"
        if line.measure == Measure.INTERNET_THIRD_PARTY
        else "paid_employee_amount_cents"
    ]
    difference = (
        line.employer_cost if line.measure == Measure.INTERNET_THIRD_PARTY else line.employee_amount
    )
    paid = from_cents(paid_cents)
    text = _(
        "Correction: for %(month)s %(paid)s was paid; by the registrations and rules as they are"
        " now %(now)s is due, so %(difference)s is settled in the pay of %(booked)s."
    ) % {
        "month": date_format(line.month, "F Y"),
        "paid": format_money(paid),
        "now": format_money(paid + difference),
        "difference": format_money(difference),
        "booked": date_format(line.booked_in, "F Y"),
    }
    if data.get("now_due"):
        reason = _entitlement_text(line.measure, line.month, data["now_due"])
    elif data.get("facts") and line.measure != Measure.INTERNET_BIK:
        reason = measure_text(_measure_of(line.measure), line.month, data["facts"], {}, due=False)
    elif not data.get("facts"):
        reason = not_employed(line.month)
    else:
        reason = ""
    return f"{text} {reason}".strip()
