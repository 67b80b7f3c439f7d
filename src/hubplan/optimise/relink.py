"""Path-relinking between elite plans: the hybrid heuristic of Resende and Werneck (2004), on neighbour lists.

Where ``p`` is large and the areas clustered (fl1400 at p = 300, u1432 at p = 400), swap local
optima differ from the optimum in many places far apart, and local shakes
(:func:`hubplan.optimise.large.shakes`) fix them one neighbourhood at a time. The hybrid keeps a
**pool of elite plans** (the best found that differ from one another) and combines them:

- **Path-relinking** walks from plan ``A`` to plan ``B`` one swap at a time, each time the best
  swap that opens a site of ``B`` missing from ``A`` and closes a site of ``A`` missing from ``B``
  (even when it costs more); the best plan on the path, after fast swaps, is the offspring. The
  swap is priced with the fast-interchange gain and loss (Whitaker 1983; Resende and Werneck
  2003, :mod:`hubplan.optimise.swap`), restricted to the two difference sets.
- **New plans** come from a random elite plan, perturbed (half the time by a few local shakes,
  half by :func:`relocate`, which moves sites from where they save least to where areas pay
  most) and improved by fast swaps; each is relinked with another elite plan. (Resende and
  Werneck start each round from a fresh randomised greedy plan instead; on fl1400, p = 300, with
  15 CPU seconds that ended 0.23% to 0.28% above the optimum against 0.16% for perturbations.)
- A plan enters the pool when it is better than the pool's worst and not already in it; it
  replaces the most similar worse plan (the pool stays diverse).
- **Epochs.** When ``patience`` rounds in a row find no better plan and time is left, every pair
  of the pool is relinked (Resende and Werneck's evolutionary post-optimisation, repeated while
  it improves the best), then a new pool starts from the best plan alone with perturbations twice
  as large (up to eight times, then back): an iterated search whose kicks grow while it finds
  nothing. With one epoch the search stopped after 4 to 6 s of a 50 s limit on fl1400 (p = 300,
  500) and u1432 (p = 400); with epochs to the deadline, fl1400 p = 300 went from +0.164% to
  +0.082% of the optimum, u1432 p = 400 from +0.315% to +0.158%.
"""

from __future__ import annotations

import math
import time

import numpy as np

from hubplan.optimise.instance import Instance
from hubplan.optimise.kernels import NONE, close_site, jit, open_site
from hubplan.optimise.large import Plan, _shake, local_search
from hubplan.optimise.swap import price_opening

#: Plans kept in the elite pool (Resende and Werneck 2004 keep 10).
POOL_SIZE = 10
FRESH = 1.0


@jit
def best_restricted_swap(  # type: ignore[no-untyped-def]  # noqa: PLR0917
    col_ptr, col_area, col_cost, is_open, d1, f1, d2, may_open, may_close,
):  # fmt: skip
    """Return ``(f_in, r_out, profit)``: the best swap of a ``may_open`` site in for a ``may_close`` one out.

    ``profit`` is the objective's decrease (negative when every such swap costs more); ``-1, -1``
    when there is no such pair.
    """
    n_sites = len(is_open)
    loss = np.zeros(n_sites)
    for u in range(len(d1)):
        if f1[u] != NONE:
            loss[f1[u]] += d2[u] - d1[u]
    # The closable open sites by increasing loss.
    outs = np.flatnonzero(is_open & may_close)
    outs = outs[np.argsort(loss[outs], kind="mergesort")]
    extra = np.zeros(n_sites)
    touched = np.zeros(n_sites, dtype=np.int64)
    marked = np.zeros(n_sites, dtype=np.bool_)
    best_profit = -np.inf
    best_in = NONE
    best_out = NONE
    if len(outs) == 0:
        return best_in, best_out, best_profit
    for f_in in range(n_sites):
        if is_open[f_in] or not may_open[f_in]:
            continue
        gain, n_touched = price_opening(f_in, col_ptr, col_area, col_cost, f1, d1, d2, marked, touched, extra)
        for t in range(n_touched):
            r = touched[t]
            if is_open[r] and may_close[r]:
                profit = gain - loss[r] - extra[r]
                if profit > best_profit:
                    best_profit = profit
                    best_in = f_in
                    best_out = r
        for t in range(len(outs)):
            r = outs[t]
            if not marked[r]:
                profit = gain - loss[r]
                if profit > best_profit:
                    best_profit = profit
                    best_in = f_in
                    best_out = r
                break
        for t in range(n_touched):
            extra[touched[t]] = 0.0
            marked[touched[t]] = False
    return best_in, best_out, best_profit


