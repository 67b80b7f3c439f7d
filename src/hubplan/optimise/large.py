"""Large p-median instances: each area keeps only its nearest sites, with a bound that stays proven.

Past a few thousand sites a dense cost matrix wastes nearly all of its pairs: with ``p`` sites open an
area is served by one of its nearest few times ``n/p`` sites. Each area here keeps its ``k`` cheapest
sites and, as its far cost, the cost of the cheapest site it dropped (its ``k+1``-th). Every site it
dropped costs at least that much, so the truncated problem is a **relaxation**: any plan costs no
more in it than in the full problem, and its Lagrangian bound bounds the full problem too
(Resende and Werneck 2004 keep neighbour lists the same way; Garcia, Labbe and Marin 2011 bound by
radius). When a plan serves every area from a site on its list, the two objectives agree; where
they do not, ``k`` doubles and the search resumes from the plan.

The search: greedy opening, fast swap local search (:mod:`hubplan.optimise.swap`), then
variable-neighbourhood shakes that are **local**: close a site and up to ``k - 1`` of its neighbours
(the second-nearest sites of the areas it serves) and open as many sites listed by those areas,
then local search again. Local search from the Lagrangian relaxation's choice of sites is tried too.
"""

from __future__ import annotations

import dataclasses
import math
import time

import numpy as np
import scipy.sparse as sp

from hubplan.optimise import kernels
from hubplan.optimise.instance import Instance, build_instance
from hubplan.optimise.rules import Rules
from hubplan.optimise.swap import swap_search

#: Each area keeps about this many times ``n_areas / p`` of its nearest sites (and at least ``MIN_KEEP``).
KEEP_FACTOR = 10
MIN_KEEP = 50


def keep_count(n_areas: int, n_sites: int, p: int) -> int:
    """Return how many nearest sites each area keeps: ``max(MIN_KEEP, KEEP_FACTOR * ceil(n/p))``, at most all.

    Parameters
    ----------
    n_areas, n_sites
        The sizes.
    p
        Sites to open.

    Returns
    -------
    int
        Sites kept per area.
    """
    return min(n_sites, max(MIN_KEEP, KEEP_FACTOR * math.ceil(n_areas / max(p, 1))))


def nearest_instance(cost: np.ndarray | sp.csr_array, weights: np.ndarray, k: int) -> Instance:
    """Return the relaxation keeping each area's ``k`` cheapest sites, its far cost the next one's.

    Parameters
    ----------
    cost
        (n_areas, n_sites) costs: dense (all finite) or a scipy CSR matrix of usable pairs.
    weights
        (n_areas,) weights.
    k
        Sites kept per area.

    Returns
    -------
    Instance
        The truncated instance; an area's far cost is its weight times the cheapest dropped cost
        (for a sparse input, at most the input's own far cost).
    """
    w = np.asarray(weights, dtype=np.float64)
    if sp.issparse(cost):
        csr = sp.csr_array(cost)
        full_far = 2 * float(np.max(csr.data)) + 1 if csr.nnz else 1.0
        rows, cols, vals, nxt = [], [], [], np.full(csr.shape[0], full_far)
        indptr, indices, data = csr.indptr, csr.indices, csr.data
        for u in range(csr.shape[0]):
            lo, hi = indptr[u], indptr[u + 1]
            order = np.argsort(data[lo:hi], kind="stable")
            if hi - lo > k:
                nxt[u] = min(full_far, float(data[lo + order[k]]))
                order = order[:k]
            rows.append(np.full(len(order), u))
            cols.append(indices[lo:hi][order])
            vals.append(data[lo:hi][order])
        r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    else:
        dense = np.asarray(cost, dtype=np.float64)
        n = dense.shape[0]
        r_parts, c_parts, v_parts, nxt = [], [], [], np.empty(n)
        for lo in range(0, n, 1024):
            block = dense[lo : lo + 1024]
            part = np.argpartition(block, k, axis=1)[:, : k + 1]
            pv = np.take_along_axis(block, part, axis=1)
            order = np.argsort(pv, axis=1, kind="stable")
            part = np.take_along_axis(part, order, axis=1)
            pv = np.take_along_axis(pv, order, axis=1)
            nxt[lo : lo + len(block)] = pv[:, k]
            r_parts.append(np.repeat(np.arange(lo, lo + len(block)), k))
            c_parts.append(part[:, :k].ravel())
            v_parts.append(pv[:, :k].ravel())
        r, c, v = np.concatenate(r_parts), np.concatenate(c_parts), np.concatenate(v_parts)
    matrix = sp.csr_array((v, (r, c)), shape=cost.shape)
    inst = build_instance(matrix, w, far=1.0)
    return dataclasses.replace(inst, far=w * nxt, complete=False)


