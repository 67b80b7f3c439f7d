"""Solve location problems on cost matrices: p-median and maximal covering, exact or heuristic."""

from __future__ import annotations

import time

import numpy as np
import scipy.sparse as sp

from hubplan.optimise.bound import lagrangian_bound
from hubplan.optimise.exact import ExactSolver
from hubplan.optimise.heuristic import search
from hubplan.optimise.instance import Instance, build_instance
from hubplan.optimise.rules import Rules, check_rules
from hubplan.optimise.solution import Solution, sorted_positions

METHODS = ("exact", "heuristic")


def solve_instance(
    inst: Instance,
    rules: Rules,
    *,
    method: str = "exact",
    time_limit: float | None = None,
    seed: int = 0,
    alternatives: int = 0,
    within: float = 0.05,
    iterations: int | None = None,
) -> Solution:
    """Minimise the weighted cost of ``inst`` under ``rules``.

    Parameters
    ----------
    inst
        The instance.
    rules
        The rules.
    method
        ``"exact"`` (HiGHS, warm-started from the heuristic) or ``"heuristic"`` (greedy, fast
        vertex substitution and shakes, with a Lagrangian lower bound).
    time_limit
        Seconds; the exact method then returns its best plan with its gap.
    seed
        Seeds the heuristic's shakes.
    alternatives
        How many other distinct plans to return, each within ``within`` of the best.
    within
        The relative tolerance for alternatives (0.05 = within 5% of the best objective).
    iterations
        The heuristic's shakes (default: 200, or 30 before an exact solve).

    Returns
    -------
    Solution
        A minimisation solution (``sense="min"``).

    Raises
    ------
    InfeasibleError
        When the rules cannot all hold.
    ValueError
        For an unknown method.
    """
    if method not in METHODS:
        msg = f"method: expected one of {', '.join(METHODS)}; got {method!r}"
        raise ValueError(msg)
    check_rules(rules, inst.n_sites)
    started = time.perf_counter()
    shakes = iterations if iterations is not None else (30 if method == "exact" else 200)
    best, others = search(
        inst, rules, seed=seed, iterations=shakes, time_limit=time_limit, keep=alternatives, keep_within=within
    )
    if method == "heuristic":
        objective = inst.objective(sorted_positions(best))
        start = _assigned_costs(inst, best)
        remaining = None if time_limit is None else max(1.0, time_limit - (time.perf_counter() - started))
        bound = lagrangian_bound(inst, rules, objective, start, iterations=300 if remaining is None else 300)
        alts = tuple(
            Solution(sorted_positions(mask), obj, bound, "min", 0.0, "heuristic", "heuristic", "Lagrangian relaxation")
            for obj, mask in others
        )
        return Solution(
            sorted_positions(best), objective, min(bound, objective), "min", time.perf_counter() - started,
            "heuristic", "heuristic", "Lagrangian relaxation", alts,
        )  # fmt: skip
    left = None if time_limit is None else max(0.1, time_limit - (time.perf_counter() - started))
    solver = ExactSolver(inst, rules, time_limit=left)
    result = solver.solve(start=best)
    found = []
    limit = result.objective * (1 + within) + 1e-9
    previous = result.is_open
    for _ in range(alternatives):
        solver.exclude(previous)
        try:
            alt = solver.solve()
        except Exception:  # noqa: BLE001 - no further plan exists: stop looking
            break
        if alt.objective > limit:
            break
        found.append(Solution(sorted_positions(alt.is_open), alt.objective, alt.bound, "min", alt.seconds, alt.status, "exact", "MIP dual bound"))
        previous = alt.is_open
    return Solution(
        sorted_positions(result.is_open), result.objective, result.bound, "min", time.perf_counter() - started,
        result.status, "exact", "MIP dual bound", tuple(found),
    )  # fmt: skip


def _assigned_costs(inst: Instance, is_open: np.ndarray) -> np.ndarray:
    costs = np.where(is_open[inst.row_site], inst.row_cost, np.inf)
    best = np.full(inst.n_areas, np.inf)
    nonempty = np.diff(inst.row_ptr) > 0
    if len(costs):
        best[nonempty] = np.minimum.reduceat(costs, inst.row_ptr[:-1][nonempty])
    return np.minimum(best, inst.far)


