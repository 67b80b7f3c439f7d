"""The budget rule: the bases' summed cost within a budget (``budget=AMOUNT``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from hubplan.data.money import AmountError, read_amount
from hubplan.errors import HubplanError, ParameterError
from hubplan.optimise.rules.base import Row, Rule, SiteView
from hubplan.optimise.rules.registry import RuleContext, RuleSpec, register


@dataclass(frozen=True, eq=False)
class Budget(Rule):
    """The summed ``site_cost`` of the bases may not exceed ``budget`` (£ a year); at least one base opens.

    A plan under a budget has at least one base: where no affordable site brings anyone within a
    coverage threshold, every plan ties at 0 families and the empty plan was kept, so a budget of
    exactly the cheapest site's cost read as "no plan fits" (the budget buys that site; it reaches
    no one). :func:`_build` refuses a budget below the cheapest allowed site, so one base always fits.

    Exact: rows ``sum_j cost_j y_j <= budget`` and ``sum_j y_j >= 1``. Heuristic: the kernels refuse
    moves over budget and the greedy start opens at least one site. Bound: a fractional knapsack when
    no count is fixed (the one-base row dropped: still a valid bound), dropped otherwise; no site fixing.
    """

    budget: float
    site_cost: np.ndarray
    name: ClassVar[str] = "budget"
    heuristic_keeps: ClassVar[bool] = True

    def describe(self) -> str:
        """Say ``at most £X a year``."""
        return f"bases costing at most £{self.budget:,.0f} a year"

    def feasible(self, is_open: np.ndarray) -> bool:
        """Return whether at least one site is open and the open sites cost no more than the budget."""
        spent = float(np.asarray(self.site_cost, dtype=np.float64)[is_open].sum())
        return bool(is_open.any()) and spent <= self.budget + 1e-6

    def apply(self, view: SiteView) -> None:
        """Write the costs and the budget into the view."""
        view.site_cost = np.asarray(self.site_cost, dtype=np.float64)
        view.budget = float(self.budget)

    def rows(self, n_sites: int) -> list[Row]:
        """Return ``sum_j cost_j y_j <= budget`` and ``sum_j y_j >= 1``."""
        cost = np.asarray(self.site_cost, dtype=np.float64)
        sites = np.arange(n_sites)
        return [Row(sites, cost, -np.inf, float(self.budget)), Row(sites, np.ones(n_sites), 1.0, np.inf)]

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


def _parse(value: str) -> float:
    try:
        return read_amount(value)
    except AmountError as exc:
        raise ParameterError("budget", expected=exc.expected, found=value) from None


def _build(budget: float | None, context: RuleContext) -> Rule | None:
    """Return the budget on the sites' costs; every site that may be a base needs a cost."""
    if budget is None:
        return None
    sites = context.workspace.sites
    site_cost = np.asarray(sites.cost_per_year, dtype=np.float64)
    allowed = ~context.excluded | context.required
    missing = [i for i, c, ok in zip(sites.ids, site_cost, allowed, strict=True) if ok and not np.isfinite(c)]
    if missing:
        shown_ids = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise HubplanError(
            f"budget: {len(missing)} sites have no cost a year ({shown_ids}); give their cost_per_year "
            "in sites.csv, assume one ([costs] site_cost_per_year in hubplan.toml), narrow the "
            "candidates, or plan by number of bases"
        )
    cheapest = np.flatnonzero(allowed)[np.argmin(site_cost[allowed])] if allowed.any() else None
    if cheapest is not None and budget < site_cost[cheapest] - 1e-6:
        # Else the solver keeps no base, and the error blames a --bases nobody gave.
        raise ParameterError(
            "budget",
            expected=f"at least the cheapest candidate's cost, £{site_cost[cheapest]:,.0f} a year "
            f"({sites.ids[cheapest]}): no base fits in less",
            found=f"£{budget:,.0f}",
        )
    # Only sites that cannot be bases are left without a cost.
    return Budget(float(budget), np.nan_to_num(site_cost, nan=0.0))


SPEC = register(
    RuleSpec(
        name="budget",
        usage="--budget AMOUNT (the bases cost at most this a year)",
        example="budget=5.2m",
        parse=_parse,
        build=_build,
        setting="budget",
        option=True,
    )
)
