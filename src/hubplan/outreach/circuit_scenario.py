"""Propose mobile stops for the families a scenario leaves beyond reach, depots at its bases; plan rounds."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.outreach.circuit_costs import RoundsCost, circuit_km, rounds_cost
from hubplan.outreach.circuits import CircuitPlan, Depot, Stop, Unserved, circuit_minutes, plan_circuits
from hubplan.outreach.need import check_threshold, outreach_need
from hubplan.travel.matrix import TravelMatrix


def scenario_stops(
    workspace: Workspace,
    travel: TravelMatrix,
    scenario: Scenario,
    *,
    threshold_minutes: float | None = None,
) -> tuple[tuple[Stop, ...], tuple[Depot, ...]]:
    """Return a stop for each area with families beyond reach of the scenario's bases, and the bases.

    A stop is the area's position; its minutes are ``stop_minutes + stop_minutes_per_family x
    families beyond reach``, at most ``stop_max_minutes`` (``[circuits]`` in ``hubplan.toml``).
    Each base becomes a depot with ``vehicles_per_base`` vehicles.

    Parameters
    ----------
    workspace
        The workspace (areas, sites, assumptions).
    travel
        Its travel matrices (``bus`` and ``car``), for who is beyond reach.
    scenario
        The scenario whose bases are kept.
    threshold_minutes
        Farther than this from every base needs outreach (default ``outreach.threshold_minutes``).

    Returns
    -------
    tuple
        The stops (one per area in need, in area order) and the depots (one per base).
    """
    settings = workspace.assumptions.circuits
    threshold = check_threshold(threshold_minutes, workspace)
    bases = workspace.base_indices(scenario)
    needy = outreach_need(workspace, travel, bases, threshold).needy
    areas = workspace.areas
    stops = tuple(
        Stop(
            id=areas.ids[i],
            lat=float(areas.lat[i]),
            lon=float(areas.lon[i]),
            minutes=float(
                min(
                    settings.stop_max_minutes,
                    settings.stop_minutes + settings.stop_minutes_per_family * needy[i],
                )
            ),
            name=str(areas.name[i]) or areas.ids[i],
            community=str(areas.name[i]) or areas.ids[i],
        )
        for i in np.flatnonzero(needy > 1e-9)
    )
    sites = workspace.sites
    depots = tuple(
        Depot(sites.ids[b], float(sites.lat[b]), float(sites.lon[b]), settings.vehicles_per_base)
        for b in bases
    )
    return stops, depots


@dataclass(frozen=True, eq=False)
class ScenarioRounds:
    """A scenario's rounds: the stops proposed for its families beyond reach, the plan, its cost.

    Parameters
    ----------
    scenario
        The scenario's name.
    stops, depots
        The stops proposed (one per area in need) and the depots (its bases, with their vehicles).
    families
        Families beyond reach at each stop, in ``stops`` order.
    plan
        The rounds.
    cost
        What they cost a year (modelled).
    people
        The word for the demand ("families" or "children").
    """

    scenario: str
    stops: tuple[Stop, ...]
    depots: tuple[Depot, ...]
    families: tuple[float, ...]
    plan: CircuitPlan
    cost: RoundsCost
    people: str = "families"

    @property
    def served(self) -> frozenset[str]:
        """Ids of the stops every one of whose visits is planned."""
        left = {u.stop for u in self.plan.unserved}
        visited = {v.stop for r in self.plan.routes for v in r.visits}
        return frozenset(visited - left)

    @property
    def families_served(self) -> float:
        """Families beyond reach at stops the rounds call at."""
        served = self.served
        return float(sum(f for s, f in zip(self.stops, self.families, strict=True) if s.id in served))

    @property
    def families_unserved(self) -> float:
        """Families beyond reach at stops left out."""
        return float(sum(self.families)) - self.families_served

    def to_dict(self) -> dict[str, Any]:
        """Return the rounds as JSON-ready values (the plan's keys, ``cost`` and the families).

        Returns
        -------
        dict
            :meth:`CircuitPlan.to_dict`'s keys plus ``scenario``, ``cost``, ``families_served``,
            ``families_unserved`` and ``depots``.
        """
        return self.plan.to_dict() | {
            "scenario": self.scenario,
            "depots": [{"id": d.id, "vehicles": d.vehicles} for d in self.depots],
            "cost": self.cost.to_dict(),
            "families_served": round(self.families_served, 1),
            "families_unserved": round(self.families_unserved, 1),
        }


def share_vehicles(stops: tuple[Stop, ...], depots: tuple[Depot, ...], weights: np.ndarray,
                   minutes: np.ndarray, vehicles: int) -> tuple[Depot, ...]:  # fmt: skip
    """Share ``vehicles`` among the depots, first to those nearest the most families in need.

    Each stop's families count for the depot nearest it (by ``minutes``); depots take one vehicle
    each in falling order of those families, then a second each in the same order, and so on.
    Depots no stop is nearest get none while another depot has families.

    Parameters
    ----------
    stops, depots
        The places.
    weights
        Families at each stop.
    minutes
        (D + S, D + S) driving minutes, depots first.
    vehicles
        Vehicles to share.

    Returns
    -------
    tuple of Depot
        The depots with their vehicles (every depot kept, some with none).
    """
    n = len(depots)
    if n == 0:
        return depots
    load = np.zeros(n)
    if stops:
        nearest = np.argmin(minutes[:n, n:], axis=0)
        np.add.at(load, nearest, weights)
    order = [int(k) for k in np.argsort(-load, kind="stable") if load[k] > 0] or list(range(n))
    counts = [0] * n
    for v in range(vehicles):
        counts[order[v % len(order)]] += 1
    return tuple(replace(d, vehicles=c) for d, c in zip(depots, counts, strict=True))


def plan_scenario_rounds(
    workspace: Workspace,
    travel: TravelMatrix,
    scenario: Scenario,
    *,
    vehicles: int | None = None,
    days: int | None = None,
    time_limit_seconds: float | None = None,
    solution_limit: int | None = None,
) -> ScenarioRounds:
    """Propose stops for a scenario's families beyond reach and plan the rounds that serve them.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    scenario
        The scenario whose bases are the depots.
    vehicles
        Vehicles in all, shared by :func:`share_vehicles`; default ``vehicles_per_base`` at each base.
    days
        Working days in the cycle; default ``[circuits] cycle_days``.
    time_limit_seconds, solution_limit
        The search's limits; default ``[circuits] quick_time_limit_seconds`` and
        ``quick_solution_limit``.

    Returns
    -------
    ScenarioRounds
        The stops, the plan and its yearly cost. With no families beyond reach, or no vehicle, an
        empty plan (every stop unserved when there are stops but no vehicle).
    """
    assumptions = workspace.assumptions
    settings = assumptions.circuits
    days = settings.cycle_days if days is None else days
    stops, depots = scenario_stops(workspace, travel, scenario)
    families = _stop_families(workspace, travel, scenario, stops)
    minutes = circuit_minutes(stops, depots, travel=assumptions.travel)
    if vehicles is not None:
        depots = share_vehicles(stops, depots, np.asarray(families), minutes, vehicles)
    if stops and sum(d.vehicles for d in depots) > 0:
        plan = plan_circuits(
            stops,
            depots,
            minutes,
            days=days,
            settings=settings,
            time_limit_seconds=settings.quick_time_limit_seconds
            if time_limit_seconds is None
            else time_limit_seconds,
            solution_limit=settings.quick_solution_limit if solution_limit is None else solution_limit,
        )
    else:
        reason = "no vehicle to serve it"
        plan = CircuitPlan(
            routes=(),
            unserved=tuple(Unserved(s.id, reason) for s in stops),
            days=days,
            settings=settings,
            status="NOT_SOLVED",
            time_limit_seconds=0.0,
            solution_limit=0,
        )
    km = circuit_km(stops, depots, travel=assumptions.travel)
    return ScenarioRounds(
        scenario=scenario.name,
        stops=stops,
        depots=depots,
        families=tuple(families),
        plan=plan,
        cost=rounds_cost(plan, stops, depots, km, costs=assumptions.costs),
        people=workspace.areas.people,
    )


def _stop_families(
    workspace: Workspace, travel: TravelMatrix, scenario: Scenario, stops: tuple[Stop, ...]
) -> list[float]:
    """Return the families beyond reach at each stop (a stop's id is its area's)."""
    bases = workspace.base_indices(scenario)
    needy = outreach_need(workspace, travel, bases, workspace.assumptions.outreach_threshold).needy
    position = {a: i for i, a in enumerate(workspace.areas.ids)}
    return [float(needy[position[s.id]]) for s in stops]
