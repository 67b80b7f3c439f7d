"""Measure plans: each area's nearest base, and who is within a threshold, once or under every draw.

The one kernel behind every figure of access: the evaluation's analysis intervals
(:mod:`hubplan.analysis.uncertainty`), the frontier band, the sweep's points and the national
councils (:mod:`hubplan.scale`) all measure with these functions, so a figure means the same
wherever it is shown.
"""

from __future__ import annotations

import numpy as np

from hubplan.evaluate.uncertainty import MinuteDraws


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


def drawn_figures(
    nearest: np.ndarray,
    baseline: np.ndarray | None,
    *,
    weights: np.ndarray,
    thresholds: np.ndarray,
    demand: np.ndarray,
    car: np.ndarray | MinuteDraws | None,
) -> dict[str, np.ndarray]:
    """Return each figure of access under every draw: (draws, groups[, thresholds]) arrays.

    Parameters
    ----------
    nearest
        (n_areas,) minutes from each area to its nearest base in the plan.
    baseline
        (n_areas,) minutes to the nearest base of the network today, or ``None`` (no losses).
    weights
        (groups, n_areas) each area's people in each group (a row of ones times the people for all).
    thresholds
        (thresholds,) minutes.
    demand
        (draws, n_areas) factors on each area's people.
    car
        The minutes' draws: (draws, n_areas) factors on every trip of an area,
        :class:`~hubplan.evaluate.uncertainty.MinuteDraws` whose factor follows each trip's band,
        or ``None`` when the minutes are held.

    Returns
    -------
    dict
        ``families`` (draws, groups); ``within``, ``within_share``, ``beyond`` and, with a baseline,
        ``lose`` (draws, groups, thresholds): people within each threshold, their share of the
        group, people beyond it, and people within it today but not with the plan.
    """
    draws = len(demand)
    groups = len(weights)
    shape = (draws, groups, len(thresholds))
    within = np.empty(shape)
    lose = np.empty(shape) if baseline is not None else None
    reached = (nearest[:, None] <= thresholds[None, :]).astype(np.float64)
    had = (baseline[:, None] <= thresholds[None, :]).astype(np.float64) if baseline is not None else None
    families = demand @ weights.T  # (draws, groups)
    if car is None:
        # Minutes are held: one product per figure, sum_n demand[d, n] weights[g, n] reached[n, t].
        within[:] = (demand @ spread_weights(weights, reached)).reshape(shape)
        if lose is not None and had is not None:
            lose[:] = (demand @ spread_weights(weights, had * (1.0 - reached))).reshape(shape)
    else:
        near_factor = car.factors(nearest) if isinstance(car, MinuteDraws) else car
        base_factor = None
        if baseline is not None:
            base_factor = car.factors(baseline) if isinstance(car, MinuteDraws) else car
        for d in range(draws):
            reached = ((nearest * near_factor[d])[:, None] <= thresholds[None, :]).astype(np.float64)
            drawn = weights * demand[d]
            within[d] = drawn @ reached
            if lose is not None and baseline is not None and base_factor is not None:
                had = ((baseline * base_factor[d])[:, None] <= thresholds[None, :]).astype(np.float64)
                lose[d] = drawn @ (had * (1.0 - reached))
    total = families[:, :, None]
    share = np.divide(within, total, out=np.full(shape, np.nan), where=total > 0)
    out = {"families": families, "within": within, "within_share": share, "beyond": total - within}
    if lose is not None:
        out["lose"] = lose
    return out


def spread_weights(weights: np.ndarray, reached: np.ndarray) -> np.ndarray:
    """Return (n_areas, groups * thresholds): each area's weight in a group where it is reached."""
    spread: np.ndarray = (weights.T[:, :, None] * reached[:, None, :]).reshape(weights.shape[1], -1)
    return spread
