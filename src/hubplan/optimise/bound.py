"""A proven lower bound for the heuristic's answers: Lagrangian relaxation of the assignment constraints.

Relaxing "each area is assigned once" with a multiplier ``lambda_u`` per area (Cornuejols, Fisher
and Nemhauser 1977; Beasley 1993) leaves a problem solved by sorting: a site is worth
``rho_j = sum_u min(0, c_uj - lambda_u)``, and the rules pick the best sites by ``rho``. Any
``lambda`` gives a valid lower bound; subgradient steps raise it. Each rule writes itself into the
rules' flat view (:meth:`hubplan.optimise.rules.Rule.apply`); what the selection cannot express
exactly (cover sets; a budget with district minimums; rules with no flat form) is dropped from the
relaxation, which keeps the bound valid, only weaker.

The steps stop when the gap is closed (below ``target_gap``), when they no longer make progress
(over ``window`` steps the bound closed less than ``progress`` of the gap), or at ``time_limit``.
Each step reads only the pairs that count: each area's sites nearer than its multiplier (rows
sorted by cost) and the chosen sites' columns.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from hubplan.optimise.instance import Instance
from hubplan.optimise.kernels import jit
from hubplan.optimise.rules import Rules, SiteView


@jit
def _site_values(row_ptr, sorted_site, sorted_cost, lam, rho):  # type: ignore[no-untyped-def]
    """Set ``rho_j = sum_u min(0, c_uj - lambda_u)``, reading each area's row nearest first.

    A row sorted by cost stops at the first site no nearer than ``lambda_u``: only the pairs that
    count are read (a few per area once the multipliers settle, not the whole matrix).
    """
    rho[:] = 0.0
    for u in range(len(row_ptr) - 1):
        limit = lam[u]
        for k in range(row_ptr[u], row_ptr[u + 1]):
            c = sorted_cost[k]
            if c >= limit:
                break
            rho[sorted_site[k]] += c - limit


@jit
def _subgradient(col_ptr, col_area, col_cost, far, lam, chosen, g):  # type: ignore[no-untyped-def]
    """Set ``g_u = 1 - (times area u is assigned)`` and return its squared norm.

    Only the chosen sites' columns are read (``p`` columns, not the whole matrix).
    """
    for u in range(len(far)):
        g[u] = 0.0 if far[u] < lam[u] else 1.0
    for j in range(len(col_ptr) - 1):
        if chosen[j]:
            for k in range(col_ptr[j], col_ptr[j + 1]):
                u = col_area[k]
                if col_cost[k] < lam[u]:
                    g[u] -= 1.0
    norm = 0.0
    for u in range(len(far)):
        norm += g[u] * g[u]
    return norm


def _select(rho: np.ndarray, view: SiteView) -> tuple[float, np.ndarray]:
    """Choose sites minimising the summed ``rho`` under the rules the view expresses; return (value, mask).

    Each rule has written itself into ``view``. With a fixed count: required sites, each district's
    minimum, then the best to the count (a budget is dropped). With a budget alone: a fractional
    knapsack (district minimums are dropped). Cover sets, and rules with no flat form, are dropped.
    """
    required = view.required
    allowed = ~view.excluded & ~required
    chosen = required.copy()
    if view.fixed_p >= 0:
        district, minimum = view.district, view.district_min
        for d in np.flatnonzero(minimum):
            deficit = int(minimum[d]) - int((chosen & (district == d)).sum())
            pool = np.flatnonzero(allowed & ~chosen & (district == d))
            if deficit > 0:
                chosen[pool[np.argsort(rho[pool], kind="stable")[:deficit]]] = True
        left = view.fixed_p - int(chosen.sum())
        pool = np.flatnonzero(allowed & ~chosen)
        if left > 0:
            chosen[pool[np.argsort(rho[pool], kind="stable")[:left]]] = True
        return float(rho[chosen].sum()), chosen
    # A budget alone: the fractional knapsack is a valid (relaxed) choice.
    cost = view.site_cost
    room = view.budget - float(cost[required].sum())
    value = float(rho[required].sum())
    pool = np.flatnonzero(allowed & (rho < 0))
    order = pool[np.argsort(rho[pool] / np.maximum(cost[pool], 1e-12), kind="stable")]
    for j in order:
        if cost[j] <= room:
            chosen[j] = True
            room -= cost[j]
            value += rho[j]
        else:
            value += rho[j] * max(room, 0.0) / cost[j]
            break
    return value, chosen


@dataclass(frozen=True, eq=False)
class LagrangianBound:
    """The best bound found and the site values and choice at the multipliers that gave it."""

    bound: float
    rho: np.ndarray
    chosen: np.ndarray


def lagrangian_bound(
    inst: Instance,
    rules: Rules,
    upper: float,
    start: np.ndarray,
    *,
    iterations: int = 1000,
    target_gap: float = 1e-4,
    window: int = 100,
    progress: float = 0.01,
    time_limit: float | None = None,
) -> LagrangianBound:
    """Return a proven lower bound on the optimal objective by subgradient optimisation.

    Parameters
    ----------
    inst
        The instance.
    rules
        The rules (see the module notes for which enter the relaxation).
    upper
        The objective of a known plan (sets the step and the early stop).
    start
        The starting multipliers, e.g. each area's cost in the known plan.
    iterations
        The most subgradient steps.
    target_gap
        Stop once ``(upper - bound) / upper`` is below this.
    window, progress
        Stop when, over the last ``window`` steps, the bound has closed less than ``progress`` of
        the gap it had at their start (0.01 = 1%): the steps are then too small to matter.
    time_limit
        Seconds, counted from the call (the rows' sort included), after which no new step starts.

    Returns
    -------
    LagrangianBound
        The best lower bound found, with the site values and choice that gave it.
    """
    # The limit counts from the call: sorting the rows of a whole dense matrix (rl5934, 35 million
    # pairs) takes seconds, which overran the limit when counted from the first step.
    started = time.perf_counter()
    view = rules.view(inst.n_sites)
    # Each area's row sorted by cost, nearest first.
    order = np.lexsort((inst.row_cost, np.repeat(np.arange(inst.n_areas), np.diff(inst.row_ptr))))
    sorted_site, sorted_cost = inst.row_site[order], inst.row_cost[order]
    lam = np.asarray(start, dtype=np.float64).copy()
    rho = np.zeros(inst.n_sites)
    g = np.zeros(inst.n_areas)
    best = -np.inf
    best_rho = rho.copy()
    best_chosen = np.zeros(inst.n_sites, dtype=bool)
    theta = 2.0
    stall = 0
    mark, mark_best = 0, -np.inf  # the start of the current progress window
    for it in range(iterations):
        _site_values(inst.row_ptr, sorted_site, sorted_cost, lam, rho)
        value, chosen = _select(rho, view)
        bound = float(lam.sum() + np.minimum(0.0, inst.far - lam).sum() + value)
        if not np.isfinite(best) or bound > best + 1e-12 * max(1.0, abs(best)):
            best = bound
            best_rho = rho.copy()
            best_chosen = chosen
            stall = 0
        else:
            stall += 1
            if stall >= 20:
                theta /= 2
                stall = 0
        if upper > 0 and (upper - best) / upper < target_gap:
            break
        if it - mark >= window:
            if np.isfinite(mark_best) and best - mark_best < progress * (upper - mark_best):
                break
            mark, mark_best = it, best
        elif it == 0:
            mark_best = best
        if time_limit is not None and time.perf_counter() - started > time_limit:
            break
        norm = _subgradient(inst.col_ptr, inst.col_area, inst.col_cost, inst.far, lam, chosen, g)
        if norm == 0 or theta < 1e-5:
            break
        step = theta * max(upper - bound, 1e-9 * max(1.0, abs(upper))) / norm
        lam = np.maximum(lam + step * g, 0.0)
    return LagrangianBound(best, best_rho, best_chosen)


def fix_sites(
    result: LagrangianBound, rules: Rules, upper: float, *, integral: bool
) -> tuple[np.ndarray, np.ndarray, float]:
    """Fix sites that no plan better than ``upper`` can open (or close), by the Lagrangian bound.

    With exactly ``p`` bases and no other rules, opening an unchosen site ``j`` in the relaxation
    costs at least ``L - rho_last + rho_j``, where ``rho_last`` is the worst chosen value; closing a
    chosen one costs at least ``L - rho_j + rho_next``. When that exceeds ``upper`` (less one when
    every objective is a whole number), no plan doing it beats the plan we have.

    Parameters
    ----------
    result
        The Lagrangian bound and the values at its multipliers.
    rules
        The rules; fixing is done only with exactly ``p`` bases and when every rule says it keeps
        fixing valid (:attr:`hubplan.optimise.rules.Rule.keeps_fixing`: the count, required and
        excluded sites).
    upper
        The objective of a known plan.
    integral
        Whether every plan's objective is a whole number.

    Returns
    -------
    tuple
        Masks of sites fixed open and fixed closed, and the least bound among the fixings
        (``inf`` when none), which stays a valid bound for the plans they cut off.
    """
    rho = result.rho
    m = len(rho)
    none = np.zeros(m, dtype=bool)
    view = rules.view(m)
    if view.fixed_p < 0 or not rules.keeps_fixing:  # each rule says whether fixing stays valid
        return none, none, np.inf
    free = ~view.required & ~view.excluded
    chosen = result.chosen & free
    unchosen = ~result.chosen & free
    if not chosen.any() or not unchosen.any():
        return none, none, np.inf
    rho_last = rho[chosen].max()
    rho_next = rho[unchosen].min()
    cut = upper - (1.0 - 1e-9) if integral else upper
    open_bound = result.bound - rho_last + rho
    close_bound = result.bound - rho + rho_next
    fixed_closed = unchosen & (open_bound > cut)
    fixed_open = chosen & (close_bound > cut)
    least = min(
        float(open_bound[fixed_closed].min()) if fixed_closed.any() else np.inf,
        float(close_bound[fixed_open].min()) if fixed_open.any() else np.inf,
    )
    return fixed_open, fixed_closed, least
