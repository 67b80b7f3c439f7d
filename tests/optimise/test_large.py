"""The large-instance p-median path: TSPLIB reading, the neighbour-list relaxation, fast swaps, exact."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from hubplan.errors import InputError
from hubplan.optimise import build_instance, solve_instance, solve_pmedian
from hubplan.optimise.bound import lagrangian_bound
from hubplan.optimise.large import Plan, keep_count, local_search, nearest_instance
from hubplan.optimise.large_solve import solve_large
from hubplan.optimise.rules import Rules
from hubplan.optimise.solution import Method
from hubplan.optimise.tsplib import floor_distances, read_tsplib_points


def points(n: int, seed: int) -> np.ndarray:
    """Random points in a 1,000 x 1,000 square, some in clusters (like the drilling instances)."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 1000, (4, 2))
    half = n // 2
    spread = centres[rng.integers(0, 4, n - half)] + rng.normal(0, 30, (n - half, 2))
    return np.vstack([rng.uniform(0, 1000, (half, 2)), spread])


def brute(cost: np.ndarray, p: int) -> float:
    """The least summed distance over every set of ``p`` sites."""
    return min(
        float(cost[:, list(s)].min(axis=1).sum()) for s in itertools.combinations(range(cost.shape[1]), p)
    )


def test_read_tsplib_and_floor(tmp_path: Path) -> None:
    """Points (0,0), (3,4), (1,1): distances 5 (3-4-5), floor(sqrt 2) = 1, floor(sqrt 13) = 3."""
    path = tmp_path / "t.tsp"
    path.write_text("NAME : t\nDIMENSION : 3\nNODE_COORD_SECTION\n1 0 0\n2 3 4\n3 1.0e0 1\nEOF\n")
    pts = read_tsplib_points(path)
    assert pts.tolist() == [[0, 0], [3, 4], [1, 1]]
    assert floor_distances(pts).tolist() == [[0, 5, 1], [5, 0, 3], [1, 3, 0]]


