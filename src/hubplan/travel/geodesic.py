"""Great-circle distances between latitude/longitude points."""

from __future__ import annotations

import numpy as np

EARTH_RADIUS_KM = 6371.0088
"""The mean Earth radius (IUGG), in km."""


def haversine_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Return great-circle distances in km, broadcasting the inputs against each other.

    Parameters
    ----------
    lat1, lon1
        First points' latitude and longitude (degrees).
    lat2, lon2
        Second points' latitude and longitude (degrees).

    Returns
    -------
    numpy.ndarray
        Distances in km (float64), shaped as the broadcast inputs.

    Examples
    --------
    >>> round(float(haversine_km(np.array(52.0), np.array(1.0), np.array(53.0), np.array(1.0))), 1)
    111.2
    """
    p1 = np.radians(lat1)
    p2 = np.radians(lat2)
    dp = p2 - p1
    dl = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    km: np.ndarray = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return km
