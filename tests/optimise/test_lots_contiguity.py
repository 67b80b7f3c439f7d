"""Which areas touch: rook contiguity from outlines, corners not enough, islands joined, no outline triangulated."""

from __future__ import annotations

from typing import Any

import numpy as np

from hubplan.optimise.contiguity import adjacency, grid_adjacency, is_connected


def _square(x: float, y: float, size: float = 0.01) -> dict[str, Any]:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_rook_needs_a_shared_border_and_islands_are_bridged() -> None:
    """A and B share an edge; C touches B at a corner only; D is an island 0.1 degrees east.

    Rook: A-B only. C and D are then pieces of their own, the smaller (C, first by label) joined first.
    At 52 degrees north a degree of longitude is about 68.5 km and of latitude 110.6 km. C (centre
    0.025 E, 0.015 N) is 1.3 km from B (0.015, 0.005): joined to B. Then D (0.105, 0.005) is
    sqrt(5.48^2 + 1.11^2) = 5.6 km from C, but 6.2 km from B: joined to C.
    """
    ids = ("A", "B", "C", "D")
    outlines = {
        "A": _square(0.0, 0.0),
        "B": _square(0.01, 0.0),
        "C": _square(0.02, 0.01),
        "D": _square(0.1, 0.0),
    }
    lat = np.array([0.005, 0.005, 0.015, 0.005]) + 52.0
    lon = np.array([0.005, 0.015, 0.025, 0.105])
    adj = adjacency(ids, lat, lon, outlines)
    assert adj.neighbours[0].tolist() == [1]
    assert adj.bridges == ((1, 2), (2, 3))
    assert adj.without_outline == 0
    assert is_connected(range(4), adj.neighbours)


def test_areas_without_outlines_take_triangulated_neighbours() -> None:
    """With no outlines at all, three areas in a triangle are each other's neighbours."""
    adj = adjacency(("a", "b", "c"), np.array([52.0, 52.0, 52.01]), np.array([1.0, 1.01, 1.005]))
    assert [ns.tolist() for ns in adj.neighbours] == [[1, 2], [0, 2], [0, 1]]
    assert adj.without_outline == 3
    assert adj.bridges == ()


def test_grid_and_connectivity() -> None:
    """A 2 x 3 grid: cell 1 touches 0, 2 and 4; {0, 2} is two pieces, {0, 1, 2} one."""
    adj = grid_adjacency(2, 3)
    assert adj.neighbours[1].tolist() == [0, 2, 4]
    assert len(adj.edges) == 7
    assert not is_connected([0, 2], adj.neighbours)
    assert is_connected([0, 1, 2], adj.neighbours)
