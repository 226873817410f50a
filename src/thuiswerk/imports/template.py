"""The empty import workbook: a sheet per kind with its exact headers, drop-down lists for every
enumeration, date and number formats, and a first sheet "Instructies" in Dutch."""

from pathlib import Path

import xlsxwriter

from .kinds import KINDS, Column, Type

# Drop-down lists and formats reach this far down (Excel's last row is 1,048,576).
LAST_ROW = 100_000

TYPE_NL = {
    Type.TEXT: "tekst",
    Type.EMAIL: "e-mailadres",
    Type.DATE: "datum (dd/mm/jjjj of jjjj-mm-dd)",
    Type.MONTH: "maand (jjjj-mm)",
    Type.DECIMAL: "getal",
    Type.INTEGER: "geheel getal",
    Type.CHOICE: "keuzelijst",
    Type.EMPLOYEE: "personeelsnummer",
    Type.ENTITY: "entiteitscode",
}

GENERAL_NL = (
    "Importbestand thuiswerk",
    "",
    "Vul op elk blad de rijen in onder de kopregel. Laat de bladnamen en de kopregels "
    "ongewijzigd; een blad zonder rijen wordt overgeslagen.",
    "Inlezen: thuiswerk import BESTAND.xlsx (of CSV-bestanden met de naam van het blad, "
    "bv. staff.csv). Alle bladen worden samen ingelezen, staff eerst.",
    "Alles of niets: bij één fout wordt niets opgeslagen en krijgt u elke fout als "
    "bestand:rij:kolom: melding. Waarschuwingen (bv. een registratie op een weekend of "
    "feestdag) houden het inlezen niet tegen.",
    "Opnieuw inlezen is veilig: een rij met dezelfde sleutel werkt de opgeslagen rij bij; "
    "er wordt niets dubbel opgeslagen.",
    "Datums: dd/mm/jjjj of jjjj-mm-dd. Maanden: jjjj-mm. Getallen: komma of punt als "
    "decimaalteken, zonder scheidingsteken voor duizendtallen (1234,50). Keuzelijsten: "
    "kies een waarde uit de lijst.",
    "Verwijzingen: een personeelsnummer of entiteitscode moet al bekend zijn of voorkomen "
    "op het blad staff.",
)


def _kind_nl(column: Column) -> str:
    text = TYPE_NL[column.type]
    if column.type is Type.DECIMAL:
        text += f" (hoogstens {column.places} decimalen)"
    if column.max_length:
        text += f", hoogstens {column.max_length} tekens"
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

    instructions = workbook.add_worksheet("Instructies")
    instructions.set_column(0, 1, 18)
    instructions.set_column(2, 2, 10)
    instructions.set_column(3, 4, 30)
    instructions.set_column(5, 5, 70)
    for row, line in enumerate(GENERAL_NL):
        instructions.write(row, 0, line, title if row == 0 else None)
    row = len(GENERAL_NL) + 1
    instructions.write_row(
        row, 0, ["Blad", "Kolom", "Verplicht", "Soort", "Toegelaten waarden", "Uitleg"], header
    )
    for kind in KINDS.values():
        row += 2
        instructions.write(row, 0, kind.name, bold)
        instructions.write(row, 5, f"{kind.help} Sleutel: {' + '.join(kind.key)}.", wrap)
        for column in kind.columns:
            row += 1
            instructions.write_row(
                row,
                0,
                [
                    kind.name,
                    column.name,
                    "ja" if column.required else "nee",
                    _kind_nl(column),
                    ", ".join(column.choices),
                    column.help,
                ],
                wrap,
            )

    for kind in KINDS.values():
        sheet = workbook.add_worksheet(kind.name)
        sheet.freeze_panes(1, 0)
        for index, column in enumerate(kind.columns):
            sheet.write(0, index, column.name, header)
            if column.type is Type.DECIMAL:
                cell_format = decimals[column.places]
            else:
                cell_format = formats.get(column.type, formats[Type.TEXT])
            sheet.set_column(index, index, max(14, len(column.name) + 4), cell_format)
            if column.choices:
                sheet.data_validation(
                    1,
                    index,
                    LAST_ROW,
                    index,
                    {
                        "validate": "list",
                        "source": list(column.choices),
                        "error_title": column.name,
                        "error_message": f"Kies een van: {', '.join(column.choices)}",
                    },
                )
            sheet.write_comment(0, index, column.help)
    workbook.close()