def full_objective(
    cost: np.ndarray | sp.csr_array, full: Instance | None, weights: np.ndarray, is_open: np.ndarray
) -> float:
    """Return a plan's objective in the full problem (dense: from the matrix; sparse: its instance)."""
    sites = np.flatnonzero(is_open)
    if full is not None:
        return full.objective(sites)
    dense = np.asarray(cost)
    best = np.full(dense.shape[0], np.inf)
    for lo in range(0, dense.shape[0], 4096):
        best[lo : lo + 4096] = dense[lo : lo + 4096][:, sites].min(axis=1)
    return float(np.asarray(weights, dtype=np.float64) @ best)


@dataclasses.dataclass
class Plan:
    """A plan and each area's nearest and second-nearest open site in an instance."""

    is_open: np.ndarray
    d1: np.ndarray
    f1: np.ndarray
    d2: np.ndarray
    f2: np.ndarray

    @classmethod
    def of(cls, inst: Instance, is_open: np.ndarray) -> Plan:
        """Return the plan ``is_open`` with its assignment in ``inst``."""
        n = inst.n_areas
        plan = cls(is_open.copy(), np.empty(n), np.empty(n, np.int64), np.empty(n), np.empty(n, np.int64))
        kernels.assign(
            inst.row_ptr,
            inst.row_site,
            inst.row_cost,
            inst.far,
            plan.is_open,
            plan.d1,
            plan.f1,
            plan.d2,
            plan.f2,
        )
        return plan

    def copy(self) -> Plan:
        """Return an independent copy."""
        return Plan(self.is_open.copy(), self.d1.copy(), self.f1.copy(), self.d2.copy(), self.f2.copy())

    @property
    def objective(self) -> float:
        """The plan's objective in its instance."""
        return float(self.d1.sum())


def local_search(
    inst: Instance, plan: Plan, may_open: np.ndarray, may_close: np.ndarray, *, start: int = 0
) -> int:
    """Improve ``plan`` in place by fast swaps; return the number of swaps."""
    return int(
        swap_search(
            inst.row_ptr, inst.row_site, inst.row_cost, inst.col_ptr, inst.col_area, inst.col_cost, inst.far,
            plan.is_open, plan.d1, plan.f1, plan.d2, plan.f2, may_open, may_close, start, 10**9,
        )
    )  # fmt: skip


def _shake(
    inst: Instance,
    plan: Plan,
    size: int,
    *,
    rng: np.random.Generator,
    may_open: np.ndarray,
    may_close: np.ndarray,
) -> bool:
    """Swap ``size`` open sites of one neighbourhood for sites their areas list; False when none can move."""
    open_sites = np.flatnonzero(plan.is_open & may_close)
    if len(open_sites) == 0:
        return False
    j = int(rng.choice(open_sites))
    col = inst.col_area[inst.col_ptr[j] : inst.col_ptr[j + 1]]
    served = col[plan.f1[col] == j]
    if len(served) == 0:
        served = col[:1]
    near = np.unique(plan.f2[served])
    near = near[(near >= 0) & (near != j)]
    near = near[plan.is_open[near] & may_close[near]]
    outs = np.r_[j, rng.permutation(near)[: size - 1]].astype(np.int64)
    # The areas of the closed sites list the candidates to open.
    areas = served
    for r in outs[1:]:
        c = inst.col_area[inst.col_ptr[r] : inst.col_ptr[r + 1]]
        areas = np.r_[areas, c[plan.f1[c] == r]]
    starts, ends = inst.row_ptr[areas], inst.row_ptr[areas + 1]
    listed = np.unique(np.concatenate([inst.row_site[a:b] for a, b in zip(starts, ends, strict=True)]))
    listed = listed[~plan.is_open[listed] & may_open[listed]]
    if len(listed) == 0:
        return False
    ins = rng.permutation(listed)[: len(outs)]
    outs = outs[: len(ins)]
    for s in ins:
        plan.is_open[s] = True
        kernels.open_site(
            int(s), inst.row_ptr, inst.row_site, inst.row_cost, inst.col_ptr, inst.col_area, inst.col_cost,
            plan.d1, plan.f1, plan.d2, plan.f2, np.zeros(0),
        )  # fmt: skip
    for r in outs:
        plan.is_open[r] = False
        kernels.close_site(
            int(r), inst.row_ptr, inst.row_site, inst.row_cost, inst.col_ptr, inst.col_area, inst.far,
            plan.is_open, plan.d1, plan.f1, plan.d2, plan.f2,
        )  # fmt: skip
    return True


