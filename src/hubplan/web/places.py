"""Find places for the web map: named places (``places.csv``), postcode districts, sites and areas."""

from __future__ import annotations

from dataclasses import dataclass

from hubplan.data.points import PLACES_FILE, POSTCODE_DISTRICTS_FILE, load_points
from hubplan.data.workspace import Workspace


@dataclass(frozen=True)
class Place:
    """A named point."""

    name: str
    kind: str
    lat: float
    lon: float


def search_places(workspace: Workspace, query: str, *, limit: int = 10) -> list[Place]:
    """Return places whose name contains ``query`` (case-insensitive), names starting with it first.

    Parameters
    ----------
    workspace
        The workspace; its optional ``places.csv`` (``name,lat,lon``) adds towns and villages, and its
        optional ``postcode_districts.csv`` (``postcode_district,lat,lon``) postcode districts.
    query
        Part of a name, or a postcode (its district, the part before the space, is found).
    limit
        At most this many.

    Returns
    -------
    list of Place
        The postcode district a postcode is in, or else towns and villages, then sites, then areas.

    Raises
    ------
    InputError
        When ``places.csv`` or ``postcode_districts.csv`` has problems, each named by row.
    """
    q = query.strip().lower()
    candidates: list[Place] = []
    outward = q.split()[0].replace(" ", "").upper() if q.split() else ""
    districts = load_points(workspace.path, POSTCODE_DISTRICTS_FILE)
    if districts is not None and outward in districts.names:
        i = districts.names.index(outward)
        lat, lon = float(districts.lat[i]), float(districts.lon[i])
        return [Place(f"{outward} (postcode district)", "postcode", lat, lon)]
    towns = load_points(workspace.path, PLACES_FILE, region=workspace.assumptions.region)
    if towns is not None:
        candidates += [
            Place(name, "place", float(lat), float(lon))
            for name, lat, lon in zip(towns.names, towns.lat, towns.lon, strict=True)
        ]
    sites, areas = workspace.sites, workspace.areas
    candidates += [
        Place(str(sites.name[i]), str(sites.kind[i]), float(sites.lat[i]), float(sites.lon[i]))
        for i in range(len(sites))
    ]
    candidates += [
        Place(str(areas.name[i]), "area", float(areas.lat[i]), float(areas.lon[i])) for i in range(len(areas))
    ]
    hits = [p for p in candidates if q in p.name.lower()]
    hits.sort(key=lambda p: (not p.name.lower().startswith(q), len(p.name)))
    return hits[:limit]
