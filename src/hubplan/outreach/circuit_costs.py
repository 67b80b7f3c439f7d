"""What a plan of rounds costs a year: vehicles, staff hours, road km and pounds (a modelled estimate)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np

from hubplan.data.assumptions import Costs, Travel
from hubplan.data.circuit_settings import CircuitSettings
from hubplan.outreach.circuits import CircuitPlan, Depot, Stop
from hubplan.travel.geodesic import great_circle_matrix_km

MODELLED = (
    "modelled: vehicles at [circuits] vehicle_cost_per_year, staff at [costs] staff_hourly_cost from "
    "leaving the depot to returning, road km at [circuits] cost_per_km; not a quote"
)
"""The label every output of a rounds cost carries."""


@dataclass(frozen=True)
class RoundsCost:
    """The yearly cost of a cycle of rounds, repeated through the working year.

    Parameters
    ----------
    vehicles
        Vehicles out on at least one day of the cycle.
    route_days_per_cycle
        Vehicle-days in one cycle.
    cycles_per_year
        ``weeks_per_year x working days a week / cycle days``.
    staff_hours_per_year
        All staff's hours on the vehicles, depot to depot, break included.
    km_per_year
        Road km driven.
    vehicles_cost_per_year, staff_cost_per_year, km_cost_per_year
        The three lines (£ a year).
    """

    vehicles: int
    route_days_per_cycle: int
    cycles_per_year: float
    staff_hours_per_year: float
    km_per_year: float
    vehicles_cost_per_year: float
    staff_cost_per_year: float
    km_cost_per_year: float

    @property
    def cost_per_year(self) -> float:
        """Vehicles, staff and mileage (£ a year)."""
        return self.vehicles_cost_per_year + self.staff_cost_per_year + self.km_cost_per_year

    def to_dict(self) -> dict[str, Any]:
        """Return the cost as JSON-ready values, with the label saying it is modelled.

        Returns
        -------
        dict
            Each field rounded, ``cost_per_year`` and ``basis``.
        """
        return {
            "vehicles": self.vehicles,
            "route_days_per_cycle": self.route_days_per_cycle,
            "cycles_per_year": round(self.cycles_per_year, 3),
            "staff_hours_per_year": round(self.staff_hours_per_year, 1),
            "km_per_year": round(self.km_per_year, 1),
            "vehicles_cost_per_year": round(self.vehicles_cost_per_year, 2),
            "staff_cost_per_year": round(self.staff_cost_per_year, 2),
            "km_cost_per_year": round(self.km_cost_per_year, 2),
            "cost_per_year": round(self.cost_per_year, 2),
            "basis": MODELLED,
        }


def circuit_km(stops: tuple[Stop, ...], depots: tuple[Depot, ...], *, travel: Travel) -> np.ndarray:
    """Estimate road km between every depot and stop with the car model that gives the minutes.

    Road km are great-circle km times the ``[travel.car]`` circuity, as in
    :func:`hubplan.outreach.circuits.circuit_minutes`.

    Parameters
    ----------
    stops, depots
        The places; the matrix's order is depots first, then stops.
    travel
        The ``[travel]`` assumptions.

    Returns
    -------
    numpy.ndarray
        (D + S, D + S) float64 km.
    """
    points = np.array([[d.lat, d.lon] for d in depots] + [[s.lat, s.lon] for s in stops], dtype=np.float64)
    km: np.ndarray = great_circle_matrix_km(points, points) * travel.car.circuity
    return km


def cycles_per_year(days: int, settings: CircuitSettings, costs: Costs) -> float:
    """Return how many times a cycle of ``days`` working days runs in a year.

    Parameters
    ----------
    days
        Working days in the cycle.
    settings
        The working days a week (``[circuits] working_days``).
    costs
        The working weeks a year (``[costs] weeks_per_year``).

    Returns
    -------
    float
        ``weeks_per_year x len(working_days) / days``.

    Examples
    --------
    >>> from hubplan.data.assumptions import Costs
    >>> from hubplan.data.circuit_settings import CircuitSettings
    >>> cycles_per_year(20, CircuitSettings(), Costs())
    11.5
    """
    return costs.weeks_per_year * len(settings.working_days) / days


def rounds_cost(
    plan: CircuitPlan,
    stops: tuple[Stop, ...],
    depots: tuple[Depot, ...],
    km: np.ndarray,
    *,
    costs: Costs,
) -> RoundsCost:
    """Return what the plan's rounds cost a year, repeated through the working year.

    ``vehicles x vehicle_cost_per_year + staff_per_vehicle x hours out x staff_hourly_cost + road km x
    cost_per_km``, the hours and km of one cycle times :func:`cycles_per_year`. Hours out run from
    leaving the depot to returning, break included. The working-day settings are the plan's own.

    Parameters
    ----------
    plan
        The rounds.
    stops, depots
        The places the plan was made for.
    km
        (D + S, D + S) road km, depots first then stops, e.g. from :func:`circuit_km`.
    costs
        ``[costs]`` (``staff_hourly_cost``, ``weeks_per_year``).

    Returns
    -------
    RoundsCost
        Vehicles, hours, km and £ a year.
    """
    settings = plan.settings
    row = {d.id: k for k, d in enumerate(depots)} | {s.id: len(depots) + i for i, s in enumerate(stops)}
    cycle_km = 0.0
    cycle_hours = 0.0
    for route in plan.routes:
        path = [row[route.depot], *(row[v.stop] for v in route.visits), row[route.depot]]
        cycle_km += float(sum(km[a, b] for a, b in itertools.pairwise(path)))
        cycle_hours += (route.end - route.start) / 60.0
    cycles = cycles_per_year(plan.days, settings, costs)
    vehicles = len({r.vehicle for r in plan.routes})
    hours = cycles * cycle_hours * settings.staff_per_vehicle
    road_km = cycles * cycle_km
    return RoundsCost(
        vehicles=vehicles,
        route_days_per_cycle=len(plan.routes),
        cycles_per_year=cycles,
        staff_hours_per_year=hours,
        km_per_year=road_km,
        vehicles_cost_per_year=vehicles * settings.vehicle_cost_per_year,
        staff_cost_per_year=hours * costs.staff_hourly_cost,
        km_cost_per_year=road_km * settings.cost_per_km,
    )


def vehicle_cost_bound(settings: CircuitSettings, costs: Costs, travel: Travel) -> float:
    """Return the most one vehicle's rounds can cost a year: out every working day for the longest day.

    ``vehicle_cost_per_year + days a year x (staff_per_vehicle x max_day_minutes / 60 x staff_hourly_cost
    + max_day_minutes x car speed_kph / 60 x cost_per_km)``: no day is longer than ``max_day_minutes``
    and no vehicle drives faster than the car model's speed, so a vehicle's true cost is never more.

    Parameters
    ----------
    settings
        ``[circuits]``.
    costs
        ``[costs]``.
    travel
        ``[travel]`` (the car speed).

    Returns
    -------
    float
        £ a year.
    """
    days = costs.weeks_per_year * len(settings.working_days)
    staff = settings.staff_per_vehicle * settings.max_day_minutes / 60.0 * costs.staff_hourly_cost
    driving = settings.max_day_minutes * travel.car.speed_kph / 60.0 * settings.cost_per_km
    return settings.vehicle_cost_per_year + days * (staff + driving)
