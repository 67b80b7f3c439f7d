"""Shortest-path minutes over a network: snap points to it, then multi-source Dijkstra with a cut-off.

The engine is scipy's compiled Dijkstra (``scipy.sparse.csgraph.dijkstra``) run once from every
destination over the reversed graph, limited to the cut-off: ``bench/travel.py`` measures it
against pandana's contraction hierarchies and networkx on the same network.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

from hubplan.data.assumptions import Routing, Travel
from hubplan.modes import Mode
from hubplan.travel.estimate import estimate_minutes
from hubplan.travel.geodesic import EARTH_RADIUS_KM
from hubplan.travel.network import Network, read_network

_CHUNK = 64


@dataclass(frozen=True, eq=False)
class Snapped:
    """Points placed on the network.

    Parameters
    ----------
    node
        (n,) the nearest node of the network's largest strongly connected part.
    metres
        (n,) straight-line distance from each point to it.
    """

    node: np.ndarray
    metres: np.ndarray


def graph_of(network: Network) -> sp.csr_array:
    """Return the network as a sparse (n_nodes, n_nodes) matrix of minutes (the fastest of parallel edges).

    Parameters
    ----------
    network
        The network.

    Returns
    -------
    scipy.sparse.csr_array
        ``graph[tail, head] = minutes``.
    """
    n = network.n_nodes
    # Keep the quickest of parallel edges; a zero-minute edge gets a tiny weight so it stays an edge.
    minutes = np.maximum(network.minutes, 1e-9)
    order = np.lexsort((minutes, network.head, network.tail))
    tail, head, minutes = network.tail[order], network.head[order], minutes[order]
    first = np.ones(len(tail), dtype=bool)
    first[1:] = (tail[1:] != tail[:-1]) | (head[1:] != head[:-1])
    return sp.csr_array((minutes[first], (tail[first], head[first])), shape=(n, n))


def _xyz(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return (
        EARTH_RADIUS_KM
        * 1000
        * np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])
    )


def snap(network: Network, graph: sp.csr_array, points: np.ndarray) -> Snapped:
    """Snap (n, 2) latitude/longitude points to the nearest node of the largest strongly connected part.

    Snapping only to that part means every snapped point can reach, and be reached from, every
    other: a point is never stranded on a cul-de-sac of one-way streets.

    Parameters
    ----------
    network
        The network.
    graph
        Its matrix, from :func:`graph_of`.
    points
        (n, 2) latitude, longitude.

    Returns
    -------
    Snapped
        Nodes and snapping distances (metres).
    """
    _, labels = connected_components(graph, directed=True, connection="strong")
    largest = np.flatnonzero(labels == np.bincount(labels).argmax())
    tree = cKDTree(_xyz(network.lat[largest], network.lon[largest]))
    metres, k = tree.query(_xyz(points[:, 0], points[:, 1]))
    return Snapped(largest[k], np.asarray(metres, dtype=np.float64))


def network_minutes(
    network: Network,
    origins: np.ndarray,
    destinations: np.ndarray,
    *,
    travel: Travel | None = None,
    cutoff_minutes: float = np.inf,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[np.ndarray, Snapped, Snapped]:
    """Return origin x destination minutes over a network, with the snapping of both ends.

    ``minutes = access_minutes + walk to the network + shortest path + walk from the network``:
    each snapping distance is walked at the walk speed (straight line times the walk circuity), and
    the mode's fixed ``access_minutes`` is added once. Two caps keep this honest:

    - no pair takes longer than walking the straight line between its two points (the estimated
      walk minutes of :func:`hubplan.travel.estimate_minutes`): two points snapped to the same node
      (or to nodes far from both) would otherwise walk to the network and back;
    - a point to itself (the same coordinates) costs only the mode's fixed ``access_minutes`` (or
      the walk's, when that is less).

    Points far from the network are not corrected beyond that: :func:`far_from_network` lists them
    so they can be reported.

    Parameters
    ----------
    network
        The network.
    origins, destinations
        (n, 2) and (m, 2) latitude, longitude.
    travel
        Speeds; the defaults when ``None``.
    cutoff_minutes
        Paths longer than this are not followed (the search stops there): such pairs get the
        straight walk.
    progress
        Called as ``progress(destinations_done, destinations_total)``.

    Returns
    -------
    tuple
        (n, m) float32 minutes (Fortran order; never more than the straight walk), and the snapping
        of origins and of destinations.
    """
    speeds = travel or Travel()
    origins = np.asarray(origins, dtype=np.float64)
    destinations = np.asarray(destinations, dtype=np.float64)
    graph = graph_of(network)
    from_nodes = snap(network, graph, origins)
    to_nodes = snap(network, graph, destinations)
    unique, inverse = np.unique(to_nodes.node, return_inverse=True)
    reverse = graph.T.tocsr()
    walk_per_m = speeds.walk.circuity / (speeds.walk.speed_kph * 1000) * 60
    access = getattr(speeds, network.mode).access_minutes
    origin_walk = from_nodes.metres * walk_per_m
    out = np.empty((len(from_nodes.node), len(to_nodes.node)), dtype=np.float32, order="F")
    for start in range(0, len(unique), _CHUNK):
        # Dijkstra from each destination over the reversed graph: minutes from every node to it.
        block = unique[start : start + _CHUNK]
        paths = dijkstra(reverse, directed=True, indices=block, limit=cutoff_minutes)[:, from_nodes.node]
        for j in np.flatnonzero((inverse >= start) & (inverse < start + len(block))):
            row = paths[inverse[j] - start]
            out[:, j] = np.where(
                row <= cutoff_minutes, row + origin_walk + to_nodes.metres[j] * walk_per_m + access, np.inf
            )
        if progress is not None:
            progress(min(start + _CHUNK, len(unique)), len(unique))
    # A point to itself costs only the fixed minutes; nothing takes longer than the straight walk.
    np.minimum(out, estimate_minutes(origins, destinations, Mode.WALK, assumptions=speeds), out=out)
    same = np.all(origins[:, None, :] == destinations[None, :, :], axis=2)
    out[same] = np.float32(min(access, speeds.walk.access_minutes))
    return out, from_nodes, to_nodes


def far_from_network(
    snapped: Snapped, ids: list[str] | tuple[str, ...], max_snap_m: float
) -> tuple[tuple[str, float], ...]:
    """Return the ``(id, metres)`` of the points snapped farther than ``max_snap_m`` from the network.

    Parameters
    ----------
    snapped
        Where the points were snapped, from :func:`snap` or :func:`network_minutes`.
    ids
        The points' ids, in the same order.
    max_snap_m
        The distance beyond which a point is reported (metres).

    Returns
    -------
    tuple of (str, float)
        Id and snapping distance (metres) of each far point, in input order.
    """
    return tuple((str(ids[i]), float(snapped.metres[i])) for i in np.flatnonzero(snapped.metres > max_snap_m))


def route_matrix(
    pbf_path: str | Path, origins: np.ndarray, destinations: np.ndarray, mode: str
) -> np.ndarray:
    """Return origin x destination minutes by shortest paths over an OpenStreetMap extract.

    Parameters
    ----------
    pbf_path
        The ``.osm.pbf`` extract.
    origins, destinations
        (n, 2) and (m, 2) arrays of latitude, longitude.
    mode
        ``"walk"`` or ``"car"``.

    Returns
    -------
    numpy.ndarray
        (n_origins, n_destinations) float32 minutes with the default assumptions, never more
        than walking the straight line (see :func:`network_minutes`).

    Raises
    ------
    InputError
        When the extract cannot be read.
    """
    routing = Routing()
    network = read_network(Path(pbf_path), mode, routing=routing)
    minutes, _, _ = network_minutes(network, origins, destinations, cutoff_minutes=routing.cutoff_minutes)
    return minutes
