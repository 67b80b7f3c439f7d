"""What an amendment's extra money buys: keep centres open, more outreach, a mix, or vehicles; the best."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.errors import InfeasibleError
from hubplan.optimise.plan import Objective, PlanSettings, plan
from hubplan.outreach.circuit_costs import vehicle_cost_bound
from hubplan.outreach.circuit_scenario import ScenarioRounds, plan_scenario_rounds
from hubplan.outreach.plan import OutreachPlan, outreach_budget, plan_outreach
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
        Its outreach plan under the budget plus the extra (less the rounds' cost).
    rounds
        For an option that spends the extra on vehicles: their rounds (``None`` otherwise).
    rounds_reached
        Families at stops the rounds call at whom the sessions and home visits do not reach.
    """

    share_on_centres: float
    kept_open: tuple[str, ...]
    scenario: Scenario
    outreach: OutreachPlan
    rounds: ScenarioRounds | None = None
    rounds_reached: float = 0.0

    @property
    def families_within_base(self) -> float:
        """Families within the threshold of a base (the full service)."""
        return self.outreach.families_within_base

    @property
    def families_reached(self) -> float:
        """Families within the threshold of a base, or reached by outreach (sessions, visits, rounds)."""
        return self.outreach.families_within_base + self.outreach.families_reached + self.rounds_reached

    @property
    def cost_per_year(self) -> float:
        """The service's cost with this option: bases, online offer, outreach and rounds (£ a year)."""
        return self.outreach.cost_per_year + (self.rounds.cost.cost_per_year if self.rounds else 0.0)

    @property
    def label(self) -> str:
        """How the option spends the extra, in a few words."""
        if self.rounds is None:
            return f"{self.share_on_centres:.0%} on more bases, the rest on outreach"
        n = self.rounds.cost.vehicles
        return f"rounds: {n} vehicle{'s' if n != 1 else ''}, the rest on outreach"


def amend(
    workspace: Workspace,
    travel: TravelMatrix,
    scenario: Scenario,
    extra_per_year: float,
    *,
    budget_per_year: float | None = None,
    candidates: tuple[str, ...] = (),
    splits: tuple[float, ...] = SPLITS,
    rounds: bool = True,
) -> list[AmendOption]:
    """Try each split of the extra money between keeping centres open and more outreach, and rounds.

    For a share ``s`` on more bases, the sites added are those (among ``candidates`` not already
    bases: centres of the network today kept open, or any other site) that bring the most families
    within the outreach threshold by bus of a base, costing at most ``s * extra`` (a maximal-covering
    model under a budget, the scenario's bases required).
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
        Kinds of site that may be added as bases (empty: every kind, as ``optimise`` allows).
    splits
        Shares to try.
    rounds
        Also try spending the extra on outreach vehicles (:func:`rounds_option`).

    Returns
    -------
    list of AmendOption
        Best first: most families reached, then most within a base's reach, then the most deprived
        fifth within reach.
    """
    threshold = workspace.assumptions.outreach_threshold
    budget, _ = outreach_budget(workspace, scenario, budget_per_year=budget_per_year)
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
    if rounds:
        option = rounds_option(workspace, travel, scenario, extra_per_year, budget_per_year=budget)
        if option is not None:
            options.append(option)

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


def rounds_option(
    workspace: Workspace,
    travel: TravelMatrix,
    scenario: Scenario,
    extra_per_year: float,
    *,
    budget_per_year: float,
) -> AmendOption | None:
    """Spend the extra on outreach vehicles touring the families beyond reach; the rest on outreach.

    The vehicles are as many as the extra pays for at :func:`vehicle_cost_bound` each (a vehicle out
    every working day for the longest day: its true cost is never more), shared among the bases
    nearest the most families in need. Their rounds are planned over ``[circuits] cycle_days`` by
    :func:`plan_scenario_rounds` (``quick_time_limit_seconds``, ``quick_solution_limit``); what they
    do not spend goes to sessions and home visits (:func:`plan_outreach` with the budget plus it).
    Families at a stop the rounds call at count as reached; those at a stop left out do not.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    scenario
        The plan the amendment changes (its bases stay as they are).
    extra_per_year
        £ a year.
    budget_per_year
        The budget before the amendment (£ a year).

    Returns
    -------
    AmendOption or None
        ``None`` when the extra pays for no vehicle or no family is beyond reach.
    """
    assumptions = workspace.assumptions
    bound = vehicle_cost_bound(assumptions.circuits, assumptions.costs, assumptions.travel)
    vehicles = int(extra_per_year // bound) if bound > 0 else 0
    if vehicles < 1:
        return None
    planned = plan_scenario_rounds(workspace, travel, scenario, vehicles=vehicles)
    if not planned.stops:
        return None
    left = max(extra_per_year - planned.cost.cost_per_year, 0.0)
    outreach = plan_outreach(workspace, travel, scenario, budget_per_year=budget_per_year + left)
    position = {a: i for i, a in enumerate(workspace.areas.ids)}
    served = np.array([position[s] for s in sorted(planned.served)], dtype=np.int64)
    gap = outreach.need.needy[served] - outreach.area_reached[served]
    return AmendOption(0.0, (), scenario, outreach, planned, float(np.clip(gap, 0.0, None).sum()))
