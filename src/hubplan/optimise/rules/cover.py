"""Cover rules: at least one base among each set of sites (``deprived-max=MINUTES`` makes them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from hubplan.errors import InfeasibleError, ParameterError
from hubplan.optimise.rules.base import Row, Rule, SiteView
from hubplan.optimise.rules.registry import RuleContext, RuleSpec, number, register


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


def _parse(value: str) -> float:
    minutes = float(number(value, "deprived-max"))
    if not minutes > 0:
        raise ParameterError("rules", expected="minutes above 0 after 'deprived-max='", found=value)
    return minutes


def _build(limit: float | None, context: RuleContext) -> Rule | None:
    """Return a cover set per area in deciles 1-2 with families: the allowed sites within ``limit``.

    Raises
    ------
    InfeasibleError
        When such an area has no allowed site within the limit.
    """
    if limit is None:
        return None
    areas = context.workspace.areas
    minutes = context.travel.minutes[context.mode]
    sets, labels = [], []
    for i in np.flatnonzero(areas.most_deprived & (areas.families > 0)):
        near = np.flatnonzero((minutes[i] <= limit) & ~context.excluded)
        if len(near) == 0:
            raise InfeasibleError(
                f"deprived-max={limit:g}: area {areas.ids[i]} ({areas.name[i] or areas.ids[i]}) has no "
                f"candidate site within {limit:g} minutes by {context.mode}"
            )
        sets.append(near)
        labels.append(f"deprived-max for area {areas.ids[i]}")
    return CoverSets(tuple(sets), tuple(labels)) if sets else None


SPEC = register(
    RuleSpec(
        name="deprived-max",
        usage="deprived-max=MINUTES (every area in deprivation deciles 1-2 within this of a base)",
        example="deprived-max=30",
        parse=_parse,
        build=_build,
        setting="deprived_max_minutes",
    )
)
