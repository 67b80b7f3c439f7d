"""Who each plan reaches: families within reach of a base, reached by outreach, or not at all, by group."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hubplan.data.workspace import Workspace
from hubplan.evaluate.breakdowns import area_breakdowns
from hubplan.outreach.plan import OutreachPlan


@dataclass(frozen=True, eq=False)
class ReachTable:
    """One breakdown of families by how they are reached.

    Parameters
    ----------
    breakdown
        ``"district"``, ``"deprivation_quintile"``, ``"rurality"`` or ``"car_access"``.
    labels
        One per group.
    base, outreach, not_reached
        Families per group: within the threshold of a base (by the mode they can use), reached by
        outreach (sessions or home visits), or neither.
    """

    breakdown: str
    labels: tuple[str, ...]
    base: np.ndarray
    outreach: np.ndarray
    not_reached: np.ndarray

    @property
    def families(self) -> np.ndarray:
        """Families per group."""
        total: np.ndarray = self.base + self.outreach + self.not_reached
        return total


def outreach_reach(workspace: Workspace, plan: OutreachPlan) -> list[ReachTable]:
    """Return, for every breakdown the areas allow, families reached by a base, by outreach, or not at all.

    Parameters
    ----------
    workspace
        The workspace.
    plan
        An outreach plan for one of its scenarios.

    Returns
    -------
    list of ReachTable
        One per breakdown. Outreach in an area is shared between families with and without a car in
        proportion to those in need.
    """
    need = plan.needy_split()
    base_no_car, base_car = plan.need.base_no_car, plan.need.base_car
    reached_no_car, reached_car = need
    families = plan.need.no_car + plan.need.car
    base = base_no_car + base_car
    outreach = reached_no_car + reached_car
    tables = []
    for b in area_breakdowns(workspace.areas, workspace.assumptions.region.districts):
        if b.name == "car_access":
            base_g = np.array([base_no_car.sum(), base_car.sum()])
            out_g = np.array([reached_no_car.sum(), reached_car.sum()])
            all_g = np.array([plan.need.no_car.sum(), plan.need.car.sum()])
        else:
            member = np.divide(b.weights, families, out=np.zeros_like(b.weights), where=families > 0)
            base_g, out_g, all_g = member @ base, member @ outreach, member @ families
        tables.append(ReachTable(b.name, b.labels, base_g, out_g, np.maximum(all_g - base_g - out_g, 0.0)))
    return tables
