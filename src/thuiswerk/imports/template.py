"""The empty import workbook: a sheet per kind with its exact headers, drop-down lists for every
enumeration, date and number formats, and a first sheet of instructions; sheet names, headers,
drop-down values and instructions in the active language (Dutch: "Instructies", "personeel",
"personeelsnummer", "thuis"...)."""

from pathlib import Path

import xlsxwriter
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from .kinds import KINDS, Column, Type

# Drop-down lists and formats reach this far down (Excel's last row is 1,048,576).
LAST_ROW = 100_000

TYPE_NAMES = {
    Type.TEXT: pgettext_lazy("import template", "text"),
    Type.EMAIL: pgettext_lazy("import template", "e-mail address"),
    Type.DATE: pgettext_lazy("import template", "date (dd/mm/yyyy or yyyy-mm-dd)"),
    Type.MONTH: pgettext_lazy("import template", "month (yyyy-mm)"),
    Type.DECIMAL: pgettext_lazy("import template", "number"),
    Type.INTEGER: pgettext_lazy("import template", "whole number"),
    Type.CHOICE: pgettext_lazy("import template", "drop-down list"),
    Type.EMPLOYEE: pgettext_lazy("import template", "personnel number"),
    Type.ENTITY: pgettext_lazy("import template", "entity code"),
}

GENERAL = (
    gettext_lazy("Home-working import file"),
    "",
    gettext_lazy(
        "Fill in the rows of each sheet below its header. Leave the sheet names and headers "
        "as they are; a sheet without rows is skipped."
    ),
    gettext_lazy(
        "Import: thuiswerk import FILE.xlsx (or CSV files named after the sheet, e.g. "
        "personeel.csv). All sheets are imported together, the staff first."
    ),
    gettext_lazy(
        "All or nothing: with one error nothing is stored, and you get every error as "
        "file:row:column: message. Warnings (e.g. a registration on a weekend day or holiday) "
        "do not stop the import."
    ),
    gettext_lazy(
        "Importing again is safe: a row with the same key updates the stored row; nothing is "
        "stored twice."
    ),
    gettext_lazy(
        "Dates: dd/mm/yyyy or yyyy-mm-dd, from 01/01/1901 to 31/12/2099. Months: yyyy-mm. "
        "Numbers: a comma or a point as the decimal mark, no thousands separator (1234,50). "
        "Drop-down lists: choose a value from the list."
    ),
    gettext_lazy(
        "References: a personnel number or entity code must be known already or appear on "
        "the staff sheet."
    ),
    gettext_lazy(
        "Headers and values may also be given in English (e.g. employee_id, home); the "
        "import accepts both."
    ),
)


def _type_text(column: Column) -> str:
    text = str(TYPE_NAMES[column.type])
    if column.type is Type.DECIMAL:
        text += _(" (at most {places} decimals)").format(places=column.places)
    if column.max_length:
        text += _(", at most {length} characters").format(length=column.max_length)
    return text


def template_write(*, path: Path) -> None:
    workbook = xlsxwriter.Workbook(str(path))
    bold = workbook.add_format({"bold": True})
    title = workbook.add_format({"bold": True, "font_size": 14})
    header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    formats = {
        Type.DATE: workbook.add_format({"num_format": "dd/mm/yyyy"}),
        Type.INTEGER: workbook.add_format({"num_format": "0"}),
        # Text keeps codes with leading zeros and stops Excel turning 2023-01 into a date.
        Type.TEXT: workbook.add_format({"num_format": "@"}),
    }
    decimals = {
        places: workbook.add_format({"num_format": "0." + "0" * places}) for places in (1, 2, 3)
    }

    instructions = workbook.add_worksheet(pgettext("import template", "Instructions"))
    instructions.set_column(0, 1, 18)
    instructions.set_column(2, 2, 10)
    instructions.set_column(3, 4, 30)
    instructions.set_column(5, 5, 70)
    for row, line in enumerate(GENERAL):
        instructions.write(row, 0, str(line), title if row == 0 else None)
    row = len(GENERAL) + 1
    headings = [
        pgettext("import template", "Sheet"),
        pgettext("import template", "Column"),
        pgettext("import template", "Required"),
        pgettext("import template", "Type"),
        pgettext("import template", "Allowed values"),
        pgettext("import template", "Help"),
    ]
    instructions.write_row(row, 0, headings, header)
    for kind in KINDS.values():
        row += 2
        instructions.write(row, 0, kind.title, bold)
        key = " + ".join(kind.column(name).title for name in kind.key)
        instructions.write(row, 5, _("{help} Key: {key}.").format(help=kind.help, key=key), wrap)
        for column in kind.columns:
            row += 1
            instructions.write_row(
                row,
                0,
                [
                    kind.title,
                    column.title,
                    pgettext("import template", "yes")
                    if column.required
                    else pgettext("import template", "no"),
                    _type_text(column),
                    ", ".join(column.values()),
                    str(column.help),
                ],
                wrap,
            )

    for kind in KINDS.values():
        sheet = workbook.add_worksheet(kind.title)
        sheet.freeze_panes(1, 0)
        for index, column in enumerate(kind.columns):
            sheet.write(0, index, column.title, header)
            if column.type is Type.DECIMAL:
                cell_format = decimals[column.places]
            else:
                cell_format = formats.get(column.type, formats[Type.TEXT])
            sheet.set_column(index, index, max(14, len(column.title) + 4), cell_format)
            if column.choices:
                values = column.values()
                sheet.data_validation(
                    1,
                    index,
                    LAST_ROW,
                    index,
                    {
                        "validate": "list",
                        "source": values,
                        "error_title": column.title,
                        "error_message": _("Choose one of: {values}").format(
                            values=", ".join(values)
                        ),
                    },
                )
            sheet.write_comment(0, index, str(column.help))
    workbook.close()
