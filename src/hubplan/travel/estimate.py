"""Estimated travel minutes from great-circle km: walk and car by speed and circuity, bus by a fit."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from hubplan.data.assumptions import BusModel, ModeSpeed, Travel
from hubplan.errors import ParameterError
from hubplan.modes import MODES as MODES  # noqa: PLC0414 - re-exported: read from here before hubplan.modes
from hubplan.modes import Mode
from hubplan.travel.geodesic import great_circle_matrix_km

_COLUMNS_PER_CHUNK = 256


def _as_points(points: np.ndarray, name: str) -> np.ndarray:
    array = np.asarray(points, dtype=np.float64)
    if array.ndim != 2 or array.shape[1] != 2:
        msg = f"{name}: expected an (n, 2) array of latitude, longitude; got shape {array.shape}"
        raise ValueError(msg)
    return array


def estimate_minutes(
    origins: np.ndarray,
    destinations: np.ndarray,
    mode: str,
    *,
    assumptions: Travel | None = None,
    origin_rurality: np.ndarray | None = None,
) -> np.ndarray:
    """Estimate door-to-door minutes from every origin to every destination.

    Walk and car: ``minutes = access_minutes + km * circuity / speed_kph * 60``, with ``km`` the
    great-circle distance. Bus: ``(fixed_minutes + minutes_per_km * km ** exponent)`` times the
    origin's rurality factor (:func:`bus_minutes`), or walking where that is quicker.

    Parameters
    ----------
    origins
        (n, 2) latitude, longitude of the origins (degrees).
    destinations
        (m, 2) latitude, longitude of the destinations (degrees).
    mode
        ``"walk"``, ``"car"`` or ``"bus"``.
    assumptions
        Speeds, circuities and the bus model; the defaults of ``hubplan.toml`` when ``None``.
    origin_rurality
        For bus, each origin's rural/urban class (``''`` counts as urban); all urban when ``None``.

    Returns
    -------
    numpy.ndarray
        (n, m) float32 minutes, stored column by column (Fortran order) so that one destination's
        minutes are contiguous.

    Raises
    ------
    ValueError
        For an unknown mode or points of the wrong shape.

    Examples
    --------
    >>> o = np.array([[52.63, 1.30]])
    >>> d = np.array([[52.63, 1.30], [52.68, 0.94]])
    >>> [round(float(m), 1) for m in estimate_minutes(o, d, "walk")[0]]
    [0.0, 431.8]
    """
    return estimate_modes(
        origins, destinations, (mode,), assumptions=assumptions, origin_rurality=origin_rurality
    )[mode]


def estimate_modes(
    origins: np.ndarray,
    destinations: np.ndarray,
    modes: tuple[str, ...] = MODES,
    *,
    assumptions: Travel | None = None,
    origin_rurality: np.ndarray | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, np.ndarray]:
    """Estimate minutes for several modes at once, measuring each distance only once.

    Parameters
    ----------
    origins, destinations, assumptions, origin_rurality
        As for :func:`estimate_minutes`.
    modes
        The modes wanted.
    progress
        Called as ``progress(destinations_done, destinations_total)`` after each chunk.

    Returns
    -------
    dict of str to numpy.ndarray
        Mode to (n, m) float32 minutes in Fortran order.

    Raises
    ------
    ValueError
        For an unknown mode, points of the wrong shape, or classes of the wrong length.
    """
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        raise ParameterError("mode", expected=f"one of {', '.join(MODES)}", found=unknown[0])
    o = _as_points(origins, "origins")
    d = _as_points(destinations, "destinations")
    travel = assumptions or Travel()
    factor = np.ones(len(o))
    if origin_rurality is not None:
        rurality = np.asarray(origin_rurality)
        if rurality.shape != (len(o),):
            msg = f"origin_rurality: expected shape ({len(o)},); got {rurality.shape}"
            raise ValueError(msg)
        factor = bus_rurality_factors(rurality, travel.bus)
    out = {mode: np.empty((len(o), len(d)), dtype=np.float32, order="F") for mode in modes}
    for start in range(0, len(d), _COLUMNS_PER_CHUNK):
        stop = min(start + _COLUMNS_PER_CHUNK, len(d))
        km = great_circle_matrix_km(o, d[start:stop])
        walk = _minutes(km, travel.walk)
        for mode in modes:
            if mode == Mode.WALK:
                minutes = walk
            elif mode == Mode.CAR:
                minutes = _minutes(km, travel.car)
            else:
                minutes = np.minimum(bus_minutes(km, travel.bus, factor), walk)
            out[mode][:, start:stop] = minutes
        if progress is not None:
            progress(stop, len(d))
    return out


def _minutes(km: np.ndarray, speed: ModeSpeed) -> np.ndarray:
    return speed.access_minutes + km * (speed.circuity / speed.speed_kph * 60.0)


def bus_minutes(km: np.ndarray, bus: BusModel, factor: np.ndarray | float = 1.0) -> np.ndarray:
    """Return the bus model's minutes for great-circle distances (walking not considered).

    ``(fixed_minutes + minutes_per_km * km ** exponent) * factor``.

    Parameters
    ----------
    km
        (n, m) or (n,) great-circle km.
    bus
        The bus model.
    factor
        Each origin's rurality factor, (n,) (:func:`bus_rurality_factors`), or one for all.

    Returns
    -------
    numpy.ndarray
        Minutes, the shape of ``km``.

    Examples
    --------
    >>> from hubplan.data.assumptions import BusModel
    >>> flat = {"urban": 1.0, "rural_town": 1.0, "rural_village": 1.0}
    >>> model = BusModel(fixed_minutes=2.0, minutes_per_km=20.0, exponent=0.5, rurality_factor=flat)
    >>> [float(m) for m in bus_minutes(np.array([0.0, 4.0]), model)]
    [2.0, 42.0]
    """
    km = np.asarray(km, dtype=np.float64)
    f = np.asarray(factor, dtype=np.float64)
    if km.ndim == 2 and f.ndim == 1:
        f = f[:, None]
    out: np.ndarray = (bus.fixed_minutes + bus.minutes_per_km * km**bus.exponent) * f
    return out


def bus_rurality_factors(rurality: np.ndarray, bus: BusModel) -> np.ndarray:
    """Return each area's bus rurality factor from its rural/urban class.

    Parameters
    ----------
    rurality
        Each area's class (``''`` when not given, which counts as ``urban``).
    bus
        The bus model, with ``rurality_factor`` by class (a class it does not name gets 1).

    Returns
    -------
    numpy.ndarray
        float64 factors, one per area.
    """
    default = bus.rurality_factor.get("urban", 1.0)
    return np.array([bus.rurality_factor.get(str(r), default) for r in rurality], dtype=np.float64)


def describe_estimate(mode: str, travel: Travel | None = None) -> str:
    """Say in one sentence what an estimated mode's minutes assume (for a report's provenance).

    Parameters
    ----------
    mode
        ``"walk"``, ``"car"`` or ``"bus"``.
    travel
        The travel settings; the defaults when ``None``.

    Returns
    -------
    str
        One sentence naming the formula, its parameters and where they come from.

    Raises
    ------
    ValueError
        For an unknown mode.

    Examples
    --------
    >>> describe_estimate("walk")
    'Walking minutes assume 4.5 km/h along routes 1.3 times the straight line, plus 0 fixed minutes.'
    """
    t = travel or Travel()
    if mode == Mode.WALK:
        w = t.walk
        return (
            f"Walking minutes assume {w.speed_kph:g} km/h along routes {w.circuity:g} times the straight "
            f"line, plus {w.access_minutes:g} fixed minutes."
        )
    if mode == Mode.CAR:
        c = t.car
        return (
            f"Car minutes assume {c.speed_kph:g} km/h along roads {c.circuity:g} times the straight line, "
            f"plus {c.access_minutes:g} fixed minutes (fitted on free-flow road times from every English "
            "LSOA, docs/car_model.md), with no congestion."
        )
    if mode == Mode.BUS:
        b = t.bus
        rural = ", ".join(
            f"{k.replace('_', ' ')} x{v:g}" for k, v in b.rurality_factor.items() if k != "urban"
        )
        return (
            f"Bus minutes assume {b.fixed_minutes:g} + {b.minutes_per_km:g} x km^{b.exponent:g} for a "
            f"trip of km straight-line kilometres, longer from rural areas ({rural}), or walking where "
            "quicker: fitted "
            "on real timetable-routed journeys on Tuesday daytimes in 2024 (docs/bus_model.md), so they "
            "cannot know evening, Sunday or school-run services."
        )
    raise ParameterError("mode", expected=f"one of {', '.join(MODES)}", found=mode)
