"""Journeys that are travel inside an area (a base at the area's own point, "0 min") are said, never shown bare."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import load_workspace
from hubplan.evaluate import evaluate
from hubplan.evaluate.within_area import NOT_MODELLED, ZERO_NOTE
from tests.helpers import write_workspace

runner = CliRunner()

ISLANDS = """
[region]
name = "Islands"
districts = ["Isles"]
bounds = { min_lat = 49.8, max_lat = 50.1, min_lon = -6.5, max_lon = -6.1 }
"""


def test_one_area_over_islands_is_a_warning_in_evaluate_and_a_caution_in_the_report(tmp_path: Path) -> None:
    """Scilly as a user would write it: one area (92 children) and its own centre as the only site.
    Every child's walk and bus minutes are 0: evaluate warns, and the caution reaches the report."""
    folder = write_workspace(
        tmp_path / "scilly",
        sites=["hub,Hugh Town hub,other,49.9150,-6.3100,Isles,"],
        areas=["E01019077,49.9150,-6.3100,Isles,92,4,rural_village,0.12"],
        scenarios={"one": "bases: [hub]\n"},
        toml=ISLANDS,
        areas_header="id,lat,lon,district,children,deprivation_decile,rurality,no_car_share",
    )
    result = runner.invoke(app, ["evaluate", str(folder), "one"])
    assert result.exit_code == 0, result.output
    warning = " ".join(result.stderr.split())
    assert (
        "warning: journeys not modelled: 92 of 92 children (100%) have a base at their own area's point"
        in warning
    )
    assert "the workspace has only 1 area" in warning
    assert "travel inside an area is not modelled" in warning
    assert "boats or ferries not at all" in warning
    as_json = json.loads(runner.invoke(app, ["evaluate", str(folder), "one", "--json"]).stdout)
    assert any(c.startswith(NOT_MODELLED) for c in as_json["cautions"])
    optimised = runner.invoke(app, ["optimise", str(folder), "--bases", "1", "--dry-run"])
    assert optimised.exit_code == 0, optimised.output  # its table shows 0 min too: the same warning
    assert "warning: journeys not modelled: 92 of 92 children" in " ".join(optimised.stderr.split())
    report = runner.invoke(app, ["report", str(folder), "--no-pdf", "--out", str(tmp_path / "rep")])
    assert report.exit_code == 0, report.output
    page = " ".join((tmp_path / "rep" / "report.html").read_text().split()).replace("&#39;", "'")
    assert "<strong>Read with care.</strong> Journeys not modelled: 92 of 92 children (100%)" in page


def test_a_few_zero_minute_journeys_are_a_note_and_none_say_nothing(tmp_path: Path) -> None:
    """Four areas, one (10 of 100 children) holding a site at its own point: 10% is a note, not a
    caution. The tiny workspace (every area away from every site) says nothing."""
    folder = write_workspace(
        tmp_path / "w",
        areas=[
            "A1,52.60,1.00,D1,10,1,urban,0.5",
            "A2,52.65,1.05,D2,20,5,rural_village,0.0",
            "A3,52.72,1.12,D2,30,10,rural_town,0.2",
            "A4,52.75,1.20,D2,40,3,rural_town,0.2",
        ],
    )
    ev = evaluate(load_workspace(folder), "both")
    notes = [n for n in ev.notes if n.startswith(ZERO_NOTE)]
    assert notes == [
        "0-minute journeys: 10 of 100 families (10%) have a base at their own area's point, so their "
        "journey by walk and bus shows as 0 minutes, but travel inside an area is not modelled (each area "
        "is one point)"
    ]
    assert ev.cautions == ()
    tiny = evaluate(load_workspace(write_workspace(tmp_path / "tiny")), "both")
    assert not [n for n in tiny.notes if n.startswith((ZERO_NOTE, NOT_MODELLED))]
