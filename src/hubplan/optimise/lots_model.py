"""Commissioning lots, the model: a problem, its settings, a solution, and the measures of a split.

The formulation (a p-regions problem around the scenario's bases) is stated in :mod:`hubplan.optimise.lots`,
which solves it; this module holds what the solvers (:mod:`hubplan.optimise.lots_exact`,
:mod:`hubplan.optimise.lots_heuristic`) and the solve share, so neither imports the other's caller.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from hubplan.errors import InfeasibleError
from hubplan.optimise.contiguity import Adjacency, is_connected

LotMethod = Literal["auto", "exact", "heuristic"]
"""``exact``: the MIP only; ``heuristic``: the search only; ``auto``: the search, then the MIP from it."""

EXACT_LIMIT = 120_000
"""Most non-zeros of the MIP (about) that ``auto`` tries after the search.

Norfolk's 538 areas and 15 bases make about 190,000, and HiGHS is still 15.5% from its bound after
60 s (bench/results/lots.md); Mid Suffolk's 56 areas and 7 bases (about 10,000) close in a second.
"""


@dataclass(frozen=True, eq=False)
class Measure:
    """A quantity the lots are balanced on.

    Parameters
    ----------
    name
        ``"children"``, ``"need"`` (children in the most deprived fifth), ``"outreach_hours"``.
    values
        (n_areas,) the quantity in each area.
    tolerance
        Each lot within ``mean * (1 +- tolerance)`` (0.1: +-10%).
    """

    name: str
    values: np.ndarray
    tolerance: float


@dataclass(frozen=True, eq=False)
class LotProblem:
    """The areas, their bases and what the lots must keep.

    Parameters
    ----------
    xy_km
        (n_areas, 2) area positions in km (:func:`hubplan.optimise.contiguity.project_km`).
    children
        (n_areas,) the weight of each area in the cost (children under five, or families).
    adjacency
        Which areas touch.
    base_ids
        The bases' site ids.
    base_area
        (n_bases,) the position of the area each base stands in.
    served_by
        (n_areas,) the base (its position in ``base_ids``) that serves each area; -1 for none.
    measures
        What lots are balanced on; the first is the children.
    base_provider
        Each base's provider ('' when not known: never capped).
    pinned
        Area position to the lot (1..K) it must be in.
    """

    xy_km: np.ndarray
    children: np.ndarray
    adjacency: Adjacency
    base_ids: tuple[str, ...]
    base_area: np.ndarray
    served_by: np.ndarray
    measures: tuple[Measure, ...]
    base_provider: tuple[str, ...] = ()
    pinned: Mapping[int, int] = field(default_factory=dict)

    @property
    def n_areas(self) -> int:
        """The number of areas."""
        return len(self.children)

    def distances(self) -> np.ndarray:
        """Return (n_areas, n_bases) km from each area to each base's area."""
        d: np.ndarray = np.linalg.norm(
            self.xy_km[:, None, :] - self.xy_km[self.base_area][None, :, :], axis=2
        )
        return d

    def provider(self, base: int) -> str:
        """Return base ``base``'s provider ('' when not known)."""
        return self.base_provider[base] if self.base_provider else ""


@dataclass(frozen=True)
class LotSettings:
    """How to split: how many lots, the rules that go with them and the solver's limits.

    Parameters
    ----------
    lots
        K, the number of lots.
    split_km
        The charge (km) for each child whose own base ends in another lot.
    max_lots_per_provider
        Most lots whose centre base one provider runs (``None``: no limit).
    method
        ``auto``, ``exact`` or ``heuristic`` (:data:`LotMethod`).
    time_limit
        Seconds for the MIP; the best lots so far are kept, with their gap.
    starts
        Starts of the search (different centre bases, seeded).
    seed
        Seeds the search: same seed, same lots.
    """

    lots: int
    split_km: float = 5.0
    max_lots_per_provider: int | None = None
    method: LotMethod = "auto"
    time_limit: float = 60.0
    starts: int = 8
    seed: int = 0


