"""Reach (seen / children) worked by hand on the tiny workspace, its Wilson intervals, and the JSON interface."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import load_workspace
from hubplan.data.usage import read_usage
from hubplan.evaluate.usage import reach_of_usage, wilson_interval
from hubplan.travel import build_travel
from tests.helpers import write_workspace

runner = CliRunner()

USAGE = (
    "area_id,registered,seen,site_id,period\n"
    "A1,8,6,S1,2018\nA2,10,5,,2018\nA3,12,9,S1,2018\nA3,10,9,S2,2018\n"
)


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A1 10 families (decile 1, urban, D1), A2 20 (decile 5, rural_village, D2), A3 30 (decile 10, rural_town, D2)."""
    folder = write_workspace(tmp_path / "ws")
    (tmp_path / "usage.csv").write_text(USAGE)
    return folder


def test_wilson_interval_by_hand() -> None:
    """6 of 10, z = 1.96: z²/n = 0.38415; centre = (0.6 + 0.19207) / 1.38415 = 0.57225;
    half = 1.96 * sqrt(0.024 + 0.0096037) / 1.38415 = 0.25958; so 0.31267 to 0.83183.
    0 of 10: centre = half = 0.19207 / 1.38415, so 0 to 0.27753 (never below 0).
    Both agree with scipy's binomtest(...).proportion_ci(method="wilson")."""
    low, high = wilson_interval(6, 10) or (0, 0)
    assert (low, high) == (pytest.approx(0.31267, abs=1e-4), pytest.approx(0.83183, abs=1e-4))
    assert wilson_interval(0, 10) == (0.0, pytest.approx(0.27753, abs=1e-4))
    for seen, n in ((6, 10), (0, 10), (17, 23), (230, 230)):
        peer = binomtest(seen, n).proportion_ci(confidence_level=0.95, method="wilson")
        assert wilson_interval(seen, n) == (pytest.approx(peer.low), pytest.approx(peer.high))
    assert wilson_interval(3, 0) is None
    assert wilson_interval(11, 10) is None  # more seen than live there: no interval


def test_reach_by_area_and_group_by_hand(tiny: Path) -> None:
    """Seen by area: A1 6, A2 5, A3 9 + 9 = 18; reach 6/10 = 0.6, 5/20 = 0.25, 18/30 = 0.6.
    Quintiles: 1 = A1 (0.6), 3 = A2 (decile 5: 0.25), 5 = A3 (decile 10: 0.6); 2 and 4 empty.
    Districts: D1 = A1 (6/10), D2 = A2 + A3 (23/50 = 0.46). Total 29/60 = 0.48333.
    Most deprived fifth (A1) not seen: 1 - 0.6 = 0.4."""
    workspace = load_workspace(tiny)
    usage = read_usage(tiny.parent / "usage.csv", workspace)
    result = reach_of_usage(workspace, usage)
    assert result.reach.tolist() == pytest.approx([0.6, 0.25, 0.6])
    quintiles = {g.key: (g.children, g.seen, g.reach) for g in result.groups["deprivation_quintile"]}
    assert quintiles == {
        "1": (10, 6, pytest.approx(0.6)),
        "2": (0, 0, None),
        "3": (20, 5, pytest.approx(0.25)),
        "4": (0, 0, None),
        "5": (30, 18, pytest.approx(0.6)),
    }
    deciles = {g.key: g.seen for g in result.groups["deprivation_decile"]}
    assert deciles["1"] == 6
    assert deciles["5"] == 5
    assert deciles["10"] == 18
    assert sum(deciles.values()) == 29
    districts = {g.key: g.reach for g in result.groups["district"]}
    assert districts == {"D1": pytest.approx(0.6), "D2": pytest.approx(0.46)}
    rurality = {g.key: g.reach for g in result.groups["rurality"]}
    assert rurality == {"urban": pytest.approx(0.6), "rural_town": pytest.approx(0.6), "rural_village": 0.25}
    assert result.total.reach == pytest.approx(29 / 60)
    assert result.total.registered == 40
    assert result.most_deprived_not_seen == pytest.approx(0.4)
    assert result.by_minutes == ()  # no travel given


