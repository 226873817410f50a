"""The console script end to end, as a user runs it: its own process, its own SQLite file."""

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

STAFF = """\
employee_id;first_name;last_name;email;entity_code;entity_name;fte;start_date;end_date;supervisor_id
P1;An;Peeters;an.peeters@vlaanderen.be;AIV;Agentschap Informatie Vlaanderen;1;01/01/2020;;
P2;Bart;Janssens;bart@vlaanderen.be;AIV;Agentschap Informatie Vlaanderen;0,8;01/01/2020;;P1
P3;Chris;Maes;chris@vlaanderen.be;DOV;Departement Omgeving;1;01/01/2020;;
"""
AGREEMENTS = """\
employee_id;valid_from;valid_to;days_per_week;status;approved_by;approved_on
P1;01/01/2023;;2;approved;P1;15/12/2022
P2;01/01/2022;;2;approved;P1;15/12/2021
P3;01/01/2023;;2;pending;;
"""
OPTIONS = "employee_id,option,valid_from,provider\nP2,third_party,2022-01-01,Proximus\n"
INVOICES = (
    'employee_id,month,provider,amount\nP2,2023-01,Proximus,"49,99"\nP2,2023-02,Proximus,49.99\n'
)
EQUIPMENT = (
    "employee_id;item;category;delivered_on;cost;ownership;returned_on\n"
    "P1;Bureaustoel;chair;15/03/2023;249,00;loan;\n"
)
BUDGETS = "entity_code;year;measure;amount\nAIV;2023;financial;5000\nAIV;2023;material;2000\n"
INITIATIVES = (
    "entity_code;kind;title;motivation;planned_from;planned_to;budget\n"
    "AIV;material;Tweede scherm voor iedereen;Ergonomie;01/01/2024;31/12/2024;15000\n"
)


def tuesdays(first: date, last: date) -> list[date]:
    days = (first + timedelta(days=i) for i in range((last - first).days + 1))
    return [d for d in days if d.weekday() == 1]


def registrations(employee: str, days: list[date]) -> str:
    return "employee_id,date,location,part\n" + "".join(f"{employee},{d},home,full\n" for d in days)


@pytest.fixture
def thuiswerk(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "PYTHONIOENCODING": "utf-8",
    }

    def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "-m", "thuiswerk.cli", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert (done.returncode == 0) == ok, done.stdout + done.stderr
        return done

    return run


def write(folder: Path, name: str, text: str) -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return name


@pytest.mark.slow
def test_a_quarter_from_files_to_the_parliamentary_answer(thuiswerk, tmp_path):
    assert "thuiswerk init" in thuiswerk("rules", ok=False).stderr
    thuiswerk("init")
    files = [
        write(tmp_path, "staff.csv", STAFF),
        write(tmp_path, "agreements.csv", AGREEMENTS),
        write(tmp_path, "internet_options.csv", OPTIONS),
        write(tmp_path, "invoices.csv", INVOICES),
        write(tmp_path, "equipment.csv", EQUIPMENT),
        write(tmp_path, "budgets.csv", BUDGETS),
        write(tmp_path, "initiatives.csv", INITIATIVES),
        write(
            tmp_path,
            "registrations.csv",
            registrations("P2", tuesdays(date(2023, 1, 1), date(2023, 3, 31))),
        ),
    ]
    thuiswerk("import", *files)

    bad = write(
        tmp_path,
        "registrations-bad.csv",
        "employee_id,date,location,part\nP9,2023-02-30,garden,full\n",
    )
    refused = thuiswerk("import", bad, ok=False)
    assert "registrations-bad.csv:2:date:" in refused.stdout + refused.stderr

    thuiswerk("compute", "--from", "2023-01", "--to", "2023-03")
    thuiswerk("close", "--month", "2023-01")
    # P1's January home days arrive late: January is paid, so February gets the corrections.
    late = write(
        tmp_path,
        "registrations-p1.csv",
        registrations("P1", tuesdays(date(2023, 1, 1), date(2023, 1, 31))),
    )
    thuiswerk("import", late)
    thuiswerk("compute", "--from", "2023-01", "--to", "2023-03")

    explained = thuiswerk("explain", "P1", "--month", "2023-01").stdout
    assert "thuiswerkvergoeding: VERSCHULDIGD" in explained  # Dutch by default
    assert "thuiswerkvergoeding, correctie, geboekt in 2023-02, personeelslid € 20,00" in explained

    machine = thuiswerk("export", "ledger", "--dialect", "iso", "--out", "-").stdout
    ledger = list(csv.DictReader(io.StringIO(machine)))
    corrections = [
        (r["employee_id"], r["month"], r["booked_in"], r["measure"])
        for r in ledger
        if r["kind"] == "correction"
    ]
    assert sorted(corrections) == [
        ("P1", "2023-01", "2023-02", "HOMEWORK"),
        ("P1", "2023-01", "2023-02", "INTERNET_FORFAIT"),
    ]
    third_party = [r for r in ledger if r["measure"] == "INTERNET_THIRD_PARTY"]
    assert [(r["month"], r["employer_cost"]) for r in third_party] == [
        ("2023-01", "49.99"),
        ("2023-02", "49.99"),
        ("2023-03", "0.00"),  # no invoice yet: cost 0.00 and a warning
    ]

    thuiswerk("export", "payroll", "--month", "2023-02", "--out", "payroll.csv")
    with (tmp_path / "payroll.csv").open(encoding="utf-8-sig", newline="") as file:
        payroll = list(csv.DictReader(file, delimiter=";"))  # the be dialect, for Excel
    paid = {(r["personeelsnummer"], r["looncode"]): (r["bedrag"], r["betreft"]) for r in payroll}
    assert paid[("P1", "TW-THUISWERK")] == ("20,00", "2023-01")  # January's correction
    assert paid[("P2", "TW-VAA-INTERNET")] == ("5,00", "2023-02")
    assert {r["status"] for r in payroll} == {"voorlopig"}

    thuiswerk(
        "report",
        "parliament",
        "--entity",
        "AIV",
        "--as-of",
        "2023-03-31",
        "--years",
        "3",
        "--out",
        "aiv.xlsx",
        "--json",
        "aiv.json",
    )
    figures = json.loads((tmp_path / "aiv.json").read_text(encoding="utf-8"))
    year = figures["years"][-1]
    assert (year["year"], year["headcount"]) == (2023, 2)
    assert year["internet"] == {
        "forfait": 1,
        "third_party": 1,
        "total": 2,
        "pct": 100.0,
        "forfait_pct": 50.0,
        "third_party_pct": 50.0,
    }
    assert year["homework"] == {"total": 2, "pct": 100.0}
    assert year["financial"]["reserved"] == "5000.00"
    assert year["material"]["spent"] == "249.00"
    assert figures["initiatives"][0]["title"] == "Tweede scherm voor iedereen"
    assert (tmp_path / "aiv.xlsx").stat().st_size > 5000
