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