def _swap(inst: Instance, plan: Plan, f_in: int, r_out: int) -> None:
    """Open ``f_in`` and close ``r_out`` in ``plan``, keeping its assignment."""
    plan.is_open[f_in] = True
    open_site(
        f_in, inst.row_ptr, inst.row_site, inst.row_cost, inst.col_ptr, inst.col_area, inst.col_cost,
        plan.d1, plan.f1, plan.d2, plan.f2, np.zeros(0),
    )  # fmt: skip
    plan.is_open[r_out] = False
    close_site(
        r_out, inst.row_ptr, inst.row_site, inst.row_cost, inst.col_ptr, inst.col_area, inst.far,
        plan.is_open, plan.d1, plan.f1, plan.d2, plan.f2,
    )  # fmt: skip


def relink(inst: Instance, start: Plan, guide: np.ndarray) -> Plan:
    """Walk from ``start`` to the open mask ``guide`` by best restricted swaps; return the best plan passed.

    The two ends are not returned (the path's interior only, as in Resende and Werneck 2004); when
    the plans differ in one site or none, ``start`` itself (a copy) is returned.

    Parameters
    ----------
    inst
        The instance.
    start
        The plan to walk from.
    guide
        The open mask to walk towards (as many sites open as ``start``).

    Returns
    -------
    Plan
        The cheapest interior plan of the path (not improved by local search).
    """
    plan = start.copy()
    may_open = guide & ~plan.is_open
    may_close = plan.is_open & ~guide
    steps = int(may_open.sum()) - 1
    best = start.copy()
    best_value = math.inf
    for _ in range(max(steps, 0)):
        f_in, r_out, _profit = best_restricted_swap(
            inst.col_ptr,
            inst.col_area,
            inst.col_cost,
            plan.is_open,
            plan.d1,
            plan.f1,
            plan.d2,
            may_open,
            may_close,
        )
        if f_in == NONE:
            break
        _swap(inst, plan, int(f_in), int(r_out))
        may_open[f_in] = False
        may_close[r_out] = False
        if plan.objective < best_value:
            best, best_value = plan.copy(), plan.objective
    return best