def shakes(
    inst: Instance,
    plan: Plan,
    *,
    seed: int,
    iterations: int,
    patience: int,
    deadline: float,
    may_open: np.ndarray | None = None,
    may_close: np.ndarray | None = None,
) -> Plan:
    """Variable-neighbourhood search with local shakes from ``plan``; return the best plan found.

    Parameters
    ----------
    inst
        The instance.
    plan
        A local optimum to start from.
    seed
        Seeds the shakes.
    iterations
        The most shakes.
    patience
        Stop after this many shakes in a row without a better plan.
    deadline
        ``time.perf_counter()`` value after which no new shake starts.
    may_open, may_close
        Which sites may enter or leave (default: all).

    Returns
    -------
    Plan
        The best plan found.
    """
    m = inst.n_sites
    may_open = np.ones(m, dtype=np.bool_) if may_open is None else may_open
    may_close = np.ones(m, dtype=np.bool_) if may_close is None else may_close
    rng = np.random.default_rng(seed)
    best = plan.copy()
    k, k_max = 1, max(2, min(10, int(plan.is_open.sum()) // 2))
    last = 0
    for it in range(iterations):
        if it - last >= patience or time.perf_counter() > deadline:
            break
        trial = best.copy()
        if not _shake(inst, trial, k, rng=rng, may_open=may_open, may_close=may_close):
            break
        local_search(inst, trial, may_open, may_close, start=int(rng.integers(m)))
        if trial.objective < best.objective - 1e-9 * max(1.0, best.objective):
            best, k, last = trial, 1, it + 1
        else:
            k = k % k_max + 1
    return best


def search_large(
    inst: Instance,
    p: int,
    *,
    seed: int = 0,
    iterations: int = 2000,
    patience: int = 500,
    deadline: float = math.inf,
    start: np.ndarray | None = None,
) -> Plan:
    """Greedy, fast swaps, then local shakes: a good plan for the plain p-median ``inst``.

    Parameters
    ----------
    inst
        The instance (usually :func:`nearest_instance`).
    p
        Sites to open.
    seed
        Seeds the shakes.
    iterations, patience
        The most shakes, and the most in a row without a better plan.
    deadline
        ``time.perf_counter()`` value after which no new shake starts.
    start
        An open mask of ``p`` sites to start from instead of the greedy plan.

    Returns
    -------
    Plan
        The best plan found, with its assignment in ``inst``.
    """
    from hubplan.optimise.heuristic import greedy

    if start is not None:
        plan = Plan.of(inst, start)
    else:
        state = greedy(inst, Rules(p=p))
        plan = Plan(state.is_open, state.d1, state.f1, state.d2, state.f2)
    every = np.ones(inst.n_sites, dtype=np.bool_)
    local_search(inst, plan, every, every)
    return shakes(inst, plan, seed=seed, iterations=iterations, patience=patience, deadline=deadline)


def _region(inst: Instance, plan: Plan, j: int, size: int) -> np.ndarray:
    """Return up to ``size`` open sites around ``j``, grown through their areas' second-nearest sites."""
    region = [j]
    seen = {j}
    head = 0
    while head < len(region) and len(region) < size:
        r = region[head]
        head += 1
        col = inst.col_area[inst.col_ptr[r] : inst.col_ptr[r + 1]]
        served = col[plan.f1[col] == r]
        for s in np.unique(plan.f2[served]).tolist():
            if s >= 0 and s not in seen and plan.is_open[s]:
                seen.add(s)
                region.append(s)
                if len(region) >= size:
                    break
    return np.asarray(region, dtype=np.int64)


def _resolve_region(inst: Instance, plan: Plan, region: np.ndarray) -> np.ndarray | None:
    """Re-place the region's sites optimally for the areas they serve (HiGHS); return the new sites.

    Each served area may also stay with its nearest open site outside the region (its far cost in
    the sub-problem), so the sub-problem's saving is a saving of the whole plan (areas elsewhere
    can only gain from the new sites). Returns ``None`` when the sub-problem finds no saving.
    """
    from hubplan.optimise.solve import solve_instance

    in_region = np.zeros(inst.n_sites, dtype=np.bool_)
    in_region[region] = True
    areas = np.flatnonzero(in_region[np.maximum(plan.f1, 0)] & (plan.f1 >= 0))
    if len(areas) == 0:
        return None
    rows, cols, vals = [], [], []
    outside = inst.far[areas].copy()
    for t, u in enumerate(areas):
        lo, hi = inst.row_ptr[u], inst.row_ptr[u + 1]
        sites, costs = inst.row_site[lo:hi], inst.row_cost[lo:hi]
        other = plan.is_open[sites] & ~in_region[sites]
        if other.any():
            outside[t] = min(outside[t], float(costs[other].min()))
        free = ~plan.is_open[sites] | in_region[sites]
        keep = free & (costs < outside[t])
        rows.append(np.full(int(keep.sum()), t))
        cols.append(sites[keep])
        vals.append(costs[keep])
    site_ids, local = np.unique(np.concatenate([region, *cols]), return_inverse=True)
    col_local = local[len(region) :]
    matrix = sp.csr_array(
        (np.concatenate(vals), (np.concatenate(rows), col_local)), shape=(len(areas), len(site_ids))
    )
    sub = dataclasses.replace(
        build_instance(matrix, np.ones(len(areas)), far=1.0), far=outside, complete=False
    )
    before = float(plan.d1[areas].sum())
    solution = solve_instance(sub, Rules(p=len(region)), method="exact", time_limit=5.0, iterations=10)
    if solution.objective >= before - 1e-9 * max(1.0, before):
        return None
    chosen: np.ndarray = site_ids[solution.open]
    return chosen


def neighbourhoods(
    inst: Instance, plan: Plan, *, seed: int, size: int = 12, patience: int = 300, deadline: float = math.inf
) -> Plan:
    """Large-neighbourhood search: re-place ``size`` neighbouring sites at a time exactly, then swap.

    Each step takes a random open site and its neighbours (:func:`_region`), solves the sub-problem
    of the areas they serve with HiGHS, and keeps the result (after fast swaps) when it is better.

    Parameters
    ----------
    inst
        The instance.
    plan
        A local optimum.
    seed
        Seeds the choice of regions.
    size
        Open sites re-placed together.
    patience
        Stop after this many steps in a row without a better plan.
    deadline
        ``time.perf_counter()`` value after which no new step starts.

    Returns
    -------
    Plan
        The best plan found.
    """
    rng = np.random.default_rng(seed)
    every = np.ones(inst.n_sites, dtype=np.bool_)
    best = plan.copy()
    quiet = 0
    while quiet < patience and time.perf_counter() < deadline:
        quiet += 1
        region = _region(inst, best, int(rng.choice(np.flatnonzero(best.is_open))), size)
        chosen = _resolve_region(inst, best, region)
        if chosen is None:
            continue
        trial_open = best.is_open.copy()
        trial_open[region] = False
        trial_open[chosen] = True
        trial = Plan.of(inst, trial_open)
        local_search(inst, trial, every, every, start=int(rng.integers(inst.n_sites)))
        if trial.objective < best.objective - 1e-9 * max(1.0, best.objective):
            best, quiet = trial, 0
    return best
