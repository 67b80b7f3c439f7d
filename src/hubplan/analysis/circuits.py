"""The report's rounds: outreach vehicles touring the families the decided (or proposed) scenario leaves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hubplan.analysis.evidence import Evidence, decided_scenario
from hubplan.analysis.view import MapLayers
from hubplan.data.workspace import Workspace
from hubplan.evaluate.evaluation import Evaluation
from hubplan.outreach.circuit_costs import MODELLED
from hubplan.outreach.circuit_map import rounds_map
from hubplan.outreach.circuit_scenario import ScenarioRounds, plan_scenario_rounds
from hubplan.outreach.circuits import WEEKDAY_NAMES, clock
from hubplan.travel.matrix import TravelMatrix


@dataclass(frozen=True)
class RoundDay:
    """One vehicle's day of a cycle, as the report's table shows it.

    Parameters
    ----------
    vehicle, depot
        The vehicle and the base it leaves from.
    day
        The day of the cycle (1..days).
    weekday
        The day's name ("Monday").
    start, end
        Leaving and coming back, ``HH:MM``.
    drive_minutes
        Minutes driven.
    calls
        (arrival ``HH:MM``, stop name) in visiting order.
    """

    vehicle: str
    depot: str
    day: int
    weekday: str
    start: str
    end: str
    drive_minutes: float
    calls: tuple[tuple[str, str], ...]


@dataclass(frozen=True, eq=False)
class RoundsView:
    """The rounds with what the report prints of them.

    Parameters
    ----------
    rounds
        The rounds planned (:func:`report_rounds`).
    title
        The scenario's title.
    days
        Each vehicle-day, by vehicle then day.
    map
        A Vega-Lite map of every round of the cycle, over the district outlines.
    cost_basis
        How the cost is modelled, in words.
    """

    rounds: ScenarioRounds
    title: str
    days: tuple[RoundDay, ...]
    map: dict[str, Any]
    cost_basis: str


def report_rounds(
    workspace: Workspace, travel: TravelMatrix, evaluations: Sequence[Evaluation], evidence: Evidence
) -> ScenarioRounds | None:
    """Plan the rounds the report shows, unless ``[circuits] in_report`` is off.

    One vehicle per base (``vehicles_per_base``) over ``cycle_days``; the solver in its own process,
    limited by ``quick_time_limit_seconds`` and ``quick_solution_limit`` (reached first, the same
    inputs give the same rounds).

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    evaluations
        The reported scenarios.
    evidence
        The checklist's evidence, for which scenario (:func:`hubplan.analysis.evidence.decided_scenario`).

    Returns
    -------
    ScenarioRounds or None
        ``None`` when the setting is off, no scenario closes centres, or nobody is beyond reach.
    """
    if not workspace.assumptions.circuits.in_report:
        return None
    chosen = decided_scenario(evaluations, evidence)
    if chosen is None:
        return None
    planned = plan_scenario_rounds(workspace, travel, chosen.scenario)
    return planned if planned.stops else None


def rounds_view(rounds: ScenarioRounds | None, *, title: str, layers: MapLayers) -> RoundsView | None:
    """Lay out the rounds for the report: each vehicle-day's calls in words, and the map of them all.

    Parameters
    ----------
    rounds
        The rounds (``None``: none).
    title
        The scenario's title.
    layers
        The workspace's outlines (its districts are drawn behind the rounds).

    Returns
    -------
    RoundsView or None
        ``None`` without rounds.
    """
    if rounds is None:
        return None
    plan = rounds.plan
    names = {s.id: s.name or s.id for s in rounds.stops}
    days = tuple(
        RoundDay(
            vehicle=r.vehicle,
            depot=r.depot,
            day=r.day,
            weekday=WEEKDAY_NAMES[r.weekday],
            start=clock(r.start),
            end=clock(r.end),
            drive_minutes=float(r.drive_minutes),
            calls=tuple((clock(v.arrival), names.get(v.stop, v.stop)) for v in r.visits),
        )
        for r in sorted(plan.routes, key=lambda r: (r.vehicle, r.day))
    )
    spec = rounds_map(
        plan.routes,
        rounds.stops,
        rounds.depots,
        title=f"{title}: every round of the cycle",
        outlines=list(layers.drawn_district),
        numbered=False,
        width=520,
        height=420,
    )
    return RoundsView(rounds=rounds, title=title, days=days, map=spec, cost_basis=MODELLED)
