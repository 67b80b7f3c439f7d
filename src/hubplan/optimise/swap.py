"""Fast swap local search for the plain p-median: one candidate costs its column, not a pass over sites.

Whitaker's (1983) fast interchange with the bookkeeping of Resende and Werneck (2003): opening
``f_in`` and closing ``r`` changes the objective by ``-(gain(f_in) - loss(r) - extra(f_in, r))``,
where ``loss(r)`` (every area served by ``r`` moving to its second-nearest open site) is kept for
all open sites and ``extra`` is non-zero only for the open sites that serve an area listing
``f_in`` nearer than its second-nearest. The best ``r`` is therefore either one of those (read
while scanning the column) or the open site with the least ``loss`` among the rest, found by
walking the open sites sorted by ``loss``. A candidate costs its column's length plus the few
sites touched, so a pass over all candidates costs about the number of listed pairs: linear in
the instance when each area keeps only its nearest sites (:mod:`hubplan.optimise.large`).
"""

from __future__ import annotations

import numpy as np

from hubplan.optimise.kernels import NONE, close_site, jit, open_site


@jit
def _losses(far, f1, d1, d2, is_open, loss, order):  # type: ignore[no-untyped-def]
    """Set each open site's loss and ``order``: the open sites by increasing loss; return their count."""
    loss[:] = 0.0
    for u in range(len(far)):
        if f1[u] != NONE:
            loss[f1[u]] += d2[u] - d1[u]
    count = 0
    for j in range(len(is_open)):
        if is_open[j]:
            order[count] = j
            count += 1
    keys = np.empty(count)
    for t in range(count):
        keys[t] = loss[order[t]]
    idx = np.argsort(keys, kind="mergesort")
    tmp = order[:count].copy()
    for t in range(count):
        order[t] = tmp[idx[t]]
    return count


@jit
def price_opening(f_in, col_ptr, col_area, col_cost, f1, d1, d2, marked, touched, extra):  # type: ignore[no-untyped-def]
    """Price opening ``f_in``: return its gain and how many open sites it touched.

    Scans the areas listing ``f_in``: an area nearer to it than to its nearest open site gains the
    difference, and its nearest site's ``extra`` gives back what closing that site would no longer
    cost; an area nearer to it than to its second-nearest lowers its nearest site's ``extra`` by what
    it would save. Each open site whose ``extra`` changed is marked and listed in ``touched``.
    """
    gain = 0.0
    n_touched = 0
    for k in range(col_ptr[f_in], col_ptr[f_in + 1]):
        u = col_area[k]
        c = col_cost[k]
        r = f1[u]
        if c < d1[u]:
            gain += d1[u] - c
            if r != NONE:
                if not marked[r]:
                    marked[r] = True
                    touched[n_touched] = r
                    n_touched += 1
                extra[r] -= d2[u] - d1[u]
        elif c < d2[u] and r != NONE:
            if not marked[r]:
                marked[r] = True
                touched[n_touched] = r
                n_touched += 1
            extra[r] += c - d2[u]
    return gain, n_touched


@jit
def swap_search(  # type: ignore[no-untyped-def]
    row_ptr, row_site, row_cost, col_ptr, col_area, col_cost, far,
    is_open, d1, f1, d2, f2, may_open, may_close, start, max_moves,
):  # fmt: skip
    """First-improvement swaps cycling over the closed sites from ``start``; return the moves made.

    ``may_open`` / ``may_close`` say which sites may enter or leave (fixed sites stay as they are).
    Stops after a full cycle without an improving swap, or after ``max_moves`` swaps.
    """
    n_sites = len(is_open)
    loss = np.zeros(n_sites)
    extra = np.zeros(n_sites)
    touched = np.zeros(n_sites, dtype=np.int64)
    marked = np.zeros(n_sites, dtype=np.bool_)
    order = np.zeros(n_sites, dtype=np.int64)
    n_open = _losses(far, f1, d1, d2, is_open, loss, order)
    total = 0.0
    for u in range(len(far)):
        total += d1[u]
    eps = 1e-9 * (1.0 + total)
    moves = 0
    quiet = 0
    f = start % n_sites
    while quiet < n_sites and moves < max_moves:
        f_in = f
        f = (f + 1) % n_sites
        quiet += 1
        if is_open[f_in] or not may_open[f_in]:
            continue
        gain, n_touched = price_opening(f_in, col_ptr, col_area, col_cost, f1, d1, d2, marked, touched, extra)
        best_profit = eps
        best_out = NONE
        if gain > eps:
            for t in range(n_touched):
                r = touched[t]
                if may_close[r]:
                    profit = gain - loss[r] - extra[r]
                    if profit > best_profit:
                        best_profit = profit
                        best_out = r
            for t in range(n_open):
                r = order[t]
                if not marked[r] and may_close[r]:
                    profit = gain - loss[r]
                    if profit > best_profit:
                        best_profit = profit
                        best_out = r
                    break
        for t in range(n_touched):
            extra[touched[t]] = 0.0
            marked[touched[t]] = False
        if best_out == NONE:
            continue
        is_open[f_in] = True
        open_site(f_in, row_ptr, row_site, row_cost, col_ptr, col_area, col_cost, d1, f1, d2, f2, np.zeros(0))
        is_open[best_out] = False
        close_site(best_out, row_ptr, row_site, row_cost, col_ptr, col_area, far, is_open, d1, f1, d2, f2)
        n_open = _losses(far, f1, d1, d2, is_open, loss, order)
        moves += 1
        quiet = 0
    return moves
