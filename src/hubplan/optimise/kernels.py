"""Compiled kernels for the heuristic: assignment, greedy opening and fast vertex substitution.

The swap evaluation follows Whitaker (1983) with the sparse bookkeeping of Resende and Werneck
(2003): for a site ``f_in`` to open, only the areas listing it nearer than their second-nearest open
site change the gain of opening it or the loss of closing their nearest site, so one candidate
costs its column's length plus one pass over the open sites.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numba import njit

NONE = -1


def jit(func: Callable[..., Any]) -> Any:
    """Compile ``func`` with numba, caching the machine code in numba's cache directory.

    The ``hubplan`` command and server set ``NUMBA_CACHE_DIR`` to ``~/.cache/hubplan/numba``
    (:func:`hubplan.environment.keep_library_caches_in_user_cache`), so nothing is written into the
    installed package. Imported as a library without that variable, numba's default applies (the
    ``__pycache__`` beside this file, or the user's cache directory when the install is read-only).
    When no folder can be written, numba refuses to cache and the kernels are compiled afresh in each
    process instead (slower to start, same results).
    """
    try:
        return njit(cache=True)(func)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return njit(func)


@jit
def _rescan(u, row_ptr, row_site, row_cost, far, is_open, d1, f1, d2, f2):  # type: ignore[no-untyped-def]
    """Set area ``u``'s nearest and second-nearest open site from its row (``-1`` = its far cost)."""
    b1 = far[u]
    s1 = NONE
    b2 = far[u]
    s2 = NONE
    for k in range(row_ptr[u], row_ptr[u + 1]):
        j = row_site[k]
        if is_open[j]:
            c = row_cost[k]
            if c < b1:
                b2 = b1
                s2 = s1
                b1 = c
                s1 = j
            elif c < b2:
                b2 = c
                s2 = j
    d1[u] = b1
    f1[u] = s1
    d2[u] = b2
    f2[u] = s2


@jit
def assign(row_ptr, row_site, row_cost, far, is_open, d1, f1, d2, f2):  # type: ignore[no-untyped-def]
    """Set each area's nearest and second-nearest open site (``-1`` = its far cost)."""
    for u in range(len(far)):
        _rescan(u, row_ptr, row_site, row_cost, far, is_open, d1, f1, d2, f2)


@jit
def opening_gains(col_ptr, col_area, col_cost, d1, gain):  # type: ignore[no-untyped-def]
    """Set each site's gain from opening it: the summed cost it would save."""
    for j in range(len(col_ptr) - 1):
        g = 0.0
        for k in range(col_ptr[j], col_ptr[j + 1]):
            saving = d1[col_area[k]] - col_cost[k]
            if saving > 0:
                g += saving
        gain[j] = g


@jit
def open_site(j, row_ptr, row_site, row_cost, col_ptr, col_area, col_cost, d1, f1, d2, f2, gain):  # type: ignore[no-untyped-def]
    """Open site ``j``: update nearest/second-nearest and, when ``gain`` is non-empty, every site's gain."""
    track = len(gain) > 0
    for k in range(col_ptr[j], col_ptr[j + 1]):
        u = col_area[k]
        c = col_cost[k]
        if c < d1[u]:
            old = d1[u]
            d2[u] = d1[u]
            f2[u] = f1[u]
            d1[u] = c
            f1[u] = j
            if track:
                for q in range(row_ptr[u], row_ptr[u + 1]):
                    cq = row_cost[q]
                    if cq < old:
                        gain[row_site[q]] -= (old - cq) - max(0.0, c - cq)
        elif c < d2[u]:
            d2[u] = c
            f2[u] = j


@jit
def close_site(j, row_ptr, row_site, row_cost, col_ptr, col_area, far, is_open, d1, f1, d2, f2):  # type: ignore[no-untyped-def]
    """Close site ``j`` (already marked closed in ``is_open``): re-scan the areas that used it."""
    for k in range(col_ptr[j], col_ptr[j + 1]):
        u = col_area[k]
        if f1[u] == j or f2[u] == j:
            _rescan(u, row_ptr, row_site, row_cost, far, is_open, d1, f1, d2, f2)


