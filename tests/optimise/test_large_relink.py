"""Path-relinking and the elite pool (``hubplan.optimise.relink``), checked against brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from hubplan.optimise import build_instance
from hubplan.optimise.large import Plan, local_search
from hubplan.optimise.relink import ElitePool, best_restricted_swap, elite_search, relink


def _instance(n: int, seed: int) -> tuple[np.ndarray, object]:
    rng = np.random.default_rng(seed)
    pts = rng.uniform(0, 100, (n, 2))
    cost = np.floor(np.hypot(*(pts[:, None, :] - pts[None, :, :]).transpose(2, 0, 1)))
    return cost, build_instance(cost, np.ones(n))


def _value(cost: np.ndarray, is_open: np.ndarray) -> float:
    return float(cost[:, is_open].min(axis=1).sum())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_best_restricted_swap_is_the_best_pair(seed: int) -> None:
    """The kernel's (in, out, profit) equals the best of every allowed pair, each costed from the matrix."""
    cost, inst = _instance(30, seed)
    rng = np.random.default_rng(seed + 10)
    is_open = np.zeros(30, dtype=np.bool_)
    is_open[rng.choice(30, 6, replace=False)] = True
    plan = Plan.of(inst, is_open)
    may_open = rng.random(30) < 0.5
    may_close = rng.random(30) < 0.6
    f_in, r_out, profit = best_restricted_swap(
        inst.col_ptr,
        inst.col_area,
        inst.col_cost,
        plan.is_open,
        plan.d1,
        plan.f1,
        plan.d2,
        may_open,
        may_close,
    )
    before = _value(cost, is_open)
    pairs = {}
    for f in np.flatnonzero(~is_open & may_open):
        for r in np.flatnonzero(is_open & may_close):
            trial = is_open.copy()
            trial[f], trial[r] = True, False
            pairs[(int(f), int(r))] = before - _value(cost, trial)
    best = max(pairs.values())
    assert profit == pytest.approx(best)
    assert pairs[(int(f_in), int(r_out))] == pytest.approx(best)


def test_relink_two_apart_takes_the_best_middle_plan() -> None:
    """Plans two swaps apart: the path's only interior plan is the cheapest of the four single swaps."""
    cost, inst = _instance(25, 3)
    a = np.zeros(25, dtype=np.bool_)
    a[[0, 1, 2, 3, 4]] = True
    b = np.zeros(25, dtype=np.bool_)
    b[[0, 1, 2, 10, 11]] = True
    middle = relink(inst, Plan.of(inst, a), b)
    options = []
    for f, r in itertools.product([10, 11], [3, 4]):
        trial = a.copy()
        trial[f], trial[r] = True, False
        options.append(_value(cost, trial))
    assert middle.objective == pytest.approx(min(options))
    assert middle.is_open.sum() == 5
    assert np.all(middle.is_open[[0, 1, 2]])


def test_elite_pool_keeps_distinct_best_plans() -> None:
    """A full pool takes a better newcomer in place of the most similar worse plan, and no duplicates."""
    _cost, inst = _instance(12, 4)
    pool = ElitePool(size=2)
    plans = []
    for sites in ([0, 1], [0, 2], [0, 1]):
        mask = np.zeros(12, dtype=np.bool_)
        mask[sites] = True
        plans.append(Plan.of(inst, mask))
    every = np.ones(12, dtype=np.bool_)
    local_search(inst, plans[2], every, every)  # a swap local optimum: no worse than the others
    assert pool.offer(plans[0])
    assert pool.offer(plans[1])
    assert not pool.offer(plans[0])  # already in
    assert pool.offer(plans[2]) == (plans[2].objective < min(plans[0].objective, plans[1].objective))
    stayed = [any(np.array_equal(q.is_open, r.is_open) for r in pool.plans) for q in plans[:2]]
    assert sum(stayed) == 1
    differ = [int(np.sum(q.is_open != plans[2].is_open)) for q in plans[:2]]
    assert differ[stayed.index(True)] >= differ[stayed.index(False)]  # the more similar one left
    assert pool.best.objective == pytest.approx(plans[2].objective)


@pytest.mark.parametrize(("seed", "p"), [(5, 3), (6, 4)])
def test_elite_search_reaches_the_brute_force_optimum(seed: int, p: int) -> None:
    """On 14 points the elite search from a swap local optimum ends at the optimum over all C(14, p) plans."""
    cost, inst = _instance(14, seed)
    optimum = min(_value(cost, np.isin(np.arange(14), s)) for s in itertools.combinations(range(14), p))
    start = np.zeros(14, dtype=np.bool_)
    start[:p] = True
    plan = Plan.of(inst, start)
    every = np.ones(14, dtype=np.bool_)
    local_search(inst, plan, every, every)
    found = elite_search(inst, plan, seed=0, deadline=np.inf, patience=200)
    assert found.objective <= plan.objective
    assert found.objective == pytest.approx(optimum)
    assert _value(cost, found.is_open) == pytest.approx(found.objective)


@pytest.mark.parametrize(("seed", "p"), [(7, 4), (8, 5)])
def test_elite_search_with_restarts_reaches_the_brute_force_optimum(seed: int, p: int) -> None:
    """Short epochs (patience 3), relinking of the whole pool and growing kicks end at the optimum of 16 points.

    The optimum is the best of all C(16, p) plans; without a deadline the search stops after four
    epochs in a row without a better plan, so it must return.
    """
    cost, inst = _instance(16, seed)
    optimum = min(_value(cost, np.isin(np.arange(16), s)) for s in itertools.combinations(range(16), p))
    start = np.zeros(16, dtype=np.bool_)
    start[:p] = True
    plan = Plan.of(inst, start)
    found = elite_search(inst, plan, seed=1, deadline=np.inf, patience=3, restart=True)
    assert found.objective == pytest.approx(optimum)
    assert _value(cost, found.is_open) == pytest.approx(found.objective)
