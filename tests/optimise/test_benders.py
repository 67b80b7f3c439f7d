"""Benders decomposition against brute force and a hand-worked case."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest

from hubplan.optimise.benders import Master, benders
from hubplan.optimise.instance import build_instance
from hubplan.optimise.large import nearest_instance
from hubplan.optimise.solution import Status


def _brute(cost: np.ndarray, w: np.ndarray, p: int) -> float:
    return min(
        float((w * cost[:, list(s)].min(axis=1)).sum())
        for s in itertools.combinations(range(cost.shape[1]), p)
    )


def test_hand_case() -> None:
    """Three areas on a line at 0, 1, 10; sites at the same points; p = 1.

    Open 0: 0 + 1 + 10 = 11; open 1: 1 + 0 + 9 = 10; open 10: 10 + 9 + 0 = 19. Optimum 10, site 1.
    """
    x = np.array([0.0, 1.0, 10.0])
    cost = np.abs(x[:, None] - x[None, :])
    inst = build_instance(cost, np.ones(3))
    start = np.array([False, False, True])
    result = benders(inst, 1, start, integral=True)
    assert result.status == Status.OPTIMAL
    assert result.objective == 10.0
    assert result.bound == 10.0
    assert list(np.flatnonzero(result.is_open)) == [1]


@pytest.mark.parametrize("cutoff", [True, False])
@pytest.mark.parametrize(("seed", "p"), [(0, 2), (1, 3), (2, 4), (3, 5)])
def test_matches_brute_force(seed: int, p: int, cutoff: bool) -> None:
    """Random integral instances (14 areas, 10 sites): Benders proves the brute-force optimum.

    Both Phase 2s: closing the gap, and the cutoff row ``sum theta <= incumbent - 1``.
    """
    rng = np.random.default_rng(seed)
    cost = np.floor(rng.uniform(0, 100, (14, 10)))
    w = rng.integers(1, 5, 14).astype(float)
    inst = build_instance(cost, w)
    start = np.zeros(10, dtype=bool)
    start[:p] = True  # a poor start: Benders must improve it
    result = benders(inst, p, start, integral=True, cutoff=cutoff)
    assert result.status == Status.OPTIMAL
    assert result.objective == pytest.approx(_brute(cost, w, p))
    assert result.bound == pytest.approx(result.objective)
    assert result.is_open.sum() == p


def test_truncated_relaxation_bounds_full() -> None:
    """On a neighbour-list relaxation (far costs) the proven bound is at most the full optimum."""
    rng = np.random.default_rng(7)
    pts = rng.uniform(0, 100, (16, 2))
    cost = np.floor(np.hypot(*(pts[:, None, :] - pts[None, :, :]).transpose(2, 0, 1)))
    w = np.ones(16)
    inst = nearest_instance(cost, w, 4)
    start = np.zeros(16, dtype=bool)
    start[[0, 5, 10]] = True
    result = benders(inst, 3, start, integral=True)
    optimum = _brute(cost, w, 3)
    assert result.bound <= optimum + 1e-9
    assert result.status == Status.OPTIMAL
    assert result.objective == pytest.approx(inst.objective(np.flatnonzero(result.is_open)))


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_cutoff_proves_an_optimal_start(seed: int) -> None:
    """Started at the brute-force optimum, the cutoff master (cost <= optimum - 1) is infeasible: proven.

    Random integral instances (16 areas, 12 sites, p = 4); the start is the best of all C(12, 4) plans,
    so no plan costs less and the proof must come from the master's infeasibility (or Phase 1's bound).
    """
    rng = np.random.default_rng(seed)
    cost = np.floor(rng.uniform(0, 60, (16, 12)))
    w = np.ones(16)
    best = min(itertools.combinations(range(12), 4), key=lambda s: float(cost[:, list(s)].min(axis=1).sum()))
    start = np.isin(np.arange(12), best)
    result = benders(build_instance(cost, w), 4, start, integral=True, cutoff=True)
    assert result.status == Status.OPTIMAL
    assert result.objective == pytest.approx(_brute(cost, w, 4))
    assert result.bound == pytest.approx(result.objective)


@pytest.mark.parametrize("seed", [8, 9])
def test_probing_fixes_only_sites_no_better_plan_opens(seed: int) -> None:
    """Every site probing closes is open in no plan costing at most ``cut``, checked over all C(14, 4) plans.

    Random integral instances (18 areas, 14 sites, p = 4), the incumbent the brute-force optimum and
    ``cut`` one below it (less a tolerance): probing may close a site only if every plan opening it
    costs more than ``cut``, which enumeration checks site by site.
    """
    rng = np.random.default_rng(seed)
    cost = np.floor(rng.uniform(0, 80, (18, 14)))
    w = np.ones(18)
    plans = list(itertools.combinations(range(14), 4))
    costs = np.array([float(cost[:, list(s)].min(axis=1).sum()) for s in plans])
    start = np.isin(np.arange(14), plans[int(np.argmin(costs))])
    cut = float(costs.min()) - (1 - 1e-9)
    master = Master(build_instance(cost, w), 4, start)
    lp_bound, y, dual = master.solve_lp(time.perf_counter() + 30)
    assert y is not None
    assert dual is not None
    assert np.isfinite(lp_bound)
    fixed = master.probe(y, dual, cut, time.perf_counter() + 30)
    closed = np.flatnonzero(master.upper_y < 0.5)
    assert fixed == len(closed) > 0
    for j in closed:
        assert min(c for s, c in zip(plans, costs, strict=True) if j in s) > cut


def _plans(cost: np.ndarray, p: int) -> tuple[list[tuple[int, ...]], np.ndarray]:
    plans = list(itertools.combinations(range(cost.shape[1]), p))
    return plans, np.array([float(cost[:, list(s)].min(axis=1).sum()) for s in plans])


@pytest.mark.parametrize("first_cutoff", [True, False])
@pytest.mark.parametrize("seed", [10, 11, 12])
def test_reused_master_proves_the_brute_force_optimum(seed: int, first_cutoff: bool) -> None:
    """A second call on the first call's master (cuts, fixings, incumbent kept) proves the optimum.

    Random integral instances (18 areas, 14 sites, p = 4, unit weights), checked against all C(14, 4)
    plans. The first call starts from the worst plan, the second from the second-worst, on an equal
    instance built again (another object): it takes the master's incumbent when cheaper, and must
    still end at the brute-force optimum with a matching bound. Every site the fixings closed must
    open in no plan costing at most the cut they assumed.
    """
    rng = np.random.default_rng(seed)
    cost = np.floor(rng.uniform(0, 80, (18, 14)))
    w = np.ones(18)
    plans, costs = _plans(cost, 4)
    order = np.argsort(costs)
    worst = np.isin(np.arange(14), plans[int(order[-1])])
    second_worst = np.isin(np.arange(14), plans[int(order[-2])])
    first = benders(build_instance(cost, w), 4, worst, integral=True, cutoff=first_cutoff)
    assert first.master is not None
    again = benders(build_instance(cost, w), 4, second_worst, integral=True, master=first.master)
    assert again.master is first.master
    assert again.status == Status.OPTIMAL
    assert again.objective == pytest.approx(costs.min())
    assert again.bound == pytest.approx(costs.min())
    master = first.master
    for j in np.flatnonzero(master.upper_y < 0.5):
        assert min(c for s, c in zip(plans, costs, strict=True) if j in s) > master.fixed_for
    for j in np.flatnonzero(master.lower_y > 0.5):
        assert min(c for s, c in zip(plans, costs, strict=True) if j not in s) > master.fixed_for


def test_reused_master_after_a_stopped_call() -> None:
    """A first call stopped at once (no LP solved) hands on a master a second call proves from.

    Random integral instance (16 areas, 12 sites, p = 3), optimum by enumerating all C(12, 3) plans.
    """
    rng = np.random.default_rng(13)
    cost = np.floor(rng.uniform(0, 50, (16, 12)))
    w = np.ones(16)
    inst = build_instance(cost, w)
    _, costs = _plans(cost, 3)
    start = np.zeros(12, dtype=bool)
    start[:3] = True
    first = benders(inst, 3, start, integral=True, time_limit=0.0)
    assert first.status == Status.TIME_LIMIT
    assert first.bound <= costs.min()
    again = benders(inst, 3, start, integral=True, master=first.master)
    assert again.master is first.master
    assert again.status == Status.OPTIMAL
    assert again.objective == pytest.approx(costs.min())


def test_master_of_another_instance_is_not_reused() -> None:
    """A master built on other costs is set aside: the call builds its own and proves its optimum.

    Two random integral instances of the same size (14 areas, 10 sites, p = 3); the second's optimum
    by enumerating all C(10, 3) plans.
    """
    rng = np.random.default_rng(14)
    cost_a, cost_b = (np.floor(rng.uniform(0, 100, (14, 10))) for _ in range(2))
    w = np.ones(14)
    start = np.zeros(10, dtype=bool)
    start[:3] = True
    first = benders(build_instance(cost_a, w), 3, start, integral=True)
    other = benders(build_instance(cost_b, w), 3, start, integral=True, master=first.master)
    assert other.master is not first.master
    assert other.status == Status.OPTIMAL
    assert other.objective == pytest.approx(_plans(cost_b, 3)[1].min())
