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
then local search again. The elite pool with path-relinking (:mod:`hubplan.optimise.relink`) follows.
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
