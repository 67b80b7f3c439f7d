"""Lots by search: grow a lot around each of K centre bases, then move border areas while it pays.

1. **Centres.** Pinned lots take the base among (or nearest) their pinned areas; the rest are picked
   k-means++ style (seeded) among the bases and improved by alternating nearest-centre assignment and
   the best base of each group (Lloyd's algorithm on the medoids, Kaufman and Rousseeuw 1990).
2. **Growth.** The lot with the fewest children so far takes the unassigned neighbouring area nearest
   its centre, until every area has a lot (region growing, as in Duque et al. 2011's p-regions
   heuristics); pinned areas only join their own lot. Every lot is contiguous by construction.
3. **Local search.** A border area moves to a neighbouring lot when that lowers, in order, the
   excess beyond the tolerances and then the cost (:mod:`hubplan.optimise.lots`), and its old lot
   stays one piece without it; centres are re-chosen after each pass (Openshaw's AZP move, 1977).

Several starts (different centre bases) are run; the best lots are kept. Deterministic for a seed.
"""

from __future__ import annotations

import heapq
import time

import numpy as np

from hubplan.optimise.contiguity import is_connected
from hubplan.optimise.lots_model import (
    LotProblem,
    Lots,
    LotSettings,
    best_centres,
    partition_cost,
    targets,
    violation,
)

_MAX_PASSES = 200


def _pick_centres(problem: LotProblem, k: int, distances: np.ndarray, rng: np.random.Generator) -> list[int]:
    """Return k bases (in distinct areas) as lot centres; pinned lots first, in lot order."""
    n_bases = len(problem.base_area)
    chosen: list[int] = []
    used_areas: set[int] = set()

    def take(b: int) -> None:
        chosen.append(b)
        used_areas.add(int(problem.base_area[b]))

    w = problem.children.astype(np.float64)
    for label in sorted(set(problem.pinned.values())):
        areas = [a for a, lab in problem.pinned.items() if lab == label]
        inside = [b for b in range(n_bases) if int(problem.base_area[b]) in areas]
        free = [b for b in range(n_bases) if int(problem.base_area[b]) not in used_areas]
        if inside and int(problem.base_area[inside[0]]) not in used_areas:
            take(inside[0])
        elif free:
            take(min(free, key=lambda b: float(distances[areas, b].sum())))
    n_fixed = len(chosen)
    while len(chosen) < k:
        free = [b for b in range(n_bases) if int(problem.base_area[b]) not in used_areas]
        if not chosen:
            take(int(rng.choice(free)))
            continue
        near = distances[:, chosen].min(axis=1)
        score = np.array([float((w * np.maximum(near - distances[:, b], 0)).sum()) for b in free])
        score = score + 1e-9
        take(int(rng.choice(free, p=score / score.sum())))
    for _ in range(20):  # Lloyd's iterations on the free centres
        group = np.argmin(distances[:, chosen], axis=1)
        changed = False
        for g in range(n_fixed, k):
            members = np.flatnonzero(group == g)
            if not len(members):
                continue
            others = {int(problem.base_area[c]) for i, c in enumerate(chosen) if i != g}
            options = [b for b in range(n_bases) if int(problem.base_area[b]) not in others]
            best = min(options, key=lambda b: float((w[members] * distances[members, b]).sum()))
            if best != chosen[g]:
                chosen[g] = best
                changed = True
        if not changed:
            break
    return chosen


def _grow(problem: LotProblem, centres: list[int], distances: np.ndarray) -> np.ndarray:
    """Grow one lot around each centre, the smallest lot taking its nearest free neighbour each time."""
    n, k = problem.n_areas, len(centres)
    neighbours = problem.adjacency.neighbours
    lot = np.full(n, -1, dtype=np.int64)
    reserved = np.full(n, -1, dtype=np.int64)
    label_lot = {label: g for g, label in enumerate(sorted(set(problem.pinned.values())))}
    for area, label in problem.pinned.items():
        reserved[area] = label_lot[label]
    sums = np.zeros(k)
    frontier: list[list[tuple[float, int]]] = [[] for _ in range(k)]

    def add(area: int, g: int) -> None:
        lot[area] = g
        sums[g] += problem.children[area]
        for nb in neighbours[area]:
            j = int(nb)
            if lot[j] < 0 and reserved[j] in (-1, g):
                heapq.heappush(frontier[g], (float(distances[j, centres[g]]), j))

    for g, b in enumerate(centres):
        add(int(problem.base_area[b]), g)
    while (lot < 0).any():
        moved = False
        for smallest in np.argsort(sums, kind="stable").tolist():
            heap = frontier[smallest]
            while heap and lot[heap[0][1]] >= 0:
                heapq.heappop(heap)
            if heap:
                add(heapq.heappop(heap)[1], smallest)
                moved = True
                break
        if not moved:  # pinned areas cut off from their lot: give them to it anyway (fails the check)
            for left in np.flatnonzero(lot < 0).tolist():
                add(left, int(reserved[left]) if reserved[left] >= 0 else 0)
    return lot


