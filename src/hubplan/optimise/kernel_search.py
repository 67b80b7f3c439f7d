"""LP-guided kernel search for the p-median: restricted MIPs on the sites the LP relaxation points at.

Kernel search (Angelelli, Mansini and Speranza, Computers & OR 2010; Guastaroba and Speranza 2012 for
facility location) improves a plan with a MIP solver that could not solve the whole problem in the
time: solve the LP relaxation, take as the **kernel** the sites the LP opens (``y > 0``) and those
of the incumbent, and solve the problem restricted to the kernel (every other site ``y = 0``) as a
MIP; then add **buckets** of the other sites in order of their LP reduced cost, each restricted MIP
required to open at least one site of its bucket, and grow the kernel with the sites that improve
the plan. Where ``p`` is large each site serves a handful of areas: the LP is nearly integral, its
kernel small, and the restricted MIP finds in seconds the improvements that a swap-based search
misses because they move many sites at once.

The LP is Phase 1 of the Benders decomposition (:class:`hubplan.optimise.benders.Master`: under a
second on fl1400), which also gives a proven lower bound (the best Lagrangian bound) and fixes the
sites whose reduced cost proves no better plan opens them. The kernel is the sites with LP
``y > threshold`` and the incumbent's. Each restricted MIP is Elloumi's compact formulation
(:class:`hubplan.optimise.exact.ExactSolver`) on the kernel and bucket's sites only, each area
keeping its nearest few of them (:data:`MIP_NEAREST`, a relaxation: its far cost is the next
one's): on the kernel HiGHS solves it in about a second where the Benders master, re-solved cut by
cut, did not finish in twelve. Buckets come in order of LP value (the fractional sites under the threshold
first), then of reduced cost; each MIP asks HiGHS (``objective_bound``) only for plans cheaper
than the incumbent. Passes over the buckets repeat while one improves the plan. A restricted plan
is a plan of the whole problem, costed exactly in the instance: the search never returns a plan
worse than its start.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace

import highspy
import numpy as np
import scipy.sparse as sp

from hubplan.errors import InfeasibleError, SolverError
from hubplan.optimise.benders import Master, cut_of
from hubplan.optimise.exact import ExactSolver
from hubplan.optimise.instance import Instance, build_instance
from hubplan.optimise.rules import Rules

_log = logging.getLogger(__name__)

#: Sites whose LP value passes this join the first kernel (with the incumbent's).
THRESHOLD = 0.2
#: Sites per bucket: at least this many, or a tenth of the first kernel.
MIN_BUCKET = 50
#: Seconds HiGHS gets for each restricted MIP (the first kernel's gets three times as much).
MIP_SECONDS = 4.0
#: In kernel search's MIPs each area keeps its ``max(MIP_NEAREST, ceil(sites / p))`` nearest allowed
#: sites, its far cost the next one's: a relaxation, searched for a plan that is then costed
#: exactly. Where p is large an area is served by one of its few nearest open sites, and the smaller
#: model is much quicker for HiGHS: on fl3795 (p = 400, 657 kernel sites, from the elite search's
#: plan 31422) the restricted MIP kept to each area's 10 nearest found the optimum 31354 in 1.7 s;
#: kept to 6, 8 and 12 in 4 to 9 s; kept to 16, 20 or all (55,000 columns) it found nothing in 10 s
#: and HiGHS overran its limit by up to 15 s.
MIP_NEAREST = 8


@dataclass(frozen=True, eq=False)
class KernelResult:
    """What a kernel search found.

    Attributes
    ----------
    is_open
        The best plan (open mask); never worse than the start.
    objective
        Its weighted cost in the instance.
    lp_bound
        The LP relaxation's value when Phase 1 finished (a proven lower bound of the instance's
        optimum), else ``-inf``.
    kernel
        Sites in the first kernel.
    mips
        Restricted MIPs solved (the kernel's and one per bucket).
    improvements
        Restricted MIPs that found a better plan.
    seconds
        Wall-clock seconds in all.
    lp_seconds
        Of which the LP (Phase 1).
    """

    is_open: np.ndarray
    objective: float
    lp_bound: float
    kernel: int
    mips: int
    improvements: int
    seconds: float
    lp_seconds: float


def restricted_mip(
    inst: Instance,
    p: int,
    allowed: np.ndarray,
    *,
    time_limit: float,
    below: float = np.inf,
    start: np.ndarray | None = None,
    bucket: np.ndarray | None = None,
    nearest: int | None = None,
) -> np.ndarray | None:
    """Solve the p-median with only the ``allowed`` sites (HiGHS, Elloumi's formulation); return its plan.

    Parameters
    ----------
    inst
        The instance.
    p
        Sites to open.
    allowed
        Mask of the sites that may open (the others get ``y = 0``).
    time_limit
        Seconds for HiGHS.
    below
        Only plans costing less are asked for (HiGHS's ``objective_bound``, a pruning limit).
    start
        A plan within ``allowed`` to warm-start from.
    bucket
        Site indices of which at least one must open (kernel search's bucket row).
    nearest
        Allowed sites each area keeps (see :func:`restricted_instance`; ``None``: all, the exact
        restricted problem).

    Returns
    -------
    numpy.ndarray or None
        The best plan HiGHS found (open mask), or ``None`` when it found none (none cheaper than
        ``below``, or out of time).
    """
    sub, sites = restricted_instance(inst, allowed, nearest)
    index = np.full(inst.n_sites, -1, dtype=np.int64)
    index[sites] = np.arange(len(sites))
    solver = ExactSolver(sub, Rules(p=p), time_limit=time_limit)
    # The truncated MIP's objective is a lower estimate of the plan's cost: "below" still prunes
    # only plans that cannot be cheaper (each area's estimate is at most its exact cost).
    if np.isfinite(below):
        solver.highs.setOptionValue("objective_bound", float(below))
    if bucket is not None and len(bucket):
        idx = index[np.asarray(bucket)].astype(np.int32)
        solver.highs.addRow(1.0, highspy.kHighsInf, len(idx), idx, np.ones(len(idx)))
    try:
        result = solver.solve(start=None if start is None else np.asarray(start, dtype=bool)[sites])
    except (InfeasibleError, SolverError):
        return None
    plan = np.zeros(inst.n_sites, dtype=bool)
    plan[sites[result.is_open]] = True
    return plan


def restricted_instance(
    inst: Instance, allowed: np.ndarray, nearest: int | None
) -> tuple[Instance, np.ndarray]:
    """Return ``inst`` on the ``allowed`` sites only, each area keeping its ``nearest`` cheapest of them.

    Parameters
    ----------
    inst
        The instance (weighted costs).
    allowed
        Mask of the sites kept.
    nearest
        Sites kept per area (``None``: all allowed); an area that loses some pays, when none of its
        kept sites is open, the cheapest lost one's cost (at most its far cost in ``inst``).

    Returns
    -------
    (Instance, numpy.ndarray)
        The restricted instance (sites renumbered) and the original index of each of its sites.
    """
    sites = np.flatnonzero(allowed)
    index = np.full(inst.n_sites, -1, dtype=np.int64)
    index[sites] = np.arange(len(sites))
    area = np.repeat(np.arange(inst.n_areas), np.diff(inst.row_ptr))
    keep = index[inst.row_site] >= 0
    area, site, cost = area[keep], index[inst.row_site[keep]], inst.row_cost[keep]
    far = inst.far.astype(np.float64).copy()
    if nearest is not None:
        order = np.lexsort((cost, area))  # by area, then by cost
        area, site, cost = area[order], site[order], cost[order]
        first = np.searchsorted(area, np.arange(inst.n_areas))
        rank = np.arange(len(area)) - first[area]
        lost = rank == nearest  # each area's cheapest lost site sets its far cost
        far[area[lost]] = np.minimum(far[area[lost]], cost[lost])
        kept = rank < nearest
        area, site, cost = area[kept], site[kept], cost[kept]
    matrix = sp.csr_array((cost, (area, site)), shape=(inst.n_areas, len(sites)))
    sub = build_instance(matrix, np.ones(inst.n_areas))
    return replace(sub, far=far, complete=False), sites


def kernel_search(
    inst: Instance,
    p: int,
    start: np.ndarray,
    *,
    deadline: float,
    integral: bool,
    threshold: float = THRESHOLD,
    mip_seconds: float = MIP_SECONDS,
    lp_seconds_max: float = np.inf,
) -> KernelResult:
    """Improve the plan ``start`` by kernel search (see the module notes) until ``deadline``.

    Parameters
    ----------
    inst
        The instance (weighted costs; possibly a truncated relaxation with far costs).
    p
        Sites to open.
    start
        The incumbent (open mask of ``p`` sites).
    deadline
        ``time.perf_counter()`` value after which no MIP starts (one running may pass it by up to
        ``mip_seconds``).
    integral
        Whether every plan's cost is a whole number (a better plan then costs at least one less).
    threshold
        LP value above which a site joins the first kernel.
    mip_seconds
        HiGHS's time limit for each bucket's MIP (three times as much for the first kernel's).
    lp_seconds_max
        Seconds the LP may take; when it has not finished by then the search returns the start
        (an unfinished Phase 1's ``y`` is far from the LP optimum).

    Returns
    -------
    KernelResult
        The best plan found (never worse than ``start``), its cost and the LP bound.
    """
    started = time.perf_counter()
    best_open = np.asarray(start, dtype=bool).copy()
    best = inst.objective(np.flatnonzero(best_open))
    master = Master(inst, p, best_open)
    lp_bound, y, dual = master.solve_lp(min(deadline, started + lp_seconds_max))
    lp_seconds = time.perf_counter() - started
    if y is None or dual is None:  # no LP, or Phase 1 unfinished: its y would mislead
        return KernelResult(best_open, best, -np.inf, 0, 0, 0, lp_seconds, lp_seconds)
    fixed = master.fix(y, dual, lp_bound, cut_of(best, integral))
    _log.debug("kernel search: LP %.6g in %.1f s, %d sites fixed", lp_bound, lp_seconds, fixed)
    if np.isfinite(lp_bound) and lp_bound > cut_of(best, integral):  # the start is optimal
        return KernelResult(best_open, best, lp_bound, 0, 0, 0, lp_seconds, lp_seconds)
    usable = master.upper_y > 0.5  # sites no better plan opens are left out
    kernel = ((y > threshold) & usable) | best_open
    first = int(kernel.sum())
    # Buckets: fractional sites by LP value (largest first), then the rest by reduced cost.
    key = np.where(y > 1e-6, -y, dual)
    size = max(MIN_BUCKET, first // 10)
    mips = improvements = 0

    def better(plan: np.ndarray | None) -> bool:
        nonlocal best_open, best, improvements
        if plan is None or int(plan.sum()) != p:
            return False
        value = inst.objective(np.flatnonzero(plan))
        if value < best - 1e-9 * max(1.0, abs(best)):
            best_open, best, improvements = plan.copy(), value, improvements + 1
            _log.debug("kernel search: %.6g after %d MIPs", best, mips + 1)
            return True
        return False

    nearest = max(MIP_NEAREST, -(-inst.n_sites // p))
    below = best - 0.5 if integral else best * (1 - 1e-9)
    limit = min(3 * mip_seconds, max(0.5, deadline - time.perf_counter()))
    better(restricted_mip(inst, p, kernel, time_limit=limit, below=below, start=best_open, nearest=nearest))
    mips += 1
    kernel |= best_open
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        rest = np.flatnonzero(usable & ~kernel)
        rest = rest[np.argsort(key[rest], kind="stable")]
        for lo in range(0, len(rest), size):
            now = time.perf_counter()
            if now >= deadline:
                break
            bucket = rest[lo : lo + size]
            allowed = kernel.copy()
            allowed[bucket] = True
            below = best - 0.5 if integral else best * (1 - 1e-9)
            limit = min(mip_seconds, max(0.5, deadline - now))
            plan = restricted_mip(
                inst, p, allowed, time_limit=limit, below=below, bucket=bucket, nearest=nearest
            )
            mips += 1
            if better(plan):
                kernel |= best_open  # the bucket's sites that improved the plan join the kernel
                improved = True
    seconds = time.perf_counter() - started
    return KernelResult(best_open, best, lp_bound, first, mips, improvements, seconds, lp_seconds)