@dataclass(frozen=True, eq=False)
class Lots:
    """A split of the areas into lots.

    Parameters
    ----------
    lot
        (n_areas,) each area's lot, 0..K-1 (shown as 1..K).
    centre
        (K,) each lot's centre base (position in the problem's ``base_ids``).
    cost
        The model's cost: children-weighted km to the centre plus the split charge.
    bound
        A proven lower bound on the cost (the MIP's), or ``None`` when only the search ran.
    method
        ``"exact"`` or ``"heuristic"``: which found these lots.
    optimal
        Whether the MIP proved them best.
    seconds
        Wall time (s).
    unbalanced
        Names of the lots and measures out of tolerance (empty when every lot keeps every tolerance).
    """

    lot: np.ndarray
    centre: np.ndarray
    cost: float
    bound: float | None
    method: str
    optimal: bool
    seconds: float
    unbalanced: tuple[str, ...] = ()

    @property
    def gap(self) -> float | None:
        """The proven relative gap ((cost - bound) / cost), or ``None`` without a bound."""
        if self.bound is None:
            return None
        return max(0.0, (self.cost - self.bound) / self.cost) if self.cost > 0 else 0.0


def targets(problem: LotProblem, k: int) -> np.ndarray:
    """Return (n_measures,) each measure's mean per lot (its total over ``k``)."""
    return np.array([float(m.values.sum()) / k for m in problem.measures])


def violation(problem: LotProblem, lot: np.ndarray, k: int) -> float:
    """Return how far the lots are outside their tolerances (0 when every lot keeps every one).

    Parameters
    ----------
    problem
        The problem.
    lot
        (n_areas,) each area's lot.
    k
        The number of lots.

    Returns
    -------
    float
        Sum over measures and lots of the excess beyond ``mean * tolerance``, as a share of the mean.
    """
    total = 0.0
    for m, target in zip(problem.measures, targets(problem, k), strict=True):
        if target <= 0:
            continue
        sums = np.bincount(lot, weights=m.values, minlength=k)
        total += float(np.maximum(np.abs(sums - target) - m.tolerance * target, 0).sum() / target)
    return total


def unbalanced(problem: LotProblem, lot: np.ndarray, k: int) -> tuple[str, ...]:
    """Return 'lot L: MEASURE S (allowed A-B)' for each lot and measure outside its tolerance."""
    out = []
    for m, target in zip(problem.measures, targets(problem, k), strict=True):
        sums = np.bincount(lot, weights=m.values, minlength=k)
        low, high = target * (1 - m.tolerance), target * (1 + m.tolerance)
        for g in range(k):
            if not low - 1e-6 <= sums[g] <= high + 1e-6:
                out.append(f"lot {g + 1}: {m.name} {sums[g]:,.1f} (allowed {low:,.1f}-{high:,.1f})")
    return tuple(out)


def split_cost(problem: LotProblem, lot: np.ndarray, split_km: float) -> float:
    """Return the charge for children whose own base is in another lot (split_km per child)."""
    served = problem.served_by >= 0
    base_lot = lot[problem.base_area[np.where(served, problem.served_by, 0)]]
    split = served & (base_lot != lot)
    return float(split_km * problem.children[split].sum())


