"""Dutch names of files, sheets, headers and values are accepted and stored as the English
values; messages are Dutch in Dutch, naming the column as the file does."""

import pytest
import xlsxwriter

from thuiswerk.equipment.models import Delivery
from thuiswerk.people.models import EmploymentPeriod
from thuiswerk.telework.models import Agreement, InternetOption, Registration

from .conftest import STAFF, run, strings, write

pytestmark = pytest.mark.django_db

PERSONEEL = """\
Personeelsnummer;Voornaam;Familienaam;E-mail;Entiteitscode;Entiteitsnaam;VTE;Begindatum;Einddatum;Leidinggevende
P1;An;Peeters;;AIV;Agentschap Informatie Vlaanderen;1;01/01/2020;;
P2;Bart;Janssens;;AIV;Agentschap Informatie Vlaanderen;0,8;01/01/2020;;P1
"""


def test_dutch_file_names_headers_and_values():
    result = run(
        write("personeel.csv", PERSONEEL),
        write(
            "overeenkomsten-2023.csv",
            "personeelsnummer;geldig vanaf;geldig_tot;dagen_per_week;status;goedgekeurd_door;"
            "goedgekeurd_op\nP2;01/03/2022;;2,5;Goedgekeurd;P1;15/02/2022\n",
        ),
        write(
            "registraties.csv",
            "personeelsnummer;datum;plaats;dagdeel\n"
            "P2;02/01/2023;thuis;volledige dag\n"
            "P2;03/01/2023;kantoor;voormiddag\n"
            "P2;03/01/2023;andere;namiddag\n"
            "P1;02/01/2023;afwezig;\n",
        ),
        write(
            "internetkeuzes.csv",
            "personeelsnummer;keuze;geldig_vanaf;provider\nP2;derdebetaler;01/01/2022;Proximus\n",
        ),
        write(
            "materiaal.csv",
            "personeelsnummer;voorwerp;categorie;geleverd_op;kostprijs;eigendom;teruggegeven_op\n"
            "P2;Bureaustoel;bureaustoel;15/03/2021;249,00;bruikleen;\n",
        ),
    )
    assert result.ok, strings(result.errors)
    assert EmploymentPeriod.objects.count() == 2
    assert Agreement.objects.get().status == Agreement.Status.APPROVED
    assert sorted(Registration.objects.values_list("part", "location")) == [
        ("am", "office"),
        ("full", "absent"),
        ("full", "home"),
        ("pm", "other"),
    ]
    assert InternetOption.objects.get().option == InternetOption.Option.THIRD_PARTY
    delivery = Delivery.objects.get()
    assert (delivery.category, delivery.ownership) == ("chair", "loan")


def test_a_dutch_workbook(tmp_path):
    path = tmp_path / "import.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Instructies").write(0, 0, "uitleg")
    sheet = workbook.add_worksheet("personeel")
    for row, line in enumerate(PERSONEEL.splitlines()):
        sheet.write_row(row, 0, line.split(";"))
    sheet = workbook.add_worksheet("budgetten")
    sheet.write_row(0, 0, ["entiteitscode", "jaar", "soort", "bedrag"])
    sheet.write_row(1, 0, ["AIV", 2023, "materieel", 1000])
    workbook.close()
    result = run(path)
    assert result.ok, strings(result.errors)
    assert result.counts["budgets"] == {"created": 1, "updated": 0, "unchanged": 0}


def test_dutch_messages_name_the_column_as_in_the_file(dutch, staff):
    result = run(
        write(
            "registraties.csv",
            "personeelsnummer;Datum;plaats;dagdeel\n"
            "P9;02/01/2023;thuis;\n"
            "P2;31/02/2023;tuin;\n"
            "P2;07/01/2023;thuis;\n"
            "P2;09/01/2023;thuis;volledige dag\n"
            "P2;09/01/2023;thuis;voormiddag\n",
        )
    )
    assert strings(result.errors) == [
        "registraties.csv:2:personeelsnummer: onbekend personeelslid 'P9'",
        "registraties.csv:3:Datum: geen datum (JJJJ-MM-DD of dd/mm/jjjj): '31/02/2023'",
        "registraties.csv:3:plaats: onbekende waarde 'tuin' (toegelaten: thuis, kantoor, "
        "andere, afwezig)",
        "registraties.csv:6:dagdeel: 'voormiddag' op een dag die rij 5 registreert als "
        "'volledige dag'",
    ]
    assert strings(result.warnings) == [
        "registraties.csv:4:Datum: 07/01/2023 is een zaterdag, geen werkdag"
    ]


def test_dutch_messages_for_english_headers(dutch, staff):
    result = run(
        write(
            "agreements.csv",
            "employee_id;valid_from;valid_to;days_per_week;status;approved_by;approved_on\n"
            "P2;2022-03-01;2022-02-01;2;approved;;\n"
            "P2;2022-03-01;;2;approved;;\n",
        )
    )
    assert strings(result.errors) == [
        "agreements.csv:2:valid_to: valid_to 01/02/2022 ligt vóór valid_from 01/03/2022",
        "agreements.csv:3:employee_id: dubbel met rij 2 (zelfde employee_id, valid_from)",
    ]


def test_dutch_header_errors(dutch, staff):
    result = run(write("registraties.csv", "personeelsnummer;datum;waar\nP2;02/01/2023;thuis\n"))
    assert strings(result.errors) == [
        "registraties.csv:1:waar: onbekende kolom; de kolommen van registraties zijn "
        "personeelsnummer, datum, plaats, dagdeel",
        "registraties.csv:1:plaats: ontbrekende kolom",
        "registraties.csv:1:dagdeel: ontbrekende kolom",
    ]


def test_an_unknown_kind_lists_the_dutch_names(dutch, db):
    assert strings(run(write("mensen.csv", "a\n1\n")).errors) == [
        "mensen.csv: onbekende soort 'mensen': de naam moet een van deze bevatten: personeel, "
        "overeenkomsten, registraties, internetkeuzes, facturen, materiaal, budgetten, "
        "initiatieven"
    ]


def test_english_and_dutch_staff_are_one_kind(db):
    p1_only = "\n".join(PERSONEEL.splitlines()[:2]) + "\n"
    result = run(write("staff.csv", STAFF), write("personeel.csv", p1_only))
    assert result.ok, strings(result.errors)
    assert result.counts["employment_periods"]["unchanged"] == 1  # P1 in both


def test_dutch_messages_for_numbers_and_dates(dutch, staff):
    result = run(
        write(
            "facturen.csv",
            "personeelsnummer;maand;provider;bedrag\n"
            "P2;2023-01;Proximus;123456789,00\n"
            "P2;2023-02;Proximus;12,345\n"
            "P2;2150-03;Proximus;1\n",
        )
    )
    assert strings(result.errors) == [
        "facturen.csv:2:bedrag: te groot: hoogstens 8 cijfer(s) voor de komma: '123456789,00'",
        "facturen.csv:3:bedrag: te veel decimalen (hoogstens 2): '12,345'",
        "facturen.csv:4:maand: buiten de aanvaarde datums 01/01/1901 tot 31/12/2099: '2150-03'",
    ]
