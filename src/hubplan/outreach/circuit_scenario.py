"""Propose mobile stops for the families a scenario leaves beyond reach, and depots at its bases."""

from __future__ import annotations

import numpy as np

from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.outreach.circuits import Depot, Stop
from hubplan.outreach.need import outreach_need
from hubplan.travel.matrix import TravelMatrix


def scenario_stops(
    workspace: Workspace,
    travel: TravelMatrix,
    scenario: Scenario,
    *,
    threshold_minutes: float | None = None,
) -> tuple[tuple[Stop, ...], tuple[Depot, ...]]:
    """Return a stop for each area with families beyond reach of the scenario's bases, and the bases.

    A stop is the area's position; its minutes are ``stop_minutes + stop_minutes_per_family x
    families beyond reach``, at most ``stop_max_minutes`` (``[circuits]`` in ``hubplan.toml``).
    Each base becomes a depot with ``vehicles_per_base`` vehicles.

    Parameters
    ----------
    workspace
        The workspace (areas, sites, assumptions).
    travel
        Its travel matrices (``bus`` and ``car``), for who is beyond reach.
    scenario
        The scenario whose bases are kept.
    threshold_minutes
        Farther than this from every base needs outreach (default ``outreach.threshold_minutes``).

    Returns
    -------
    tuple
        The stops (one per area in need, in area order) and the depots (one per base).
    """
    settings = workspace.assumptions.circuits
    threshold = threshold_minutes or workspace.assumptions.outreach_threshold
    bases = workspace.base_indices(scenario)
    needy = outreach_need(workspace, travel, bases, threshold).needy
    areas = workspace.areas
    stops = tuple(
        Stop(
            id=areas.ids[i],
            lat=float(areas.lat[i]),
            lon=float(areas.lon[i]),
            minutes=float(
                min(
                    settings.stop_max_minutes,
                    settings.stop_minutes + settings.stop_minutes_per_family * needy[i],
                )
            ),
            name=str(areas.name[i]) or areas.ids[i],
            community=str(areas.name[i]) or areas.ids[i],
        )
        for i in np.flatnonzero(needy > 1e-9)
    )
    sites = workspace.sites
    depots = tuple(
        Depot(sites.ids[b], float(sites.lat[b]), float(sites.lon[b]), settings.vehicles_per_base)
        for b in bases
    )
    return stops, depots
