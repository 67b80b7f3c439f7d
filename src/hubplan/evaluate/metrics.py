"""Array kernels for evaluation: nearest base per area, and family-weighted reach by group."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hubplan.errors import ParameterError


def nearest_base(minutes: np.ndarray, bases: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each area's minutes to its nearest base and which base that is.

    Parameters
    ----------
    minutes
        (n_areas, n_sites) minutes; Fortran order makes this fast (one contiguous pass per base).
    bases
        Positions of the bases among the sites (at least one).

    Returns
    -------
    tuple of numpy.ndarray
        float64 minutes to the nearest base (``inf`` when no base is reachable), and the
        int64 position of that site (the first of equal ones, in ``bases`` order; -1 when none is
        reachable).

    Raises
    ------
    ValueError
        When ``bases`` is empty.
    """
    if len(bases) == 0:
        raise ParameterError("bases", expected="at least one base", found="none")
    best = np.full(minutes.shape[0], np.inf, dtype=np.float32)
    which = np.full(minutes.shape[0], -1, dtype=np.int64)
    closer = np.empty(minutes.shape[0], dtype=bool)
    for j in bases:
        column = minutes[:, j]
        np.less(column, best, out=closer)
        np.copyto(best, column, where=closer)
        which[closer] = j
    return best.astype(np.float64), which


@dataclass(frozen=True, eq=False)
class GroupReach:
    """Family-weighted reach for each group of a breakdown.

    Parameters
    ----------
    labels
        One label per group (e.g. district names).
    families
        Families in each group.
    within
        (groups, thresholds) families whose nearest base is within each threshold.
    mean_minutes
        Family-weighted mean minutes to the nearest base (NaN for a group with no families).
    p90_minutes
        The family-weighted 90th percentile: the least minutes within which 90% of the group's
        families live (NaN for a group with no families).
    lose
        (groups, thresholds) families within a threshold in the baseline but not in the scenario;
        ``None`` with no baseline.
    """

    labels: tuple[str, ...]
    families: np.ndarray
    within: np.ndarray
    mean_minutes: np.ndarray
    p90_minutes: np.ndarray
    lose: np.ndarray | None


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> np.ndarray:
    """Return, per row of ``weights``, the least value with at least share ``q`` of the weight at or below it.

    Parameters
    ----------
    values
        (n,) values (e.g. minutes).
    weights
        (g, n) non-negative weights, one row per group.
    q
        The share, from 0 to 1.

    Returns
    -------
    numpy.ndarray
        (g,) quantiles; NaN for a row whose weights sum to 0.
    """
    order = np.argsort(values, kind="stable")
    sorted_values = values[order]
    cumulative = np.cumsum(weights[:, order], axis=1)
    totals = cumulative[:, -1] if cumulative.shape[1] else np.zeros(len(weights))
    out = np.full(len(weights), np.nan)
    for g, total in enumerate(totals):
        if total > 0:
            # A relative tolerance keeps a share that is exactly q (e.g. 9 of 10) from being lost to rounding.
            k = int(np.searchsorted(cumulative[g], q * total * (1 - 1e-12), side="left"))
            out[g] = sorted_values[min(k, len(sorted_values) - 1)]
    return out


def group_reach(
    minutes: np.ndarray,
    weights: np.ndarray,
    labels: tuple[str, ...],
    thresholds: np.ndarray,
    *,
    baseline_minutes: np.ndarray | None = None,
) -> GroupReach:
    """Summarise minutes to the nearest base for each group of families.

    Parameters
    ----------
    minutes
        (n_areas,) minutes to the nearest base.
    weights
        (groups, n_areas) families of each group in each area; an area may split between
        groups (e.g. families with and without a car).
    labels
        One label per group.
    thresholds
        Minutes that count as within reach.
    baseline_minutes
        (n_areas,) minutes in the baseline, to count families who lose access.

    Returns
    -------
    GroupReach
        The summary.
    """
    families = weights.sum(axis=1)
    reached = (minutes[:, None] <= thresholds[None, :]).astype(np.float64)
    within = weights @ reached
    with np.errstate(invalid="ignore", divide="ignore"):
        finite = np.isfinite(minutes)
        total_time = weights[:, finite] @ minutes[finite]
        unreachable = weights[:, ~finite].sum(axis=1)
        mean = np.where(unreachable > 0, np.inf, total_time / families)
    mean = np.where(families > 0, mean, np.nan)
    p90 = weighted_quantile(minutes, weights, 0.9)
    lose = None
    if baseline_minutes is not None:
        was = baseline_minutes[:, None] <= thresholds[None, :]
        lose = weights @ (was & ~(minutes[:, None] <= thresholds[None, :])).astype(np.float64)
    return GroupReach(labels, families, within, mean, p90, lose)
