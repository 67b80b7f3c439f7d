"""A report and the map warn of what changes every figure: a plan over its own budget, imported pairs left out.

Both were said only by ``evaluate`` and ``validate``; the report a councillor reads said neither.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from typer.testing import CliRunner

from hubplan.cli import app
from tests.helpers import write_workspace

runner = CliRunner()


def _report_text(folder: Path, out: Path) -> str:
    result = runner.invoke(app, ["report", str(folder), "--out", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_a_plan_over_its_own_budget_is_said_at_the_top_of_the_report(tmp_path: Path) -> None:
    scenarios = {"both": "bases: [S1, S2]\n", "x": "budget_per_year: 1\nbases: [S1, S2]\n"}
    text = _report_text(write_workspace(tmp_path / "w", scenarios=scenarios), tmp_path / "out")
    # The tiny sites cost £100 and £50 a year (tests/helpers.py): £150 against a budget of £1.
    assert (
        "Read with care. Over budget: scenario 'x' (scenarios/x.yaml): its bases cost £150 a year, "
        "more than its budget_per_year of £1." in text
    )
    assert text.count("Read with care.") == 1  # 'both' has no budget, so nothing to warn of


def test_imported_minutes_leaving_pairs_out_are_said_in_the_report_and_on_the_map(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    table = tmp_path / "t.csv"
    table.write_text("area_id,site_id,mode,minutes\nA1,S1,car,5\n")
    result = runner.invoke(app, ["travel", str(folder), "--import", str(table), "--partial"])
    assert result.exit_code == 0, result.output
    text = _report_text(folder, tmp_path / "out")
    warning = (
        "car minutes are imported: 5 of 6 area-site pairs (83.3%) are not given and count as unreachable"
    )
    # Said once however many scenarios the report compares (the table is the same for each).
    assert text.count(f"Read with care. {warning[0].upper()}{warning[1:]}.") == 1

    from fastapi.testclient import TestClient

    from hubplan.web import create_app

    with TestClient(create_app(folder)) as client:
        evaluation = client.post("/api/evaluate", json={"bases": ["S1"]}).json()["evaluation"]
    assert evaluation["cautions"] == [warning]
