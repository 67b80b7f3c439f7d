"""Who responded and who did not: respondents by group against the families a scenario affects."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.evaluate.breakdowns import area_breakdowns
from hubplan.evaluate.metrics import nearest_base
from hubplan.travel.matrix import TravelMatrix

UNDER = 0.8
"""Under-represented: a share of respondents below this times the group's share of those affected."""


@dataclass(frozen=True, eq=False)
class Representation:
    """One breakdown: respondents and affected families per group, and how well each is represented.

    Parameters
    ----------
    breakdown
        ``"district"``, ``"deprivation_quintile"`` or ``"rurality"``.
    labels
        The groups.
    respondents
        Placed respondents in each group.
    affected
        Families whose nearest base by bus in the baseline closes under the scenario.
    ratio
        Share of respondents over share of affected families (NaN where none are affected).
    shared
        Of the respondents, those whose comment is a text other responses share too (a campaign's
        words: :mod:`hubplan.consult.shared`); zeros when not given.
    """

    breakdown: str
    labels: tuple[str, ...]
    respondents: np.ndarray
    affected: np.ndarray
    ratio: np.ndarray
    shared: np.ndarray | None = None

    @property
    def under_represented(self) -> tuple[str, ...]:
        """Groups with affected families whose ratio is below :data:`UNDER`."""
        return tuple(
            label for label, r in zip(self.labels, self.ratio, strict=True) if np.isfinite(r) and r < UNDER
        )


def closing_scenarios(workspace: Workspace) -> list[Scenario]:
    """Return the scenarios that close at least one of the baseline's bases, in file order.

    Parameters
    ----------
    workspace
        The workspace.

    Returns
    -------
    list of Scenario
        Empty when there is no baseline.
    """
    baseline = workspace.baseline
    if baseline is None:
        return []
    return [
        s
        for s in workspace.scenarios.values()
        if s.name != baseline.name and set(baseline.bases) - set(s.bases)
    ]


def affected_families(workspace: Workspace, travel: TravelMatrix, scenario: Scenario) -> np.ndarray:
    """Return (n_areas,) families whose nearest base by bus in the baseline is closed by ``scenario``.

    Parameters
    ----------
    workspace
        The workspace (it needs a baseline).
    travel
        Its travel matrices.
    scenario
        The scenario consulted on.

    Returns
    -------
    numpy.ndarray
        Families per area (0 where their base stays).
    """
    if workspace.baseline is None:
        return np.zeros(len(workspace.areas))
    _, site = nearest_base(travel.minutes["bus"], workspace.base_indices(workspace.baseline))
    kept = np.isin(site, workspace.base_indices(scenario))
    families = np.asarray(workspace.areas.families, dtype=np.float64)
    out: np.ndarray = np.where(kept, 0.0, families)
    return out


def representation(
    workspace: Workspace,
    response_areas: np.ndarray,
    affected: np.ndarray,
    *,
    shared: np.ndarray | None = None,
) -> list[Representation]:
    """Compare respondents with affected families in every breakdown the areas allow (car access aside).

    Parameters
    ----------
    workspace
        The workspace.
    response_areas
        The area position of each response (-1 when it could not be placed: left out).
    affected
        (n_areas,) affected families.
    shared
        (n_responses,) booleans: whether each response's comment is a shared text
        (:func:`hubplan.consult.shared.shared_mask`); they are counted as respondents all the same,
        and each group's count of them is kept beside.

    Returns
    -------
    list of Representation
        One per breakdown.
    """
    placed = response_areas[response_areas >= 0]
    counts = np.bincount(placed, minlength=len(workspace.areas)).astype(np.float64)
    sharing = np.zeros(len(workspace.areas))
    if shared is not None:
        both = (response_areas >= 0) & shared
        sharing = np.bincount(response_areas[both], minlength=len(workspace.areas)).astype(np.float64)
    families = np.asarray(workspace.areas.families, dtype=np.float64)
    out = []
    for b in area_breakdowns(workspace.areas, workspace.assumptions.region.districts):
        if b.name == "car_access":
            continue
        member = np.divide(b.weights, families, out=np.zeros_like(b.weights), where=families > 0)
        member = np.where(families > 0, member, 0.0)
        respondents = member @ counts
        affected_g = member @ affected
        with np.errstate(divide="ignore", invalid="ignore"):
            share_r = respondents / max(respondents.sum(), 1e-12)
            share_a = affected_g / max(affected_g.sum(), 1e-12)
            ratio = np.where(affected_g > 0, share_r / share_a, np.nan)
        out.append(Representation(b.name, b.labels, respondents, affected_g, ratio, member @ sharing))
    return out
