"""Find places for the web map: named places (``places.csv``), postcode districts, sites and areas."""

from __future__ import annotations

import csv
from dataclasses import dataclass

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
        The postcode district a postcode is in, then towns and villages, sites and areas.
    """
    q = query.strip().lower()
    candidates: list[Place] = []
    outward = q.split()[0].upper() if q.split() else ""
    if workspace.path is not None and (workspace.path / "postcode_districts.csv").is_file():
        with (workspace.path / "postcode_districts.csv").open(encoding="utf-8") as handle:
            districts = [r for r in csv.DictReader(handle) if r["postcode_district"] == outward]
        if districts:
            row = districts[0]
            return [Place(f"{outward} (postcode district)", "postcode", float(row["lat"]), float(row["lon"]))]
    if workspace.path is not None and (workspace.path / "places.csv").is_file():
        with (workspace.path / "places.csv").open(encoding="utf-8") as handle:
            candidates += [
                Place(r["name"], "place", float(r["lat"]), float(r["lon"])) for r in csv.DictReader(handle)
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
