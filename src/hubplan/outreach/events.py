"""Consultation drop-in events near every closing centre: where, which day, which team."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.errors import InfeasibleError
from hubplan.optimise.set_cover import solve_set_cover
from hubplan.outreach.timetable import SLOTS
from hubplan.outreach.venues import candidate_venues
from hubplan.travel.matrix import TravelMatrix, build_travel
from hubplan.travel.sites import site_minutes

"""Every affected community should have an event within this many minutes by bus."""


@dataclass(frozen=True)
class Event:
    """A day of drop-in sessions at one venue.

    Parameters
    ----------
    date
        The day (ISO).
    venue
        The venue's site id.
    slots
        The two-hour slots that day.
    team
        The staff team (one per district; never two events on one day).
    centres
        Ids of the closing centres whose communities it serves.
    """

    date: str
    venue: str
    slots: tuple[str, ...]
    team: str
    centres: tuple[str, ...]


def plan_events(
    workspace: Workspace,
    scenario: Scenario,
    start: dt.date,
    end: dt.date,
    *,
    baseline: Scenario | None = None,
    minutes: float | None = None,
    travel: TravelMatrix | None = None,
) -> tuple[list[Event], list[str]]:
    """Propose drop-in events so every closing centre's community has one within ``minutes`` by bus.

    The closing centres are the baseline's bases that the scenario drops. The fewest venues put an
    event within reach of each (libraries first: any other outreach venue only where no library is
    in reach), by a set-covering model. Each event is a weekday with the three two-hour slots, run
    by its district's team, with no team at two events on one day.

    Parameters
    ----------
    workspace
        The workspace.
    scenario
        The plan being consulted on.
    start, end
        The consultation's first and last days.
    baseline
        What closes is measured against; default the workspace's baseline.
    minutes
        The reach of an event by bus; by default the access threshold (``[evaluation]``).
    travel
        The workspace's travel matrices (built when ``None``): bus minutes from a centre to a venue
        come from its source (:func:`hubplan.travel.sites.site_minutes`).

    Returns
    -------
    tuple
        The events in date order, and notes naming any community whose nearest venue is farther
        than ``minutes`` (it gets that venue).

    Raises
    ------
    InfeasibleError
        When there is no baseline, or the dates leave a team too few weekdays.
    """
    minutes = workspace.assumptions.evaluation.access if minutes is None else minutes
    travel = travel or build_travel(workspace)
    before = baseline or workspace.baseline
    if before is None:
        msg = (
            "no network today, so no centre closes: give the council's current centres (hubplan init "
            "--current, or mark sites current in sites.csv) or set [evaluation].baseline in hubplan.toml"
        )
        raise InfeasibleError(msg)
    closing = [workspace.sites.index[b] for b in before.bases if b not in set(scenario.bases)]
    if not closing:
        return [], []
    venues = candidate_venues(workspace)
    if len(venues) == 0:  # nowhere to hold an event: every closing centre's community goes without
        return [], [f"{workspace.sites.ids[c]}: no venue can host an event" for c in closing]
    bus, _ = site_minutes(workspace, travel, np.asarray(closing), venues, "bus")
    reach = bus <= minutes
    notes = []
    for i in np.flatnonzero(~reach.any(axis=1)):
        # No venue within reach: the nearest one will do, and the notes say how far it is.
        k = int(np.argmin(bus[i]))
        reach[i, k] = True
        notes.append(
            f"{workspace.sites.ids[closing[i]]}: the nearest venue, {workspace.sites.ids[venues[k]]}, "
            f"is {bus[i, k]:.0f} minutes by bus"
        )
    is_library = workspace.sites.kind[venues].astype(str) == "library"
    cost = np.where(is_library, 1.0, 10.0) + 1e-3 * bus.min(axis=0) / 60
    chosen = venues[solve_set_cover(sp.csr_array(reach), cost)]
    served: dict[int, list[str]] = {int(v): [] for v in chosen}
    for row, centre in enumerate(closing):
        options = [k for k, v in enumerate(venues.tolist()) if v in served and reach[row, k]]
        best = min(options, key=lambda k: float(bus[row, k]))
        served[int(venues[best])].append(workspace.sites.ids[centre])

    weekdays = [start + dt.timedelta(days=d) for d in range((end - start).days + 1)]
    weekdays = [d for d in weekdays if d.weekday() < 5]
    teams: dict[str, list[int]] = {}
    for v in sorted(served, key=lambda v: (str(workspace.sites.district[v]), workspace.sites.ids[v])):
        teams.setdefault(str(workspace.sites.district[v]), []).append(v)
    events = []
    for team, team_venues in teams.items():
        if len(team_venues) > len(weekdays):
            msg = (
                f"{team} needs {len(team_venues)} event days but {start} to {end} has only {len(weekdays)} "
                "weekdays: widen the dates"
            )
            raise InfeasibleError(msg)
        # Spread a team's events evenly over the window.
        picks = np.linspace(0, len(weekdays) - 1, len(team_venues)).round().astype(int)
        for day, v in zip(picks, team_venues, strict=True):
            events.append(
                Event(weekdays[day].isoformat(), workspace.sites.ids[v], SLOTS, team, tuple(served[v]))
            )
    return sorted(events, key=lambda e: (e.date, e.team)), notes