@jit
def local_search(  # type: ignore[no-untyped-def]
    row_ptr,
    row_site,
    row_cost,
    col_ptr,
    col_area,
    col_cost,
    far,
    is_open,
    d1,
    f1,
    d2,
    f2,
    required,
    excluded,
    site_cost,
    budget,
    fixed_p,
    district,
    district_count,
    district_min,
    set_ptr,
    set_site,
    site_set_ptr,
    site_set,
    set_count,
    start,
    max_moves,
):
    """Fast vertex substitution: for each closed site, the best swap (or add, under a budget) if it improves.

    Returns the number of moves made. Cycles over candidate sites from ``start`` until a full pass
    makes no improving move or ``max_moves`` moves are made. Every move keeps the rules: required
    sites stay, excluded sites stay closed, the budget, district minimums and cover sets hold.
    """
    n_sites = len(is_open)
    n_sets = len(set_ptr) - 1
    base_loss = np.zeros(n_sites)
    delta = np.zeros(n_sites)
    touched = np.zeros(n_sites, dtype=np.int64)
    marked = np.zeros(n_sites, dtype=np.bool_)
    covered_alone = np.zeros(n_sites, dtype=np.int64)  # cover sets whose only open member is the site
    rescued = np.zeros(n_sites, dtype=np.int64)
    sole = np.full(max(n_sets, 1), NONE, dtype=np.int64)
    in_set = np.zeros(max(n_sets, 1), dtype=np.bool_)
    total_cost = 0.0
    for j in range(n_sites):
        if is_open[j]:
            total_cost += site_cost[j]
    for s in range(n_sets):
        if set_count[s] == 1:
            for q in range(set_ptr[s], set_ptr[s + 1]):
                if is_open[set_site[q]]:
                    sole[s] = set_site[q]
                    covered_alone[set_site[q]] += 1
    eps = 1e-9 * (1.0 + np.abs(d1).sum())
    moves = 0
    quiet = 0
    stale = True
    f = start % n_sites
    while quiet < n_sites and moves < max_moves:
        f_in = f
        f = (f + 1) % n_sites
        quiet += 1
        if is_open[f_in] or excluded[f_in]:
            continue
        if stale:
            # The loss of closing each open site: its areas move to their second-nearest.
            base_loss[:] = 0.0
            for u in range(len(far)):
                if f1[u] != NONE:
                    base_loss[f1[u]] += d2[u] - d1[u]
            stale = False
        gain = 0.0
        n_touched = 0
        for k in range(col_ptr[f_in], col_ptr[f_in + 1]):
            u = col_area[k]
            c = col_cost[k]
            if c < d1[u]:
                gain += d1[u] - c
                if f1[u] != NONE:
                    if not marked[f1[u]]:
                        marked[f1[u]] = True
                        touched[n_touched] = f1[u]
                        n_touched += 1
                    delta[f1[u]] -= d2[u] - d1[u]
            elif c < d2[u] and f1[u] != NONE:
                if not marked[f1[u]]:
                    marked[f1[u]] = True
                    touched[n_touched] = f1[u]
                    n_touched += 1
                delta[f1[u]] += c - d2[u]
        # Cover sets f_in would rescue if their sole member closed.
        for q in range(site_set_ptr[f_in], site_set_ptr[f_in + 1]):
            s = site_set[q]
            in_set[s] = True
            if set_count[s] == 1:
                rescued[sole[s]] += 1
        best_profit = eps
        best_out = -2
        can_add = fixed_p < 0 and total_cost + site_cost[f_in] <= budget + 1e-6
        if can_add and gain > best_profit:
            best_profit = gain
            best_out = NONE
        d_in = district[f_in]
        for j in range(n_sites):
            if not is_open[j] or required[j]:
                continue
            if total_cost - site_cost[j] + site_cost[f_in] > budget + 1e-6:
                continue
            dj = district[j]
            if dj != d_in and district_count[dj] - 1 < district_min[dj]:
                continue
            if covered_alone[j] > rescued[j]:
                continue
            profit = gain - (base_loss[j] + delta[j])
            if profit > best_profit:
                best_profit = profit
                best_out = j
        for t in range(n_touched):
            delta[touched[t]] = 0.0
            marked[touched[t]] = False
        for q in range(site_set_ptr[f_in], site_set_ptr[f_in + 1]):
            s = site_set[q]
            in_set[s] = False
            if set_count[s] == 1:
                rescued[sole[s]] -= 1
        if best_out == -2:
            continue
        # Apply: open f_in, then close best_out (if a swap).
        is_open[f_in] = True
        total_cost += site_cost[f_in]
        district_count[d_in] += 1
        open_site(f_in, row_ptr, row_site, row_cost, col_ptr, col_area, col_cost, d1, f1, d2, f2, np.zeros(0))
        for q in range(site_set_ptr[f_in], site_set_ptr[f_in + 1]):
            s = site_set[q]
            if set_count[s] == 1:
                covered_alone[sole[s]] -= 1
                sole[s] = NONE
            set_count[s] += 1
            if set_count[s] == 1:
                sole[s] = f_in
                covered_alone[f_in] += 1
        if best_out != NONE:
            is_open[best_out] = False
            total_cost -= site_cost[best_out]
            district_count[district[best_out]] -= 1
            close_site(best_out, row_ptr, row_site, row_cost, col_ptr, col_area, far, is_open, d1, f1, d2, f2)
            for q in range(site_set_ptr[best_out], site_set_ptr[best_out + 1]):
                s = site_set[q]
                if sole[s] == best_out:
                    covered_alone[best_out] -= 1
                    sole[s] = NONE
                set_count[s] -= 1
                if set_count[s] == 1:
                    for r in range(set_ptr[s], set_ptr[s + 1]):
                        if is_open[set_site[r]]:
                            sole[s] = set_site[r]
                            covered_alone[set_site[r]] += 1
        moves += 1
        quiet = 0
        stale = True
    return moves
