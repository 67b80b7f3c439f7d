"""The site rules: sites that must be bases (``required=ID,...``) or must not (``excluded=ID,...``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from hubplan.optimise.rules.base import Rule, SiteView
from hubplan.optimise.rules.registry import register, site_ids


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


@register("required", "required=ID[,ID...] (these sites must be bases)")
def _parse_required(value: str) -> dict[str, Any]:
    return {"required": site_ids(value)}


@register("excluded", "excluded=ID[,ID...] (these sites cannot be bases)")
def _parse_excluded(value: str) -> dict[str, Any]:
    return {"excluded": site_ids(value)}
