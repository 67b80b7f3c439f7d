"""Measure a plan on a council's arrays: each area's nearest base, and the children within a threshold."""

from __future__ import annotations

import numpy as np


def nearest_minutes(minutes: np.ndarray, open_sites: np.ndarray) -> np.ndarray:
    """Return each area's minutes to its nearest open site.

    Parameters
    ----------
    minutes
        (n, m) minutes from each area to each candidate.
    open_sites
        Positions (0-based) of the open candidates; at least one.

    Returns
    -------
    numpy.ndarray
        (n,) float64 minutes.

    Raises
    ------
    ValueError
        When no site is open.
    """
    positions = np.asarray(open_sites, dtype=np.int64)
    if positions.size == 0:
        msg = "open_sites: expected at least one open site; got none"
        raise ValueError(msg)
    return np.asarray(minutes[:, positions].min(axis=1), dtype=np.float64)


def share_within(near_minutes: np.ndarray, weights: np.ndarray, threshold_minutes: float) -> float:
    """Return the share of the weight (e.g. children) within ``threshold_minutes`` of a base.

    Parameters
    ----------
    near_minutes
        (n,) minutes to the nearest base.
    weights
        (n,) weights, e.g. children.
    threshold_minutes
        Minutes that count as within reach (inclusive).

    Returns
    -------
    float
        A share between 0 and 1; ``nan`` when the weights sum to 0.
    """
    w = np.asarray(weights, dtype=np.float64)
    total = float(w.sum())
    if total <= 0:
        return float("nan")
    return float(w[np.asarray(near_minutes) <= threshold_minutes].sum() / total)