def best_centres(
    problem: LotProblem,
    lot: np.ndarray,
    k: int,
    distances: np.ndarray,
    *,
    max_per_provider: int | None = None,
) -> np.ndarray | None:
    """Return each lot's cheapest centre base, keeping the provider cap; ``None`` if a lot has no base.

    Parameters
    ----------
    problem
        The problem.
    lot
        (n_areas,) each area's lot.
    k
        The number of lots.
    distances
        (n_areas, n_bases) km (:meth:`LotProblem.distances`).
    max_per_provider
        Most lots one provider's base may centre.

    Returns
    -------
    numpy.ndarray or None
        (k,) base positions.
    """
    # cost[g, b]: lot g centred on base b; infinite when b is not in lot g.
    weights = np.zeros((k, problem.n_areas))
    weights[lot, np.arange(problem.n_areas)] = problem.children
    cost = weights @ distances
    inside = np.zeros_like(cost, dtype=bool)
    inside[lot[problem.base_area], np.arange(len(problem.base_area))] = True
    cost[~inside] = np.inf
    centre = np.argmin(cost, axis=1)
    if not np.isfinite(cost[np.arange(k), centre]).all():
        return None
    if max_per_provider is None:
        return np.asarray(centre, dtype=np.int64)
    # Over the cap: move the lot that loses least to its next base of another provider, until kept.
    for _ in range(k * len(problem.base_area)):
        counts: dict[str, list[int]] = {}
        for g in range(k):
            name = problem.provider(int(centre[g]))
            if name:
                counts.setdefault(name, []).append(g)
        over = {name: gs for name, gs in counts.items() if len(gs) > max_per_provider}
        if not over:
            return np.asarray(centre, dtype=np.int64)
        best: tuple[float, int, int] | None = None
        full = {name for name, gs in counts.items() if len(gs) >= max_per_provider}
        for gs in over.values():
            for g in gs:
                for b in range(len(problem.base_area)):
                    if np.isfinite(cost[g, b]) and problem.provider(b) not in full:
                        loss = float(cost[g, b] - cost[g, centre[g]])
                        if best is None or loss < best[0]:
                            best = (loss, g, b)
        if best is None:
            return None
        centre[best[1]] = best[2]
    return None


def partition_cost(
    problem: LotProblem, lot: np.ndarray, k: int, *, split_km: float, max_per_provider: int | None = None
) -> tuple[float, np.ndarray] | None:
    """Return a partition's cost and its centres, ``None`` when a lot has no base (or the cap fails).

    Parameters
    ----------
    problem
        The problem.
    lot
        (n_areas,) each area's lot, 0..k-1.
    k
        The number of lots.
    split_km
        The charge per child away from its own base.
    max_per_provider
        Most lots one provider may centre.

    Returns
    -------
    tuple or None
        (cost, (k,) centre bases).
    """
    distances = problem.distances()
    centre = best_centres(problem, lot, k, distances, max_per_provider=max_per_provider)
    if centre is None:
        return None
    compact = float((problem.children * distances[np.arange(problem.n_areas), centre[lot]]).sum())
    return compact + split_cost(problem, lot, split_km), centre


def check_rules(problem: LotProblem, settings: LotSettings) -> None:
    """Raise ``InfeasibleError`` for rules that cannot hold whatever the split.

    Parameters
    ----------
    problem
        The problem.
    settings
        The settings.

    Raises
    ------
    InfeasibleError
        Naming the rule: more lots than areas, than areas with a base, or than providers allow; a pin
        to a lot number beyond K.
    """
    k = settings.lots
    if k < 1:
        msg = f"lots: expected 1 or more, found {k}"
        raise InfeasibleError(msg)
    base_areas = len(set(problem.base_area.tolist()))
    if k > base_areas:
        msg = (
            f"each lot must hold a base, and the scenario's {len(problem.base_ids)} bases stand in "
            f"{base_areas} areas: at most {base_areas} lots, not {k}"
        )
        raise InfeasibleError(msg)
    bad = sorted({lot for lot in problem.pinned.values() if not 1 <= lot <= k})
    if bad:
        msg = f"pins: lots are numbered 1 to {k}, found {', '.join(map(str, bad))}"
        raise InfeasibleError(msg)
    areas_of_bases = set(problem.base_area.tolist())
    pinned_lots = {problem.pinned[a] for a in areas_of_bases if a in problem.pinned}
    most_lots = len(pinned_lots) + sum(a not in problem.pinned for a in areas_of_bases)
    if most_lots < k:
        msg = (
            f"pins: each lot must hold a base, and the pins put the bases' areas in lot(s) "
            f"{', '.join(map(str, sorted(pinned_lots)))}, which leaves at most {most_lots} lots, not {k}"
        )
        raise InfeasibleError(msg)
    cap = settings.max_lots_per_provider
    if cap is not None:
        providers = [p for p in problem.base_provider if p]
        unknown = (
            len(problem.base_provider) - len(providers) if problem.base_provider else len(problem.base_ids)
        )
        most = sum(min(cap, providers.count(p)) for p in set(providers)) + unknown
        if most < k:
            msg = f"max lots per provider {cap}: the bases' providers can centre at most {most} lots, not {k}"
            raise InfeasibleError(msg)


