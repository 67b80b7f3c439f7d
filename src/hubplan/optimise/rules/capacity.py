"""The capacity rule: each base serves no more families than its capacity (``capacity``); exact only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from hubplan.errors import ParameterError
from hubplan.optimise.rules.base import Rule
from hubplan.optimise.rules.registry import RuleContext, RuleSpec, register


@dataclass(frozen=True, eq=False)
class Capacity(Rule):
    """Each base ``j`` serves at most ``capacity[j]`` of the areas' ``demand`` (``inf``: no limit).

    Exact: the whole model becomes the capacitated one (areas may split between bases; see
    :func:`hubplan.optimise.exact.build_capacitated_model`). Heuristic: not kept (exact only).
    Bound: the MIP's own; no site fixing.

    Parameters
    ----------
    capacity
        Each site's capacity as a base, in the units of ``demand``.
    demand
        Each area's demand (e.g. families).
    """

    capacity: np.ndarray
    demand: np.ndarray
    name: ClassVar[str] = "capacity"
    exact_only: ClassVar[bool] = True

    def describe(self) -> str:
        """Say that bases keep their capacities."""
        return "each base within its capacity"

    def feasible(self, is_open: np.ndarray) -> bool:
        """Return whether the open sites can hold all the demand they must (a necessary condition).

        Whether a split within capacities exists is decided by the exact model; every plan is
        accepted here, as areas beyond every capacity pay their far cost there.
        """
        del is_open
        return True


def _parse(value: str) -> bool:
    if value.lower() not in ("", "true", "yes", "1"):
        raise ParameterError("rules", expected="no value (or 'true') after 'capacity'", found=value)
    return True


def _build(on: bool, context: RuleContext) -> Rule | None:
    """Return each site's ``capacity`` (no limit where empty) against each area's families."""
    if not on:
        return None
    ws = context.workspace
    capacity = np.nan_to_num(np.asarray(ws.sites.capacity, dtype=np.float64), nan=np.inf)
    return Capacity(capacity, np.asarray(ws.areas.families, dtype=np.float64))


SPEC = register(
    RuleSpec(
        name="capacity",
        usage="capacity (each base within its sites.csv capacity; exact method)",
        example="capacity",
        parse=_parse,
        build=_build,
        setting="capacity",
        default=False,
    )
)
