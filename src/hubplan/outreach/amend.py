"""What an amendment's extra money buys: keep centres open, more outreach, or a mix; the best of them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.errors import InfeasibleError
from hubplan.optimise.plan import Objective, PlanSettings, plan
from hubplan.outreach.plan import OutreachPlan, plan_outreach
from hubplan.travel.matrix import TravelMatrix

SPLITS = (0.0, 0.25, 0.5, 0.75, 1.0)
"""Shares of the extra money tried on keeping centres open (the rest goes to outreach)."""


@dataclass(frozen=True, eq=False)
class AmendOption:
    """One way to spend the extra money.

    Parameters
    ----------
    share_on_centres
        The share of the extra spent keeping centres open.
    kept_open
        Site ids of the centres kept open besides the scenario's bases.
    scenario
        The scenario with them added.
    outreach
        Its outreach plan under the budget plus the extra.
    """

    share_on_centres: float
    kept_open: tuple[str, ...]
    scenario: Scenario
    outreach: OutreachPlan

    @property
    def families_within_base(self) -> float:
        """Families within the threshold of a base (the full service)."""
        return self.outreach.families_within_base

    @property
    def families_reached(self) -> float:
        """Families within the threshold of a base, or reached by outreach."""
        return self.outreach.families_within_base + self.outreach.families_reached


def amend(
    workspace: Workspace,
    travel: TravelMatrix,
    scenario: Scenario,
    extra_per_year: float,
    *,
    budget_per_year: float | None = None,
    candidates: tuple[str, ...] = ("children_centre",),
    splits: tuple[float, ...] = SPLITS,
) -> list[AmendOption]:
    """Try each split of the extra money between keeping centres open and more outreach.

    For a share ``s`` on centres, the centres kept are those (among ``candidates`` not already
    bases) that bring the most families within the outreach threshold by bus of a base, costing at
    most ``s * extra`` (a maximal-covering model under a budget, the scenario's bases required).
    Outreach is then planned for the new bases with the whole budget plus the extra.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    scenario
        The plan the amendment changes.
    extra_per_year
        £ a year.
    budget_per_year
        The budget before the amendment; default the scenario's or ``[outreach]``'s.
    candidates
        Kinds of site that may be kept open.
    splits
        Shares to try.

    Returns
    -------
    list of AmendOption
        Best first: most families reached, then most within a base's reach, then the most deprived
        fifth within reach.
    """
    threshold = workspace.assumptions.outreach_threshold
    budget = budget_per_year or scenario.budget_per_year or workspace.assumptions.outreach.budget_per_year
    if budget is None:
        msg = (
            "no budget: give the scenario a budget_per_year, set [outreach] budget_per_year, or pass --budget"
        )
        raise InfeasibleError(msg)
    bases_cost = float(workspace.sites.cost_per_year[workspace.base_indices(scenario)].sum())
    options = []
    for share in splits:
        chosen = scenario
        if share > 0:
            settings = PlanSettings(
                Objective("coverage", "bus", threshold),
                budget=bases_cost + share * extra_per_year,
                required=scenario.bases,
                candidates=candidates,
            )
            try:
                chosen = plan(workspace, travel, settings, name=f"{scenario.name}-amended").scenario
            except InfeasibleError:
                continue
        kept = tuple(b for b in chosen.bases if b not in scenario.bases)
        outreach = plan_outreach(workspace, travel, chosen, budget_per_year=budget + extra_per_year)
        options.append(AmendOption(share, kept, chosen, outreach))

    def key(option: AmendOption) -> tuple[float, float, float]:
        within = deprived_within_base(workspace, option.outreach)
        return (-round(option.families_reached, 6), -round(option.families_within_base, 6), -within)

    return sorted(options, key=key)


def deprived_within_base(workspace: Workspace, outreach: OutreachPlan) -> float:
    """Return families in the most deprived fifth of areas within the threshold of a base.

    Parameters
    ----------
    workspace
        The workspace.
    outreach
        An outreach plan.

    Returns
    -------
    float
        Families.
    """
    need = outreach.need
    return float(np.asarray(need.base_no_car + need.base_car)[workspace.areas.most_deprived].sum())
