"""The ``[lots]`` table of ``hubplan.toml``: how commissioning lots are cut, and which the report shows."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from hubplan.data.settings_base import Frozen

MAX_LOTS = 1_000
"""The most lots a report may show at once (each lot must hold a base, so a council has far fewer)."""


class LotsDefaults(Frozen):
    """How areas are grouped into lots for providers (``hubplan lots`` and the report's section).

    Defaults: children within +-10% of the mean lot (a common tolerance for balanced districts and
    contracts), need and outreach hours not balanced unless asked, a 5 km charge for each child cut
    off from their own base's lot, no provider cap, and no lots in the report unless ``counts`` names
    some.
    """

    counts: tuple[Annotated[int, Field(ge=1, le=MAX_LOTS)], ...] = Field(
        default=(),
        description="Numbers of lots the report shows, side by side, for the decided (or proposed) "
        "scenario, e.g. [12, 1]; empty: no lots section.",
    )
    tolerance: float = Field(
        default=0.10, gt=0, le=1, description="Each lot's children within the mean +- this share."
    )
    need_tolerance: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description="Also balance the most deprived fifth's children within the mean +- this share.",
    )
    outreach_tolerance: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description="Also balance the outreach plan's staff hours within the mean +- this share.",
    )
    split_km: float = Field(
        default=5.0,
        ge=0,
        le=1000,
        description="Charge (km per child) for each child whose own base ends in another lot.",
    )
    max_lots_per_provider: int | None = Field(
        default=None, ge=1, description="Most lots whose centre base one provider runs."
    )
    method: Literal["auto", "exact", "heuristic"] = Field(
        default="auto",
        description="auto: the search, then HiGHS from its lots; exact: HiGHS only; "
        "heuristic: the search only.",
    )
    time_limit_seconds: float = Field(
        default=30.0, gt=0, le=86_400, description="Seconds for the exact model (the search's lots are kept)."
    )
