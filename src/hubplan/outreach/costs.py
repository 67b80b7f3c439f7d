"""What outreach costs: a weekly session's cost a year, from staff time, room hire and staff travel."""

from __future__ import annotations

import numpy as np

from hubplan.data.assumptions import Costs


def session_cost_per_year(
    costs: Costs, round_trip_minutes: np.ndarray, round_trip_km: np.ndarray
) -> np.ndarray:
    """Return the £ a year of one weekly session at each venue.

    ``weeks * (staff * (session + preparation + travel) hours * hourly cost + hire + staff * km * mileage)``

    Parameters
    ----------
    costs
        The cost model.
    round_trip_minutes
        Staff travel from the base and back, minutes.
    round_trip_km
        The same journey in km.

    Returns
    -------
    numpy.ndarray
        £ a year per weekly session.

    Examples
    --------
    >>> from hubplan.data.assumptions import Costs
    >>> float(session_cost_per_year(Costs(), np.array([60.0]), np.array([40.0]))[0])
    6808.0
    """
    staff_time = session_staff_hours(costs, round_trip_minutes) * costs.staff_hourly_cost
    mileage = costs.staff_per_session * np.asarray(round_trip_km) * costs.mileage_per_km
    weekly = staff_time + costs.venue_hire_per_session + mileage
    out: np.ndarray = costs.weeks_per_year * weekly
    return out


def session_staff_hours(costs: Costs, round_trip_minutes: np.ndarray) -> np.ndarray:
    """Return the staff hours a week one weekly session takes (all its workers, travel included).

    Parameters
    ----------
    costs
        The cost model.
    round_trip_minutes
        Staff travel from the base and back, minutes.

    Returns
    -------
    numpy.ndarray
        Hours a week.
    """
    hours = costs.session_hours + costs.preparation_hours + np.asarray(round_trip_minutes) / 60.0
    out: np.ndarray = costs.staff_per_session * hours
    return out


def home_visit_assumption(costs: Costs, unit: str) -> str:
    """Say how a home visit's cost is applied when the workspace counts children, not families.

    ``[costs] home_visits_per_family_per_year`` is a family's cost (six visits a year). Where
    ``areas.csv`` counts children under five, hubplan has no count of families to visit, so it
    charges that cost for each child: it assumes one child under five per family, which overstates
    the cost where families have more than one. This says so wherever the cost is shown.

    Parameters
    ----------
    costs
        The cost model.
    unit
        The workspace's demand unit, ``"children"`` or ``"families"``.

    Returns
    -------
    str
        "" when the workspace counts families, else e.g. "£450 a child a year: a family's cost, as
        areas.csv counts children, assuming one child per family".
    """
    if unit != "children":
        return ""
    return (
        f"£{costs.home_visits_per_family_per_year:,.0f} a child a year: a family's cost, as areas.csv "
        "counts children, assuming one child per family"
    )
