"""What a solver returns: the sites opened, the objective, a proven bound and the gap between them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

import numpy as np

from hubplan.errors import ParameterError

Sense = Literal["min", "max"]


class Method(StrEnum):
    """How a plan is found: ``exact`` (HiGHS, proven optimal) or ``heuristic`` (fast, with a proven gap)."""

    EXACT = "exact"
    HEURISTIC = "heuristic"

    @classmethod
    def parse(cls, value: str) -> Method:
        """Return the method named ``value``.

        Parameters
        ----------
        value
            ``"exact"`` or ``"heuristic"``.

        Returns
        -------
        Method
            The method.

        Raises
        ------
        ParameterError
            Naming the parameter ``method`` and the values it takes.
        """
        try:
            return cls(value)
        except ValueError:
            choices = " or ".join(f"'{m.value}'" for m in cls)
            raise ParameterError("method", expected=choices, found=value) from None


class Status(StrEnum):
    """How a solve ended."""

    OPTIMAL = "optimal"  #: proven optimal
    TIME_LIMIT = "time_limit"  #: stopped by the time limit with a feasible plan
    HEURISTIC = "heuristic"  #: the heuristic's best plan, with a proven gap


class BoundMethod(StrEnum):
    """How a solution's bound was proven."""

    MIP = "MIP dual bound"
    LAGRANGIAN = "Lagrangian relaxation"
    LP = "LP relaxation"


@dataclass(frozen=True, eq=False, kw_only=True)
class Solution:
    """A plan and how good it is proven to be (built by keyword).

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
        How the solve ended.
    method
        How the plan was found.
    bound_method
        How ``bound`` was proven.
    alternatives
        Other distinct plans found within the asked tolerance, best first.
    """

    open: np.ndarray
    objective: float
    bound: float
    sense: Sense
    seconds: float
    status: Status
    method: Method
    bound_method: BoundMethod
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
