"""Which areas touch: rook contiguity from the areas' outlines, with islands joined to their nearest area.

Two areas are neighbours when their outlines share a stretch of border (rook contiguity: a shared
edge of positive length; touching at a single corner is not enough, so a lot never hangs together by
a point). An area with no outline (a workspace without ``boundaries.geojson``, or an area not among
its outlines) takes its neighbours from a Delaunay triangulation of the area positions instead. When
the graph still falls into pieces (an island, an outline cut off by an estuary) each piece is joined
to the nearest area of another by a *bridge*, so that every area can belong to a contiguous lot; the
bridges are listed so the output can say so.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

RULE = "rook"
"""The contiguity rule: areas are neighbours when they share a border of positive length."""


@dataclass(frozen=True, eq=False)
class Adjacency:
    """The neighbours of each area.

    Parameters
    ----------
    neighbours
        For each area (in the workspace's order) the sorted positions of its neighbours.
    rule
        ``"rook"`` (shared border) for outlines; areas without one use a Delaunay triangulation.
    bridges
        Pairs of positions joined because the graph was otherwise in pieces (islands).
    without_outline
        How many areas had no outline (their neighbours come from the triangulation).
    """

    neighbours: tuple[np.ndarray, ...]
    rule: str = RULE
    bridges: tuple[tuple[int, int], ...] = ()
    without_outline: int = 0

    def __len__(self) -> int:
        return len(self.neighbours)

    @property
    def edges(self) -> np.ndarray:
        """Return every neighbouring pair once, as an (n_edges, 2) int array with ``i < j``."""
        pairs = [(i, int(j)) for i, ns in enumerate(self.neighbours) for j in ns if i < j]
        return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def project_km(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Return area positions as (n, 2) kilometres east and north on a local flat projection.

    Parameters
    ----------
    lat, lon
        Degrees.

    Returns
    -------
    numpy.ndarray
        Kilometres from the mean position (equirectangular at the mean latitude: within 0.5% over a
        county).
    """
    lat = np.asarray(lat, dtype=np.float64)
    lon = np.asarray(lon, dtype=np.float64)
    lat0 = float(lat.mean()) if len(lat) else 0.0
    x = (lon - lon.mean()) * 111.32 * np.cos(np.radians(lat0)) if len(lon) else lon
    y = (lat - lat0) * 110.57
    return np.column_stack([x, y])


def _from_pairs(n: int, pairs: Iterable[tuple[int, int]]) -> list[set[int]]:
    out: list[set[int]] = [set() for _ in range(n)]
    for i, j in pairs:
        if i != j:
            out[i].add(j)
            out[j].add(i)
    return out


def _delaunay_pairs(xy: np.ndarray) -> list[tuple[int, int]]:
    n = len(xy)
    if n < 2:
        return []
    if n == 2:
        return [(0, 1)]
    from scipy.spatial import Delaunay, QhullError

    try:
        triangles = Delaunay(xy).simplices
    except QhullError:  # all positions on a line: join each to the next along it
        order = np.lexsort((xy[:, 1], xy[:, 0]))
        return [(int(a), int(b)) for a, b in itertools.pairwise(order)]
    return [(int(t[a]), int(t[b])) for t in triangles for a, b in ((0, 1), (1, 2), (0, 2))]


def _join_pieces(links: list[set[int]], xy: np.ndarray) -> list[tuple[int, int]]:
    """Join the graph's pieces, each to the nearest area outside it, until it is one piece."""
    n = len(links)
    bridges: list[tuple[int, int]] = []
    while True:
        rows = [i for i, ns in enumerate(links) for _ in ns]
        cols = [j for ns in links for j in ns]
        graph = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        count, label = connected_components(graph, directed=False)
        if count <= 1:
            return bridges
        # The smallest piece first (ties: the lowest label) joins its nearest outside area.
        sizes = np.bincount(label)
        piece = int(np.argmin(sizes))
        inside = np.flatnonzero(label == piece)
        outside = np.flatnonzero(label != piece)
        d = np.linalg.norm(xy[inside][:, None, :] - xy[outside][None, :, :], axis=2)
        a, b = np.unravel_index(int(np.argmin(d)), d.shape)
        i, j = int(inside[a]), int(outside[b])
        links[i].add(j)
        links[j].add(i)
        bridges.append((min(i, j), max(i, j)))


def adjacency(
    ids: Sequence[str],
    lat: np.ndarray,
    lon: np.ndarray,
    outlines: Mapping[str, dict[str, Any]] | None = None,
) -> Adjacency:
    """Return which areas touch (rook contiguity), joining islands so the whole is one piece.

    Parameters
    ----------
    ids
        Area ids, in the workspace's order.
    lat, lon
        Area positions (degrees): for areas without an outline, and to join islands.
    outlines
        Area id to its GeoJSON geometry (``Polygon`` or ``MultiPolygon``); areas missing from it
        (or all, when ``None``) take neighbours from a Delaunay triangulation of the positions.

    Returns
    -------
    Adjacency
        Each area's neighbours, the bridges added and how many areas had no outline.
    """
    import shapely
    from shapely.geometry import shape

    n = len(ids)
    xy = project_km(lat, lon)
    outlines = outlines or {}
    have = [i for i, a in enumerate(ids) if a in outlines]
    pairs: list[tuple[int, int]] = []
    if have:
        geoms = [shape(outlines[ids[i]]) for i in have]
        tree = shapely.STRtree(geoms)
        left, right = tree.query(geoms, predicate="intersects")
        for a, b in zip(left.tolist(), right.tolist(), strict=True):
            if a < b and geoms[a].boundary.intersection(geoms[b].boundary).length > 0:
                pairs.append((have[a], have[b]))
    missing = [i for i in range(n) if ids[i] not in outlines]
    if missing:
        # Areas without an outline join the triangulation of every position (their own links only).
        lonely = set(missing)
        pairs += [(i, j) for i, j in _delaunay_pairs(xy) if i in lonely or j in lonely]
    links = _from_pairs(n, pairs)
    bridges = _join_pieces(links, xy) if n > 1 else []
    return Adjacency(
        neighbours=tuple(np.array(sorted(ns), dtype=np.int64) for ns in links),
        bridges=tuple(bridges),
        without_outline=len(missing),
    )


def grid_adjacency(rows: int, cols: int) -> Adjacency:
    """Return the rook adjacency of a ``rows`` by ``cols`` grid of cells, numbered row by row.

    Parameters
    ----------
    rows, cols
        The grid's size (cells).

    Returns
    -------
    Adjacency
        Each cell's neighbours above, below, left and right.
    """
    pairs = [(r * cols + c, r * cols + c + 1) for r in range(rows) for c in range(cols - 1)]
    pairs += [(r * cols + c, (r + 1) * cols + c) for r in range(rows - 1) for c in range(cols)]
    links = _from_pairs(rows * cols, pairs)
    return Adjacency(neighbours=tuple(np.array(sorted(ns), dtype=np.int64) for ns in links))


def is_connected(members: Iterable[int], neighbours: Sequence[np.ndarray]) -> bool:
    """Return whether a set of areas is one piece through neighbouring areas of the set.

    Parameters
    ----------
    members
        Area positions.
    neighbours
        Each area's neighbours (:attr:`Adjacency.neighbours`).

    Returns
    -------
    bool
        ``True`` for one piece (and for an empty set).
    """
    inside = set(members)
    if not inside:
        return True
    start = next(iter(inside))
    seen = {start}
    queue = deque([start])
    while queue:
        for j in neighbours[queue.popleft()]:
            k = int(j)
            if k in inside and k not in seen:
                seen.add(k)
                queue.append(k)
    return len(seen) == len(inside)
