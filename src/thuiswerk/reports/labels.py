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
    "2b": _("2b Material support"),
    "3-4": _("3-4 Planned initiatives"),
    "entities": _("Per entity"),
}

# Each question as the member asked it, made to stand on its own on its sheet.
QUESTIONS = {
    "1a": _(
        "Question 1a. How many staff members received the internet allowance (flat rate or "
        "third-party payer)? How many received other financial allowances? In absolute numbers "
        "and in percentages."
    ),
    "1b": _(
        "Question 1b. Which budget was reserved for the financial support of staff members "
        "working from home (internet allowance, home-working allowance)? An overview of the "
        "past years."
    ),
    "2a": _(
        "Question 2a. Which budget was reserved for the material support of staff members "
        "working from home (second screen, laptop, office chair, ...)? An overview of the past "
        "years."
    ),
    "2b": _(
        "Question 2b. How many staff members benefited from material support (second screen, "
        "laptop, office chair, ...) in the past years? An overview of the past years."
    ),
    "3-4": _(
        "Questions 3 and 4. Are further initiatives planned for the financial (question 3) or "
        "material (question 4) support of staff members working from home? With motivation, "
        "timing and budget."
    ),
    "entities": _(
        "The main figures per entity, per year. The last row of each year is the Flemish "
        "government as a whole."
    ),
}

YEAR = _("Year")
ALL_ENTITIES = _("Flemish government (all entities)")

ROWS = {
    "months": _("Months counted"),
    "headcount": _("Staff members (headcount)"),
    "internet_forfait": _("Internet allowance, flat rate (number)"),
    "internet_third_party": _("Internet allowance, third-party payer (number)"),
    "internet_total": _("Internet allowance, total (number)"),
    "internet_forfait_pct": _("Internet allowance, flat rate (%)"),
    "internet_third_party_pct": _("Internet allowance, third-party payer (%)"),
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

CHARTS = {
    "allowances": _("Staff members with an allowance"),
    "allowances_pct": _("Share of staff members with an allowance (%)"),
    "financial": _("Financial support: reserved and spent (EUR)"),
    "material": _("Material support: reserved and spent (EUR)"),
    "beneficiaries": _("Beneficiaries of material support"),
    "category_cost": _("Cost of material support per category (EUR)"),
}

COVER = {
    "entity": _("Entity"),
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
    "in_law_from": _("Applies since"),
    "legal_source": _("Legal source"),
    "assumption": _("Assumption"),
    "yes": _("yes"),
    "no": _("no"),
    "no_months": _("no month has ended yet"),
    "status": _("Status of the figures"),
    "provisional": _("provisional"),
    "final": _("final: every month counted is closed"),
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

INITIATIVE_LISTS = {
    "current": _("Current and planned initiatives"),
    "past": _("Initiatives that have already ended (planned to before the as-of date)"),
}

# Where a measure did not exist yet in a year: instead of a 0 that reads as "nobody".
NOT_YET = _("applies since {date}")

COUNTING = _(
    "How a staff member is counted: once per year, as soon as the allowance was due to them for "
    "at least one month of that year, whether for one month or for twelve. Most staff members who "
    "work from home regularly are entitled to both allowances, so the numbers for the internet and "
    "the home-working allowance are close to each other."
)

PROVISIONAL = _(
    "Provisional figures: not every month counted is closed yet ({months}); these figures can "
    "still change."
)

TOTAL_NOTE = _(
    "The total counts each staff member once, also one who worked in several entities in the "
    "year; it can therefore be lower than the sum of the entities. Amounts are the sum of the "
    "entities."
)

# Page header and footer; &P and &N are the page number and the number of pages.
PAGE = _("Page &P/&N")
AS_OF_DATE = _("As of {date}")

# The per-entity sheet, where a note does not fit in a cell.
NA = _("n/a")
NOT_APPLICABLE = _("n/a: {measure} applies since {date}.")
MEASURES = {"internet": _("the internet allowance"), "homework": _("the home-working allowance")}

COUNTING_TITLE = _("How a staff member is counted")