def test_reach_against_minutes_adds_up_and_slopes_by_hand(tiny: Path) -> None:
    """Every area falls in one band of the baseline's bus minutes, so the bands add up to the total.
    The slope is the families-weighted least-squares line of reach on minutes, checked against numpy."""
    workspace = load_workspace(tiny)
    usage = read_usage(tiny.parent / "usage.csv", workspace)
    travel = build_travel(workspace)
    result = reach_of_usage(workspace, usage, travel)
    assert [g.key for g in result.by_minutes] == ["0-10", "10-20", "20-30", "30-45", "45+"]
    assert sum(g.children for g in result.by_minutes) == 60
    assert sum(g.seen for g in result.by_minutes) == 29
    x, y, w = result.area_minutes, result.reach, result.children
    mx, my = (x * w).sum() / w.sum(), (y * w).sum() / w.sum()
    slope = 10 * (w * (x - mx) * (y - my)).sum() / (w * (x - mx) ** 2).sum()
    assert result.slope_per_10_minutes == pytest.approx(slope)
    assert result.minutes_scenario == "both"


def test_cli_json_interface(tiny: Path) -> None:
    """The interface checked from outside: groups.deprivation_quintile maps "1".."5" to children, seen, reach."""
    result = runner.invoke(app, ["reach", str(tiny), "--usage", str(tiny.parent / "usage.csv"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    quintiles = data["groups"]["deprivation_quintile"]
    assert sorted(quintiles) == ["1", "2", "3", "4", "5"]
    assert quintiles["1"] == {"children": 10, "seen": 6, "reach": 0.6}
    assert quintiles["3"] == {"children": 20, "seen": 5, "reach": 0.25}
    assert quintiles["2"] == {"children": 0, "seen": 0, "reach": None}
    for group in quintiles.values():
        assert set(group) == {"children", "seen", "reach"}
        if group["children"]:
            assert math.isclose(group["reach"], group["seen"] / group["children"])
    assert data["details"]["deprivation_quintile"]["1"]["low"] == pytest.approx(0.31267, abs=1e-5)
    assert data["most_deprived_fifth"]["not_seen_share"] == pytest.approx(0.4)
    assert data["interval"] == "95% Wilson score interval"
    assert (tiny / "usage.csv").is_file()  # kept in the workspace for the report
    again = runner.invoke(app, ["reach", str(tiny), "--json"])  # the stored usage, no --usage
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["groups"] == data["groups"]


def test_cli_names_every_problem_and_exits_1(tiny: Path) -> None:
    bad = tiny.parent / "bad.csv"
    bad.write_text("area_id,registered,seen\nA7,1,1\nA1,x,1\nA2,3,-1\n")
    result = runner.invoke(app, ["reach", str(tiny), "--usage", str(bad)])
    assert result.exit_code == 1
    for where in ("row 2, column 'area_id'", "row 3, column 'registered'", "row 4, column 'seen'"):
        assert where in result.output
    assert not (tiny / "usage.csv").exists()  # nothing stored from a bad table
    none = runner.invoke(app, ["reach", str(tiny)])
    assert none.exit_code == 1
    assert "--usage FILE" in none.output


def test_cli_warns_about_counts_above_the_areas_children(tiny: Path) -> None:
    over = tiny.parent / "over.csv"
    over.write_text("area_id,registered,seen\nA1,12,11\n")
    result = runner.invoke(app, ["reach", str(tiny), "--usage", str(over), "--json"])
    assert result.exit_code == 0, result.output
    assert "11 seen in area A1, which has 10 families (rows 2)" in result.stderr
    data = json.loads(result.stdout)
    assert data["groups"]["deprivation_quintile"]["1"]["reach"] == pytest.approx(1.1)  # not capped
    assert data["warnings"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(counts=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=3, max_size=3))
def test_groups_add_up_and_intervals_hold_reach(tiny: Path, counts: list[tuple[int, int]]) -> None:
    """Every grouping splits the same seen and children; each interval holds its reach, inside 0 to 1."""
    rows = [f"A{i + 1},{max(r, s)},{s}" for i, (r, s) in enumerate(counts)]
    (tiny.parent / "p.csv").write_text("area_id,registered,seen\n" + "\n".join(rows) + "\n")
    workspace = load_workspace(tiny)
    result = reach_of_usage(workspace, read_usage(tiny.parent / "p.csv", workspace))
    for groups in result.groups.values():
        assert sum(g.seen for g in groups) == result.total.seen
        assert sum(g.children for g in groups) == result.total.children
        for g in groups:
            band = g.interval
            if band is not None and g.reach is not None:
                assert 0.0 <= band[0] <= g.reach + 1e-12
                assert g.reach - 1e-12 <= band[1] <= 1.0


def test_a_new_usage_keeps_the_earlier_one_and_says_so(tiny: Path) -> None:
    """A one-row file given by mistake must not silently replace a year's usage.csv."""
    first = runner.invoke(app, ["reach", str(tiny), "--usage", str(tiny.parent / "usage.csv")])
    assert first.exit_code == 0, first.output
    assert "usage.csv.previous" not in first.output  # nothing was there before
    earlier = (tiny / "usage.csv").read_bytes()
    one_row = tiny.parent / "u.csv"
    one_row.write_text("area_id,registered,seen\nA1,5,3\n")
    result = runner.invoke(app, ["reach", str(tiny), "--usage", str(one_row)])
    assert result.exit_code == 0, result.output
    assert f"the earlier usage.csv is kept as {tiny / 'usage.csv.previous'}" in result.output
    assert (tiny / "usage.csv.previous").read_bytes() == earlier
    assert "A1,5,3" in (tiny / "usage.csv").read_text()


def test_usage_without_a_period_leaves_the_period_out(tiny: Path) -> None:
    one_row = tiny.parent / "u.csv"
    one_row.write_text("area_id,registered,seen\nA1,5,3\n")
    result = runner.invoke(app, ["reach", str(tiny), "--usage", str(one_row)])
    assert result.exit_code == 0, result.output
    assert "were seen (" in result.output
    assert "not given" not in result.output


def test_areas_without_a_usage_row_are_no_data_not_zero_reach(tiny: Path) -> None:
    """One centre's extract: a row for A1 only. A2 (20 families) and A3 (30) are not known to be
    unseen: they are named in a warning, have no reach of their own and give no interval; the headline
    says they count as none seen (6 of 60 = 10%). A1's own quintile keeps its interval (6 of 10)."""
    extract = tiny.parent / "one_centre.csv"
    extract.write_text("area_id,registered,seen\nA1,8,6\n")
    result = runner.invoke(app, ["reach", str(tiny), "--usage", str(extract)])
    assert result.exit_code == 0, result.output
    warning = " ".join(result.stderr.split())
    assert "one_centre.csv, column 'area_id'" in warning
    assert "no row for 2 of 3 areas (50 families: A2, A3)" in warning
    assert "2 areas (50 families) have no usage row and count as none seen" in result.stdout
    assert "no data" in result.stdout
    assert "0.0%-" not in result.stdout  # no tight interval around an unknown 0
    data = json.loads(runner.invoke(app, ["reach", str(tiny), "--json"]).stdout)
    assert data["groups"]["deprivation_quintile"]["3"]["reach"] is None  # A2 alone: no data
    assert data["details"]["deprivation_quintile"]["1"]["low"] == pytest.approx(0.31267, abs=1e-5)
    assert data["total"]["low"] is None
    assert data["total"]["areas_without_row"] == 2
    assert [a["reach"] for a in data["areas"]] == [pytest.approx(0.6), None, None]
    assert any("no row for 2 of 3 areas" in w for w in data["warnings"])
