"""Journeys the model cannot measure: travel inside an area, where a base stands at the area's own point.

Each area is one point (its centroid, or its postcodes' mean position), so a base at that point is
0 minutes from every child of the area, and a base elsewhere in it a minute or two: the walk, drive
or boat inside the area is not modelled (boats and ferries are not modelled anywhere). Where few
children are affected this is a note; where it is most of the picture (a council of one LSOA over
five islands, every child "0 min") it is a caution every output carries.

The rule, in :func:`within_area`: a child's journey is **not modelled** when the nearest base by some
mode is under :data:`ZERO_MINUTES` (it shows as 0 minutes); the figures are **dominated** by travel
inside areas when such children are at least :data:`DOMINANT_SHARE` of all, or the workspace has
fewer than :data:`FEW_AREAS` areas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

ZERO_MINUTES = 0.5
"""Under this many minutes a journey shows as "0 min": the base stands at the area's own point."""

FEW_AREAS = 3
"""A workspace with fewer areas than this is mostly travel inside an area, whatever its minutes say."""

DOMINANT_SHARE = 0.25
"""When at least this share of the children have a 0-minute journey, it is a caution, not a note."""

NOT_MODELLED = "journeys not modelled: "
"""How the caution that travel inside areas dominates the figures begins."""

ZERO_NOTE = "0-minute journeys: "
"""How the note that some children's journeys show as 0 minutes begins."""

NOT_MODELLED_WORDS = (
    "travel inside an area is not modelled (each area is one point) and boats or ferries not at all"
)
"""Why: said in every caution."""


@dataclass(frozen=True)
class WithinArea:
    """Who has a 0-minute journey to a base, and whether that dominates the figures.

    Parameters
    ----------
    children
        Children (or families) whose nearest base is under :data:`ZERO_MINUTES` by some mode.
    total
        All children (or families).
    areas
        How many areas the workspace has.
    modes
        The modes by which those journeys show as 0 minutes, in order.
    """

    children: float
    total: float
    areas: int
    modes: tuple[str, ...]

    @property
    def share(self) -> float:
        """``children / total`` (0 with no children)."""
        return self.children / self.total if self.total > 0 else 0.0

    @property
    def dominates(self) -> bool:
        """Whether travel inside areas is most of the picture: a caution rather than a note."""
        return self.areas < FEW_AREAS or (self.children > 0 and self.share >= DOMINANT_SHARE)

    def sentence(self, people: str, *, whole: str = "the workspace") -> str | None:
        """Say it in one sentence: a caution (:data:`NOT_MODELLED`), a note (:data:`ZERO_NOTE`) or nothing.

        Parameters
        ----------
        people
            What the demand counts ("children", "families").
        whole
            What the areas make up, in words ("the workspace", "the council").

        Returns
        -------
        str or None
            ``None`` when no journey shows as 0 minutes and the workspace has enough areas.
        """
        by = " and ".join(self.modes)
        zero = (
            f"{self.children:,.0f} of {self.total:,.0f} {people} ({self.share:.0%}) have a base at their own "
            f"area's point, so their journey by {by} shows as 0 minutes"
            if self.children > 0
            else ""
        )
        few = (
            f"{whole} has only {self.areas} area{'s' if self.areas != 1 else ''}"
            if self.areas < FEW_AREAS
            else ""
        )
        if self.dominates:
            said = "; ".join(s for s in (zero, few) if s)
            return (
                f"{NOT_MODELLED}{said}, but {NOT_MODELLED_WORDS}: read the minutes and shares within reach "
                "as unknown, not as short journeys"
            )
        if zero:
            return f"{ZERO_NOTE}{zero}, but travel inside an area is not modelled (each area is one point)"
        return None


def within_area(nearest_minutes: Mapping[str, np.ndarray], children: np.ndarray) -> WithinArea:
    """Find the children whose nearest base shows as 0 minutes by some mode.

    Parameters
    ----------
    nearest_minutes
        Mode to (n_areas,) minutes to the nearest base.
    children
        (n_areas,) children (or families) per area.

    Returns
    -------
    WithinArea
        Those children, all children, the number of areas and the modes that show 0 minutes.

    Examples
    --------
    >>> w = within_area({"bus": np.array([0.0, 12.0]), "car": np.array([5.1, 9.0])}, np.array([30.0, 10.0]))
    >>> w.children, w.modes, w.dominates
    (30.0, ('bus',), True)
    """
    weights = np.asarray(children, dtype=np.float64)
    zero = np.zeros(len(weights), dtype=bool)
    modes = []
    for mode, minutes in nearest_minutes.items():
        here = np.asarray(minutes, dtype=np.float64) < ZERO_MINUTES
        if (here & (weights > 0)).any():
            modes.append(mode)
        zero |= here
    return WithinArea(
        children=float(weights[zero].sum()),
        total=float(weights.sum()),
        areas=len(weights),
        modes=tuple(modes),
    )
