"""Evaluation worked by hand on 3 areas x 2 sites, and against brute force on random inputs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubplan.data import load_workspace
from hubplan.evaluate import evaluate, group_reach, nearest_base, weighted_quantile
from hubplan.travel import build_travel
from tests.helpers import write_workspace

# Minutes from areas A1, A2, A3 (rows) to sites S1, S2 (columns), the same for every mode here.
MINUTES = np.array([[5.0, 40.0], [25.0, 15.0], [50.0, 35.0]], dtype=np.float32)


@pytest.fixture
def tiny(tmp_path: Path):
    ws = load_workspace(write_workspace(tmp_path))
    travel = build_travel(ws, overrides=dict.fromkeys(("walk", "car", "bus"), (MINUTES, "imported")))
    return ws, travel


def test_hand_worked_scenario_against_baseline(tiny) -> None:
    """Families 10, 20, 30 in A1..A3.

    Baseline 'both' (S1, S2): nearest minutes 5, 15, 35. Scenario 'one' (S1): 5, 25, 50.
    within 10: A1 = 10; within 20: 10; within 30: A1 + A2 = 30; within 45: 30.
    mean = (10*5 + 20*25 + 30*50) / 60 = 2050 / 60 = 34.1667.
    p90: cumulative families by minutes 10 (5 min), 30 (25), 60 (50); 90% of 60 = 54 -> 50 min.
    lose access: at 20 A2 (15 -> 25) = 20; at 45 A3 (35 -> 50) = 30; at 10 and 30 none.
    cost: S1 = 100; baseline 150; saving 50.
    """
    ws, travel = tiny
    ev = evaluate(ws, "one", travel=travel)
    bus = ev.modes["bus"]
    assert bus.source == "imported"
    np.testing.assert_array_equal(bus.nearest_minutes, [5, 25, 50])
    assert [ws.sites.ids[i] for i in bus.nearest_site] == ["S1", "S1", "S1"]
    np.testing.assert_array_equal(bus.total.within[0], [10, 10, 30, 30])
    assert bus.total.mean_minutes[0] == pytest.approx(2050 / 60)
    assert bus.total.p90_minutes[0] == 50
    np.testing.assert_array_equal(bus.total.lose[0], [0, 20, 0, 30])
    assert (ev.cost_per_year, ev.baseline_cost_per_year, ev.saving_per_year) == (100, 150, 50)


def test_hand_worked_breakdowns(tiny) -> None:
    """By district: D1 = A1 (10 families, 5 min); D2 = A2 + A3 (50; mean (20*25 + 30*50) / 50 = 40).

    Car access splits each area's families: without a car 5, 0, 6 (shares 0.5, 0, 0.2) = 11;
    their mean = (5*5 + 6*50) / 11 = 29.545; within 30: 5. With a car 5, 20, 24 = 49.
    Quintiles: decile 1 -> 1 (A1), 5 -> 3 (A2), 10 -> 5 (A3).
    """
    ws, travel = tiny
    by = evaluate(ws, "one", travel=travel).modes["walk"].groups
    district = by["district"]
    assert district.labels == ("D1", "D2")
    np.testing.assert_array_equal(district.families, [10, 50])
    np.testing.assert_allclose(district.mean_minutes, [5, 40])
    np.testing.assert_array_equal(district.within[:, 2], [10, 20])
    np.testing.assert_array_equal(district.p90_minutes, [5, 50])
    car = by["car_access"]
    assert car.labels == ("no car", "car")
    np.testing.assert_allclose(car.families, [11, 49])
    assert car.mean_minutes[0] == pytest.approx(325 / 11)
    np.testing.assert_allclose(car.within[:, 2], [5, 25])
    quintile = by["deprivation_quintile"]
    np.testing.assert_array_equal(quintile.families, [10, 0, 20, 0, 30])
    assert np.isnan(quintile.mean_minutes[1])
    np.testing.assert_array_equal(quintile.lose[:, 1], [0, 0, 20, 0, 0])
    assert by["rurality"].labels == ("urban", "rural_town", "rural_village")


def test_json_shape(tiny) -> None:
    ws, travel = tiny
    data = evaluate(ws, "one", travel=travel).to_dict()
    assert data["scenario"] == "one"
    assert data["bases"] == ["S1"]
    assert data["cost_per_year"] == 100
    assert data["modes"]["walk"]["within"] == {"10": 10, "20": 10, "30": 30, "45": 30}
    assert data["modes"]["car"]["mean_minutes"] == pytest.approx(34.17)
    assert data["modes"]["bus"]["p90_minutes"] == 50
    assert data["modes"]["bus"]["lose_access"]["45"] == 30
    assert data["modes"]["bus"]["by"]["district"]["D2"]["mean_minutes"] == 40
    assert data["modes"]["bus"]["source"] == "imported"


def test_p90_counts_a_share_of_exactly_ninety_percent() -> None:
    # 9 of 10 families at 1 minute is exactly 90%: the 90th percentile is 1 minute, not 100.
    assert weighted_quantile(np.array([1.0, 100.0]), np.array([[9.0, 1.0]]), 0.9)[0] == 1.0
    assert np.isnan(weighted_quantile(np.array([1.0]), np.array([[0.0]]), 0.9)[0])


def test_unreachable_areas() -> None:
    minutes = np.array([[np.inf], [10.0]], dtype=np.float32)
    nearest, which = nearest_base(minutes, np.array([0]))
    assert which.tolist() == [-1, 0]
    assert np.isinf(nearest[0])
    reach = group_reach(nearest, np.array([[1.0, 1.0]]), ("all",), np.array([30.0]))
    assert reach.within[0, 0] == 1
    assert np.isinf(reach.mean_minutes[0])
    assert np.isinf(reach.p90_minutes[0])
    with pytest.raises(ValueError, match="at least one base"):
        nearest_base(minutes, np.array([], dtype=np.int64))


# ---- against brute force on random inputs ---------------------------------------------------------


@st.composite
def instances(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n = draw(st.integers(1, 25))
    m = draw(st.integers(1, 8))
    minutes = np.array(draw(st.lists(st.integers(0, 90), min_size=n * m, max_size=n * m)), dtype=np.float32)
    families = np.array(draw(st.lists(st.integers(0, 50), min_size=n, max_size=n)), dtype=np.float64)
    bases = np.array(sorted(draw(st.sets(st.integers(0, m - 1), min_size=1))), dtype=np.int64)
    extra = np.array(sorted(draw(st.sets(st.integers(0, m - 1), min_size=1))), dtype=np.int64)
    return np.asfortranarray(minutes.reshape(n, m)), families, bases, extra


def brute_force(
    minutes: np.ndarray, families: np.ndarray, bases: np.ndarray, t: float
) -> tuple[float, float, float]:
    """Plain loops: families within t, family-weighted mean, and the least m with >= 90% within m."""
    nearest = [min(float(minutes[i, j]) for j in bases) for i in range(len(families))]
    within = sum(f for f, x in zip(families, nearest, strict=True) if x <= t)
    total = float(sum(families))
    mean = sum(f * x for f, x in zip(families, nearest, strict=True)) / total if total else float("nan")
    p90 = float("nan")
    for candidate in sorted(set(nearest)):
        if total and sum(f for f, x in zip(families, nearest, strict=True) if x <= candidate) >= 0.9 * total:
            p90 = candidate
            break
    return within, mean, p90


@settings(max_examples=150, deadline=None)
@given(instances(), st.sampled_from([10.0, 20.0, 30.0, 45.0]))
def test_matches_brute_force(case: tuple[np.ndarray, ...], t: float) -> None:
    minutes, families, bases, _ = case
    nearest, _ = nearest_base(minutes, bases)
    reach = group_reach(nearest, families[None, :], ("all",), np.array([t]))
    within, mean, p90 = brute_force(minutes, families, bases, t)
    assert reach.within[0, 0] == pytest.approx(within)
    if families.sum() > 0:
        assert reach.mean_minutes[0] == pytest.approx(mean)
        assert reach.p90_minutes[0] == p90
    assert reach.within[0, 0] <= families.sum()


@settings(max_examples=100, deadline=None)
@given(instances())
def test_adding_bases_never_lengthens_a_trip_and_loss_is_consistent(case: tuple[np.ndarray, ...]) -> None:
    minutes, families, bases, extra = case
    more = np.union1d(bases, extra)
    fewer, _ = nearest_base(minutes, bases)
    all_, _ = nearest_base(minutes, more)
    assert (all_ <= fewer).all()
    thresholds = np.array([10.0, 20.0, 30.0, 45.0])
    reach = group_reach(fewer, families[None, :], ("all",), thresholds, baseline_minutes=all_)
    before = group_reach(all_, families[None, :], ("all",), thresholds)
    # With fewer bases nobody gains, so the families who lose access are exactly the drop in reach.
    np.testing.assert_allclose(reach.lose[0], before.within[0] - reach.within[0])
