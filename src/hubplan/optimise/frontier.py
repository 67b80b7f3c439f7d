"""The budget frontier: the best plan at each budget, to show what each extra pound buys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from hubplan.data.workspace import Workspace
from hubplan.errors import InfeasibleError
from hubplan.optimise.plan import Plan, PlanSettings, plan
from hubplan.travel.matrix import TravelMatrix


@dataclass(frozen=True, eq=False)
class FrontierPoint:
    """The best plan found for one budget (``plan`` is ``None`` when no plan fits it)."""

    budget: float
    plan: Plan | None
    reason: str = ""


def budget_steps(start: float, stop: float, step: float) -> np.ndarray:
    """Return budgets from ``start`` to ``stop`` inclusive, ``step`` apart (£ a year).

    Parameters
    ----------
    start, stop, step
        £ a year; ``step`` must be positive and ``start`` no more than ``stop``.

    Returns
    -------
    numpy.ndarray
        The budgets.

    Raises
    ------
    ValueError
        When the range is empty or the step not positive.
    """
    if step <= 0 or start > stop:
        msg = f"budgets: expected start <= stop and a positive step; got {start:g}, {stop:g}, {step:g}"
        raise ValueError(msg)
    count = int(np.floor((stop - start) / step + 1e-9)) + 1
    return start + step * np.arange(count)


def budget_frontier(
    workspace: Workspace,
    travel: TravelMatrix,
    budgets: np.ndarray,
    settings: PlanSettings,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[FrontierPoint]:
    """Solve the settings' objective at every budget (the settings' ``bases`` is ignored).

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    budgets
        £ a year, in order.
    settings
        Objective and rules; each budget replaces its ``budget`` and clears ``bases``.
    progress
        Called as ``progress(done, total)`` after each budget.

    Returns
    -------
    list of FrontierPoint
        One per budget.
    """
    points = []
    for k, budget in enumerate(budgets, start=1):
        at = replace(settings, budget=float(budget), bases=None, alternatives=0)
        try:
            points.append(
                FrontierPoint(float(budget), plan(workspace, travel, at, name=f"budget-{budget / 1e6:g}m"))
            )
        except InfeasibleError as exc:
            points.append(FrontierPoint(float(budget), None, str(exc)))
        if progress is not None:
            progress(k, len(budgets))
    return points
