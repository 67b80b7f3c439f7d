"""Outlines drawn on a map: simplified to a quarter of a pixel of the map, properties and points kept."""

from __future__ import annotations

import math

import pytest

from hubplan.data.boundaries import drawn_outlines, map_tolerance_degrees


def test_the_tolerance_is_a_quarter_pixel_of_the_fitted_map() -> None:
    """A 1-degree square at the equator on a 400 x 400 map: 1/400 degree a pixel either way, so 1/1600.

    At latitude 60 (cos = 0.5) the same square is twice as tall as wide in Mercator: 2/400 degree of
    longitude a pixel, and half that of latitude, so the tolerance is 0.25 x 2/400 x 0.5 = 1/1600.
    """
    assert map_tolerance_degrees((0, -0.5, 1, 0.5), width_px=400, height_px=400) == pytest.approx(1 / 1600)
    at_60 = map_tolerance_degrees((0, 59.5, 1, 60.5), width_px=400, height_px=400)
    assert at_60 == pytest.approx(0.25 * (1 / math.cos(math.radians(60))) / 400 * math.cos(math.radians(60)))
    assert map_tolerance_degrees((0, 0, math.nan, 1), width_px=400, height_px=400) == 0.0


def test_straight_sides_lose_their_needless_points_and_the_rest_is_kept() -> None:
    """A square with 100 points on each side draws as its 4 corners (5 with the closing one); a place
    (a point) and a feature without geometry pass through; properties are kept."""
    side = 100
    corners = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
    ring = [
        [x0 + (x1 - x0) * k / side, y0 + (y1 - y0) * k / side]
        for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True)
        for k in range(side)
    ]
    square = {
        "type": "Feature",
        "properties": {"layer": "area", "id": "A1"},
        "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
    }
    place = {
        "type": "Feature",
        "properties": {"layer": "place", "name": "T"},
        "geometry": {"type": "Point", "coordinates": [0.5, 0.5]},
    }
    bare = {"type": "Feature", "properties": {"layer": "area", "id": "A2"}, "geometry": None}
    drawn, tolerance = drawn_outlines([square, place, bare], width_px=400, height_px=400)
    assert tolerance == pytest.approx(1 / 1600)  # 1 degree tall (over cos 0.5 deg) on 400 px: 1/400 x 0.25
    assert drawn[0]["properties"] == {"layer": "area", "id": "A1"}
    assert sorted(map(tuple, drawn[0]["geometry"]["coordinates"][0][:-1])) == sorted(corners)
    assert drawn[1] == place
    assert drawn[2] == bare
