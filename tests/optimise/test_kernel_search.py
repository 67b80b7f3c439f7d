"""Kernel search: restricted MIPs against brute force, and never a worse plan than the start."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest

from hubplan.optimise.instance import build_instance
from hubplan.optimise.kernel_search import kernel_search, restricted_mip


def _instance(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    pts = rng.uniform(0, 100, (n, 2))
    cost = np.floor(np.hypot(*(pts[:, None, :] - pts[None, :, :]).transpose(2, 0, 1)))
    return cost, rng.integers(1, 5, n).astype(float)


def _brute(cost: np.ndarray, w: np.ndarray, p: int) -> tuple[float, tuple[int, ...]]:
    """The cheapest of all C(m, p) plans and its sites."""
    return min(
        (float((w * cost[:, list(s)].min(axis=1)).sum()), s)
        for s in itertools.combinations(range(cost.shape[1]), p)
    )


@pytest.mark.parametrize(("seed", "p"), [(0, 3), (1, 4)])
def test_restricted_mip_on_a_kernel_holding_the_optimum(seed: int, p: int) -> None:
    """12 points, every point a site: the MIP restricted to the optimal sites plus three others
    reproduces the brute-force optimum over all C(12, p) plans; restricted to every site but one
    optimal site, it returns the brute-force best of the plans without that site."""
    cost, w = _instance(seed, 12)
    inst = build_instance(cost, w)
    value, sites = _brute(cost, w, p)
    others = [j for j in range(12) if j not in sites]
    kernel = np.isin(np.arange(12), [*sites, *others[:3]])
    plan = restricted_mip(inst, p, kernel, time_limit=10)
    assert plan is not None
    assert plan.sum() == p
    assert not plan[~kernel].any()
    assert inst.objective(np.flatnonzero(plan)) == pytest.approx(value)
    without = ~np.isin(np.arange(12), [sites[0]])
    other = restricted_mip(inst, p, without, time_limit=10)
    assert other is not None
    assert not other[sites[0]]
    no_first = min(
        float((w * cost[:, list(s)].min(axis=1)).sum())
        for s in itertools.combinations(range(12), p)
        if sites[0] not in s
    )
    assert inst.objective(np.flatnonzero(other)) == pytest.approx(no_first)
    assert no_first >= value


def test_restricted_mip_bucket_row_and_limit() -> None:
    """A bucket row forces one of its sites open; asking for less than the optimum finds nothing."""
    cost, w = _instance(2, 12)
    inst = build_instance(cost, w)
    value, sites = _brute(cost, w, 3)
    bucket = np.array([j for j in range(12) if j not in sites][:2])
    plan = restricted_mip(inst, 3, np.ones(12, dtype=bool), time_limit=10, bucket=bucket)
    assert plan is not None
    assert plan[bucket].any()
    # The best plan using a bucket site, by brute force over the plans that do.
    forced = min(
        float((w * cost[:, list(s)].min(axis=1)).sum())
        for s in itertools.combinations(range(12), 3)
        if set(s) & set(bucket.tolist())
    )
    assert inst.objective(np.flatnonzero(plan)) == pytest.approx(forced)
    below = restricted_mip(inst, 3, np.ones(12, dtype=bool), time_limit=10, below=value - 0.5)
    assert below is None or inst.objective(np.flatnonzero(below)) >= value


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_kernel_search_reaches_brute_force_and_never_worsens(seed: int) -> None:
    """14 points, p = 4, from a poor start (the first four sites): kernel search returns the
    brute-force optimum (the buckets cover every site), never a worse plan, and an LP bound at
    most the optimum. Started at the optimum it returns it unchanged."""
    cost, w = _instance(seed, 14)
    inst = build_instance(cost, w)
    value, sites = _brute(cost, w, 4)
    start = np.zeros(14, dtype=bool)
    start[:4] = True
    result = kernel_search(inst, 4, start, deadline=time.perf_counter() + 20, integral=True)
    assert result.objective <= inst.objective(np.arange(4)) + 1e-9
    assert result.objective == pytest.approx(value)
    assert result.objective == pytest.approx(inst.objective(np.flatnonzero(result.is_open)))
    assert result.lp_bound <= value + 1e-6
    best = np.isin(np.arange(14), sites)
    again = kernel_search(inst, 4, best, deadline=time.perf_counter() + 20, integral=True)
    assert again.objective == pytest.approx(value)


def test_restricted_instance_keeps_each_areas_nearest_allowed_sites_and_prices_the_rest_low() -> None:
    """Worked by hand: 2 areas, 4 sites, sites 0, 2, 3 allowed, each area keeps its 1 nearest."""
    from hubplan.optimise.instance import build_instance
    from hubplan.optimise.kernel_search import restricted_instance

    cost = np.array([[5.0, 1.0, 3.0, 9.0], [2.0, 8.0, 7.0, 4.0]])
    inst = build_instance(cost, np.array([1.0, 2.0]))
    sub, sites = restricted_instance(inst, np.array([True, False, True, True]), 1)
    assert sites.tolist() == [0, 2, 3]
    # Weighted costs: area 0 [5, 1, 3, 9], area 1 [4, 16, 14, 8]. Area 0 keeps site 2 (3), its far
    # cost the next allowed, site 0 (5); area 1 keeps site 0 (4), its far cost site 3's (8).
    assert sub.objective(np.array([1])) == 3.0 + 8.0  # site 2 open: exactly 3 + 14 = 17
    assert sub.objective(np.array([0])) == 5.0 + 4.0  # site 0 open: exact too
    assert sub.objective(np.array([2])) == 5.0 + 8.0  # site 3 open: exactly 9 + 8 = 17
    for j, orig in enumerate(sites):  # never above the exact cost: a relaxation
        assert sub.objective(np.array([j])) <= inst.objective(np.array([orig]))
