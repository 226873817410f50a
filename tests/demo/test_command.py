"""`thuiswerk demo` end to end on a small government."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from thuiswerk.allowances.models import LedgerLine, LedgerMonth
from thuiswerk.core.months import format_month, month_end, month_range
from thuiswerk.demo.generate import last_full_month
from thuiswerk.imports.kinds import KINDS


@pytest.mark.slow
def test_demo_imports_computes_closes_and_writes_both_workbooks(tmp_path, capsys):
    out, data = tmp_path / "out", tmp_path / "data"
    last = last_full_month(date.today())
    all_as_of = month_end(last).isoformat()

    call_command("demo", "--staff=40", "--seed=3", f"--out={out}", f"--data={data}", verbosity=0)

    printed = capsys.readouterr().out
    for step in range(1, 6):
        assert f"[{step}/5] " in printed
    assert {path.name for path in data.iterdir()} == {f"{kind}.csv" for kind in KINDS}
    workbooks = {
        "AIV": out / "parlement-AIV-2023-10-12",
        "ALL": out / f"parlement-ALL-{all_as_of}",
    }
    for entity, stem in workbooks.items():
        figures = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        assert figures["entity"] == entity
        assert len(figures["years"]) == 3
        assert str(stem.with_suffix(".xlsx")) in printed
        assert CalamineWorkbook.from_path(str(stem.with_suffix(".xlsx"))).sheet_names
    aiv = json.loads(workbooks["AIV"].with_suffix(".json").read_text(encoding="utf-8"))
    assert [year["year"] for year in aiv["years"]] == [2021, 2022, 2023]
    assert aiv["years"][-1]["headcount"] > 0
    assert aiv["initiatives"]
    everyone = json.loads(workbooks["ALL"].with_suffix(".json").read_text(encoding="utf-8"))
    assert everyone["as_of"] == all_as_of
    assert everyone["years"][-1]["internet"]["total"] > 0

    months = list(month_range(date(2021, 1, 1), last))
    closed = set(
        LedgerMonth.objects.filter(status=LedgerMonth.Status.CLOSED).values_list("month", flat=True)
    )
    assert closed == set(months[:-2]), [format_month(m) for m in sorted(closed)][-3:]
    assert LedgerLine.objects.filter(month=last).exists()
