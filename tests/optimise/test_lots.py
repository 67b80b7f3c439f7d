"""Lots on small grids against every contiguous partition, and on a line worked out by hand."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubplan.errors import InfeasibleError
from hubplan.optimise.contiguity import grid_adjacency, is_connected
from hubplan.optimise.lots import (
    LotProblem,
    LotSettings,
    Measure,
    contiguous,
    plan_lots,
    served_together,
)


def _grid_problem(
    rows: int,
    cols: int,
    children: list[int],
    bases: list[int],
    *,
    tolerance: float = 0.2,
    providers: tuple[str, ...] = (),
    pinned: dict[int, int] | None = None,
) -> LotProblem:
    xy = np.array([[c, -r] for r in range(rows) for c in range(cols)], dtype=np.float64)
    w = np.array(children, dtype=np.float64)
    base_area = np.array(bases, dtype=np.int64)
    d = np.linalg.norm(xy[:, None, :] - xy[base_area][None, :, :], axis=2)
    return LotProblem(
        xy_km=xy,
        children=w,
        adjacency=grid_adjacency(rows, cols),
        base_ids=tuple(f"s{b}" for b in range(len(bases))),
        base_area=base_area,
        served_by=np.argmin(d, axis=1),
        measures=(Measure("children", w, tolerance),),
        base_provider=providers,
        pinned=pinned or {},
    )


def _partitions(n: int, k: int) -> Iterator[list[int]]:
    """Every partition of n items into exactly k blocks, as restricted growth strings."""

    def grow(prefix: list[int], top: int) -> Iterator[list[int]]:
        if len(prefix) == n:
            if top == k:
                yield prefix
            return
        if k - top > n - len(prefix):
            return
        for g in range(min(top + 1, k)):
            yield from grow([*prefix, g], max(top, g + 1))

    yield from grow([0], 1)


def _brute_force(problem: LotProblem, k: int, split_km: float, cap: int | None = None) -> float:
    """The least cost over every partition that keeps every rule, each rule checked here afresh."""
    w = problem.children
    xy = problem.xy_km
    own = problem.base_area[problem.served_by]
    total = float(w.sum())
    best = np.inf
    for labels in _partitions(problem.n_areas, k):
        lot = np.array(labels)
        cost = 0.0
        providers: list[str] = []
        ok = True
        for g in range(k):
            members = np.flatnonzero(lot == g)
            if abs(w[members].sum() - total / k) > problem.measures[0].tolerance * total / k + 1e-9:
                ok = False
                break
            if not is_connected(members.tolist(), problem.adjacency.neighbours):
                ok = False
                break
            options = [b for b, a in enumerate(problem.base_area) if lot[a] == g]
            if not options:
                ok = False
                break
            costs = [
                sum(w[i] * np.linalg.norm(xy[i] - xy[problem.base_area[b]]) for i in members) for b in options
            ]
            pick = int(np.argmin(costs))
            cost += costs[pick]
            providers.append(problem.base_provider[options[pick]] if problem.base_provider else "")
        if not ok:
            continue
        if cap is not None and any(providers.count(p) > cap for p in set(providers)):
            continue
        if problem.pinned:
            groups: dict[int, set[int]] = {}
            for area, label in problem.pinned.items():
                groups.setdefault(label, set()).add(int(lot[area]))
            if any(len(s) > 1 for s in groups.values()):
                continue
            if len({next(iter(s)) for s in groups.values()}) < len(groups):
                continue
        away = lot[own] != lot  # children whose own base stands in another lot
        cost += split_km * float(w[away].sum())
        best = min(best, cost)
    return best


def test_a_line_of_four_is_cut_in_the_middle() -> None:
    """Four cells 1 km apart, one child each, bases at both ends, two lots.

    The contiguous splits are {0}|{1,2,3}: 0 + (2 + 1) = 3 km; {0,1}|{2,3}: 1 + 1 = 2 km;
    {0,1,2}|{3}: (1 + 2) + 0 = 3 km. The best is the middle cut, 2 child-km, and every child is in the
    lot of the base nearest to them.
    """
    problem = _grid_problem(1, 4, [1, 1, 1, 1], [0, 3], tolerance=1.0)
    for method in ("exact", "heuristic"):
        lots = plan_lots(problem, LotSettings(lots=2, method=method))  # type: ignore[arg-type]
        assert lots.lot.tolist() == [0, 0, 1, 1]
        assert lots.cost == pytest.approx(2.0)
        assert served_together(problem, lots.lot) == 1.0
    assert plan_lots(problem, LotSettings(lots=2, method="exact")).optimal


GRID_CHILDREN = [5, 3, 8, 2, 4, 7, 1, 6, 3, 5, 2, 9]
GRID_BASES = [0, 5, 6, 11]


@pytest.mark.parametrize(
    ("rows", "k", "split_km", "tolerance"),
    [(3, 2, 0.0, 0.1), (3, 3, 0.0, 0.25), (3, 3, 2.0, 0.25), (2, 4, 1.0, 0.5)],
)
def test_exact_matches_every_contiguous_partition(
    rows: int, k: int, split_km: float, tolerance: float
) -> None:
    """A 3 x 4 grid (2 x 4 for four lots): the MIP's cost is the least over every partition keeping the rules."""
    bases = GRID_BASES if rows == 3 else [0, 3, 5, 6]
    problem = _grid_problem(rows, 4, GRID_CHILDREN[: rows * 4], bases, tolerance=tolerance)
    expected = _brute_force(problem, k, split_km)
    assert np.isfinite(expected)
    exact = plan_lots(problem, LotSettings(lots=k, split_km=split_km, method="exact"))
    assert exact.optimal
    assert exact.cost == pytest.approx(expected, rel=1e-6)
    assert contiguous(problem, exact.lot, k)
    assert not exact.unbalanced
    heuristic = plan_lots(problem, LotSettings(lots=k, split_km=split_km, method="heuristic"))
    assert contiguous(problem, heuristic.lot, k)
    assert heuristic.cost >= expected - 1e-6
    assert not heuristic.unbalanced


