"""Commissioning lots: split the areas into K contiguous lots, balanced, compact, each around a base.

The model is a p-regions problem (Duque, Church and Middleton 2011) whose regions are centred on the
scenario's bases. Each lot ``k`` has a centre base ``c_k``; with ``w_i`` the children in area ``i``,
``d_ib`` the km from area ``i`` to base ``b``'s area, and ``s(i)`` the base that serves area ``i``
(its nearest base by the access mode), a partition into lots costs

    sum_i w_i d_{i, c_lot(i)}  +  split_km * sum_i w_i [ s(i)'s area is not in lot(i) ]

(children-weighted km to the lot's centre: compactness; plus a charge for each child whose own base
is in another lot: the areas a base serves stay with it where possible). Every lot must

- be contiguous (rook: its areas joined through shared borders, see :mod:`hubplan.optimise.contiguity`);
- contain its centre base, so at least one base;
- hold children within ``tolerance`` of the mean (and, when asked, the most deprived fifth's children
  and the outreach hours within theirs);
- keep the pins: an area pinned to lot ``l`` is in lot ``l`` (a site pins its area, a district all of
  its areas);
- count at most ``max_lots_per_provider`` lots whose centre base one provider runs.

The lot's centre is whichever of its bases gives the least cost, so a partition's cost does not depend
on how it is labelled. :func:`plan_lots` solves it exactly with HiGHS where the model finishes
(:mod:`hubplan.optimise.lots_exact`) and by region growing and local search beyond
(:mod:`hubplan.optimise.lots_heuristic`).
"""

from __future__ import annotations

import time

from hubplan.errors import InfeasibleError
from hubplan.optimise.lots_model import (
    EXACT_LIMIT,
    LotMethod,
    LotProblem,
    Lots,
    LotSettings,
    Measure,
    bases_by_lot,
    best_centres,
    check_rules,
    compactness_km,
    contiguous,
    label_lots,
    lot_sums,
    partition_cost,
    pins_from,
    served_together,
    split_cost,
    targets,
    unbalanced,
    violation,
)

__all__ = [
    "EXACT_LIMIT",
    "LotMethod",
    "LotProblem",
    "LotSettings",
    "Lots",
    "Measure",
    "bases_by_lot",
    "best_centres",
    "check_rules",
    "compactness_km",
    "contiguous",
    "label_lots",
    "lot_sums",
    "partition_cost",
    "pins_from",
    "plan_lots",
    "served_together",
    "split_cost",
    "targets",
    "unbalanced",
    "violation",
]


def plan_lots(problem: LotProblem, settings: LotSettings) -> Lots:
    """Split the areas into ``settings.lots`` contiguous, balanced lots, each around a base.

    Parameters
    ----------
    problem
        The areas, bases, measures and pins.
    settings
        K, the rules and the solver's limits.

    Returns
    -------
    Lots
        The best lots found, with a proven bound when the MIP ran.

    Raises
    ------
    InfeasibleError
        When a rule cannot hold (:func:`check_rules`), or the MIP proves no split keeps them all.
    """
    from hubplan.optimise.lots_exact import exact_lots, model_size
    from hubplan.optimise.lots_heuristic import search_lots

    started = time.perf_counter()
    check_rules(problem, settings)
    k = settings.lots
    found = None
    if settings.method != "exact":
        found = search_lots(problem, settings)
    run_exact = settings.method == "exact" or (
        settings.method == "auto" and k > 1 and model_size(problem, settings) <= EXACT_LIMIT
    )
    if run_exact:
        exact = exact_lots(problem, settings, start=found)
        if exact is not None and (found is None or _better(problem, exact, found, k)):
            found = exact
        elif exact is not None and found is not None:  # the search's lots stand, now with a bound
            found = Lots(
                lot=found.lot, centre=found.centre, cost=found.cost, bound=exact.bound,
                method=found.method, optimal=exact.bound is not None and found.cost <= exact.bound + 1e-6,
                seconds=found.seconds,
            )  # fmt: skip
    if found is None:
        msg = "no split into lots was found within the time limit; allow more time or fewer rules"
        raise InfeasibleError(msg)
    lot, centre = label_lots(problem, found.lot, found.centre, k)
    return Lots(
        lot=lot,
        centre=centre,
        cost=found.cost,
        bound=found.bound,
        method=found.method,
        optimal=found.optimal,
        seconds=time.perf_counter() - started,
        unbalanced=unbalanced(problem, lot, k),
    )


def _better(problem: LotProblem, a: Lots, b: Lots, k: int) -> bool:
    """Whether ``a`` keeps the tolerances better than ``b``, or as well at less cost (or proved best)."""
    va, vb = violation(problem, a.lot, k), violation(problem, b.lot, k)
    if abs(va - vb) > 1e-9:
        return va < vb
    return a.cost < b.cost - 1e-6 or (a.optimal and a.cost <= b.cost + 1e-6)
