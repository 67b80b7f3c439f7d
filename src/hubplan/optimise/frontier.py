"""The budget frontier: the best plan at each budget, to show what each extra pound buys."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError, InfeasibleError, ParameterError
from hubplan.optimise.plan import Plan, PlanSettings, plan
from hubplan.travel.matrix import TravelMatrix


@dataclass(frozen=True, eq=False)
class FrontierPoint:
    """The best plan found for one budget (``plan`` is ``None`` when no plan fits it)."""

    budget: float
    plan: Plan | None
    reason: str = ""


LEAST_SECONDS = 1.0
"""The least time one budget of a frontier with a time budget gets (s), however little is left."""
MAX_BUDGETS = 200
"""The most budgets one frontier (or sweep) solves: a step of £1 across £10m would be 10 million solves."""


def budget_steps(start: float, stop: float, step: float) -> np.ndarray:
    """Return budgets from ``start`` to ``stop`` inclusive, ``step`` apart (£ a year).

    At most :data:`MAX_BUDGETS` budgets: each is a solve, so a step of £1 across £10m (10 million
    solves) is refused rather than left running for days.

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
    ParameterError
        When the range is empty (``stop``), or the step is not positive or gives more than
        :data:`MAX_BUDGETS` budgets (``step``).
    """
    if step <= 0 or start > stop:
        raise ParameterError(
            "step" if step <= 0 else "stop", lead="budgets", expected="start <= stop and a positive step",
            found=f"{start:g}, {stop:g}, {step:g}",
        )  # fmt: skip
    steps = np.floor((stop - start) / step + 1e-9)  # inf for a step of 1e-320: no int() of it
    if not steps < MAX_BUDGETS:
        least = (stop - start) / (MAX_BUDGETS - 1)
        unit = 10.0 ** max(int(np.floor(np.log10(least))) - 1, 0)
        fewest = float(np.ceil(least / unit) * unit)  # two significant figures, rounded up
        raise ParameterError(
            "step", lead="budgets",
            expected=f"a step giving at most {MAX_BUDGETS} budgets (each is a solve) from £{start:,.0f} to "
            f"£{stop:,.0f}",
            found=f"{step:g}",
            hint=f"that gives {steps + 1:,.0f} budgets; use a step of at least £{fewest:,.0f}, or a "
            "narrower range",
        )  # fmt: skip
    count = int(steps) + 1
    return start + step * np.arange(count)


def _nice(pounds: float) -> float:
    """Round £ to two significant figures (£43,712 -> £44,000), so budgets read as people write them."""
    if pounds <= 0:
        return 0.0
    digits = int(np.floor(np.log10(pounds))) - 1
    return float(round(pounds, -digits))


def default_budget_range(workspace: Workspace, settings: PlanSettings) -> tuple[float, float, float]:
    """Return budgets sized to the workspace: from the cheapest allowed site to the network's cost.

    The top is the baseline's cost (the network today) when there is one, else every allowed
    candidate's; the step is a tenth of the range, each rounded to two significant figures. So a
    council whose whole network costs £300k is not asked about £4m to £10.2m.

    Parameters
    ----------
    workspace
        The workspace: its sites' costs, excluded flags and kinds, and its baseline.
    settings
        The plan settings (their ``candidates`` and ``excluded`` narrow the allowed sites).

    Returns
    -------
    tuple of float
        (lowest budget, highest budget, step), £ a year.

    Raises
    ------
    HubplanError
        When some allowed site has no cost (none given and none assumed).
    """
    sites = workspace.sites
    cost = np.asarray(sites.cost_per_year, dtype=np.float64)
    allowed = ~sites.excluded.astype(bool) & ~np.isin(np.asarray(sites.ids), settings.excluded)
    if settings.candidates:
        allowed &= np.isin(sites.kind.astype(str), settings.candidates)
    if not allowed.any():
        raise HubplanError("candidates: no site may be a base")
    if not np.isfinite(cost[allowed]).all():
        missing = int((~np.isfinite(cost[allowed])).sum())
        msg = (
            f"budget: {missing} allowed sites have no cost a year; give cost_per_year in sites.csv or assume "
            "one ([costs] site_cost_per_year), or plan by number of bases"
        )
        raise HubplanError(msg)
    baseline = workspace.baseline
    top = (
        float(cost[workspace.base_indices(baseline)].sum())
        if baseline is not None
        else float(cost[allowed].sum())
    )
    low = _nice(float(cost[allowed].min()))
    high = max(_nice(top), low)
    step = _nice((high - low) / 10) or max(low, 1.0)
    return low, high, step


def budget_frontier(
    workspace: Workspace,
    travel: TravelMatrix,
    budgets: np.ndarray,
    settings: PlanSettings,
    *,
    progress: Callable[[int, int], None] | None = None,
    time_budget: float | None = None,
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
    time_budget
        Seconds for the whole frontier: each budget gets an equal share of what is left (at most the
        settings' ``time_limit``, at least :data:`LEAST_SECONDS`), and a solve stopped by it keeps its
        best plan with its proven gap. ``None``: each budget has the settings' ``time_limit``.

    Returns
    -------
    list of FrontierPoint
        One per budget.
    """
    points = []
    started = time.perf_counter()
    for k, budget in enumerate(budgets, start=1):
        at = replace(settings, budget=float(budget), bases=None, alternatives=0)
        if time_budget is not None:
            share = (time_budget - (time.perf_counter() - started)) / (len(budgets) - k + 1)
            limit = max(LEAST_SECONDS, share)
            at = replace(at, time_limit=min(limit, settings.time_limit or limit))
        try:
            points.append(
                FrontierPoint(float(budget), plan(workspace, travel, at, name=f"budget-{budget / 1e6:g}m"))
            )
        except InfeasibleError as exc:
            points.append(FrontierPoint(float(budget), None, str(exc)))
        except ParameterError as exc:  # a budget below the cheapest site: no plan at this one, as above
            if exc.parameter != "budget":
                raise
            points.append(FrontierPoint(float(budget), None, str(exc)))
        if progress is not None:
            progress(k, len(budgets))
    return points
