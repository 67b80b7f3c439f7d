"""The closing centres: whose nearest base each was and where they would go (comments: see .consultation).

One model, :class:`ClosingCentre`, serves the report's "Closing centres" table and each centre's own
page. A centre's users are those whose nearest base of the network today is it by the workspace's
access mode (``[evaluation] access_mode``), the same rule every other figure of access uses.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from hubplan.data.workspace import Workspace
from hubplan.evaluate.evaluation import Evaluation
from hubplan.evaluate.metrics import nearest_base
from hubplan.outreach.venues import candidate_venues
from hubplan.travel.matrix import TravelMatrix
from hubplan.travel.sites import site_minutes

MODES = (("car", "by car"), ("bus", "by bus"), ("walk", "on foot"))
"""The modes a closing centre's minutes are given for, in order, with their words."""

MODE_WORDS = dict(MODES)
"""Mode to its words ("by bus")."""


@dataclass(frozen=True)
class Move:
    """Where a closing centre's users would go under one scenario, and how far.

    Parameters
    ----------
    scenario, title
        The scenario's name and title.
    new_base
        The base most of them would have nearest by the access mode.
    destinations
        (base name, demand) for every base they would have nearest by the access mode, most first.
    minutes
        Mode (each of :data:`MODES`) to the demand-weighted mean minutes to the nearest base (after,
        before: the minutes to the centre itself).
    """

    scenario: str
    title: str
    new_base: str
    destinations: tuple[tuple[str, float], ...]
    minutes: dict[str, tuple[float, float]]


@dataclass(frozen=True)
class ClosingCentre:
    """A centre of the network today that some reported scenario closes.

    Parameters
    ----------
    id, name, district
        The centre.
    mode
        The access mode by which its users are those it is nearest to.
    demand
        Demand (children or families, as the areas count) in the areas whose nearest base of the
        network today it is by ``mode``.
    areas
        Positions of those areas.
    venue, venue_car_minutes
        Its nearest outreach venue by car and the minutes to it (``None`` without venues).
    moves
        One per reported scenario that closes it.
    """

    id: str
    name: str
    district: str
    mode: str
    demand: float
    areas: tuple[int, ...]
    venue: str | None
    venue_car_minutes: float | None
    moves: tuple[Move, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the row ``hubplan report --json`` prints under ``closing_centres``.

        Returns
        -------
        dict
            ``id``, ``name``, ``district``, ``demand``, ``venue``, ``venue_car_minutes`` and ``moves``
            (each ``scenario``, ``new_base`` and ``minutes``: mode to [after, before]).
        """
        return {
            "id": self.id,
            "name": self.name,
            "district": self.district,
            "demand": self.demand,
            "venue": self.venue,
            "venue_car_minutes": self.venue_car_minutes,
            "moves": [{"scenario": m.scenario, "new_base": m.new_base, "minutes": dict(m.minutes)}
                      for m in self.moves],
        }  # fmt: skip


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


def closing_centre_facts(
    workspace: Workspace, travel: TravelMatrix, evaluations: list[Evaluation]
) -> list[ClosingCentre]:
    """Return, for every closing centre, its users and where they would go under each scenario.

    A centre's users are those in the areas whose nearest baseline base by the access mode it is.
    Under each scenario that closes it, their new base is the one most of them would have nearest by
    the access mode, and the minutes are demand-weighted means of the minutes to the nearest base, by
    car, bus and on foot, against the minutes to the centre itself.

    Parameters
    ----------
    workspace
        The workspace (with a baseline; none gives no centres).
    travel
        Its travel matrices (minutes); site-to-venue minutes come from their source.
    evaluations
        The reported scenarios.

    Returns
    -------
    list of ClosingCentre
        One per closing centre, in site order.
    """
    baseline = workspace.baseline
    if baseline is None:
        return []
    mode = workspace.assumptions.evaluation.access_mode
    _, served_by = nearest_base(travel.minutes[mode], workspace.base_indices(baseline))
    demand = np.asarray(workspace.areas.families, dtype=np.float64)
    names = workspace.sites.name
    venues = candidate_venues(workspace)
    out = []
    for centre in closing_centres(workspace, evaluations):
        j = workspace.sites.index[centre]
        mine = served_by == j
        total = float(demand[mine].sum())
        venue, venue_minutes = None, None
        if len(venues):
            car = site_minutes(workspace, travel, np.array([j]), venues, "car")[0][0]
            k = int(np.argmin(car))
            venue, venue_minutes = str(names[venues[k]]), float(car[k])
        moves = []
        for ev in evaluations:
            if centre in ev.bases or total <= 0:
                continue
            nearest = ev.modes[mode].nearest_site[mine]
            where = Counter[str]()
            for site, n in zip(nearest.tolist(), demand[mine].tolist(), strict=True):
                where[str(names[site])] += n
            minutes = {
                m: (
                    float(demand[mine] @ ev.modes[m].nearest_minutes[mine] / total),
                    float(demand[mine] @ travel.minutes[m][mine, j] / total),
                )
                for m, _ in MODES
            }
            new_base = Counter(names[nearest].tolist()).most_common(1)[0][0]
            destinations = tuple(sorted(where.items(), key=lambda kv: -kv[1]))
            moves.append(Move(scenario=ev.scenario.name, title=ev.scenario.title, new_base=str(new_base),
                              destinations=destinations, minutes=minutes))  # fmt: skip
        out.append(
            ClosingCentre(
                id=centre,
                name=str(names[j]),
                district=str(workspace.sites.district[j]),
                mode=mode,
                demand=total,
                areas=tuple(int(i) for i in np.flatnonzero(mine)),
                venue=venue,
                venue_car_minutes=venue_minutes,
                moves=tuple(moves),
            )
        )
    return out
