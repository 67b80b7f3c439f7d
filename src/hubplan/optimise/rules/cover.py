"""Cover rules: at least one base among each set of sites (``deprived-max=MINUTES`` makes them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from hubplan.optimise.rules.base import Row, Rule, SiteView
from hubplan.optimise.rules.registry import number, register


@dataclass(frozen=True, eq=False)
class CoverSets(Rule):
    """At least one site of each set is a base (e.g. the sites within a maximum time of a deprived area).

    Exact: a row ``sum_{j in S} y_j >= 1`` per set. Heuristic: the greedy opens sites covering
    uncovered sets first and the kernels refuse swaps that uncover one. Bound: dropped; no site
    fixing.

    Parameters
    ----------
    sets
        Each set's site positions.
    labels
        A name for each set, for messages.
    """

    sets: tuple[np.ndarray, ...]
    labels: tuple[str, ...] = ()
    name: ClassVar[str] = "cover"
    heuristic_keeps: ClassVar[bool] = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "sets", tuple(np.unique(np.asarray(s, dtype=np.int64)) for s in self.sets))

    def describe(self) -> str:
        """Say how many sets must each have a base."""
        return f"a base among each of {len(self.sets)} set(s) of sites"

    def feasible(self, is_open: np.ndarray) -> bool:
        """Return whether every set has an open site."""
        return all(bool(is_open[s].any()) for s in self.sets)

    def apply(self, view: SiteView) -> None:
        """Add the sets to the view."""
        view.cover_sets.extend(self.sets)
        view.cover_labels.extend(self.labels or ("",) * len(self.sets))

    def rows(self, n_sites: int) -> list[Row]:
        """Return a row per set."""
        del n_sites
        return [Row(s, np.ones(len(s)), 1.0, np.inf) for s in self.sets]

    def conflicts(self, view: SiteView) -> list[str]:
        """Name sets with no allowed site."""
        labels = self.labels or ("",) * len(self.sets)
        return [
            f"{label or 'a cover rule'}: no allowed site is close enough"
            for label, members in zip(labels, self.sets, strict=True)
            if not (~view.excluded[members]).any()
        ]


@register(
    "deprived-max", "deprived-max=MINUTES (every area in deprivation deciles 1-2 within this of a base)"
)
def _parse(value: str) -> dict[str, Any]:
    return {"deprived_max_minutes": number(value, "deprived-max")}