@pytest.mark.parametrize(
    ("text", "where"),
    [("NAME : t\n1 0 0\n", "NODE_COORD_SECTION"), ("DIMENSION : 2\nNODE_COORD_SECTION\n1 0 x\n2 1 1\n", "row 3"),
     ("DIMENSION : 3\nNODE_COORD_SECTION\n1 0 0\nEOF\n", "DIMENSION")],
)  # fmt: skip
def test_read_tsplib_bad_input(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "bad.tsp"
    path.write_text(text)
    with pytest.raises(InputError, match=where):
        read_tsplib_points(path)


def test_nearest_instance_is_a_relaxation() -> None:
    """Every plan costs no more in the truncated instance, and the same when all areas are served on-list."""
    pts = points(60, 1)
    cost = floor_distances(pts)
    full = build_instance(cost, np.ones(60))
    trunc = nearest_instance(cost, np.ones(60), 8)
    rng = np.random.default_rng(0)
    for _ in range(50):
        sites = rng.choice(60, 6, replace=False)
        assert trunc.objective(sites) <= full.objective(sites) + 1e-9
    # With every site open, each area is served by itself (distance 0), which is on its list.
    assert trunc.objective(np.arange(60)) == full.objective(np.arange(60)) == 0.0


def test_truncated_lagrangian_bounds_the_full_optimum() -> None:
    """The Lagrangian bound of a 6-nearest relaxation is below the brute-force optimum of the full problem."""
    pts = points(16, 2)
    cost = floor_distances(pts)
    best = brute(cost, 3)
    trunc = nearest_instance(cost, np.ones(16), 6)
    start = np.full(16, cost.max())
    assert lagrangian_bound(trunc, Rules(p=3), best, start).bound <= best + 1e-9


def test_swap_search_reaches_a_swap_local_optimum() -> None:
    """After fast swaps, no single swap improves the plan (checked by trying every swap)."""
    pts = points(40, 3)
    cost = floor_distances(pts)
    inst = build_instance(cost, np.ones(40))
    mask = np.zeros(40, dtype=bool)
    mask[:5] = True
    plan = Plan.of(inst, mask)
    every = np.ones(40, dtype=np.bool_)
    local_search(inst, plan, every, every)
    assert plan.is_open.sum() == 5
    assert plan.objective == inst.objective(np.flatnonzero(plan.is_open))
    opened = np.flatnonzero(plan.is_open)
    for out, into in itertools.product(opened, np.flatnonzero(~plan.is_open)):
        sites = np.r_[opened[opened != out], into]
        assert inst.objective(sites) >= plan.objective - 1e-9


@pytest.mark.parametrize(("seed", "p"), [(4, 2), (5, 3), (6, 4)])
def test_solve_large_matches_brute_force(seed: int, p: int) -> None:
    """Heuristic and exact on 14 points agree with enumeration; the bound is below, the exact one proven."""
    pts = points(14, seed)
    cost = floor_distances(pts)
    best = brute(cost, p)
    heur = solve_large(cost, np.ones(14), p, method=Method.HEURISTIC, time_limit=2)
    exact = solve_large(cost, np.ones(14), p, method=Method.EXACT, time_limit=30)
    assert heur.objective == pytest.approx(best)
    assert heur.lower_bound <= best + 1e-9
    assert exact.objective == pytest.approx(best)
    assert exact.status == "optimal"


@pytest.mark.parametrize(("n", "p"), [(150, 5), (200, 25), (200, 60)])
def test_solve_large_exact_equals_plain_mip(n: int, p: int) -> None:
    """On 150-200 points (neighbour lists shorter than n when p >= 25), the exact optimum is the plain MIP's."""
    pts = points(n, n + p)
    cost = floor_distances(pts)
    plain = solve_instance(build_instance(cost, np.ones(n)), Rules(p=p), method="exact")
    ours = solve_large(cost, np.ones(n), p, method=Method.EXACT, time_limit=60)
    assert plain.status == "optimal"
    assert ours.status == "optimal"
    assert ours.objective == plain.objective
    if p >= 25:
        assert keep_count(n, n, p) < n  # the lists were really truncated


def test_solve_large_sparse_input_equals_plain_mip() -> None:
    """A sparse matrix (pairs within 250 m only): same optimum as the plain MIP on the same matrix."""
    pts = points(120, 9)
    dense = floor_distances(pts)
    rows, cols = np.nonzero(dense <= 250)
    cost = sp.csr_array((dense[rows, cols], (rows, cols)), shape=dense.shape)
    weights = np.random.default_rng(9).integers(1, 5, 120).astype(np.float64)
    plain = solve_instance(build_instance(cost, weights), Rules(p=20), method="exact")
    ours = solve_large(cost, weights, 20, method=Method.EXACT, time_limit=60)
    assert ours.objective == plain.objective
    assert ours.status == "optimal"


def test_solve_pmedian_routes_large_plain_problems() -> None:
    """1,000 sites and no rules: the large path; its objective is the plan's cost on the full matrix."""
    pts = points(1000, 11)
    cost = floor_distances(pts)
    s = solve_pmedian(cost, np.ones(1000), 100, method="heuristic", time_limit=3)
    assert len(s.open) == 100
    assert s.objective == float(cost[:, s.open].min(axis=1).sum())
    assert 0 < s.lower_bound <= s.objective
    assert s.gap < 0.02


def test_exact_keeps_the_heuristic_plan_when_fixing_cuts_it_off() -> None:
    """A case where the heuristic finds the optimum (9,070) and Lagrangian fixing then cuts it off.

    Before the fix, HiGHS answered the best plan of what fixing left (9,077) and called it optimal;
    HiGHS on the whole model, with nothing fixed, proves 9,070.
    """
    from hubplan.optimise.exact import ExactSolver

    cost = floor_distances(points(200, 225))
    inst = build_instance(cost, np.ones(200))
    whole = ExactSolver(inst, Rules(p=25)).solve()
    s = solve_instance(inst, Rules(p=25), method="exact")
    assert whole.status == "optimal"
    assert s.objective == inst.objective(np.flatnonzero(whole.is_open)) == 9070.0
    assert s.status == "optimal"
