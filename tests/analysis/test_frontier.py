"""The report's budget frontier, on the tiny workspace where every plan can be listed by hand.

Sites: S1 costs 100 and S2 50. Car minutes (tests/analysis/test_uncertainty.py's table): A1 (10
children) is 5 from S1, A2 (20) 25 from S1 and 28 from S2, A3 (30) 29 from S2. Within 30 minutes by
car, S1 alone serves 30 children, S2 alone 50, both 60. The options cost 100 ("one") and 150
("both"), so the budgets run from 50 to 150: below 150 the best plan is S2 alone (50 of 60, 5/6),
at 150 both sites (all 60).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from hubplan.analysis.frontier import frontier_band
from hubplan.analysis.uncertainty import draw_factors
from hubplan.data import load_workspace
from hubplan.evaluate import evaluate
from hubplan.evaluate.uncertainty import CAR_MEDIAN_ABS_ERROR, DEMAND_CV, INTERVAL
from hubplan.report import charts
from hubplan.travel.matrix import TravelMatrix
from tests.analysis.test_uncertainty import BUS, CAR, WALK, _matrix
from tests.helpers import TINY_SITES, TINY_TOML, write_workspace

CAR_ACCESS = TINY_TOML.replace(
    'baseline = "both"', 'baseline = "both"\naccess_mode = "car"\naccess_minutes = 30'
)


def _tiny(tmp_path: Path, extra: str = "") -> tuple:
    ws = load_workspace(write_workspace(tmp_path / "w", toml=CAR_ACCESS + extra))
    travel = TravelMatrix(
        minutes={"walk": _matrix(WALK), "car": _matrix(CAR), "bus": _matrix(BUS)},
        sources={"walk": "estimated", "car": "estimated", "bus": "estimated"},
    )
    return ws, travel, [evaluate(ws, name, travel=travel) for name in ("both", "one")]


def test_the_frontier_is_the_best_plan_at_each_budget_as_listed_by_hand(tmp_path: Path) -> None:
    ws, travel, evaluations = _tiny(
        tmp_path, "\n[uncertainty]\ndemand_cv = 0.0\ncar_median_abs_error = 0.0\n"
    )
    frontier = frontier_band(ws, travel, evaluations)
    assert frontier is not None
    assert (frontier.mode, frontier.minutes) == ("car", 30.0)
    assert [s.budget for s in frontier.steps] == pytest.approx([50, 70, 90, 110, 130, 150])
    assert [s.cost for s in frontier.steps] == [50, 50, 50, 50, 50, 150]
    assert [s.bases for s in frontier.steps] == [1, 1, 1, 1, 1, 2]
    assert [s.share for s in frontier.steps] == pytest.approx([5 / 6] * 5 + [1.0])
    # No error in the inputs: each band is the point itself.
    assert [s.low for s in frontier.steps] == pytest.approx([s.share for s in frontier.steps])
    assert [s.high for s in frontier.steps] == pytest.approx([s.share for s in frontier.steps])


def test_the_band_is_the_share_under_each_draw(tmp_path: Path) -> None:
    ws, travel, evaluations = _tiny(tmp_path, "\n[uncertainty]\ndraws = 400\nseed = 3\n")
    frontier = frontier_band(ws, travel, evaluations)
    assert frontier is not None
    settings = ws.assumptions.uncertainty
    demand, car = draw_factors(3, 400, seed=3, demand_cv=DEMAND_CV, car_median_abs_error=CAR_MEDIAN_ABS_ERROR)
    # S2 alone: A2 at 28 and A3 at 29 minutes, A1 at 40; the share is recomputed draw by draw.
    children = np.array([10.0, 20.0, 30.0]) * demand
    within = (np.array([40.0, 28.0, 29.0]) * car) <= 30
    shares = (children * within).sum(axis=1) / children.sum(axis=1)
    low, high = np.quantile(shares, INTERVAL)
    assert settings.draws == 400
    assert (frontier.steps[0].low, frontier.steps[0].high) == pytest.approx((low, high))
    assert low < 5 / 6  # A3 is one minute inside: some draws push it out
    # Both sites: A1 (5), A2 (25) and A3 (29) minutes; A1 and A2 stay within unless a factor passes 1.2.
    last = frontier.steps[-1]
    assert last.high == pytest.approx(1.0)
    spec = charts.cost_coverage(evaluations, frontier=frontier, noun="children")
    layers = spec["layer"]
    assert layers[0]["mark"]["type"] == "area"
    assert len(layers[0]["data"]["values"]) == 6
    assert layers[1]["mark"]["type"] == "line"
    assert "Cost against children" in str(spec["title"])


def test_no_budgets_means_no_frontier(tmp_path: Path) -> None:
    ws, travel, evaluations = _tiny(tmp_path, "\n[optimise]\nfrontier_budgets = 0\n")
    assert frontier_band(ws, travel, evaluations) is None
    ws, travel, evaluations = _tiny(tmp_path / "b", "\n[uncertainty]\ndraws = 0\n")
    frontier = frontier_band(ws, travel, evaluations)
    assert frontier is not None
    assert frontier.draws == 0
    assert all(math.isnan(s.low) for s in frontier.steps)
    spec = charts.cost_coverage(evaluations, frontier=frontier)
    assert next(layer["mark"]["type"] for layer in spec["layer"]) == "line"


def test_a_budget_that_buys_no_base_is_left_out_not_a_crash(tmp_path: Path) -> None:
    """S2 costing 250: the options cost 100 and 350, the budgets run from 50, which buys no site."""
    sites = [TINY_SITES[0], TINY_SITES[1].replace(",50", ",250")]
    ws = load_workspace(
        write_workspace(tmp_path / "w", sites=sites, toml=CAR_ACCESS + "\n[uncertainty]\ndraws = 0\n")
    )
    travel = TravelMatrix(
        minutes={"walk": _matrix(WALK), "car": _matrix(CAR), "bus": _matrix(BUS)},
        sources={"walk": "estimated", "car": "estimated", "bus": "estimated"},
    )
    evaluations = [evaluate(ws, name, travel=travel) for name in ("both", "one")]
    assert sorted(ev.cost_per_year for ev in evaluations) == [100, 350]
    frontier = frontier_band(ws, travel, evaluations)
    assert frontier is not None
    # Budgets 50, 110, 170, 230, 290, 350: 50 buys nothing; S1 (30 of 60) until 290 buys S2 (50 of
    # 60), and 350 both (all 60).
    assert [s.budget for s in frontier.steps] == pytest.approx([110, 170, 230, 290, 350])
    assert [s.bases for s in frontier.steps] == [1, 1, 1, 1, 2]
    assert [s.share for s in frontier.steps] == pytest.approx([0.5, 0.5, 0.5, 5 / 6, 1.0])


def test_a_frontier_for_another_mode_is_not_drawn_on_this_chart(tmp_path: Path) -> None:
    ws, travel, evaluations = _tiny(tmp_path)
    frontier = frontier_band(ws, travel, evaluations)
    assert frontier is not None
    assert frontier.mode == "car"
    spec = charts.cost_coverage(evaluations, frontier=frontier, mode="bus")
    assert "line" not in [layer["mark"]["type"] for layer in spec["layer"] if isinstance(layer["mark"], dict)]