def _improve(
    problem: LotProblem, lot: np.ndarray, centre: np.ndarray, distances: np.ndarray, settings: LotSettings
) -> tuple[np.ndarray, np.ndarray]:
    """Move border areas between lots while the excess, then the cost, falls (see the module docstring)."""
    k, n = settings.lots, problem.n_areas
    w = problem.children.astype(np.float64)
    neighbours = problem.adjacency.neighbours
    values = np.array([m.values for m in problem.measures], dtype=np.float64)
    target = targets(problem, k)
    scale = np.where(target > 0, target, 1.0)
    allowed = np.array([m.tolerance for m in problem.measures]) * target
    sums = np.array([np.bincount(lot, weights=v, minlength=k) for v in values])
    served = problem.served_by
    own_area = np.where(served >= 0, problem.base_area[np.where(served >= 0, served, 0)], -1)
    dependants: list[list[int]] = [[] for _ in range(n)]
    for i in range(n):
        if own_area[i] >= 0 and own_area[i] != i:
            dependants[int(own_area[i])].append(i)
    pinned = set(problem.pinned)
    members = [set(np.flatnonzero(lot == g).tolist()) for g in range(k)]

    def excess(s: np.ndarray) -> float:
        return float((np.maximum(np.abs(s - target) - allowed, 0) / scale).sum())

    def split(i: int, lot_i: int, own_lot: int) -> float:
        return settings.split_km * w[i] if own_area[i] >= 0 and own_lot != lot_i else 0.0

    for _ in range(_MAX_PASSES):
        moved = False
        centre_area = set(problem.base_area[centre].tolist())
        for i in range(n):
            a = int(lot[i])
            if i in centre_area or i in pinned:
                continue
            options = {int(lot[j]) for j in neighbours[i]} - {a}
            best: tuple[float, float, int] | None = None
            for b in sorted(options):
                before = excess(sums[:, a]) + excess(sums[:, b])
                after = excess(sums[:, a] - values[:, i]) + excess(sums[:, b] + values[:, i])
                d_excess = after - before
                d_cost = w[i] * (distances[i, centre[b]] - distances[i, centre[a]])
                own = int(lot[own_area[i]]) if own_area[i] >= 0 else -1
                d_cost += split(i, b, b if own_area[i] == i else own) - split(
                    i, a, a if own_area[i] == i else own
                )
                for j in dependants[i]:
                    d_cost += split(j, int(lot[j]), b) - split(j, int(lot[j]), a)
                key = (round(d_excess, 12), d_cost, b)
                if (d_excess < -1e-12 or (d_excess <= 1e-12 and d_cost < -1e-9)) and (
                    best is None or key < best
                ):
                    best = key
            if best is None or not is_connected(members[a] - {i}, neighbours):
                continue
            b = best[2]
            lot[i] = b
            members[a].discard(i)
            members[b].add(i)
            sums[:, a] -= values[:, i]
            sums[:, b] += values[:, i]
            moved = True
        new_centre = best_centres(problem, lot, k, distances, max_per_provider=settings.max_lots_per_provider)
        if new_centre is not None and not np.array_equal(new_centre, centre):
            centre = new_centre
            moved = True
        if not moved:
            break
    return lot, centre


def search_lots(problem: LotProblem, settings: LotSettings) -> Lots | None:
    """Find good lots by growth and local search from several seeded starts.

    Parameters
    ----------
    problem
        The problem (:class:`hubplan.optimise.lots.LotProblem`).
    settings
        K, the rules, ``starts`` and ``seed``.

    Returns
    -------
    Lots or None
        The best lots found (least excess beyond the tolerances, then least cost), without a bound;
        ``None`` when no start kept the provider cap.
    """
    started = time.perf_counter()
    k = settings.lots
    distances = problem.distances()
    rng = np.random.default_rng(settings.seed)
    best: tuple[float, float, np.ndarray, np.ndarray] | None = None
    for _ in range(max(1, settings.starts)):
        centres = _pick_centres(problem, k, distances, rng)
        lot = _grow(problem, centres, distances)
        centre = best_centres(problem, lot, k, distances, max_per_provider=settings.max_lots_per_provider)
        if centre is None:
            continue
        lot, centre = _improve(problem, lot, centre, distances, settings)
        priced = partition_cost(
            problem, lot, k, split_km=settings.split_km, max_per_provider=settings.max_lots_per_provider
        )
        if priced is None:
            continue
        excess = violation(problem, lot, k)
        if best is None or (round(excess, 9), priced[0]) < (round(best[0], 9), best[1]):
            best = (excess, priced[0], lot.copy(), priced[1])
        if k == 1:
            break
    if best is None:
        return None
    return Lots(
        lot=best[2],
        centre=best[3],
        cost=best[1],
        bound=None,
        method="heuristic",
        optimal=False,
        seconds=time.perf_counter() - started,
    )
