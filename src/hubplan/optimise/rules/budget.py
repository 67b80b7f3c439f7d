"""The budget rule: the bases' summed cost within a budget (``budget=AMOUNT``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from hubplan.optimise.rules.base import Row, Rule, SiteView


@dataclass(frozen=True, eq=False)
class Budget(Rule):
    """The summed ``site_cost`` of the bases may not exceed ``budget`` (£ a year).

    Exact: one row ``sum_j cost_j y_j <= budget``. Heuristic: the kernels refuse moves over budget.
    Bound: a fractional knapsack when no count is fixed, dropped otherwise; no site fixing.
    """

    budget: float
    site_cost: np.ndarray
    name: ClassVar[str] = "budget"
    heuristic_keeps: ClassVar[bool] = True

    def describe(self) -> str:
        """Say ``at most £X a year``."""
        return f"bases costing at most £{self.budget:,.0f} a year"

    def feasible(self, is_open: np.ndarray) -> bool:
        """Return whether the open sites cost no more than the budget."""
        return float(np.asarray(self.site_cost, dtype=np.float64)[is_open].sum()) <= self.budget + 1e-6

    def apply(self, view: SiteView) -> None:
        """Write the costs and the budget into the view."""
        view.site_cost = np.asarray(self.site_cost, dtype=np.float64)
        view.budget = float(self.budget)

    def rows(self, n_sites: int) -> list[Row]:
        """Return ``sum_j cost_j y_j <= budget``."""
        cost = np.asarray(self.site_cost, dtype=np.float64)
        return [Row(np.arange(n_sites), cost, -np.inf, float(self.budget))]

    def conflicts(self, view: SiteView) -> list[str]:
        """Name a budget below the cheapest plan the required sites, districts and count allow."""
        cost, required, excluded = view.site_cost, view.required, view.excluded
        fixed = float(cost[required].sum())
        cheapest = fixed
        for d in range(len(view.district_min)):
            extra = int(view.district_min[d]) - int((required & (view.district == d)).sum())
            if extra > 0:
                pool = np.sort(cost[(view.district == d) & ~excluded & ~required])
                cheapest += float(pool[:extra].sum())
        if view.fixed_p >= 0:
            pool = np.sort(cost[~excluded & ~required])
            cheapest = max(cheapest, fixed + float(pool[: max(0, view.fixed_p - int(required.sum()))].sum()))
        if cheapest > self.budget + 1e-6:
            return [f"budget £{self.budget:,.0f} a year but the rules' cheapest plan costs £{cheapest:,.0f}"]
        return []
