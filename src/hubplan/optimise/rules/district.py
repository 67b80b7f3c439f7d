"""The district rule: at least so many bases in each district (``district-min=K``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from hubplan.errors import ParameterError
from hubplan.optimise.rules.base import Row, Rule, SiteView
from hubplan.optimise.rules.registry import RuleContext, RuleSpec, number, register


@dataclass(frozen=True, eq=False)
class DistrictMin(Rule):
    """Each district ``d`` has at least ``minimum[d]`` bases.

    Exact: a row ``sum_{j in d} y_j >= minimum[d]`` per district with a minimum. Heuristic: the
    greedy fills short districts first and the kernels refuse swaps that leave one short. Bound:
    chosen per district when a count is fixed, dropped under a budget alone; no site fixing.

    Parameters
    ----------
    district
        Each site's district code (0 .. n_districts-1).
    minimum
        Each district's fewest bases.
    names
        Each district's name, for messages.
    """

    district: np.ndarray
    minimum: np.ndarray
    names: tuple[str, ...] = ()
    name: ClassVar[str] = "district-min"
    heuristic_keeps: ClassVar[bool] = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "district", np.asarray(self.district, dtype=np.int64))
        object.__setattr__(self, "minimum", np.asarray(self.minimum, dtype=np.int64))

    def _names(self) -> tuple[str, ...]:
        return self.names or tuple(f"district {d}" for d in range(len(self.minimum)))

    def describe(self) -> str:
        """Say the per-district minimum."""
        return f"at least {int(self.minimum.max(initial=0))} bases per district"

    def feasible(self, is_open: np.ndarray) -> bool:
        """Return whether every district has its minimum."""
        counts = np.bincount(self.district[is_open], minlength=len(self.minimum))
        return not bool((counts[: len(self.minimum)] < self.minimum).any())

    def apply(self, view: SiteView) -> None:
        """Write the districts and their minimums into the view."""
        view.district = self.district
        view.district_min = self.minimum
        view.district_names = self._names()

    def rows(self, n_sites: int) -> list[Row]:
        """Return a row per district with a minimum."""
        del n_sites
        out = []
        for d in np.flatnonzero(self.minimum):
            members = np.flatnonzero(self.district == d)
            out.append(Row(members, np.ones(len(members)), float(self.minimum[d]), np.inf))
        return out

    def conflicts(self, view: SiteView) -> list[str]:
        """Name minimums needing more bases than allowed, or more sites than a district has."""
        out = []
        need = np.array(
            [
                max(int(self.minimum[d]), int((view.required & (self.district == d)).sum()))
                for d in range(len(self.minimum))
            ]
        )
        if view.fixed_p >= 0 and need.sum() > view.fixed_p and self.minimum.any():
            out.append(
                f"district-min needs {int(need.sum())} bases (at least {int(self.minimum.max())} per "
                f"district) but only {view.fixed_p} are allowed"
            )
        names = self._names()
        for d in range(len(self.minimum)):
            available = int(((self.district == d) & ~view.excluded).sum())
            if self.minimum[d] > available:
                minimum = int(self.minimum[d])
                out.append(f"district-min={minimum} in {names[d]} but it has only {available} allowed sites")
        return out


def _parse(value: str) -> int:
    k = int(number(value, "district-min", int))
    if k < 0:
        raise ParameterError(
            "rules", expected="a number of bases, 0 or more, after 'district-min='", found=value
        )
    return k


def _build(k: int, context: RuleContext) -> Rule | None:
    """Return at least ``k`` bases in each district of the sites (none when ``k`` is 0)."""
    if not k:
        return None
    district = context.workspace.sites.district
    names = tuple(dict.fromkeys(map(str, district)))
    code = {d: i for i, d in enumerate(names)}
    codes = np.array([code[str(d)] for d in district], dtype=np.int64)
    return DistrictMin(codes, np.full(len(names), k, dtype=np.int64), names)


SPEC = register(
    RuleSpec(
        name="district-min",
        usage="district-min=K (at least K bases per district)",
        example="district-min=1",
        parse=_parse,
        build=_build,
        setting="district_min",
        default=0,
    )
)