def solve_pmedian(
    cost: np.ndarray | sp.spmatrix | sp.sparray,
    weights: np.ndarray,
    p: int,
    *,
    method: str = "exact",
    time_limit: float | None = None,
    seed: int = 0,
    rules: Rules | None = None,
) -> Solution:
    """Choose ``p`` sites minimising the weighted cost to each area's nearest open site (p-median).

    The p-median problem (Hakimi 1964; ReVelle and Swain 1970):
    ``minimise sum_i w_i * min_{j open} c_ij  subject to  exactly p sites open``.

    Parameters
    ----------
    cost
        (n_areas, n_sites) costs, e.g. minutes: dense (``inf`` for unusable pairs) or scipy sparse
        (only usable pairs listed; an area with none open pays a far cost of twice the largest cost + 1).
    weights
        (n_areas,) weights, e.g. families.
    p
        How many sites to open.
    method
        ``"exact"`` or ``"heuristic"``.
    time_limit
        Seconds.
    seed
        Seeds the heuristic.
    rules
        Further rules (required, excluded, district minimums, cover sets, a budget); ``p`` here wins.

    Returns
    -------
    Solution
        ``open``, ``objective`` (sum of weight x cost to the nearest open site), ``lower_bound``,
        ``gap`` and ``seconds``.

    Examples
    --------
    >>> cost = np.array([[0.0, 4.0], [3.0, 0.0], [5.0, 1.0]])
    >>> s = solve_pmedian(cost, np.array([1.0, 1.0, 1.0]), 1)
    >>> s.open.tolist(), s.objective
    ([1], 5.0)
    """
    inst = build_instance(cost, weights)
    given = rules or Rules()
    chosen = Rules(**{**given.__dict__, "p": int(p)})
    return solve_instance(inst, chosen, method=method, time_limit=time_limit, seed=seed)


def solve_coverage(
    cost: np.ndarray | sp.spmatrix | sp.sparray,
    weights: np.ndarray,
    p: int,
    radius: float,
    *,
    method: str = "exact",
    time_limit: float | None = None,
    seed: int = 0,
    rules: Rules | None = None,
) -> Solution:
    """Choose ``p`` sites maximising the weight within ``radius`` of an open site (maximal covering).

    The maximal covering location problem (Church and ReVelle 1974):
    ``maximise sum_i w_i * [some open j has c_ij <= radius]  subject to  exactly p sites open``,
    solved as a p-median on 0/1 costs.

    Parameters
    ----------
    cost
        (n_areas, n_sites) costs, dense or scipy sparse.
    weights
        (n_areas,) weights.
    p
        How many sites to open.
    radius
        The cost within which an area counts as covered (inclusive).
    method, time_limit, seed, rules
        As for :func:`solve_pmedian`.

    Returns
    -------
    Solution
        ``objective`` is the weight covered; ``bound`` a proven upper bound (``sense="max"``).
    """
    inst = coverage_instance(cost, weights, radius)
    given = rules or Rules()
    chosen = Rules(**{**given.__dict__, "p": int(p)})
    s = solve_instance(inst, chosen, method=method, time_limit=time_limit, seed=seed)
    return as_coverage(s, float(np.sum(weights)))


def coverage_instance(cost: np.ndarray | sp.spmatrix | sp.sparray, weights: np.ndarray, radius: float) -> Instance:
    """Return the 0/1 instance for maximal covering: cost 0 within ``radius``, 1 (the far cost) beyond.

    Parameters
    ----------
    cost
        (n_areas, n_sites) costs, dense or scipy sparse.
    weights
        (n_areas,) weights.
    radius
        The covering radius (same unit as ``cost``).

    Returns
    -------
    Instance
        Only the covering pairs are listed, so the instance is as sparse as the coverage.
    """
    if sp.issparse(cost):
        coo = sp.coo_array(cost)
        keep = coo.data <= radius
        rows, cols = coo.row[keep], coo.col[keep]
        shape = coo.shape
    else:
        dense = np.asarray(cost, dtype=np.float64)
        rows, cols = np.nonzero(dense <= radius)
        shape = dense.shape
    covering = sp.csr_array((np.zeros(len(rows)), (rows, cols)), shape=shape)
    return build_instance(covering, weights, far=1.0)


def as_coverage(s: Solution, total: float) -> Solution:
    """Turn a minimised uncovered weight into a maximised covered weight (objective and bound).

    Parameters
    ----------
    s
        A solution of a :func:`coverage_instance`.
    total
        The total weight.

    Returns
    -------
    Solution
        ``sense="max"``, objective = covered weight, bound = an upper bound on it.
    """
    alts = tuple(as_coverage(a, total) for a in s.alternatives)
    return Solution(s.open, total - s.objective, total - s.bound, "max", s.seconds, s.status, s.method, s.bound_method, alts)
