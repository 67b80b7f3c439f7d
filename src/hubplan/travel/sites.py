"""Minutes between sites (a base to a venue, a closing centre to an event) from the workspace's travel source.

Staff journeys, venue reach and consultation events need minutes from site to site, and they must
come from the same place as every other minute: where a mode's area x site minutes are routed or
imported, a journey from a site is read from the row of the area nearest that site (the site's own
neighbourhood), so routed roads and imported timetables reach outreach costs too. Where they are
estimated, the estimate is taken between the sites' own positions.
"""

from __future__ import annotations

import numpy as np

from hubplan.data.workspace import Workspace
from hubplan.modes import Mode
from hubplan.travel.estimate import estimate_minutes
from hubplan.travel.geodesic import great_circle_matrix_km
from hubplan.travel.matrix import TravelMatrix


def nearest_area(workspace: Workspace, sites: np.ndarray) -> np.ndarray:
    """Return the position of the area nearest each site (great-circle distance).

    Parameters
    ----------
    workspace
        The workspace.
    sites
        Site positions (int).

    Returns
    -------
    numpy.ndarray
        int64 area positions, one per site given.
    """
    points = np.column_stack([workspace.sites.lat[sites], workspace.sites.lon[sites]])
    areas = np.column_stack([workspace.areas.lat, workspace.areas.lon])
    out = np.empty(len(sites), dtype=np.int64)
    for start in range(0, len(sites), 512):
        km = great_circle_matrix_km(points[start : start + 512], areas)
        out[start : start + 512] = np.argmin(km, axis=1)
    return out


def site_minutes(
    workspace: Workspace, travel: TravelMatrix, origins: np.ndarray, destinations: np.ndarray, mode: str
) -> tuple[np.ndarray, str]:
    """Return minutes from each origin site to each destination site by ``mode``, and their source.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices (:func:`hubplan.travel.build_travel`).
    origins, destinations
        Site positions (int).
    mode
        ``"walk"``, ``"car"`` or ``"bus"``.

    Returns
    -------
    tuple
        (len(origins), len(destinations)) float64 minutes (0 from a site to itself), and the source:
        ``"estimated"``, or ``"routed"``/``"imported"`` (read from the origin's nearest area).
    """
    origins = np.asarray(origins, dtype=np.int64)
    destinations = np.asarray(destinations, dtype=np.int64)
    source = travel.sources[mode]
    if source == "estimated":
        points = np.column_stack([workspace.sites.lat, workspace.sites.lon])
        area = nearest_area(workspace, origins)
        minutes = estimate_minutes(
            points[origins],
            points[destinations],
            mode,
            assumptions=workspace.assumptions.travel,
            origin_rurality=workspace.areas.rurality[area] if mode == Mode.BUS else None,
        ).astype(np.float64)
    else:
        area = nearest_area(workspace, origins)
        minutes = np.asarray(travel.minutes[mode], dtype=np.float64)[np.ix_(area, destinations)]
    minutes[origins[:, None] == destinations[None, :]] = 0.0
    return minutes, source
