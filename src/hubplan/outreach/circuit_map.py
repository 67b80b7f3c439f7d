"""Maps of rounds as Vega-Lite specifications: each vehicle-day's path, depot to numbered stops and back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hubplan.outreach.circuits import Depot, Route, Stop

_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
"""Okabe and Ito's palette, readable with every common colour-vision deficiency (as the report's charts)."""


def _position(stops: Sequence[Stop], depots: Sequence[Depot]) -> dict[tuple[str, str], tuple[float, float]]:
    return {("stop", s.id): (s.lat, s.lon) for s in stops} | {("depot", d.id): (d.lat, d.lon) for d in depots}


def _padded(points: list[tuple[float, float]], share: float = 0.08) -> list[list[float]]:
    """Return the corners of the points' box widened by ``share`` a side (at least 0.01 degrees)."""
    if not points:
        return [[0.0, 0.0]]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    pad_lon = max((max(lons) - min(lons)) * share, 0.01)
    pad_lat = max((max(lats) - min(lats)) * share, 0.01)
    return [[min(lons) - pad_lon, min(lats) - pad_lat], [max(lons) + pad_lon, max(lats) + pad_lat]]


def rounds_map(
    routes: Sequence[Route],
    stops: Sequence[Stop],
    depots: Sequence[Depot],
    *,
    title: str,
    outlines: Sequence[dict[str, Any]] = (),
    numbered: bool = True,
    width: int = 360,
    height: int = 300,
) -> dict[str, Any]:
    """Map the paths of some vehicle-days: depot, stops in visiting order, back to the depot.

    Straight lines join the calls (the order, not the roads driven). The view fits the rounds' own
    calls; outlines (districts, neighbourhoods) are drawn behind, clipped to the view.

    Parameters
    ----------
    routes
        The vehicle-days to draw (one for a round's own map, all for an overview).
    stops, depots
        The places, for positions.
    title
        The map's title (drawn as text, escaped by the renderer; empty: none).
    outlines
        GeoJSON features drawn as grey outlines (e.g. the ``district`` layer of ``boundaries.geojson``).
    numbered
        Number each stop by its place in the round.
    width, height
        Pixels.

    Returns
    -------
    dict
        A Vega-Lite v5 specification with inline data (Mercator projection), for
        :func:`hubplan.report.charts.to_svg`.
    """
    where = _position(stops, depots)
    path: list[dict[str, Any]] = []
    calls: list[dict[str, Any]] = []
    homes: dict[str, dict[str, Any]] = {}
    for r, route in enumerate(routes):
        key = f"{route.vehicle} day {route.day}"
        depot_lat, depot_lon = where[("depot", route.depot)]
        homes[route.depot] = {"lat": depot_lat, "lon": depot_lon}
        points = [(depot_lat, depot_lon)] + [where[("stop", v.stop)] for v in route.visits]
        points.append((depot_lat, depot_lon))
        for k, (lat, lon) in enumerate(points):
            path.append({"route": key, "vehicle": route.vehicle, "k": r * 10_000 + k, "lat": lat, "lon": lon})
        for k, visit in enumerate(route.visits, start=1):
            lat, lon = where[("stop", visit.stop)]
            calls.append({"n": str(k), "vehicle": route.vehicle, "lat": lat, "lon": lon})
    vehicles = sorted({route.vehicle for route in routes})
    colour: dict[str, Any] = {
        "field": "vehicle",
        "type": "nominal",
        "title": "vehicle",
        "scale": {"domain": vehicles, "range": [_PALETTE[i % len(_PALETTE)] for i in range(len(vehicles))]},
    }
    if len(vehicles) <= 1:
        colour = {"value": _PALETTE[0]}
    at = {
        "longitude": {"field": "lon", "type": "quantitative"},
        "latitude": {"field": "lat", "type": "quantitative"},
    }
    extent = _padded([(p["lon"], p["lat"]) for p in path])
    layers: list[dict[str, Any]] = []
    if outlines:
        layers.append(
            {
                "data": {"values": list(outlines)},
                "mark": {
                    "type": "geoshape",
                    "filled": False,
                    "stroke": "#999999",
                    "strokeWidth": 0.6,
                    "clip": True,
                    "aria": False,
                },
            }
        )
    layers += [
        {
            "data": {"values": path},
            "mark": {"type": "line", "strokeWidth": 1.6, "clip": True},
            "encoding": {
                **at,
                "order": {"field": "k", "type": "quantitative"},
                "detail": {"field": "route"},
                "color": colour,
            },
        },
        {
            "data": {"values": calls},
            "mark": {"type": "circle", "size": 60 if numbered else 24, "opacity": 1, "clip": True},
            "encoding": {**at, "color": colour},
        },
        {
            "data": {"values": list(homes.values())},
            "mark": {
                "type": "point",
                "shape": "triangle-up",
                "size": 120,
                "filled": True,
                "color": "#000000",
                "clip": True,
            },
            "encoding": at,
        },
    ]
    if numbered:
        layers.append(
            {
                "data": {"values": calls},
                "mark": {"type": "text", "fontSize": 9, "dy": -9, "fontWeight": "bold", "color": "#111111"},
                "encoding": {**at, "text": {"field": "n"}},
            }
        )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        **({"title": title} if title else {}),
        "width": width,
        "height": height,
        "config": {"font": "DejaVu Sans", "view": {"stroke": "#cccccc"}},
        "projection": {
            "type": "mercator",
            "fit": {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "MultiPoint", "coordinates": extent},
            },
        },
        "layer": layers,
    }
