"""The count rule: exactly ``p`` bases (``bases=N``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from hubplan.optimise.rules.base import Row, Rule, SiteView
from hubplan.optimise.rules.registry import RuleContext, RuleSpec, number, register


@dataclass(frozen=True, eq=False)
class Count(Rule):
    """Exactly ``p`` bases.

    Exact: one row ``sum_j y_j = p``. Heuristic: the kernels keep the count (swaps only). Bound:
    the Lagrangian selection picks exactly ``p`` sites, so site fixing stays valid.
    """

    p: int
    name: ClassVar[str] = "bases"
    heuristic_keeps: ClassVar[bool] = True
    keeps_fixing: ClassVar[bool] = True

    def describe(self) -> str:
        """Say ``exactly p bases``."""
        return f"exactly {self.p} bases"

    def feasible(self, is_open: np.ndarray) -> bool:
        """Return whether exactly ``p`` sites are open."""
        return int(is_open.sum()) == self.p

    def apply(self, view: SiteView) -> None:
        """Fix the view's count."""
        view.fixed_p = int(self.p)

    def rows(self, n_sites: int) -> list[Row]:
        """Return ``sum_j y_j = p``."""
        return [Row(np.arange(n_sites), np.ones(n_sites), float(self.p), float(self.p))]

    def conflicts(self, view: SiteView) -> list[str]:
        """Name a count below one, above the allowed sites, or below the required sites."""
        out = []
        allowed = int((~view.excluded).sum())
        if self.p < 1:
            out.append(f"bases={self.p}: at least one base is needed")
        if self.p > allowed:
            out.append(f"bases={self.p} but only {allowed} sites may be bases")
        if int(view.required.sum()) > self.p:
            out.append(f"{int(view.required.sum())} sites are required but only {self.p} bases are allowed")
        return out


def _parse(value: str) -> int:
    return int(number(value, "bases", int))


def _build(p: int | None, context: RuleContext) -> Rule | None:
    del context
    return None if p is None else Count(int(p))


SPEC = register(
    RuleSpec(
        name="bases",
        usage="--bases N (exactly N bases)",
        example="bases=15",
        parse=_parse,
        build=_build,
        setting="bases",
        option=True,
    )
)