def test_pins_and_provider_cap_match_brute_force() -> None:
    """Cell 3 pinned to lot 1, cell 8 to lot 2, one lot per provider at most: as brute force finds."""
    providers = ("A", "A", "B", "C")
    problem = _grid_problem(
        3, 4, GRID_CHILDREN, GRID_BASES, tolerance=0.4, providers=providers, pinned={3: 1, 8: 2}
    )
    expected = _brute_force(problem, 3, 0.0, cap=1)
    lots = plan_lots(problem, LotSettings(lots=3, split_km=0.0, method="exact", max_lots_per_provider=1))
    assert lots.cost == pytest.approx(expected, rel=1e-6)
    assert lots.lot[3] == 0
    assert lots.lot[8] == 1


def test_more_lots_than_based_areas_is_named() -> None:
    """Four bases cannot centre five lots: the error names the rule."""
    problem = _grid_problem(3, 4, GRID_CHILDREN, GRID_BASES)
    with pytest.raises(InfeasibleError, match="each lot must hold a base"):
        plan_lots(problem, LotSettings(lots=5))


def test_impossible_balance_is_proved() -> None:
    """Two lots of a 1 x 3 line with children 1, 1, 10 cannot be within 10% of 6 each."""
    problem = _grid_problem(1, 3, [1, 1, 10], [0, 2], tolerance=0.1)
    with pytest.raises(InfeasibleError, match="no split into 2 lots"):
        plan_lots(problem, LotSettings(lots=2, method="exact"))
    assert plan_lots(problem, LotSettings(lots=2, method="heuristic")).unbalanced


def test_partitions_enumerate_stirling_numbers() -> None:
    """The enumeration is complete: S(5, 2) = 15 and S(6, 3) = 90 partitions."""
    assert sum(1 for _ in _partitions(5, 2)) == 15
    assert sum(1 for _ in _partitions(6, 3)) == 90
    assert len({tuple(p) for p in _partitions(6, 3)}) == 90
    assert list(itertools.islice(_partitions(3, 3), 2)) == [[0, 1, 2]]


@settings(max_examples=25, deadline=None)
@given(
    rows=st.integers(2, 5),
    cols=st.integers(2, 5),
    k=st.integers(1, 4),
    seed=st.integers(0, 10_000),
)
def test_the_search_always_returns_whole_lots_each_with_a_base(
    rows: int, cols: int, k: int, seed: int
) -> None:
    """Any grid, children and bases: every cell in one lot, every lot one piece holding a base."""
    rng = np.random.default_rng(seed)
    n = rows * cols
    bases = sorted(rng.choice(n, size=min(n, k + int(rng.integers(0, 3))), replace=False).tolist())
    problem = _grid_problem(rows, cols, rng.integers(1, 50, size=n).tolist(), bases, tolerance=1.0)
    lots = plan_lots(problem, LotSettings(lots=k, method="heuristic", starts=2, seed=seed))
    assert sorted(set(lots.lot.tolist())) == list(range(k))
    assert contiguous(problem, lots.lot, k)
    for g in range(k):
        assert (lots.lot[problem.base_area] == g).any()
