"""The JSON bodies the web API accepts."""

# No ``from __future__ import annotations``: pydantic and FastAPI read these annotations at run time.
from typing import Annotated

from fastapi import Path as PathParam
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt

from hubplan.data.sense import hidden_character

NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,59}$"
MAX_SITES = 5000
"""The most site ids one request may name (a plan is checked against the workspace's own count too)."""


def _visible(text: str) -> str:
    """Refuse a line of text holding control or invisible characters, as ``validate`` refuses them in ids.

    A right-to-left override (U+202E) makes "Holt\u202eertnec" read as something else in every report and
    page that shows it; a zero-width space makes two titles look the same.
    """
    if hidden := hidden_character(text):
        msg = "expected visible characters only (no control, invisible or bidirectional ones)"
        msg = f"{msg}; found {hidden}"
        raise ValueError(msg)
    return text


def _visible_lines(text: str) -> str:
    """Refuse text holding control or invisible characters other than line breaks and tabs."""
    _visible(text.replace("\r\n", "\n").replace("\n", " ").replace("\t", " "))
    return text


VisibleLine = Annotated[str, AfterValidator(_visible)]
VisibleText = Annotated[str, AfterValidator(_visible_lines)]
SiteId = Annotated[str, Field(min_length=1, max_length=100)]
JobId = Annotated[str, PathParam(pattern=r"^[0-9a-f]{32}$")]
ScenarioName = Annotated[str, Field(pattern=NAME_PATTERN)]


class Body(BaseModel):
    """A request body: a key it does not know is refused (422), never dropped, so a misspelt key is named."""

    model_config = ConfigDict(extra="forbid")


class Plan(Body):
    """A set of bases to evaluate."""

    bases: list[SiteId] = Field(
        description="Site ids kept as bases, each once.", min_length=1, max_length=MAX_SITES
    )


class NewScenario(Plan):
    """A plan to save in the store (the workspace's scenario files are never replaced)."""

    name: ScenarioName = Field(description="Lower-case letters, digits and hyphens, e.g. my-plan.")
    title: VisibleLine = Field(
        default="", max_length=200, description="One line of visible characters (no control characters)."
    )
    description: VisibleText = Field(
        default="", max_length=2000, description="Visible characters, line breaks and tabs."
    )
    # Strict: a version is a whole JSON number. ``true`` (read as 1), ``"2"`` or ``3.0`` is refused (422),
    # never taken as a version that passes the check against the one saved.
    version: StrictInt | None = Field(
        default=None, ge=1, le=2**31 - 1,
        description="The saved version this replaces (from GET /api/scenarios/{name}), a whole number; omit "
        "for a new plan. If someone saved in between, the answer is 409 and nothing is saved.",
    )  # fmt: skip


class ReportRequest(Body):
    """Scenarios (and optionally a plan) to put in a report."""

    scenarios: list[ScenarioName] = Field(default_factory=list, max_length=50, description="Default: all.")
    bases: list[SiteId] | None = Field(default=None, min_length=1, max_length=MAX_SITES)
