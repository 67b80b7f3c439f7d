"""The report's rounds section: planned once in the analysis, rendered with its cost, map and vehicles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hubplan.analysis import analyse
from hubplan.analysis.evidence import decided_scenario
from hubplan.data import load_workspace
from hubplan.evaluate import evaluate
from hubplan.report.document import render_html
from hubplan.travel import build_travel
from tests.helpers import AREAS_HEADER, write_workspace

# S1 is kept; A2 and A3 are 38.9 km from it (42 car minutes, beyond 30): the rounds call at both.
TOML = """
[region]
name = "Tiny"
districts = ["D1", "D2"]
bounds = { min_lat = 52.0, max_lat = 53.5, min_lon = 0.5, max_lon = 1.5 }
[evaluation]
baseline = "both"
access_minutes = 30
[circuits]
quick_time_limit_seconds = 10
quick_solution_limit = 20
"""
SITES = ["S1,Kept,children_centre,52.60,1.00,D1,100", "S2,Closed,children_centre,52.95,1.00,D2,2000"]
AREAS = [
    "A1,52.60,1.01,D1,10,5,urban,0,Near",
    "A2,52.95,1.00,D2,20,5,rural_town,0,<script>alert(1)</script>",
    "A3,52.25,1.00,D1,30,5,rural_village,0,Far & away",
]
SCENARIOS = {"both": "bases: [S1, S2]\n", "one": "title: Only one\nbases: [S1]\nbudget_per_year: 100\n"}


def _analysis(folder: Path, toml: str = TOML):
    write_workspace(
        folder, sites=SITES, areas=AREAS, scenarios=SCENARIOS, toml=toml, areas_header=AREAS_HEADER + ",name"
    )
    workspace = load_workspace(folder)
    travel = build_travel(workspace)
    evaluations = [evaluate(workspace, name, travel=travel) for name in ("both", "one")]
    return workspace, analyse(workspace, travel, evaluations, proposal="one")  # named, never guessed


def test_report_shows_the_rounds_of_the_scenario_that_closes_centres(tmp_path: Path) -> None:
    _, analysis = _analysis(tmp_path / "ws")
    assert decided_scenario(analysis.evaluations, analysis.evidence) is analysis.evaluations[1]
    rounds = analysis.rounds
    assert rounds is not None
    assert rounds.scenario == "one"
    assert sorted(rounds.served) == ["A2", "A3"]
    assert rounds.families_served == pytest.approx(50.0)
    assert rounds.families_unserved == pytest.approx(0.0)
    assert len(rounds.plan.routes) == 1
    data = json.loads(json.dumps(analysis.to_dict()))
    assert data["rounds"]["families_served"] == pytest.approx(50.0)
    assert data["rounds"]["cost"]["vehicles"] == 1
    html = render_html(analysis)
    assert '<section id="rounds">' in html
    assert 'href="#rounds"' in html
    section = html[html.index('<section id="rounds">') :]
    section = section[: section.index("</section>")]
    assert "Only one" in section
    assert "<svg" in section
    assert "<script" not in section
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert "Far &amp; away" in section
    assert "cost a year (modelled)" in section
    assert "Vehicle S1-1, based at S1" in section


def test_no_rounds_without_a_named_proposal(tmp_path: Path) -> None:
    """No decision.yaml and no proposal named: hubplan does not guess which option the rounds serve."""
    write_workspace(
        tmp_path / "ws", sites=SITES, areas=AREAS, scenarios=SCENARIOS, toml=TOML,
        areas_header=AREAS_HEADER + ",name",
    )  # fmt: skip
    workspace = load_workspace(tmp_path / "ws")
    travel = build_travel(workspace)
    evaluations = [evaluate(workspace, name, travel=travel) for name in ("both", "one")]
    analysis = analyse(workspace, travel, evaluations)
    assert analysis.evidence.proposal is None
    assert analysis.rounds is None


def test_rounds_can_be_left_out_of_the_report(tmp_path: Path) -> None:
    _, analysis = _analysis(tmp_path / "ws", TOML + "in_report = false\n")
    assert analysis.rounds is None
    assert analysis.to_dict()["rounds"] is None
    assert 'id="rounds"' not in render_html(analysis)


def test_rounds_lead_counts_children_where_the_workspace_does(tmp_path: Path) -> None:
    """A workspace whose areas give children: each stop's minutes grow per child, not per family."""
    folder = tmp_path / "ws"
    header = AREAS_HEADER.replace("families", "children") + ",name"
    toml = TOML + "vehicles_per_base = 2\n"
    write_workspace(folder, sites=SITES, areas=AREAS, scenarios=SCENARIOS, toml=toml, areas_header=header)
    workspace = load_workspace(folder)
    assert workspace.areas.people == "children"
    travel = build_travel(workspace)
    evaluations = [evaluate(workspace, name, travel=travel) for name in ("both", "one")]
    html = render_html(analyse(workspace, travel, evaluations, proposal="one"))
    section = html[html.index('<section id="rounds">') :]
    section = section[: section.index("</section>")]
    assert "for each child beyond reach there" in section
    assert "Only one: 2 vehicles based at each base tour the neighbourhoods whose children" in section
    assert " family" not in section
    outreach = html[html.index('<section id="outreach">') :]
    outreach = outreach[: outreach.index("</section>")]
    assert "Children farther than the outreach threshold" in outreach
    assert "how children are reached" in outreach
    # the only family is home visits' cost, said as an assumption (one child per family)
    assumed = "a family&#39;s cost, as areas.csv counts children, assuming one child per family"
    assert assumed in outreach
    assert "famil" not in outreach.replace(assumed, "").replace("family_", "").lower()
