"""What a solver returns: the sites opened, the objective, a proven bound and the gap between them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True, eq=False)
class Solution:
    """A plan and how good it is proven to be.

    Parameters
    ----------
    open
        Positions of the open sites, sorted.
    objective
        For p-median: the summed weighted cost (e.g. family-minutes). For coverage: the weight
        covered (e.g. families within the radius).
    bound
        The best proven bound on the optimum: a lower bound when minimising, an upper bound when
        maximising.
    sense
        ``"min"`` or ``"max"``.
    seconds
        Wall-clock time taken.
    status
        ``"optimal"``, ``"time_limit"`` (stopped with a feasible plan) or ``"heuristic"``.
    method
        ``"exact"`` or ``"heuristic"``.
    bound_method
        How ``bound`` was proven (``"MIP dual bound"``, ``"Lagrangian relaxation"``).
    alternatives
        Other distinct plans found within the asked tolerance, best first.
    """

    open: np.ndarray
    objective: float
    bound: float
    sense: str
    seconds: float
    status: str
    method: str
    bound_method: str
    alternatives: tuple[Solution, ...] = field(default=())

    @property
    def lower_bound(self) -> float:
        """A proven lower bound on the optimal objective."""
        return self.bound if self.sense == "min" else self.objective

    @property
    def upper_bound(self) -> float:
        """A proven upper bound on the optimal objective."""
        return self.objective if self.sense == "min" else self.bound

    @property
    def gap(self) -> float:
        """The relative gap ``(upper - lower) / |upper|`` (0 when both are 0): the most it can be off."""
        upper, lower = self.upper_bound, self.lower_bound
        if not (math.isfinite(upper) and math.isfinite(lower)):
            return math.inf
        if upper == 0:
            return 0.0 if lower >= -1e-9 else math.inf
        return max(0.0, (upper - lower) / abs(upper))


def sorted_positions(is_open: np.ndarray) -> np.ndarray:
    """Return the sorted positions of the true entries, as int64."""
    return np.flatnonzero(is_open).astype(np.int64)
