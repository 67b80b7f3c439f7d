"""Solve a large plain p-median: neighbour lists, fast swaps and local re-placement, a proven bound.

:func:`solve_large` is what :func:`hubplan.optimise.solve_pmedian` runs once there are
:data:`hubplan.optimise.solve.LARGE_SITES` candidate sites or more and no rule but the count.

1. Each area keeps its nearest ``k`` sites (:func:`~hubplan.optimise.large.keep_count`), its far
   cost the next one's: a relaxation of the full problem (:mod:`hubplan.optimise.large`).
2. Greedy, fast swaps and local shakes, the elite search with path-relinking
   (:mod:`hubplan.optimise.relink`), then, when the relaxation has at most :data:`KERNEL_PAIRS`
   pairs, LP-guided kernel search (:mod:`hubplan.optimise.kernel_search`). The plan's cost is then
   taken on the **full** matrix; where some area's nearest open site is not on its list, ``k``
   doubles and the search resumes from the plan.
3. A bound on the relaxation, which bounds the full problem: the kernel search's LP when it
   finished, else a Lagrangian bound.
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
from hubplan.optimise.kernel_search import kernel_search
from hubplan.optimise.large import (
    Plan,
    full_objective,
    keep_count,
    nearest_instance,
    search_large,
)
from hubplan.optimise.relink import elite_search
from hubplan.optimise.rules import Excluded, Required, Rules
from hubplan.optimise.solution import BoundMethod, Method, Solution, Status

if TYPE_CHECKING:
    from hubplan.optimise.benders import BendersResult, Master

#: Seconds a heuristic solve takes by default when no ``time_limit`` is given.
HEURISTIC_SECONDS = 40.0
#: Seconds an exact solve takes by default when no ``time_limit`` is given.
EXACT_SECONDS = 600.0
#: How the exact method proves the plan after fixing: ``"benders"`` (:mod:`hubplan.optimise.benders`)
#: or ``"mip"`` (Elloumi's compact formulation, :class:`hubplan.optimise.exact.ExactSolver`).
EXACT_ENGINE = "benders"
#: The heuristic's elite search ends at this share of the limit when kernel search follows, which
#: ends at :data:`KERNEL_UNTIL` (the bound then comes from its LP; else the Lagrangian gets the rest).
ELITE_UNTIL = 0.3
KERNEL_UNTIL = 0.9
#: Share of the kernel search's time its LP may take before the search gives up (and the elite
#: search takes the time back).
KERNEL_LP_SHARE = 0.25
#: Kernel search runs when the relaxation has at most this many (area, site) pairs: its LP took
#: 0.4 s to 3.2 s at 70,000 to 380,000 pairs (fl1400, u1432, fl3795) and did not finish in 28 s
#: at 3.6 million (usa13509, p = 500).
KERNEL_PAIRS = 2_000_000


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
    w = np.asarray(weights, dtype=np.float64)
    matrix: np.ndarray | sp.csr_array
    if sp.issparse(cost):
        matrix = sp.csr_array(cost, dtype=np.float64)
        matrix.sum_duplicates()
        full: Instance | None = build_instance(matrix, w)
    else:
        matrix = np.asarray(cost, dtype=np.float64)
        full = None
    if method == Method.EXACT:
        return _exact(matrix, full, w, p, started=started, budget=budget, seed=seed)
    kernel = _kernel_fits(matrix, p)
    inst, plan, objective, lp_bound = _search(
        matrix, full, w, p, seed=seed, started=started, swaps_until=0.2 * budget,
        elite_until=(ELITE_UNTIL if kernel else 0.75) * budget,
        kernel_until=KERNEL_UNTIL * budget if kernel else 0.0,
    )  # fmt: skip
    if np.isfinite(lp_bound):
        # The kernel search's LP (Benders Phase 1, finished) is the best Lagrangian bound itself.
        bound, how = min(lp_bound, objective), BoundMethod.LP
    else:
        # The bound gets what the search left (a quarter of the budget when the search kept to its
        # deadlines), and at least 2% of it when the search overran (on a loaded machine, or a long
        # local search on a whole dense matrix, rl5934 at p = 10): the limit is kept.
        left = max(0.02 * budget, started + budget - time.perf_counter())
        # Multipliers start halfway between each area's nearest and second-nearest open cost: on fl1400
        # (p = 50) that bound is 0.07% below the optimum, against 0.30% from the nearest cost alone.
        start = (plan.d1 + plan.d2) / 2
        lagrangian = lagrangian_bound(inst, Rules(p=p), plan.objective, start, time_limit=left)
        bound, how = min(lagrangian.bound, objective), BoundMethod.LAGRANGIAN
    return Solution(
        open=np.flatnonzero(plan.is_open).astype(np.int64), objective=objective, bound=bound,
        sense="min", seconds=time.perf_counter() - started, status=Status.HEURISTIC,
        method=Method.HEURISTIC, bound_method=how,
    )  # fmt: skip


def _search(
    matrix: np.ndarray | sp.csr_array,
    full: Instance | None,
    w: np.ndarray,
    p: int,
    *,
    seed: int,
    started: float,
    swaps_until: float,
    elite_until: float,
    start_mask: np.ndarray | None = None,
    kernel_until: float = 0.0,
) -> tuple[Instance, Plan, float, float]:
    """Greedy, swaps, shakes, the elite pool, kernel search, on lists grown until they cost the plan.

    Returns the relaxation searched, the plan (assigned in it), the plan's cost on the full matrix
    and the kernel search's LP bound (``-inf`` when none finished). ``swaps_until``, ``elite_until``
    and ``kernel_until`` are seconds after ``started``; kernel search runs when ``kernel_until`` is
    later than ``elite_until``, and the elite search again (from its plan) with what it leaves.
    """
    n, m = matrix.shape
    k = keep_count(n, m, p)
    while True:
        inst = nearest_instance(matrix, w, k) if k < m else (full or build_instance(matrix, w))
        plan = search_large(inst, p, seed=seed, start=start_mask, deadline=started + swaps_until)
        plan = elite_search(inst, plan, seed=seed, deadline=started + elite_until)
        lp_bound = -np.inf
        if kernel_until > elite_until:
            integral = bool(
                np.all(inst.row_cost == np.round(inst.row_cost)) and np.all(inst.far == np.round(inst.far))
            )
            span = (kernel_until - elite_until) * KERNEL_LP_SHARE
            found = kernel_search(
                inst, p, plan.is_open, deadline=started + kernel_until, integral=integral, lp_seconds_max=span
            )
            lp_bound = found.lp_bound
            if found.objective < plan.objective:
                plan = Plan.of(inst, found.is_open)
            if time.perf_counter() < started + kernel_until - 1.0:  # the kernel search ended early
                plan = elite_search(inst, plan, seed=seed + 1, deadline=started + kernel_until)
        objective = full_objective(matrix, full, w, plan.is_open)
        if objective <= plan.objective * (1 + 1e-12) + 1e-9 or k >= m:
            return inst, plan, objective, lp_bound
        start_mask, k = plan.is_open, min(m, 2 * k)


def _kernel_fits(matrix: np.ndarray | sp.csr_array, p: int) -> bool:
    """Whether the heuristic runs kernel search: its LP must be quick (:data:`KERNEL_PAIRS`)."""
    n, m = matrix.shape
    return bool(n * keep_count(n, m, p) <= KERNEL_PAIRS)


def _exact(
    matrix: np.ndarray | sp.csr_array,
    full: Instance | None,
    w: np.ndarray,
    p: int,
    *,
    started: float,
    budget: float,
    seed: int,
) -> Solution:
    """Run swaps, then Benders at a short limit; if it does not close, the elite search and Benders again.

    Most cases close at Benders' Phase 1 (its LP bound meets a swap local optimum's cost) or soon
    after: those end in seconds. The rest get a better incumbent from the elite search (more sites
    fixed by reduced cost and probing) and all the time left; the second call goes on from the
    first's master (its cuts and fixings) when the neighbour lists did not grow in between.
    """
    if EXACT_ENGINE != "benders":
        inst, plan, objective, _ = _search(
            matrix,
            full,
            w,
            p,
            seed=seed,
            started=started,
            swaps_until=0.05 * budget,
            elite_until=0.15 * budget,
        )
        return _prove(inst, matrix, full, w, plan, objective=objective, started=started, budget=budget)[0]
    inst, plan, objective, _ = _search(
        matrix, full, w, p, seed=seed, started=started, swaps_until=0.03 * budget, elite_until=0.0
    )
    first, found = _prove(
        inst, matrix, full, w, plan, objective=objective, started=started, budget=0.1 * budget
    )
    if first.status == Status.OPTIMAL:
        return _solution(_mask(first, inst.n_sites), first.objective, first.bound, started=started,
                         status=Status.OPTIMAL, how=first.bound_method)  # fmt: skip
    mask = _mask(first, inst.n_sites)
    elapsed = time.perf_counter() - started
    inst, plan, objective, _ = _search(
        matrix, full, w, p, seed=seed + 1, started=started, swaps_until=elapsed,
        elite_until=elapsed + 0.1 * budget, start_mask=mask,
    )  # fmt: skip
    lagrangian = -np.inf
    if found is None or not np.isfinite(found.lp_bound):
        # A Lagrangian bound as a floor where Benders' Phase 1 did not finish (the national problem,
        # 32,844 areas): its own bound is then weak. Where it finished, its LP bound is the best
        # Lagrangian bound already, and the second call starts from its cuts.
        from hubplan.optimise.bound import lagrangian_bound

        lagrangian = lagrangian_bound(
            inst, Rules(p=p), objective, (plan.d1 + plan.d2) / 2, time_limit=0.05 * budget
        ).bound
    # The first call's master (cuts, fixings, incumbent) carries over when the lists did not grow.
    master = found.master if found is not None else None
    second, _ = _prove(
        inst, matrix, full, w, plan, objective=objective, started=started, budget=budget, master=master
    )
    lower = min(max(first.bound, second.bound, lagrangian), second.objective)
    if lower <= second.bound:
        return second
    integral = bool(
        np.all(inst.row_cost == np.round(inst.row_cost)) and np.all(inst.far == np.round(inst.far))
    )
    proven = second.objective - lower <= (1 - 1e-9 if integral else 1e-9 * max(1.0, second.objective))
    how = BoundMethod.LAGRANGIAN if np.isfinite(lagrangian) and lower == lagrangian else first.bound_method
    return _solution(
        _mask(second, inst.n_sites), second.objective, second.objective if proven else lower, started=started,
        status=Status.OPTIMAL if proven else Status.TIME_LIMIT, how=how,
    )  # fmt: skip


def _prove(
    inst: Instance,
    matrix: np.ndarray | sp.csr_array,
    full: Instance | None,
    w: np.ndarray,
    plan: Plan,
    *,
    objective: float,
    started: float,
    budget: float,
    master: Master | None = None,
) -> tuple[Solution, BendersResult | None]:
    """Prove or improve the plan by Benders (with :data:`EXACT_ENGINE` ``"mip"``: Lagrangian fixing, HiGHS).

    Runs until ``started + budget``. The relaxation's bound bounds the full problem. Returns the
    solution and, with Benders, what it returned (its master goes on in a later call: ``master``).
    """
    p = int(plan.is_open.sum())
    integral = bool(
        np.all(inst.row_cost == np.round(inst.row_cost)) and np.all(inst.far == np.round(inst.far))
    )
    left = max(1.0, budget - (time.perf_counter() - started))
    floor = -np.inf  # a bound on every plan, beyond what the engine returns
    if EXACT_ENGINE == "benders":
        from hubplan.optimise.benders import benders

        # Benders' Phase 1 LP equals the best Lagrangian bound and fixes sites by its reduced costs.
        found_plan: BendersResult | None = benders(
            inst, p, plan.is_open, time_limit=left, integral=integral, master=master
        )
        assert found_plan is not None
        result_open, result_status, result_bound = found_plan.is_open, found_plan.status, found_plan.bound
        fixed_bound = np.inf
    else:
        from hubplan.optimise.bound import fix_sites, lagrangian_bound
        from hubplan.optimise.exact import ExactSolver

        lagrangian = lagrangian_bound(
            inst, Rules(p=p), objective, (plan.d1 + plan.d2) / 2, iterations=5000, window=400, progress=0.002,
            time_limit=left / 4,
        )  # fmt: skip
        floor = lagrangian.bound
        fixed_open, fixed_closed, fixed_bound = fix_sites(
            lagrangian, Rules(p=p), objective, integral=integral
        )
        rules = Rules(Required(np.flatnonzero(fixed_open)), Excluded(np.flatnonzero(fixed_closed)), p=p)
        left = max(1.0, budget - (time.perf_counter() - started))
        result = ExactSolver(inst, rules, time_limit=left).solve(start=plan.is_open)
        result_open, result_status, result_bound = result.is_open, result.status, result.bound
        found_plan = None
    found = full_objective(matrix, full, w, result_open)
    best_open, best = (result_open, found) if found < objective else (plan.is_open, objective)
    relaxed = inst.objective(np.flatnonzero(result_open))
    lower = relaxed if result_status == Status.OPTIMAL else result_bound
    # The engine bounds the plans the fixing kept, fixed_bound those it cut off; the Lagrangian bound all.
    lower = min(max(min(lower, fixed_bound), floor), best)
    proven = best - lower <= (1 - 1e-9 if integral else 1e-9 * max(1.0, best))
    status = Status.OPTIMAL if proven else Status.TIME_LIMIT
    how = BoundMethod.MIP if lower > floor else BoundMethod.LAGRANGIAN
    solution = _solution(best_open, best, best if proven else lower, started=started, status=status, how=how)
    return solution, found_plan


def _mask(solution: Solution, m: int) -> np.ndarray:
    """Return the open mask of ``solution`` over ``m`` sites."""
    mask = np.zeros(m, dtype=np.bool_)
    mask[solution.open] = True
    return mask


def _solution(
    is_open: np.ndarray, objective: float, bound: float, *, started: float, status: Status, how: BoundMethod
) -> Solution:
    return Solution(
        open=np.flatnonzero(is_open).astype(np.int64), objective=objective, bound=bound, sense="min",
        seconds=time.perf_counter() - started, status=status, method=Method.EXACT, bound_method=how,
    )  # fmt: skip
