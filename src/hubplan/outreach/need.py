"""Who needs outreach: families farther than the threshold from every base by the mode they can use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from hubplan.data.settings_base import MAX_MINUTES
from hubplan.data.usage import USAGE_FILE, load_usage
from hubplan.data.workspace import Workspace
from hubplan.errors import InputError, ParameterError, Problem
from hubplan.evaluate.metrics import nearest_base
from hubplan.travel.matrix import TravelMatrix

NeedWeighting = Literal["deprivation", "deprivation_and_reach"]
"""How outreach shares sessions among families in need (``[outreach] need_weighting``)."""

WEIGHTING_WORDS = {
    "deprivation": "deprivation (optimise.need_weights)",
    "deprivation_and_reach": "deprivation (optimise.need_weights) times the share of each area's "
    "children not seen in the year (usage.csv; an area it gives no row counts the average share of those "
    "it gives, as nothing is known of it)",
}
"""Each weighting in words, as outputs say which was used."""

TRAVEL_RULE = "by bus without a car, by car with one"
"""How a household's minutes to a base are counted for outreach, in words (the outreach tables' rows)."""

BY_HOW_THEY_TRAVEL = f"by the way they can travel ({TRAVEL_RULE})"
"""How need measures 'farther than the threshold from every base' (:func:`outreach_need`), for sentences."""


def check_threshold(threshold_minutes: float | None, workspace: Workspace) -> float:
    """Return the outreach threshold to use: the one given, checked, or the workspace's setting.

    Parameters
    ----------
    threshold_minutes
        Minutes beyond which families need outreach, or ``None`` for ``[outreach] threshold_minutes``
        (itself defaulting to the access threshold). A given 0 is refused, never swapped for the
        default (``--threshold 0`` had silently planned for 30 minutes).
    workspace
        The workspace whose setting is the default.

    Returns
    -------
    float
        Minutes, above 0 and at most :data:`~hubplan.data.assumptions.MAX_MINUTES` (24 hours).

    Raises
    ------
    ParameterError
        For a threshold of 0 or less, over 24 hours, or not finite (``threshold_minutes``).
    """
    if threshold_minutes is None:
        return workspace.assumptions.outreach_threshold
    if not 0 < threshold_minutes <= MAX_MINUTES:
        raise ParameterError(
            "threshold_minutes",
            expected=f"minutes above 0 and at most {MAX_MINUTES:,.0f} (24 hours)",
            found=f"{threshold_minutes:g}",
        )
    return float(threshold_minutes)


def not_seen_share(children: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """Return each area's share of children not seen in the year: ``1 - seen / children`` in [0, 1].

    An area with no children counts 1 (nothing is known to reach it); one with more seen than
    children counts 0.

    Parameters
    ----------
    children
        (n_areas,) children (or families) living there.
    seen
        (n_areas,) of them seen in the year.

    Returns
    -------
    numpy.ndarray
        (n_areas,) shares.

    Examples
    --------
    >>> not_seen_share(np.array([10.0, 20.0, 0.0]), np.array([6.0, 25.0, 0.0])).tolist()
    [0.4, 0.0, 1.0]
    """
    reach = np.divide(seen, children, out=np.zeros(len(children)), where=children > 0)
    out: np.ndarray = np.clip(1.0 - reach, 0.0, 1.0)
    return out


def reach_weights(workspace: Workspace) -> np.ndarray:
    """Return (n_areas,) the share of each area's children not seen, from the workspace's usage.

    Parameters
    ----------
    workspace
        A workspace with ``usage.csv`` (written by ``hubplan reach``).

    Returns
    -------
    numpy.ndarray
        :func:`not_seen_share` of each area the usage gives a row; an area with no row is no data,
        not none seen (as ``hubplan reach`` reads it), and counts the families-weighted average share
        of the areas with a row, so a file that leaves areas out neither draws outreach to them nor
        away from them.

    Raises
    ------
    InputError
        When the workspace has no usage.
    """
    usage = load_usage(workspace)
    if usage is None:
        where = str(workspace.path / USAGE_FILE) if workspace.path is not None else USAGE_FILE
        expected = "usage by area, for outreach need weighted by reach (import it with `hubplan reach`)"
        raise InputError([Problem(where, None, None, expected, "no such file")], "no usage to weight need by")
    families = np.asarray(workspace.areas.families, dtype=np.float64)
    share = not_seen_share(families, usage.seen_by_area)
    known = usage.has_row
    if known.all() or not known.any():
        return share
    weights = families[known] if families[known].sum() > 0 else None
    return np.where(known, share, float(np.average(share[known], weights=weights)))


@dataclass(frozen=True, eq=False)
class Need:
    """Each area's families, split by car access, and those a base does not reach.

    Families without a car count by bus (which walks where that is quicker); families with a car by
    car. The split comes from the area's ``no_car_share`` (all with a car when it is not given).

    Parameters
    ----------
    threshold_minutes
        Farther than this from every base needs outreach.
    no_car, car
        (n_areas,) families without and with a car.
    base_no_car, base_car
        (n_areas,) of them within the threshold of a base.
    weight
        (n_areas,) how much each area's families in need count, beyond deprivation: 1 everywhere,
        or the share of its children not seen in the year (``weighting`` ``"deprivation_and_reach"``).
    weighting
        Which weighting: ``"deprivation"`` or ``"deprivation_and_reach"``.
    """

    threshold_minutes: float
    no_car: np.ndarray
    car: np.ndarray
    base_no_car: np.ndarray
    base_car: np.ndarray
    weight: np.ndarray = field(default_factory=lambda: np.ones(0))
    weighting: NeedWeighting = "deprivation"

    @property
    def needy_no_car(self) -> np.ndarray:
        """Families without a car beyond the threshold, per area."""
        out: np.ndarray = self.no_car - self.base_no_car
        return out

    @property
    def needy_car(self) -> np.ndarray:
        """Families with a car beyond the threshold, per area."""
        out: np.ndarray = self.car - self.base_car
        return out

    @property
    def needy(self) -> np.ndarray:
        """All families beyond the threshold, per area."""
        out: np.ndarray = self.needy_no_car + self.needy_car
        return out


def outreach_need(
    workspace: Workspace,
    travel: TravelMatrix,
    bases: np.ndarray,
    threshold_minutes: float,
    *,
    weighting: NeedWeighting = "deprivation",
) -> Need:
    """Return which families a scenario's bases reach within the threshold and which need outreach.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices (``bus`` and ``car``).
    bases
        Positions of the bases.
    threshold_minutes
        Minutes.
    weighting
        ``"deprivation_and_reach"`` also weights each area's need by its share of children not seen
        in the year (:func:`reach_weights`); ``"deprivation"`` leaves that weight at 1.

    Returns
    -------
    Need
        Per area, by car access.

    Raises
    ------
    InputError
        When weighting by reach and the workspace has no usage.
    """
    families = np.asarray(workspace.areas.families, dtype=np.float64)
    share = np.nan_to_num(np.asarray(workspace.areas.no_car_share, dtype=np.float64), nan=0.0)
    no_car, car = families * share, families * (1 - share)
    by_bus = nearest_base(travel.minutes["bus"], bases)[0] <= threshold_minutes
    by_car = nearest_base(travel.minutes["car"], bases)[0] <= threshold_minutes
    weight = reach_weights(workspace) if weighting == "deprivation_and_reach" else np.ones(len(families))
    return Need(
        threshold_minutes=threshold_minutes,
        no_car=no_car,
        car=car,
        base_no_car=np.where(by_bus, no_car, 0.0),
        base_car=np.where(by_car, car, 0.0),
        weight=weight,
        weighting=weighting,
    )
