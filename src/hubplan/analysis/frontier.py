"""The budget frontier the report draws: the best plan at a few budgets, each share with its 90% band."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from hubplan.analysis.uncertainty import InputDraws, input_draws, share_within_interval
from hubplan.data.workspace import Workspace
from hubplan.evaluate.evaluation import Evaluation
from hubplan.evaluate.metrics import nearest_base
from hubplan.optimise.frontier import FrontierPoint, budget_frontier
from hubplan.optimise.plan import Objective, PlanSettings
from hubplan.travel.matrix import TravelMatrix

TIME_LIMIT = 30.0
"""Most seconds the solver spends on one budget (the plan found by then is drawn, with its gap)."""
TIME_BUDGET = 40.0
"""Most seconds the whole frontier takes, shared among its budgets (the Norfolk demo's take a second in
all; 5,000 areas by 20,000 candidate sites took 71 s at 30 s a budget, so a report waited on it)."""


@dataclass(frozen=True)
class FrontierStep:
    """The best plan found within one budget.

    Parameters
    ----------
    budget
        £ a year the bases may cost.
    cost
        £ a year the chosen bases cost.
    bases
        Bases chosen.
    share
        Share of families within the threshold (a fraction).
    low, high
        Its 90% interval over the draws (``nan`` with no draws).
    gap
        The solver's proven gap (a fraction; 0 when optimal).
    """

    budget: float
    cost: float
    bases: int
    share: float
    low: float
    high: float
    gap: float


@dataclass(frozen=True)
class FrontierBand:
    """The most families a budget can bring within ``minutes`` by ``mode``, at a few budgets.

    Parameters
    ----------
    mode
        The mode whose minutes count.
    minutes
        The access threshold, minutes.
    steps
        One step per budget that a plan fits, cheapest first.
    draws
        Draws behind each band (0: no band).
    """

    mode: str
    minutes: float
    steps: tuple[FrontierStep, ...]
    draws: int

    def to_dict(self) -> dict[str, Any]:
        """Return the frontier as plain JSON-ready data (``nan`` becomes ``None``).

        Returns
        -------
        dict
            ``mode``, ``minutes``, ``draws`` and ``steps`` (each step's fields).
        """
        return {
            "mode": self.mode,
            "minutes": self.minutes,
            "draws": self.draws,
            "steps": [
                {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in vars(step).items()}
                for step in self.steps
            ],
        }


def frontier_band(
    workspace: Workspace,
    travel: TravelMatrix,
    evaluations: Sequence[Evaluation],
    *,
    draws: InputDraws | None = None,
) -> FrontierBand | None:
    """Find the best plan at ``[optimise] frontier_budgets`` budgets and draw each plan's 90% band.

    The budgets run evenly from half the cheapest option's bases to the dearest option's. At each,
    the exact solver brings the most families within the access threshold by the access mode
    (``[evaluation]``), any site a candidate, under :data:`TIME_LIMIT` a budget and :data:`TIME_BUDGET`
    in all (:func:`hubplan.optimise.frontier.budget_frontier`, as ``hubplan frontier`` does); a plan
    found when time ran out is drawn with its proven gap. Each plan is then
    re-evaluated, not re-solved, under the ``[uncertainty]`` draws the report's other intervals use.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    evaluations
        The reported options (their costs set the budgets; the first one's access setting is used).
    draws
        The analysis's draws (:func:`~hubplan.analysis.uncertainty.input_draws`); made from
        ``[uncertainty]`` when not given.

    Returns
    -------
    FrontierBand or None
        ``None`` when ``frontier_budgets`` is 0, there is no option, some site has no cost (given or
        assumed), or the options cost nothing.
    """
    count = workspace.assumptions.optimise.frontier_budgets
    costs = [ev.cost_per_year for ev in evaluations]
    if count == 0 or not costs or not workspace.sites.costs_known or not all(map(math.isfinite, costs)):
        return None  # no money without costs: a frontier of budgets would invent it
    if max(costs) <= 0:
        return None
    first = evaluations[0]
    mode, minutes = first.access_mode, first.access_minutes
    budgets = np.linspace(0.5 * min(costs), max(costs), count) if count > 1 else np.array([max(costs)])
    families = np.asarray(workspace.areas.families, dtype=np.float64)
    draws = draws or input_draws(workspace, travel)
    settings = PlanSettings(Objective("coverage", mode, minutes), time_limit=TIME_LIMIT)
    steps = []
    for point in budget_frontier(workspace, travel, budgets, settings, time_budget=TIME_BUDGET):
        if point.plan is None:  # no plan fits the budget
            continue
        found, budget = point.plan, point.budget
        bases = workspace.base_indices(found.scenario)
        if len(bases) == 0:  # the budget buys no site
            continue
        nearest, _ = nearest_base(travel.minutes[mode], bases)
        share = float(families[nearest <= minutes].sum() / families.sum())
        low, high = (
            share_within_interval(
                nearest,
                families,
                minutes,
                demand=draws.demand,
                car=draws.factors(mode),
            )
            if draws is not None
            else (math.nan, math.nan)
        )
        steps.append(
            FrontierStep(
                budget=float(budget),
                cost=float(workspace.sites.cost_per_year[bases].sum()),
                bases=len(bases),
                share=share,
                low=low,
                high=high,
                gap=float(found.solution.gap),
            )
        )
    return FrontierBand(
        mode=mode, minutes=minutes, steps=tuple(steps), draws=draws.count if draws is not None else 0
    )


def frontier_rows(
    workspace: Workspace, travel: TravelMatrix, points: list[FrontierPoint], objective: Objective
) -> list[dict[str, Any]]:
    """Return one plain row per budget: bases, cost, families within the threshold, the most deprived fifth.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    points
        The frontier.
    objective
        Its objective (its mode and minutes are reported; a p-median, which has no minutes of its
        own, is reported at the access threshold, ``[evaluation] access_minutes``).

    Returns
    -------
    list of dict
        ``budget``, ``bases``, ``cost_per_year``, ``families_within``, ``share_within``,
        ``most_deprived_within``, ``most_deprived_families``, ``mean_minutes``, ``mode``, ``minutes``,
        ``gap``, ``status``, ``sites`` (ids separated by ';'), ``note``, ``noun`` (what is counted:
        "children" or "families").
    """
    minutes_limit = objective.minutes or workspace.assumptions.evaluation.access
    families = np.asarray(workspace.areas.families, dtype=np.float64)
    deprived = workspace.areas.most_deprived
    matrix = travel.minutes[objective.mode]
    rows = []
    for point in points:
        row: dict[str, Any] = {
            "budget": point.budget,
            "mode": objective.mode,
            "minutes": minutes_limit,
            "noun": workspace.areas.noun,
        }
        if point.plan is None:
            rows.append(row | {"bases": 0, "status": "infeasible", "note": point.reason})
            continue
        bases = workspace.base_indices(point.plan.scenario)
        if len(bases) == 0:  # the budget is below the cheapest allowed site: no base at all
            note = "the budget buys no site (each allowed site costs more)"
            rows.append(row | {"bases": 0, "status": "infeasible", "note": note})
            continue
        nearest, _ = nearest_base(matrix, bases)
        within = nearest <= minutes_limit
        row |= {
            "bases": len(bases),
            "cost_per_year": float(workspace.sites.cost_per_year[bases].sum()),
            "families_within": float(families[within].sum()),
            "share_within": float(families[within].sum() / families.sum()),
            "most_deprived_within": float(families[within & deprived].sum()),
            "most_deprived_families": float(families[deprived].sum()),
            "mean_minutes": float(families @ nearest / families.sum()),
            "gap": point.plan.solution.gap,
            "status": point.plan.solution.status,
            "sites": ";".join(point.plan.scenario.bases),
            "note": "",
        }
        rows.append(row)
    return rows
