"""Every text of the parliamentary workbook, in English, translated by Django's gettext.

The Dutch texts live in src/thuiswerk/locale/nl/LC_MESSAGES/django.po (the compiled .mo is
committed, so nothing needs GNU gettext at run time). Lazy: a text is translated when used, in
the language `translation.override` has activated.
"""

from django.utils.translation import gettext_lazy as _

TITLE = _("Support for staff working from home: parliamentary question")

SHEETS = {
    "cover": _("Cover"),
    "1a": _("1a Allowances"),
    "1b": _("1b Financial budget"),
    "2a": _("2a Material budget"),
    "2b": _("2b Material beneficiaries"),
    "3-4": _("3-4 Planned initiatives"),
    "entities": _("Per entity"),
}

QUESTIONS = {
    "1a": _(
        "1a. How many staff members received the internet allowance, and how many other "
        "financial allowances? Absolute numbers and percentages."
    ),
    "1b": _("1b. Which budget was reserved for it, and how much was spent?"),
    "2a": _("2a. Which budget was reserved for material support, and how much was spent?"),
    "2b": _("2b. How many staff members benefited from material support?"),
    "3-4": _(
        "3-4. Planned initiatives for financial (3) and material (4) support, with motivation, "
        "timing and budget."
    ),
    "entities": _("The main figures per entity."),
}

YEAR = _("Year")
ALL_ENTITIES = _("All entities")

ROWS = {
    "months": _("Months counted"),
    "headcount": _("Staff members (headcount)"),
    "internet_forfait": _("Internet allowance, flat rate (number)"),
    "internet_third_party": _("Internet allowance, third-party payer (number)"),
    "internet_total": _("Internet allowance, total (number)"),
    "internet_pct": _("Internet allowance, total (%)"),
    "homework_total": _("Home-working allowance (number)"),
    "homework_pct": _("Home-working allowance (%)"),
    "financial_reserved": _("Financial support: budget reserved"),
    "financial_spent": _("Financial support: spent"),
    "spent_internet_forfait": _("of which internet allowance, flat rate"),
    "spent_internet_third_party": _("of which internet allowance, third-party payer"),
    "spent_homework": _("of which home-working allowance"),
    "material_reserved": _("Material support: budget reserved"),
    "material_spent": _("Material support: spent"),
    "material_beneficiaries": _("Beneficiaries of material support (number)"),
    "material_pct": _("Beneficiaries of material support (%)"),
    "items": _("{category}: items"),
    "beneficiaries": _("{category}: beneficiaries"),
    "cost": _("{category}: cost"),
}

# Short column titles of the per-entity sheet.
ENTITY_COLUMNS = {
    "code": _("Code"),
    "name": _("Name"),
    "headcount": _("Headcount"),
    "internet_total": _("Internet (number)"),
    "internet_pct": _("Internet (%)"),
    "homework_total": _("Home-working (number)"),
    "homework_pct": _("Home-working (%)"),
    "financial_reserved": _("Financial reserved"),
    "financial_spent": _("Financial spent"),
    "material_reserved": _("Material reserved"),
    "material_spent": _("Material spent"),
    "material_beneficiaries": _("Material beneficiaries"),
    "material_pct": _("Material beneficiaries (%)"),
}

CATEGORIES = {
    "chair": _("Office chair"),
    "screen": _("Screen"),
    "laptop": _("Laptop"),
    "desk": _("Desk"),
    "headset": _("Headset"),
    "other": _("Other"),
}

KINDS = {"financial": _("financial"), "material": _("material")}

CHARTS = {
    "allowances": _("Staff members with an allowance"),
    "allowances_pct": _("Share of staff members with an allowance"),
    "financial": _("Financial support: reserved and spent (EUR)"),
    "material": _("Material support: reserved and spent (EUR)"),
    "beneficiaries": _("Beneficiaries of material support"),
    "category_cost": _("Cost of material support per category (EUR)"),
}

COVER = {
    "entity": _("Entity"),
    "name": _("Name"),
    "years": _("Years"),
    "period": _("Period counted"),
    "as_of": _("As of"),
    "generated": _("Generated on"),
    "definitions": _("Definitions"),
    "figure": _("Figure"),
    "definition": _("Definition"),
    "parameters": _("Parameter values in force on the as-of date"),
    "parameter": _("Parameter"),
    "value": _("Value"),
    "effective_from": _("In force from"),
    "legal_source": _("Legal source"),
    "assumption": _("Assumption"),
    "yes": _("yes"),
    "no": _("no"),
    "no_months": _("no month has ended yet"),
}

DEFINITIONS = (
    (
        _("Months counted"),
        _(
            "Each year counts only the months that ended on or before the as-of date, so the "
            "as-of year can be partial."
        ),
    ),
    (
        _("Staff members (headcount)"),
        _(
            "Distinct staff members with at least one working day inside an employment period "
            "of the entity in the months counted. Someone who moved counts in every entity "
            "where they worked; for all entities together each staff member counts once."
        ),
    ),
    (
        _("Internet allowance, flat rate"),
        _(
            "Distinct staff members to whom the flat-rate internet allowance is due for at least "
            "one month counted, after corrections (a withdrawn month does not count)."
        ),
    ),
    (
        _("Internet allowance, third-party payer"),
        _(
            "Distinct staff members whose internet subscription the employer pays to the provider "
            "for at least one month counted, after corrections, also when the invoice is missing."
        ),
    ),
    (
        _("Internet allowance, total"),
        _(
            "Distinct staff members with either form; someone who switched counts in both forms "
            "and once in the total."
        ),
    ),
    (
        _("Home-working allowance"),
        _(
            "Distinct staff members to whom the home-working allowance is due for at least one "
            "month counted, after corrections."
        ),
    ),
    (
        _("Percentages"),
        _(
            "100 x number / headcount of the same year and entity, rounded half up to one "
            "decimal; 0.0 when the headcount is 0."
        ),
    ),
    (
        _("Financial support: spent"),
        _(
            "The employer's cost of the flat-rate internet allowance, of the third-party payer "
            "invoices and of the home-working allowance for the months counted; corrections count "
            "for the month they concern. The benefit in kind of the third-party payer costs the "
            "employer nothing."
        ),
    ),
    (
        _("Budget reserved"),
        _("The budget lines of the year: the full year, also when only part of it has passed."),
    ),
    (
        _("Material support: spent"),
        _(
            "The cost of the equipment delivered in the months counted, loans and gifts alike, "
            "booked on the entity of the staff member on the day of delivery."
        ),
    ),
    (
        _("Beneficiaries of material support"),
        _(
            "Distinct staff members who received equipment in the months counted; per category "
            "the items, the distinct staff members and the cost."
        ),
    ),
    (
        _("Planned initiatives"),
        _(
            "The initiatives the entity plans for financial (question 3) and material (question "
            "4) support, with motivation, timing and budget."
        ),
    ),
)

INITIATIVES = {
    "entity": _("Entity"),
    "kind": _("Kind"),
    "title": _("Title"),
    "motivation": _("Motivation"),
    "planned_from": _("Planned from"),
    "planned_to": _("Planned to"),
    "budget": _("Budget"),
}

NONE_PLANNED = {
    "financial": _("No financial initiatives are planned."),
    "material": _("No material initiatives are planned."),
}
