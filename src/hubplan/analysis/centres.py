"""The closing centres: whose nearest base each was and where they would go (comments: see consultation)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from hubplan.data.workspace import Workspace
from hubplan.evaluate.evaluation import Evaluation
from hubplan.evaluate.metrics import nearest_base
from hubplan.travel.matrix import TravelMatrix

MODES = (("car", "by car"), ("bus", "by bus"), ("walk", "on foot"))
"""The modes a centre's page speaks of, with their words."""


@dataclass(frozen=True)
class Move:
    """Where a closing centre's children would go under one scenario.

    Parameters
    ----------
    scenario, title
        The scenario's name and title.
    new_base
        The base most of them would have nearest by bus.
    destinations
        (base name, children) for every base they would have nearest by bus, most first.
    minutes_after, minutes_before
        Mode to the children-weighted mean minutes to the nearest base, after and before.
    """

    scenario: str
    title: str
    new_base: str
    destinations: tuple[tuple[str, float], ...]
    minutes_after: dict[str, float]
    minutes_before: dict[str, float]


@dataclass(frozen=True)
class CentreFacts:
    """What a centre's page shows.

    Parameters
    ----------
    id, name, district
        The centre.
    children
        Demand (children or families, as the areas count) whose nearest base by bus it was.
    areas
        Positions of those areas.
    moves
        One per reported scenario that closes it.
    """

    id: str
    name: str
    district: str
    children: float
    areas: tuple[int, ...]
    moves: tuple[Move, ...]


def closing_centres(workspace: Workspace, evaluations: list[Evaluation]) -> list[str]:
    """Return the ids of the baseline's centres that any reported scenario closes, in site order.

    Parameters
    ----------
    workspace
        The workspace.
    evaluations
        The reported scenarios.

    Returns
    -------
    list of str
        Site ids (none when the workspace has no baseline).
    """
    baseline = workspace.baseline
    if baseline is None:
        return []
    closing = {b for ev in evaluations for b in baseline.bases if b not in set(ev.bases)}
    return sorted(closing, key=lambda b: workspace.sites.index[b])


def centre_facts(
    workspace: Workspace, travel: TravelMatrix, evaluations: list[Evaluation]
) -> list[CentreFacts]:
    """Return, for every closing centre, its children and where they would go under each scenario.

    A centre's children are those in the areas whose nearest baseline base by bus it is. Under each
    scenario that closes it, their new base is the one most of them would have nearest by bus, and
    the minutes are children-weighted means of the minutes to the nearest base, by car, bus and on
    foot, against the minutes to the centre itself.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices (minutes).
    evaluations
        The reported scenarios.

    Returns
    -------
    list of CentreFacts
        One per closing centre, in site order.
    """
    baseline = workspace.baseline
    if baseline is None:
        return []
    _, served_by = nearest_base(travel.minutes["bus"], workspace.base_indices(baseline))
    demand = np.asarray(workspace.areas.families, dtype=np.float64)
    names = workspace.sites.name
    out = []
    for centre in closing_centres(workspace, evaluations):
        j = workspace.sites.index[centre]
        mine = served_by == j
        total = float(demand[mine].sum())
        moves = []
        for ev in evaluations:
            if centre in ev.bases or total <= 0:
                continue
            nearest = ev.modes["bus"].nearest_site[mine]
            where = Counter[str]()
            for site, n in zip(nearest.tolist(), demand[mine].tolist(), strict=True):
                where[str(names[site])] += n
            after = {m: float(demand[mine] @ ev.modes[m].nearest_minutes[mine] / total) for m, _ in MODES}
            before = {m: float(demand[mine] @ travel.minutes[m][mine, j] / total) for m, _ in MODES}
            new_base = Counter(names[nearest].tolist()).most_common(1)[0][0]
            destinations = tuple(sorted(where.items(), key=lambda kv: -kv[1]))
            moves.append(
                Move(ev.scenario.name, ev.scenario.title, str(new_base), destinations, after, before)
            )
        out.append(CentreFacts(centre, str(names[j]), str(workspace.sites.district[j]), total,
                               tuple(int(i) for i in np.flatnonzero(mine)), tuple(moves)))  # fmt: skip
    return out
