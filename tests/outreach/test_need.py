"""Reach steers outreach: weighting need by the share of children not seen changes where sessions go."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import load_workspace
from hubplan.errors import InputError
from hubplan.outreach import plan_outreach
from hubplan.outreach.need import not_seen_share
from hubplan.travel import build_travel
from tests.helpers import write_workspace

runner = CliRunner()

# One base S1 in the middle; two libraries 33 and 36 km north and south, each beside one area.
# Both areas are beyond 30 minutes of S1 by car (5.1 + 33 km * 1.25 / 78.2 km/h = 37 min) and by
# bus, and each is about 15 bus minutes from its own library only.
SITES = [
    "S1,Base,children_centre,52.50,1.00,D1,100",
    "V1,North library,library,52.80,1.00,D1,50",
    "V2,South library,library,52.18,1.00,D1,50",
]
AREAS = [
    "A1,52.80,1.01,D1,24,5,urban,0.5",
    "A2,52.18,1.01,D1,20,5,urban,0.5",
]
TOML = """
[region]
name = "Tiny"
districts = ["D1"]

[evaluation]
baseline = "base"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    ws = write_workspace(
        tmp_path / "ws", sites=SITES, areas=AREAS, toml=TOML, scenarios={"base": "bases: [S1]\n"}
    )
    # A1: 22 of its 24 families seen (not seen 1/12); A2: none of its 20 seen (not seen 1).
    (ws / "usage.csv").write_text("area_id,registered,seen\nA1,23,22\nA2,3,0\n")
    return ws


def test_not_seen_share_by_hand() -> None:
    """1 - 22/24 = 1/12; 1 - 0/20 = 1; no children counts 1; more seen than live there counts 0."""
    shares = not_seen_share(np.array([24.0, 20.0, 0.0, 5.0]), np.array([22.0, 0.0, 0.0, 7.0]))
    assert shares.tolist() == pytest.approx([1 / 12, 1.0, 1.0, 0.0])


def test_weighting_by_reach_moves_the_only_session_to_the_unseen_area(folder: Path) -> None:
    """With money for one weekly session (20 families a session), the session goes where need is worth most
    per pound. By deprivation alone (both decile 5, weight 1): V1 reaches min(24, 20) = 20 families for 1
    each, V2 20 families for 1 each, and V1 is nearer the base (30 vs 32 km) so its session costs less: V1.
    By reach too: V1's families count 1/12 each (20/12 = 1.67) against V2's 1 each (20): V2, though dearer."""
    workspace = load_workspace(folder)
    travel = build_travel(workspace)
    scenario = workspace.scenario("base")
    rich = plan_outreach(workspace, travel, scenario, budget_per_year=10_000_000)
    cost = {v.venue: v.cost_per_year / v.sessions_per_week for v in rich.venues}
    assert cost["V1"] < cost["V2"]
    online = workspace.assumptions.costs.online_offer(float(workspace.areas.families.sum()))
    money = 100 + online + 1.2 * max(cost.values())
    by_deprivation = plan_outreach(workspace, travel, scenario, budget_per_year=money)
    by_reach = plan_outreach(
        workspace, travel, scenario, budget_per_year=money, need_weighting="deprivation_and_reach"
    )
    assert [(v.venue, v.sessions_per_week) for v in by_deprivation.venues] == [("V1", 1)]
    assert [(v.venue, v.sessions_per_week) for v in by_reach.venues] == [("V2", 1)]
    assert by_deprivation.need_weighting == "deprivation"
    assert by_reach.to_dict()["need_weighting"] == "deprivation_and_reach"
    assert any("not seen" in note for note in by_reach.notes)


def test_the_setting_and_the_flag_choose_the_weighting(folder: Path) -> None:
    toml = folder / "hubplan.toml"
    toml.write_text(
        TOML + '\n[outreach]\nneed_weighting = "deprivation_and_reach"\nbudget_per_year = 1000000\n'
    )
    workspace = load_workspace(folder)
    plan = plan_outreach(workspace, build_travel(workspace), workspace.scenario("base"))
    assert plan.need_weighting == "deprivation_and_reach"
    result = runner.invoke(app, ["outreach", str(folder), "base", "--weight-by-deprivation", "--json"])
    assert result.exit_code == 0, result.output
    assert '"need_weighting": "deprivation"' in result.stdout


def test_weighting_by_reach_without_usage_says_how_to_get_it(folder: Path) -> None:
    (folder / "usage.csv").unlink()
    workspace = load_workspace(folder)
    with pytest.raises(InputError, match="no usage to weight need by"):
        plan_outreach(
            workspace,
            build_travel(workspace),
            workspace.scenario("base"),
            need_weighting="deprivation_and_reach",
        )
    result = runner.invoke(app, ["outreach", str(folder), "base", "--budget", "1m", "--weight-by-reach"])
    assert result.exit_code == 1
    assert "hubplan reach" in result.output


def test_need_counts_families_by_the_way_they_can_travel(tmp_path: Path) -> None:
    """Families without a car count by bus, those with one by car; the words say so.

    A3 lies 0.09 degrees (10.0 km) north of S1: by car 5.1 + 10.0 x 1.25 / 78.2 x 60 = 14.7 min (within
    30), by bus 2.37 + 19.19 x 10.0^0.593 = 77.6 min (beyond). Of its 40 families a quarter have no
    car: 10 need outreach, 30 do not. A1 and A2 are beyond both ways: 24 + 20. In need: 24 + 20 + 10 = 54.
    """
    from hubplan.outreach.need import BY_HOW_THEY_TRAVEL

    ws = write_workspace(
        tmp_path / "ws",
        sites=SITES,
        areas=[*AREAS, "A3,52.59,1.00,D1,40,5,urban,0.25"],
        toml=TOML,
        scenarios={"base": "bases: [S1]\n"},
    )
    workspace = load_workspace(ws)
    plan = plan_outreach(workspace, build_travel(workspace), workspace.scenario("base"))
    assert plan.families_in_need == pytest.approx(54.0)
    assert "bus without a car" in BY_HOW_THEY_TRAVEL
    assert "car with one" in BY_HOW_THEY_TRAVEL


def test_an_area_the_usage_leaves_out_counts_the_average_not_none_seen(tmp_path: Path) -> None:
    """Probe 10's note: an area with no row in usage.csv counted as 0 seen (weight 1), drawing outreach
    to areas a partial file merely left out. Worked: A1 22 of 24 seen (1/12 not seen), A2 has no row:
    it counts A1's share, 1/12 (the families-weighted average of the areas with a row), not 1."""
    from hubplan.outreach.need import reach_weights

    ws = write_workspace(
        tmp_path / "ws", sites=SITES, areas=AREAS, toml=TOML, scenarios={"base": "bases: [S1]\n"}
    )
    (ws / "usage.csv").write_text("area_id,registered,seen\nA1,23,22\n")
    assert reach_weights(load_workspace(ws)).tolist() == pytest.approx([1 / 12, 1 / 12])
