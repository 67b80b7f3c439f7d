"""The site rules: sites that must be bases (``required=ID,...``) or must not (``excluded=ID,...``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from hubplan.errors import ParameterError
from hubplan.optimise.rules.base import Rule, SiteView
from hubplan.optimise.rules.registry import RuleContext, RuleSpec, register, site_ids


def _positions(sites: np.ndarray | list[int] | tuple[int, ...]) -> np.ndarray:
    return np.unique(np.asarray(sites, dtype=np.int64))


@dataclass(frozen=True, eq=False)
class Required(Rule):
    """These sites must be bases.

    Exact: their variables' lower bounds are 1. Heuristic: opened first and never closed. Bound:
    always chosen, so site fixing stays valid.
    """

    sites: np.ndarray
    name: ClassVar[str] = "required"
    heuristic_keeps: ClassVar[bool] = True
    keeps_fixing: ClassVar[bool] = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "sites", _positions(self.sites))

    def describe(self) -> str:
        """Say how many sites are required."""
        return f"{len(self.sites)} required site(s)"

    def feasible(self, is_open: np.ndarray) -> bool:
        """Return whether every required site is open."""
        return bool(is_open[self.sites].all())

    def apply(self, view: SiteView) -> None:
        """Mark the sites required."""
        view.required[self.sites] = True

    def bounds(self, lower: np.ndarray, upper: np.ndarray) -> None:
        """Set the sites' lower bounds to 1."""
        del upper
        lower[self.sites] = 1.0


@dataclass(frozen=True, eq=False)
class Excluded(Rule):
    """These sites cannot be bases.

    Exact: their variables' upper bounds are 0 (and their levels are dropped). Heuristic: never
    opened. Bound: never chosen, so site fixing stays valid.
    """

    sites: np.ndarray
    name: ClassVar[str] = "excluded"
    heuristic_keeps: ClassVar[bool] = True
    keeps_fixing: ClassVar[bool] = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "sites", _positions(self.sites))

    def describe(self) -> str:
        """Say how many sites are excluded."""
        return f"{len(self.sites)} excluded site(s)"

    def feasible(self, is_open: np.ndarray) -> bool:
        """Return whether no excluded site is open."""
        return not bool(is_open[self.sites].any())

    def apply(self, view: SiteView) -> None:
        """Mark the sites excluded."""
        view.excluded[self.sites] = True

    def bounds(self, lower: np.ndarray, upper: np.ndarray) -> None:
        """Set the sites' upper bounds to 0."""
        del lower
        upper[self.sites] = 0.0

    def conflicts(self, view: SiteView) -> list[str]:
        """Name sites that are both required and excluded."""
        both = int((view.required[self.sites]).sum())
        return [f"{both} site(s) are both required and excluded"] if both else []


def _parse_ids(value: str) -> tuple[str, ...]:
    ids = site_ids(value)
    if not ids:
        raise ParameterError("rules", expected="site ids separated by commas", found=value)
    return ids


def _build_required(ids: tuple[str, ...], context: RuleContext) -> Rule | None:
    """Return the required sites: these ids and the sites flagged ``required`` (resolved in ``context``)."""
    del ids  # resolved into context.required, which the other rules read too
    return Required(np.flatnonzero(context.required)) if context.required.any() else None


def _build_excluded(ids: tuple[str, ...], context: RuleContext) -> Rule | None:
    """Return the excluded sites: these ids, the sites flagged ``excluded`` and kinds not candidates."""
    del ids  # resolved into context.excluded, which the other rules read too
    return Excluded(np.flatnonzero(context.excluded)) if context.excluded.any() else None


REQUIRED = register(
    RuleSpec(
        name="required",
        usage="required=ID[,ID...] (these sites must be bases)",
        example="required=cc-diss,lib-cromer",
        parse=_parse_ids,
        build=_build_required,
        setting="required",
        default=(),
    )
)
EXCLUDED = register(
    RuleSpec(
        name="excluded",
        usage="excluded=ID[,ID...] (these sites cannot be bases)",
        example="excluded=cc-diss",
        parse=_parse_ids,
        build=_build_excluded,
        setting="excluded",
        default=(),
    )
)
