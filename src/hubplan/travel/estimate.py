"""Estimated travel minutes: great-circle distance times circuity over speed, plus fixed and waiting time."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from hubplan.data.assumptions import BusSpeed, ModeSpeed, Travel
from hubplan.travel.geodesic import great_circle_matrix_km

MODES = ("walk", "car", "bus")
"""The modes hubplan measures, in the order tables show them."""

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
    origin_wait_minutes: np.ndarray | None = None,
) -> np.ndarray:
    """Estimate door-to-door minutes from every origin to every destination.

    ``minutes = access_minutes + km * circuity / speed_kph * 60``, with ``km`` the great-circle
    distance. For bus, the origin's wait is added, and walking is used instead where it is quicker.

    Parameters
    ----------
    origins
        (n, 2) latitude, longitude of the origins (degrees).
    destinations
        (m, 2) latitude, longitude of the destinations (degrees).
    mode
        ``"walk"``, ``"car"`` or ``"bus"``.
    assumptions
        Speeds and circuities; the defaults of ``hubplan.toml`` when ``None``.
    origin_wait_minutes
        For bus, each origin's wait at the stop (minutes); when ``None`` the urban wait is used.

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
        origins, destinations, (mode,), assumptions=assumptions, origin_wait_minutes=origin_wait_minutes
    )[mode]


def estimate_modes(
    origins: np.ndarray,
    destinations: np.ndarray,
    modes: tuple[str, ...] = MODES,
    *,
    assumptions: Travel | None = None,
    origin_wait_minutes: np.ndarray | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, np.ndarray]:
    """Estimate minutes for several modes at once, measuring each distance only once.

    Parameters
    ----------
    origins, destinations, assumptions, origin_wait_minutes
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
        For an unknown mode, points of the wrong shape, or waits of the wrong length.
    """
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        msg = f"mode: expected one of {', '.join(MODES)}; got {unknown[0]!r}"
        raise ValueError(msg)
    o = _as_points(origins, "origins")
    d = _as_points(destinations, "destinations")
    travel = assumptions or Travel()
    wait = np.full(len(o), travel.bus.wait_minutes.get("urban", 0.0))
    if origin_wait_minutes is not None:
        wait = np.asarray(origin_wait_minutes, dtype=np.float64)
        if wait.shape != (len(o),):
            msg = f"origin_wait_minutes: expected shape ({len(o)},); got {wait.shape}"
            raise ValueError(msg)
    out = {mode: np.empty((len(o), len(d)), dtype=np.float32, order="F") for mode in modes}
    for start in range(0, len(d), _COLUMNS_PER_CHUNK):
        stop = min(start + _COLUMNS_PER_CHUNK, len(d))
        km = great_circle_matrix_km(o, d[start:stop])
        walk = _minutes(km, travel.walk)
        for mode in modes:
            if mode == "walk":
                minutes = walk
            elif mode == "car":
                minutes = _minutes(km, travel.car)
            else:
                minutes = np.minimum(_minutes(km, travel.bus) + wait[:, None], walk)
            out[mode][:, start:stop] = minutes
        if progress is not None:
            progress(stop, len(d))
    return out


def _minutes(km: np.ndarray, speed: ModeSpeed) -> np.ndarray:
    return speed.access_minutes + km * (speed.circuity / speed.speed_kph * 60.0)


def bus_wait_minutes(rurality: np.ndarray, bus: BusSpeed) -> np.ndarray:
    """Return each area's wait for a bus (minutes) from its rural/urban class.

    Parameters
    ----------
    rurality
        Each area's class ('' when not given, which counts as ``urban``).
    bus
        The bus assumptions, with ``wait_minutes`` by class.

    Returns
    -------
    numpy.ndarray
        float64 minutes, one per area.
    """
    default = bus.wait_minutes.get("urban", 0.0)
    return np.array([bus.wait_minutes.get(str(r), default) for r in rurality], dtype=np.float64)
