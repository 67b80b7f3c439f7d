"""A proven lower bound for the heuristic's answers: Lagrangian relaxation of the assignment constraints.

Relaxing "each area is assigned once" with a multiplier ``lambda_u`` per area (Cornuejols, Fisher
and Nemhauser 1977; Beasley 1993) leaves a problem solved by sorting: a site is worth
``rho_j = sum_u min(0, c_uj - lambda_u)``, and the rules pick the best sites by ``rho``. Any
``lambda`` gives a valid lower bound; subgradient steps raise it. Rules the selection cannot express
exactly (cover sets; a budget with district minimums) are dropped from the relaxation, which keeps
the bound valid, only weaker.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from hubplan.optimise.instance import Instance
from hubplan.optimise.rules import Rules


@njit(cache=True)
def _site_values(col_ptr, col_area, col_cost, lam, rho):  # type: ignore[no-untyped-def]
    for j in range(len(col_ptr) - 1):
        total = 0.0
        for k in range(col_ptr[j], col_ptr[j + 1]):
            reduced = col_cost[k] - lam[col_area[k]]
            if reduced < 0:
                total += reduced
        rho[j] = total


@njit(cache=True)
def _subgradient(row_ptr, row_site, row_cost, far, lam, chosen, g):  # type: ignore[no-untyped-def]
    norm = 0.0
    for u in range(len(far)):
        assigned = 1.0 if far[u] < lam[u] else 0.0
        for k in range(row_ptr[u], row_ptr[u + 1]):
            if chosen[row_site[k]] and row_cost[k] < lam[u]:
                assigned += 1.0
        g[u] = 1.0 - assigned
        norm += g[u] * g[u]
    return norm


def _select(rho: np.ndarray, rules: Rules) -> tuple[float, np.ndarray]:
    """Choose sites minimising the summed ``rho`` under the expressible rules; return (value, chosen mask)."""
    m = len(rho)
    required = rules.required_mask(m)
    allowed = ~rules.excluded_mask(m) & ~required
    chosen = required.copy()
    if rules.p is not None:
        district, minimum = rules.district_codes(m)
        for d in np.flatnonzero(minimum):
            deficit = int(minimum[d]) - int((chosen & (district == d)).sum())
            pool = np.flatnonzero(allowed & ~chosen & (district == d))
            if deficit > 0:
                chosen[pool[np.argsort(rho[pool], kind="stable")[:deficit]]] = True
        left = rules.p - int(chosen.sum())
        pool = np.flatnonzero(allowed & ~chosen)
        if left > 0:
            chosen[pool[np.argsort(rho[pool], kind="stable")[:left]]] = True
        return float(rho[chosen].sum()), chosen
    # A budget alone: the fractional knapsack is a valid (relaxed) choice.
    cost = rules.costs(m)
    room = float(rules.budget) - float(cost[required].sum())  # type: ignore[arg-type]
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

    Returns
    -------
    LagrangianBound
        The best lower bound found, with the site values and choice that gave it.
    """
    lam = np.asarray(start, dtype=np.float64).copy()
    rho = np.zeros(inst.n_sites)
    g = np.zeros(inst.n_areas)
    best = -np.inf
    best_rho = rho.copy()
    best_chosen = np.zeros(inst.n_sites, dtype=bool)
    theta = 2.0
    stall = 0
    for _ in range(iterations):
        _site_values(inst.col_ptr, inst.col_area, inst.col_cost, lam, rho)
        value, chosen = _select(rho, rules)
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
        norm = _subgradient(inst.row_ptr, inst.row_site, inst.row_cost, inst.far, lam, chosen, g)
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
        The rules; fixing is done only for exactly ``p`` bases with required/excluded sites.
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
    if rules.p is None or rules.budget is not None or rules.district_min is not None or rules.cover_sets:
        return none, none, np.inf
    free = ~rules.required_mask(m) & ~rules.excluded_mask(m)
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
