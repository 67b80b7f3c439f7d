"""Greedy opening, fast vertex substitution and variable-neighbourhood shakes: good plans fast, seeded."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from hubplan.optimise import kernels
from hubplan.optimise.instance import Instance
from hubplan.optimise.rules import Rules, SiteView


@dataclass
class _State:
    is_open: np.ndarray
    d1: np.ndarray
    f1: np.ndarray
    d2: np.ndarray
    f2: np.ndarray

    def copy(self) -> _State:
        return _State(self.is_open.copy(), self.d1.copy(), self.f1.copy(), self.d2.copy(), self.f2.copy())

    @property
    def objective(self) -> float:
        return float(self.d1.sum())


@dataclass(frozen=True, eq=False)
class _Arrays:
    """The rules as flat arrays for the kernels."""

    required: np.ndarray
    excluded: np.ndarray
    site_cost: np.ndarray
    budget: float
    fixed_p: int
    district: np.ndarray
    district_min: np.ndarray
    set_ptr: np.ndarray
    set_site: np.ndarray
    site_set_ptr: np.ndarray
    site_set: np.ndarray


def _arrays(inst: Instance, rules: Rules) -> _Arrays:
    """Return the rules' flat view as the kernels' arrays (cached on the rules)."""
    return rules.memo(("kernel arrays", inst.n_sites), lambda: _flatten(rules.view(inst.n_sites)))


def _flatten(view: SiteView) -> _Arrays:
    m = view.n_sites
    sets = [np.unique(np.asarray(s, dtype=np.int64)) for s in view.cover_sets]
    set_ptr = np.zeros(len(sets) + 1, dtype=np.int64)
    set_ptr[1:] = np.cumsum([len(s) for s in sets])
    set_site = np.concatenate(sets) if sets else np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(len(sets), dtype=np.int64), np.diff(set_ptr))
    order = np.argsort(set_site, kind="stable")
    site_set_ptr = np.zeros(m + 1, dtype=np.int64)
    site_set_ptr[1:] = np.cumsum(np.bincount(set_site, minlength=m))
    return _Arrays(
        required=view.required,
        excluded=view.excluded,
        site_cost=view.site_cost,
        budget=view.budget,
        fixed_p=view.fixed_p,
        district=view.district,
        district_min=view.district_min,
        set_ptr=set_ptr,
        set_site=set_site,
        site_set_ptr=site_set_ptr,
        site_set=owner[order],
    )


def _empty_state(inst: Instance) -> _State:
    n = inst.n_areas
    return _State(
        np.zeros(inst.n_sites, dtype=np.bool_),
        inst.far.copy(),
        np.full(n, -1, dtype=np.int64),
        inst.far.copy(),
        np.full(n, -1, dtype=np.int64),
    )


def _open(inst: Instance, state: _State, j: int, gain: np.ndarray) -> None:
    state.is_open[j] = True
    kernels.open_site(
        j, inst.row_ptr, inst.row_site, inst.row_cost, inst.col_ptr, inst.col_area, inst.col_cost,
        state.d1, state.f1, state.d2, state.f2, gain,
    )  # fmt: skip


def greedy(inst: Instance, rules: Rules) -> _State:
    """Open sites one by one, each time the one saving the most (per £ under a budget), keeping the rules.

    Required sites open first; then sites in districts below their minimum; then sites that cover
    the most still-uncovered cover sets; then the best by saving.

    Parameters
    ----------
    inst
        The instance.
    rules
        The rules.

    Returns
    -------
    _State
        The plan and each area's nearest and second-nearest open site.
    """
    a = _arrays(inst, rules)
    state = _empty_state(inst)
    gain = np.zeros(inst.n_sites)
    for site in np.flatnonzero(a.required):
        _open(inst, state, int(site), np.zeros(0))
    kernels.opening_gains(inst.col_ptr, inst.col_area, inst.col_cost, state.d1, gain)
    spent = float(a.site_cost[state.is_open].sum())
    set_members = [a.set_site[a.set_ptr[s] : a.set_ptr[s + 1]] for s in range(len(a.set_ptr) - 1)]
    while True:
        n_open = int(state.is_open.sum())
        if a.fixed_p >= 0 and n_open >= a.fixed_p:
            break
        candidate = ~state.is_open & ~a.excluded & (a.site_cost <= a.budget - spent + 1e-6)
        if not candidate.any():
            break
        uncovered = [m for m in set_members if not state.is_open[m].any()]
        counts = np.zeros(inst.n_sites, dtype=np.int64)
        district_count = np.bincount(a.district[state.is_open], minlength=len(a.district_min))
        short = district_count < a.district_min
        # District minimums first (slots and money are then never spent elsewhere before them);
        # among those, and then generally, prefer sites that cover a still-uncovered cover set.
        if short.any() and (candidate & short[a.district]).any():
            candidate &= short[a.district]
        if uncovered:
            for members in uncovered:
                counts[members] += 1
            if (candidate & (counts > 0)).any():
                candidate &= counts > 0
        if not candidate.any():
            break
        score = gain.copy()
        if a.budget < np.inf:
            score = gain / np.maximum(a.site_cost, 1e-9)
        if uncovered and (counts[candidate] > 0).any():
            score = counts * (1.0 + score.max() - score.min()) + score
        score = np.where(candidate, score, -np.inf)
        j = int(np.argmax(score))
        if a.fixed_p < 0 and not uncovered and not short.any() and gain[j] <= 0 and n_open > 0:
            break  # under a budget alone, stop when nothing more helps (a plan has at least one base)
        _open(inst, state, j, gain)
        spent += float(a.site_cost[j])
    return state


def improve(inst: Instance, rules: Rules, state: _State, *, start: int = 0, max_moves: int = 10**9) -> int:
    """Apply fast vertex substitution to ``state`` in place until no swap (or add) improves it.

    Parameters
    ----------
    inst
        The instance.
    rules
        The rules every move keeps.
    state
        The plan to improve (changed in place).
    start
        The candidate site to begin the cycle at.
    max_moves
        Stop after this many moves.

    Returns
    -------
    int
        The number of moves made.
    """
    a = _arrays(inst, rules)
    district_count = np.bincount(a.district[state.is_open], minlength=len(a.district_min)).astype(np.int64)
    set_count = np.array(
        [
            int(state.is_open[a.set_site[a.set_ptr[s] : a.set_ptr[s + 1]]].sum())
            for s in range(len(a.set_ptr) - 1)
        ],
        dtype=np.int64,
    )
    return int(
        kernels.local_search(
            inst.row_ptr, inst.row_site, inst.row_cost, inst.col_ptr, inst.col_area, inst.col_cost, inst.far,
            state.is_open, state.d1, state.f1, state.d2, state.f2,
            a.required, a.excluded, a.site_cost, a.budget, a.fixed_p,
            a.district, district_count, a.district_min,
            a.set_ptr, a.set_site, a.site_set_ptr, a.site_set, set_count,
            start, max_moves,
        )
    )  # fmt: skip


def feasible(rules: Rules, is_open: np.ndarray) -> bool:
    """Return whether a plan keeps every rule (each rule answers for itself).

    Parameters
    ----------
    rules
        The rules.
    is_open
        Which sites are open.

    Returns
    -------
    bool
        True when every rule holds.
    """
    return rules.feasible(is_open)


def search(
    inst: Instance,
    rules: Rules,
    *,
    seed: int = 0,
    iterations: int = 200,
    patience: int = 100,
    time_limit: float | None = None,
    keep: int = 0,
    keep_within: float = 0.0,
) -> tuple[np.ndarray, list[tuple[float, np.ndarray]]]:
    """Greedy, then local search, then variable-neighbourhood shakes from the best plan.

    Each iteration makes ``k`` random rule-keeping swaps from the best plan (``k`` grows after a
    failure, back to 1 after a success), then local search. The shakes stop after ``iterations``,
    or once ``patience`` shakes in a row have not improved the best plan. Same seed, iterations
    and patience, same answer; ``time_limit`` only stops early.

    Parameters
    ----------
    inst
        The instance.
    rules
        The rules.
    seed
        Seeds the shakes.
    iterations
        The most shakes.
    patience
        Stop after this many shakes in a row without a better plan (on the 30 OR-Library p-median
        instances, every best plan of 200 shakes is found within 106 of them and 100 of the last
        improvement).
    time_limit
        Seconds after which no new shake starts.
    keep
        How many other distinct local optima to keep.
    keep_within
        Keep only those within this relative distance of the best (0.05 = 5%).

    Returns
    -------
    tuple
        The best plan's open mask, and the kept alternatives as (objective, open mask), best first.
    """
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    state = greedy(inst, rules)
    improve(inst, rules, state)
    best = state.copy()
    # Rules the kernels do not keep are checked here: a plan breaking one is never kept.
    unkept = [part for part in rules if not part.heuristic_keeps]

    def keeps(is_open: np.ndarray) -> bool:
        return all(part.feasible(is_open) for part in unkept)

    best_keeps = keeps(best.is_open)
    seen: dict[bytes, float] = {best.is_open.tobytes(): best.objective} if best_keeps else {}
    a = _arrays(inst, rules)
    k = 1
    k_max = max(2, min(10, int(best.is_open.sum()) // 2))
    last_better = 0
    for it in range(iterations):
        if time_limit is not None and time.perf_counter() - started > time_limit:
            break
        if it - last_better >= patience:
            break
        trial = best.copy()
        opened = np.flatnonzero(trial.is_open & ~a.required)
        closed = np.flatnonzero(~trial.is_open & ~a.excluded)
        if len(opened) == 0 or len(closed) == 0:
            break
        outs = rng.choice(opened, size=min(k, len(opened)), replace=False)
        ins = rng.choice(closed, size=min(k, len(closed)), replace=False)
        trial.is_open[outs] = False
        trial.is_open[ins[: len(outs)]] = True
        if not feasible(rules, trial.is_open):
            k = k % k_max + 1
            continue
        kernels.assign(
            inst.row_ptr,
            inst.row_site,
            inst.row_cost,
            inst.far,
            trial.is_open,
            trial.d1,
            trial.f1,
            trial.d2,
            trial.f2,
        )
        improve(inst, rules, trial, start=int(rng.integers(inst.n_sites)) if it else 0)
        objective = trial.objective
        if unkept and not keeps(trial.is_open):
            k = k % k_max + 1
            continue
        key = trial.is_open.tobytes()
        if key not in seen:
            seen[key] = objective
        if not best_keeps or objective < best.objective - 1e-9 * max(1.0, abs(best.objective)):
            best, best_keeps = trial, True
            k = 1
            last_better = it + 1
        else:
            k = k % k_max + 1
    limit = best.objective * (1 + keep_within) + 1e-9
    others = [
        (obj, np.frombuffer(key, dtype=np.bool_).copy())
        for key, obj in seen.items()
        if key != best.is_open.tobytes() and obj <= limit
    ]
    others = sorted(others, key=lambda item: item[0])[:keep]
    return best.is_open.copy(), others
