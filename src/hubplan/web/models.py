"""The JSON bodies the web API accepts."""

# No ``from __future__ import annotations``: pydantic and FastAPI read these annotations at run time.
from typing import Annotated

from fastapi import Path as PathParam
from pydantic import BaseModel, Field

NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,59}$"
MAX_SITES = 5000
"""The most site ids one request may name (a plan is checked against the workspace's own count too)."""
SiteId = Annotated[str, Field(min_length=1, max_length=100)]
JobId = Annotated[str, PathParam(pattern=r"^[0-9a-f]{32}$")]
ScenarioName = Annotated[str, Field(pattern=NAME_PATTERN)]


class Plan(BaseModel):
    """A set of bases to evaluate."""

    bases: list[SiteId] = Field(
        description="Site ids kept as bases, each once.", min_length=1, max_length=MAX_SITES
    )


class NewScenario(Plan):
    """A plan to save in the store (the workspace's scenario files are never replaced)."""

    name: ScenarioName = Field(description="Lower-case letters, digits and hyphens, e.g. my-plan.")
    title: str = Field(default="", max_length=200)
    description: str = Field(default="", max_length=2000)
    version: int | None = Field(
        default=None, ge=1, le=2**31 - 1,
        description="The saved version this replaces (from GET /api/scenarios/{name}); omit for a new plan. "
        "If someone saved in between, the answer is 409 and nothing is saved.",
    )  # fmt: skip


class ReportRequest(BaseModel):
    """Scenarios (and optionally a plan) to put in a report."""

    scenarios: list[ScenarioName] = Field(default_factory=list, max_length=50, description="Default: all.")
    bases: list[SiteId] | None = Field(default=None, min_length=1, max_length=MAX_SITES)
