"""90% intervals: each plan re-evaluated under draws of demand and car minutes.

The tiny workspace (tests/helpers.py) has three areas and two sites, with minutes set by hand:

======  ========  ==============  ===============  ================
area    children  quintile        car to S1, S2    bus to S1, S2
======  ========  ==============  ===============  ================
A1      10        1 (most dep.)   5, 40            5, 60
A2      20        3               25, 28           40, 44
A3      30        5               50, 29           90, 35
======  ========  ==============  ===============  ================

Scenario ``one`` keeps S1; the baseline ``both`` keeps S1 and S2. At 30 minutes by car A3 loses access
(29 -> 50 minutes); by bus nobody does (A2 and A3 were already beyond).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import norm

from hubplan.analysis.uncertainty import RURAL, scenario_intervals
from hubplan.data import load_workspace
from hubplan.data.assumptions import UncertaintySettings
from hubplan.data.workspace import Workspace
from hubplan.evaluate import evaluate
from hubplan.evaluate.evaluation import Evaluation
from hubplan.evaluate.uncertainty import lognormal_sigma_for_cv, lognormal_sigma_for_median_abs_error
from hubplan.travel.matrix import TravelMatrix
from tests.helpers import write_workspace

AREAS = [
    "A1,52.60,1.01,D1,10,1,urban,0.5",
    "A2,52.65,1.05,D2,20,5,rural_village,0.0",
    "A3,52.72,1.12,D2,30,10,rural_town,0.2",
]
CAR = [[5, 40], [25, 28], [50, 29]]
BUS = [[5, 60], [40, 44], [90, 35]]
WALK = [[60, 200], [200, 200], [200, 200]]
NO_BUS = {"0-2": 0.0}


def _matrix(rows: list[list[int]]) -> np.ndarray:
    return np.asfortranarray(np.array(rows, dtype=np.float32))


@pytest.fixture
def tiny(tmp_path: Path) -> tuple[Workspace, TravelMatrix, list[Evaluation]]:
    ws = load_workspace(write_workspace(tmp_path / "w", areas=AREAS))
    travel = TravelMatrix(
        minutes={"walk": _matrix(WALK), "car": _matrix(CAR), "bus": _matrix(BUS)},
        sources={"walk": "estimated", "car": "estimated", "bus": "estimated"},
    )
    evaluations = [evaluate(ws, name, travel=travel) for name in ("both", "one")]
    return ws, travel, evaluations


def test_with_no_error_every_interval_is_the_figure(
    tiny: tuple[Workspace, TravelMatrix, list[Evaluation]],
) -> None:
    ws, travel, evaluations = tiny
    settings = UncertaintySettings(
        draws=20, demand_cv=0.0, car_median_abs_error=0.0, bus_median_abs_error=NO_BUS
    )
    intervals = scenario_intervals(ws, travel, evaluations, settings=settings)
    assert set(intervals) == {"both", "one"}
    for ev in evaluations:
        for mode, m in ev.modes.items():
            drawn = intervals[ev.scenario.name].modes[mode]
            for reach, band in [(m.total, drawn.total)] + [(m.groups[b], drawn.groups[b]) for b in m.groups]:
                assert band.labels == reach.labels
                beyond = reach.families[:, None] - reach.within
                for low_high, point in (
                    (band.families, reach.families),
                    (band.within, reach.within),
                    (band.beyond, beyond),
                    (band.lose, reach.lose),
                ):
                    assert low_high is not None
                    assert point is not None
                    np.testing.assert_allclose(low_high.low, point, rtol=1e-12, atol=1e-9)
                    np.testing.assert_allclose(low_high.high, point, rtol=1e-12, atol=1e-9)
    # By hand: under "one", 30 children (A3) lose a car base within 30 minutes; A1's 10 are within 10.
    one = intervals["one"].modes["car"]
    assert one.total.lose is not None
    assert one.total.lose.at(0, 2) == pytest.approx((30.0, 30.0))
    assert one.total.within.at(0, 0) == pytest.approx((10.0, 10.0))
    # Rural (every area not urban: A2 and A3) as one group, beyond 30 by bus: 50 children.
    assert intervals["one"].modes["bus"].groups[RURAL].beyond.at(0, 2) == pytest.approx((50.0, 50.0))


def test_an_area_far_inside_the_threshold_is_always_within(
    tiny: tuple[Workspace, TravelMatrix, list[Evaluation]],
) -> None:
    """A1 is 5 car minutes from S1: leaving 30 minutes takes a factor of 6, ln 6 / 0.2 = 9 sigma away."""
    ws, travel, evaluations = tiny
    settings = UncertaintySettings(draws=500, demand_cv=0.3, car_median_abs_error=0.134, seed=7)
    one = scenario_intervals(ws, travel, evaluations, settings=settings)["one"].modes["car"]
    quintile = one.groups["deprivation_quintile"]
    g = quintile.labels.index("1 (most deprived)")
    assert quintile.within_share.at(g, 2) == (1.0, 1.0)
    assert quintile.beyond.at(g, 2) == (0.0, 0.0)
    low, high = quintile.families.at(g)
    assert low < 10 < high  # its children are drawn all the same


def test_demand_intervals_follow_the_lognormal_quantiles(
    tiny: tuple[Workspace, TravelMatrix, list[Evaluation]],
) -> None:
    """One area's children are 10 × a mean-1 log-normal factor with CV 10%: sigma = sqrt(ln 1.01).

    Its 5th and 95th percentiles are 10 × exp(-sigma²/2 ∓ 1.6449 sigma) = 8.44 and 11.72. With 5,000
    draws the sample quantiles' standard error is about 0.03 sigma (0.3% here); 1% is allowed.
    """
    ws, travel, evaluations = tiny
    settings = UncertaintySettings(
        draws=5000, demand_cv=0.10, car_median_abs_error=0.0, bus_median_abs_error=NO_BUS, seed=3
    )
    one = scenario_intervals(ws, travel, evaluations, settings=settings)["one"].modes["bus"]
    sigma = math.sqrt(math.log(1.01))
    expected = [10 * math.exp(-(sigma**2) / 2 + z * sigma) for z in (norm.ppf(0.05), norm.ppf(0.95))]
    assert expected == pytest.approx([8.44, 11.72], abs=0.01)
    quintile = one.groups["deprivation_quintile"]
    g = quintile.labels.index("1 (most deprived)")
    assert quintile.families.at(g) == pytest.approx(tuple(expected), rel=0.01)
    # Bus minutes are not drawn: A1 is always within 10 minutes, so its share is exactly 1.
    assert quintile.within_share.at(g, 0) == (1.0, 1.0)
    assert not one.drawn


def test_car_losses_match_a_direct_reimplementation(
    tiny: tuple[Workspace, TravelMatrix, list[Evaluation]],
) -> None:
    """Under "one", A3 loses a car base within 30 minutes when 29 c <= 30 < 50 c (c its car factor).

    A2 (25 and 25 minutes) is within in both or in neither, so never loses. Children losing access in
    a draw: 30 f [0.6 < c <= 30/29], with f A3's demand factor. The draws are made here from the same
    seed in the same order (per draw: three demand factors, then three car factors).
    """
    ws, travel, evaluations = tiny
    cv, error, seed, draws = 0.1, 0.134, 11, 400
    settings = UncertaintySettings(draws=draws, demand_cv=cv, car_median_abs_error=error, seed=seed)
    intervals = scenario_intervals(ws, travel, evaluations, settings=settings)

    rng = np.random.default_rng(seed)
    s_demand, s_car = lognormal_sigma_for_cv(cv), lognormal_sigma_for_median_abs_error(error)
    f = np.empty((draws, 3))
    c = np.empty((draws, 3))
    for d in range(draws):
        f[d] = rng.lognormal(-s_demand * s_demand / 2, s_demand, size=3)
        c[d] = rng.lognormal(0.0, s_car, size=3)
    lost = 30 * f[:, 2] * ((29 * c[:, 2] <= 30) & (50 * c[:, 2] > 30))
    within = 10 * f[:, 0] * (5 * c[:, 0] <= 30) + 20 * f[:, 1] * (25 * c[:, 1] <= 30)
    within += 30 * f[:, 2] * (50 * c[:, 2] <= 30)
    share = within / (f @ np.array([10.0, 20.0, 30.0]))

    car = intervals["one"].modes["car"]
    assert car.drawn
    assert car.total.lose is not None
    np.testing.assert_allclose(car.total.lose.at(0, 2), np.quantile(lost, [0.05, 0.95]), rtol=1e-12)
    np.testing.assert_allclose(car.total.within.at(0, 2), np.quantile(within, [0.05, 0.95]), rtol=1e-12)
    np.testing.assert_allclose(car.total.within_share.at(0, 2), np.quantile(share, [0.05, 0.95]), rtol=1e-12)
    # Common random numbers: the baseline saw the very same demand draws.
    both = intervals["both"].modes["car"]
    np.testing.assert_array_equal(both.total.families.low, car.total.families.low)
    # About half of A3's factors are at most 30/29: the interval runs from none to all of its 30.
    assert car.total.lose.at(0, 2)[0] == 0.0
    assert car.total.lose.at(0, 2)[1] > 30


def test_same_seed_same_intervals_and_none_when_off(
    tiny: tuple[Workspace, TravelMatrix, list[Evaluation]],
) -> None:
    ws, travel, evaluations = tiny
    settings = UncertaintySettings(draws=50, seed=5)
    one = scenario_intervals(ws, travel, evaluations, settings=settings)
    two = scenario_intervals(ws, travel, evaluations, settings=settings)
    assert one["one"].to_dict() == two["one"].to_dict()
    other = scenario_intervals(ws, travel, evaluations, settings=UncertaintySettings(draws=50, seed=6))
    assert other["one"].to_dict() != one["one"].to_dict()
    assert scenario_intervals(ws, travel, evaluations, settings=UncertaintySettings(draws=0)) == {}
    data = one["one"].to_dict()
    assert data["draws"] == 50
    assert data["quantiles"] == [0.05, 0.95]
    assert set(data["modes"]["car"]["lose_access"]) == {"10", "20", "30", "45"}
    assert data["modes"]["car"]["by"]["deprivation_quintile"]["1 (most deprived)"]["within_share"]["30"] == [
        1.0,
        1.0,
    ]


def test_bus_intervals_widen_with_the_bus_error_and_match_a_direct_reimplementation(
    tiny: tuple[Workspace, TravelMatrix, list[Evaluation]],
) -> None:
    """Under "one" (S1), bus minutes to the nearest base are 5, 40 and 90 for 10, 20 and 30 children.

    With demand and car held, each area's bus minutes are drawn as ``m exp(z sigma)``, ``z`` one
    standard normal per area from ``default_rng([seed, 2])`` and ``sigma`` its trip's band: the
    default bus model puts the bands' km edges 2, 5 and 10 at 31.3, 50.3 and 77.5 urban minutes, so
    5 min is in 0-2 km (22.5%), 40 in 2-5 (15.2%) and 90 beyond 10 (14.9%). Within 45 minutes:
    ``10 [5 c1 <= 45] + 20 [40 c2 <= 45] + 30 [90 c3 <= 45]``; the point is 30.
    """
    ws, travel, evaluations = tiny
    seed, draws = 4, 400
    off = UncertaintySettings(
        draws=draws, demand_cv=0.0, car_median_abs_error=0.0, bus_median_abs_error=NO_BUS
    )
    held = scenario_intervals(ws, travel, evaluations, settings=off)["one"].modes["bus"]
    assert not held.drawn
    assert held.total.within.at(0, 3) == (30.0, 30.0)
    assert held.travel_dominated == (False,) * 4

    on = UncertaintySettings(draws=draws, demand_cv=0.0, car_median_abs_error=0.0, seed=seed)
    bus = scenario_intervals(ws, travel, evaluations, settings=on)["one"].modes["bus"]
    assert bus.drawn
    z = np.random.default_rng([seed, 2]).standard_normal((draws, 3))
    s = [lognormal_sigma_for_median_abs_error(e) for e in (0.225, 0.152, 0.149)]
    c = np.exp(z * np.array(s))
    within = 10 * (5 * c[:, 0] <= 45) + 20 * (40 * c[:, 1] <= 45) + 30 * (90 * c[:, 2] <= 45)
    np.testing.assert_allclose(bus.total.within.at(0, 3), np.quantile(within, [0.05, 0.95]), rtol=1e-12)
    low, high = bus.total.within.at(0, 3)
    assert low < 30.0 <= high  # A2's 40 minutes cross 45 in some draws: wider than the point
    # Demand held, so the whole interval is the travel model's: flagged where it has any width.
    assert bus.travel_dominated[3]
    assert not bus.travel_dominated[0]  # A1's 5 minutes never leave 10: no width from either


def test_an_interval_from_demand_is_not_flagged_as_travel_error(
    tiny: tuple[Workspace, TravelMatrix, list[Evaluation]],
) -> None:
    ws, travel, evaluations = tiny
    settings = UncertaintySettings(
        draws=300, demand_cv=0.3, car_median_abs_error=0.0, bus_median_abs_error=NO_BUS
    )
    intervals = scenario_intervals(ws, travel, evaluations, settings=settings)["one"]
    assert intervals.modes["bus"].travel_dominated == (False,) * 4
    data = intervals.to_dict()
    assert data["bus_median_abs_error"] == {}
    assert data["modes"]["bus"]["travel_dominated"] == {"10": False, "20": False, "30": False, "45": False}


def test_bus_error_bands_are_checked() -> None:
    with pytest.raises(ValueError, match="bus_median_abs_error keys 'lo-hi'"):
        UncertaintySettings(bus_median_abs_error={"0-2": 0.1, "3-5": 0.1})
    with pytest.raises(ValueError, match="values from 0 to below 1"):
        UncertaintySettings(bus_median_abs_error={"0-2": 1.5})