def label_lots(
    problem: LotProblem, lot: np.ndarray, centre: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Renumber the lots: pinned lots keep their numbers, the rest run north to south by their centre.

    Parameters
    ----------
    problem
        The problem.
    lot
        (n_areas,) each area's lot, in any numbering.
    centre
        (k,) each lot's centre base.
    k
        The number of lots.

    Returns
    -------
    tuple
        The renumbered ``lot`` and ``centre``.
    """
    number = np.full(k, -1, dtype=np.int64)
    for area, wanted in sorted(problem.pinned.items()):
        number[lot[area]] = wanted - 1
    free = [n for n in range(k) if n not in set(number.tolist())]
    rest = [g for g in range(k) if number[g] < 0]
    position = problem.xy_km[problem.base_area[centre]]
    rest.sort(key=lambda g: (-round(float(position[g, 1]), 6), round(float(position[g, 0]), 6)))
    if len(rest) != len(free):  # two lots hold areas pinned to the same number: a pin did not hold
        msg = "pins: the split found does not keep every pin (try --method exact, or fewer pins)"
        raise InfeasibleError(msg)
    for g, n in zip(rest, free, strict=True):
        number[g] = n
    new_centre = np.empty(k, dtype=np.int64)
    new_centre[number] = centre
    return number[lot], new_centre


def contiguous(problem: LotProblem, lot: np.ndarray, k: int) -> bool:
    """Return whether every lot is one piece of touching areas."""
    return all(
        is_connected(np.flatnonzero(lot == g).tolist(), problem.adjacency.neighbours) for g in range(k)
    )


def lot_sums(values: np.ndarray, lot: np.ndarray, k: int) -> np.ndarray:
    """Return (k,) the sum of ``values`` over each lot's areas."""
    return np.bincount(lot, weights=np.asarray(values, dtype=np.float64), minlength=k)


def bases_by_lot(problem: LotProblem, lot: np.ndarray, k: int) -> list[list[str]]:
    """Return each lot's bases (site ids, in the scenario's order)."""
    out: list[list[str]] = [[] for _ in range(k)]
    for b, area in enumerate(problem.base_area):
        out[int(lot[area])].append(problem.base_ids[b])
    return out


def served_together(problem: LotProblem, lot: np.ndarray) -> float:
    """Return the share of children (0..1) in the same lot as the base that serves them."""
    served = problem.served_by >= 0
    total = float(problem.children[served].sum())
    if total <= 0:
        return 1.0
    same = served & (lot[problem.base_area[np.where(served, problem.served_by, 0)]] == lot)
    return float(problem.children[same].sum()) / total


def compactness_km(problem: LotProblem, lot: np.ndarray, centre: np.ndarray) -> float:
    """Return the mean km (weighted by children) from an area to its lot's centre base."""
    d = problem.distances()[np.arange(problem.n_areas), centre[lot]]
    total = float(problem.children.sum())
    return float((problem.children * d).sum()) / total if total > 0 else 0.0


def pins_from(areas: Sequence[int], lot: int) -> dict[int, int]:
    """Return the pins that put each of ``areas`` in lot ``lot`` (1..K)."""
    return dict.fromkeys(areas, lot)
