"""Solve a large plain p-median: neighbour lists, fast swaps and local re-placement, a proven bound.

:func:`solve_large` is what :func:`hubplan.optimise.solve_pmedian` runs once there are
:data:`hubplan.optimise.solve.LARGE_SITES` candidate sites or more and no rule but the count.

1. Each area keeps its nearest ``k`` sites (:func:`~hubplan.optimise.large.keep_count`), its far
   cost the next one's: a relaxation of the full problem (:mod:`hubplan.optimise.large`).
2. Greedy, fast swaps and local shakes, then (``p >= 50``) exact re-placement of neighbourhoods of
   twelve sites with HiGHS. The plan's cost is then taken on the **full** matrix; where some area's
   nearest open site is not on its list, ``k`` doubles and the search resumes from the plan.
3. A Lagrangian bound on the relaxation, which bounds the full problem.
4. ``method="exact"``: sites the bound proves cannot be open (or closed) in a better plan are fixed
   (Beasley 1993), and a Benders decomposition (:mod:`hubplan.optimise.benders`; or, with
   :data:`EXACT_ENGINE` ``"mip"``, HiGHS on Elloumi's (2010) formulation) solves the relaxation on
   the rest, warm-started with the plan. Its optimum is a lower bound of the full problem; the plan
   is proven optimal when its full cost meets that bound.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from hubplan.optimise.instance import Instance, build_instance
from hubplan.optimise.large import (
    Plan,
    full_objective,
    keep_count,
    nearest_instance,
    neighbourhoods,
    search_large,
)
from hubplan.optimise.rules import Excluded, Required, Rules
from hubplan.optimise.solution import BoundMethod, Method, Solution, Status

if TYPE_CHECKING:
    from hubplan.optimise.bound import LagrangianBound

#: Seconds a heuristic solve takes by default when no ``time_limit`` is given.
HEURISTIC_SECONDS = 40.0
#: Seconds an exact solve takes by default when no ``time_limit`` is given.
EXACT_SECONDS = 600.0
#: How the exact method proves the plan after fixing: ``"benders"`` (:mod:`hubplan.optimise.benders`)
#: or ``"mip"`` (Elloumi's compact formulation, :class:`hubplan.optimise.exact.ExactSolver`).
EXACT_ENGINE = "benders"


def solve_large(
    cost: np.ndarray | sp.spmatrix | sp.sparray,
    weights: np.ndarray,
    p: int,
    *,
    method: Method = Method.HEURISTIC,
    time_limit: float | None = None,
    seed: int = 0,
) -> Solution:
    """Solve a large plain p-median (see the module notes); same contract as ``solve_pmedian``.

    Parameters
    ----------
    cost
        (n_areas, n_sites) costs: dense (all finite) or scipy sparse (usable pairs).
    weights
        (n_areas,) weights.
    p
        Sites to open.
    method
        Heuristic (with a proven Lagrangian gap) or exact (HiGHS after fixing).
    time_limit
        Seconds for the whole solve (default :data:`HEURISTIC_SECONDS` or :data:`EXACT_SECONDS`).
    seed
        Seeds the search.

    Returns
    -------
    Solution
        The plan, its cost on the full matrix and a proven lower bound.
    """
    from hubplan.optimise.bound import lagrangian_bound

    started = time.perf_counter()
    budget = time_limit if time_limit is not None else (
        HEURISTIC_SECONDS if method == Method.HEURISTIC else EXACT_SECONDS
    )  # fmt: skip
    search_budget = min(budget, HEURISTIC_SECONDS) if method == Method.EXACT else budget
    w = np.asarray(weights, dtype=np.float64)
    matrix: np.ndarray | sp.csr_array
    if sp.issparse(cost):
        matrix = sp.csr_array(cost, dtype=np.float64)
        matrix.sum_duplicates()
        full: Instance | None = build_instance(matrix, w)
    else:
        matrix = np.asarray(cost, dtype=np.float64)
        full = None
    n, m = matrix.shape
    k = keep_count(n, m, p)
    start_mask: np.ndarray | None = None
    while True:
        inst = nearest_instance(matrix, w, k) if k < m else (full or build_instance(matrix, w))
        plan = search_large(inst, p, seed=seed, start=start_mask, deadline=started + 0.45 * search_budget)
        if p >= 50:
            plan = neighbourhoods(inst, plan, seed=seed, deadline=started + 0.8 * search_budget)
        objective = full_objective(matrix, full, w, plan.is_open)
        if objective <= plan.objective * (1 + 1e-12) + 1e-9 or k >= m:
            break
        start_mask, k = plan.is_open, min(m, 2 * k)
    rules = Rules(p=p)
    # The bound gets what the search left, and at least a quarter of the budget (a search that overran
    # its share would otherwise leave it a few steps).
    left = max(0.25 * search_budget, started + search_budget - time.perf_counter())
    # Multipliers start halfway between each area's nearest and second-nearest open cost: on fl1400
    # (p = 50) that bound is 0.07% below the optimum, against 0.30% from the nearest cost alone.
    start = (plan.d1 + plan.d2) / 2
    if method == Method.HEURISTIC:
        lagrangian = lagrangian_bound(inst, rules, plan.objective, start, time_limit=left)
    else:  # a tighter bound fixes more sites: more, smaller steps before HiGHS
        lagrangian = lagrangian_bound(
            inst, rules, objective, start, iterations=5000, window=400, progress=0.002, time_limit=budget / 4
        )
    bound = min(lagrangian.bound, objective)
    if method == Method.HEURISTIC:
        return Solution(
            open=np.flatnonzero(plan.is_open).astype(np.int64), objective=objective, bound=bound,
            sense="min", seconds=time.perf_counter() - started, status=Status.HEURISTIC,
            method=Method.HEURISTIC, bound_method=BoundMethod.LAGRANGIAN,
        )  # fmt: skip
    return _prove(
        inst,
        matrix,
        full,
        w,
        plan,
        objective=objective,
        lagrangian=lagrangian,
        started=started,
        budget=budget,
    )


def _prove(
    inst: Instance,
    matrix: np.ndarray | sp.csr_array,
    full: Instance | None,
    w: np.ndarray,
    plan: Plan,
    *,
    objective: float,
    lagrangian: LagrangianBound,
    started: float,
    budget: float,
) -> Solution:
    """Fix sites by the Lagrangian bound, then let HiGHS prove (or improve) the plan on the rest."""
    from hubplan.optimise.bound import fix_sites as fix
    from hubplan.optimise.exact import ExactSolver

    p = int(plan.is_open.sum())
    integral = bool(
        np.all(inst.row_cost == np.round(inst.row_cost)) and np.all(inst.far == np.round(inst.far))
    )
    cut = objective - (1 - 1e-9) if integral else objective * (1 - 1e-12)
    if lagrangian.bound > cut:
        return _solution(
            plan.is_open,
            objective,
            objective,
            started=started,
            status=Status.OPTIMAL,
            how=BoundMethod.LAGRANGIAN,
        )
    fixed_open, fixed_closed, fixed_bound = fix(lagrangian, Rules(p=p), objective, integral=integral)
    left = max(1.0, budget - (time.perf_counter() - started))
    if EXACT_ENGINE == "benders":
        from hubplan.optimise.benders import benders

        found_plan = benders(
            inst, p, plan.is_open, fixed_open=fixed_open, fixed_closed=fixed_closed, time_limit=left,
            integral=integral,
        )  # fmt: skip
        result_open, result_status, result_bound = found_plan.is_open, found_plan.status, found_plan.bound
    else:
        rules = Rules(Required(np.flatnonzero(fixed_open)), Excluded(np.flatnonzero(fixed_closed)), p=p)
        result = ExactSolver(inst, rules, time_limit=left).solve(start=plan.is_open)
        result_open, result_status, result_bound = result.is_open, result.status, result.bound
    found = full_objective(matrix, full, w, result_open)
    best_open, best = (result_open, found) if found < objective else (plan.is_open, objective)
    relaxed = inst.objective(np.flatnonzero(result_open))
    lower = relaxed if result_status == Status.OPTIMAL else result_bound
    # The MIP bounds the plans the fixing kept, fixed_bound those it cut off; the Lagrangian bound all.
    lower = min(max(min(lower, fixed_bound), lagrangian.bound), best)
    proven = best - lower <= (1 - 1e-9 if integral else 1e-9 * max(1.0, best))
    status = Status.OPTIMAL if proven else Status.TIME_LIMIT
    how = BoundMethod.MIP if lower > lagrangian.bound else BoundMethod.LAGRANGIAN
    return _solution(best_open, best, best if proven else lower, started=started, status=status, how=how)


def _solution(
    is_open: np.ndarray, objective: float, bound: float, *, started: float, status: Status, how: BoundMethod
) -> Solution:
    return Solution(
        open=np.flatnonzero(is_open).astype(np.int64), objective=objective, bound=bound, sense="min",
        seconds=time.perf_counter() - started, status=status, method=Method.EXACT, bound_method=how,
    )  # fmt: skip