def relocate(inst: Instance, plan: Plan, count: int, *, rng: np.random.Generator) -> None:
    """Move ``count`` open sites from where they save least to where areas pay most, keeping the assignment.

    Each move closes an open site drawn among the fifth with the least loss (what its areas would
    pay more at their second-nearest site) and opens a closed site listed by an area drawn with
    probability proportional to its cost: a non-local move that the local shakes do not make
    (clustered instances need a site moved from one cluster to another, then both re-optimised).
    """
    for _ in range(count):
        served = plan.f1 >= 0
        loss = np.bincount(plan.f1[served], weights=(plan.d2 - plan.d1)[served], minlength=inst.n_sites)
        open_sites = np.flatnonzero(plan.is_open)
        cheap = open_sites[np.argsort(loss[open_sites], kind="stable")[: max(1, len(open_sites) // 5)]]
        r_out = int(rng.choice(cheap))
        total = plan.d1.sum()
        if total <= 0:
            return
        u = int(rng.choice(inst.n_areas, p=plan.d1 / total))
        listed = inst.row_site[inst.row_ptr[u] : inst.row_ptr[u + 1]]
        listed = listed[~plan.is_open[listed]]
        if len(listed) == 0:
            continue
        _swap(inst, plan, int(rng.choice(listed)), r_out)


class ElitePool:
    """The best distinct plans found, at most ``size``; a newcomer replaces the most similar worse plan."""

    def __init__(self, size: int = POOL_SIZE) -> None:
        self.size = size
        self.plans: list[Plan] = []

    def offer(self, plan: Plan) -> bool:
        """Add ``plan`` when it is new and the pool has room or a worse plan; return whether it entered."""
        tol = 1e-9 * max(1.0, abs(plan.objective))
        if any(np.array_equal(plan.is_open, q.is_open) for q in self.plans):
            return False
        if len(self.plans) < self.size:
            self.plans.append(plan.copy())
            return True
        worse = [i for i, q in enumerate(self.plans) if q.objective > plan.objective + tol]
        if not worse:
            return False
        diff = [int(np.sum(self.plans[i].is_open != plan.is_open)) for i in worse]
        self.plans[worse[int(np.argmin(diff))]] = plan.copy()
        return True

    @property
    def best(self) -> Plan:
        """The cheapest plan in the pool."""
        return min(self.plans, key=lambda q: q.objective)


def elite_search(
    inst: Instance,
    plan: Plan,
    *,
    seed: int,
    deadline: float,
    patience: int = 2000,
    shakes_per_start: int = 3,
    size: int = 4,
    restart: bool = True,
) -> Plan:
    """Hybrid search from the local optimum ``plan``: perturb, swap, relink with the elite pool.

    Parameters
    ----------
    inst
        The instance.
    plan
        A swap local optimum (the pool's first plan).
    seed
        Seeds the perturbations and the choice of partners.
    deadline
        ``time.perf_counter()`` value after which no new round starts.
    patience
        An epoch ends after this many rounds in a row without a better best plan.
    shakes_per_start
        Local shakes applied to an elite plan to make a new start.
    size
        Open sites each shake moves (at most) in the first epoch.
    restart
        When an epoch ends before ``deadline``: relink every pair of the pool (Resende and Werneck's
        evolutionary post-optimisation), then start a new epoch from a pool holding only the best plan,
        with perturbations twice as large (up to ``8 * size``, then back to ``size``): an iterated
        search whose kicks grow while it finds nothing (variable neighbourhood). It stops at
        ``deadline``, or (no deadline) after four epochs in a row without a better plan. ``False``:
        one epoch.

    Returns
    -------
    Plan
        The best plan found (never worse than ``plan``).
    """
    rng = np.random.default_rng(seed)
    pool = ElitePool()
    pool.offer(plan)
    kick, quiet_epochs = size, 0
    while True:
        before = pool.best.objective
        _epoch(inst, pool, rng, deadline=deadline, patience=patience, shakes=shakes_per_start, size=kick)
        # Without a deadline, stop after a whole cycle of kick sizes (four epochs) finds nothing better.
        if not restart or time.perf_counter() >= deadline or quiet_epochs >= 4:
            return pool.best
        _evolve(inst, pool, rng, deadline=deadline)
        better = pool.best.objective < before - 1e-9 * max(1.0, before)
        kick = size if better else (kick * 2 if kick < 8 * size else size)
        quiet_epochs = 0 if better or math.isfinite(deadline) else quiet_epochs + 1
        best = pool.best
        pool = ElitePool()
        pool.offer(best)


def _epoch(
    inst: Instance,
    pool: ElitePool,
    rng: np.random.Generator,
    *,
    deadline: float,
    patience: int,
    shakes: int,
    size: int,
) -> None:
    """Perturb, swap and relink with ``pool`` until ``patience`` quiet rounds or ``deadline``."""
    every = np.ones(inst.n_sites, dtype=np.bool_)
    best_value = pool.best.objective
    quiet = 0
    while quiet < patience and time.perf_counter() < deadline:
        quiet += 1
        base = pool.plans[int(rng.integers(len(pool.plans)))].copy()
        if rng.random() < 0.5:
            for _ in range(shakes):
                _shake(inst, base, int(rng.integers(1, size + 1)), rng=rng, may_open=every, may_close=every)
        else:
            relocate(inst, base, int(rng.integers(1, size + 1)), rng=rng)
        local_search(inst, base, every, every, start=int(rng.integers(inst.n_sites)))
        pool.offer(base)
        partners = [q for q in pool.plans if not np.array_equal(q.is_open, base.is_open)]
        if partners:
            guide = partners[int(rng.integers(len(partners)))]
            _relink_offer(inst, pool, base, guide, rng)
        if pool.best.objective < best_value - 1e-9 * max(1.0, best_value):
            best_value, quiet = pool.best.objective, 0


def _relink_offer(inst: Instance, pool: ElitePool, x: Plan, y: Plan, rng: np.random.Generator) -> None:
    """Relink the better of ``x`` and ``y`` towards the worse; improve the child, offer it to ``pool``."""
    every = np.ones(inst.n_sites, dtype=np.bool_)
    # Walk from the better plan towards the worse (Resende and Werneck's "backward" relinking).
    a, b = (x, y) if x.objective <= y.objective else (y, x)
    child = relink(inst, a, b.is_open)
    if not np.array_equal(child.is_open, a.is_open):
        local_search(inst, child, every, every, start=int(rng.integers(inst.n_sites)))
        pool.offer(child)


def _evolve(inst: Instance, pool: ElitePool, rng: np.random.Generator, *, deadline: float) -> None:
    """Relink every pair of the pool into it, generation after generation, while the best improves."""
    while time.perf_counter() < deadline:
        before = pool.best.objective
        plans = list(pool.plans)
        for i, x in enumerate(plans):
            for y in plans[i + 1 :]:
                if time.perf_counter() >= deadline:
                    return
                _relink_offer(inst, pool, x, y, rng)
        if pool.best.objective >= before - 1e-9 * max(1.0, before):
            return
