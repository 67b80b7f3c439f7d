"""Road and path networks as plain arrays: read from an OpenStreetMap extract, with minutes on every edge."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from hubplan.data.assumptions import Routing, Travel
from hubplan.errors import InputError, ParameterError, Problem
from hubplan.modes import Mode

NETWORK_TYPES: dict[str, str] = {Mode.WALK: "walking", Mode.CAR: "driving"}
"""The pyrosm network read for each routable mode (bus is not routed offline)."""

_MPH = 1.609344


@dataclass(frozen=True, eq=False)
class Network:
    """A directed network: node coordinates and edges with minutes.

    Parameters
    ----------
    lat, lon
        (n_nodes,) node coordinates (degrees).
    tail, head
        (n_edges,) node positions of each directed edge.
    minutes
        (n_edges,) minutes to travel it.
    mode
        ``"walk"`` or ``"car"``.
    """

    lat: np.ndarray
    lon: np.ndarray
    tail: np.ndarray
    head: np.ndarray
    minutes: np.ndarray
    mode: str

    @property
    def n_nodes(self) -> int:
        """How many nodes."""
        return len(self.lat)


def parse_maxspeed(value: object) -> float:
    """Return km/h from an OSM ``maxspeed`` tag (``"50"``, ``"30 mph"``, ``"50;30"``), or NaN.

    Parameters
    ----------
    value
        The tag's value.

    Returns
    -------
    float
        km/h; NaN when absent or not a number (``"signals"``, ``"GB:nsl_single"``).

    Examples
    --------
    >>> parse_maxspeed("30 mph"), parse_maxspeed("50"), parse_maxspeed("none")
    (48.28032, 50.0, nan)
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return float("nan")
    text = str(value).strip().lower()
    match = re.match(r"^(\d+(?:\.\d+)?)\s*(mph|km/h|kmh|kph)?", text)
    if not match:
        return float("nan")
    speed = float(match[1])
    return speed * _MPH if match[2] == "mph" else speed


def edge_minutes(
    length_m: np.ndarray,
    highway: np.ndarray,
    maxspeed: np.ndarray,
    mode: str,
    *,
    travel: Travel,
    routing: Routing,
) -> np.ndarray:
    """Return minutes for each edge: length over speed.

    Walking uses the walk speed everywhere. A car uses ``maxspeed_factor`` of the tagged maxspeed,
    or else the highway class's speed from ``car_speeds_kph`` (``default_car_kph`` for other classes).

    Parameters
    ----------
    length_m
        Edge lengths (metres).
    highway
        OSM highway class per edge.
    maxspeed
        OSM maxspeed tag per edge.
    mode
        ``"walk"`` or ``"car"``.
    travel, routing
        Speeds.

    Returns
    -------
    numpy.ndarray
        Minutes per edge.
    """
    km = np.asarray(length_m, dtype=np.float64) / 1000.0
    if mode == Mode.WALK:
        kph = np.full(len(km), travel.walk.speed_kph)
    else:
        tagged = np.array([parse_maxspeed(v) for v in maxspeed]) * routing.maxspeed_factor
        by_class = np.array([routing.car_speeds_kph.get(str(h), routing.default_car_kph) for h in highway])
        kph = np.where(np.isfinite(tagged) & (tagged > 0), tagged, by_class)
    minutes: np.ndarray = km / kph * 60.0
    return minutes


def read_network(
    pbf_path: Path, mode: str, *, travel: Travel | None = None, routing: Routing | None = None
) -> Network:
    """Read the walking or driving network of an OpenStreetMap extract with pyrosm.

    Car edges follow ``oneway`` (``yes``/``true``/``1`` one way, ``-1`` the other way); walking
    edges go both ways.

    Parameters
    ----------
    pbf_path
        A ``.osm.pbf`` extract.
    mode
        ``"walk"`` or ``"car"``.
    travel, routing
        Speeds; the defaults when ``None``.

    Returns
    -------
    Network
        Nodes and directed edges with minutes.

    Raises
    ------
    InputError
        When the file is missing, unreadable, or has no network of that kind.
    """
    if mode not in NETWORK_TYPES:
        raise ParameterError(
            "mode", expected=f"one of {', '.join(NETWORK_TYPES)} (bus is not routed offline)", found=mode
        )
    path = Path(pbf_path)
    if not path.is_file():
        raise InputError(
            [Problem(str(path), None, None, "an OpenStreetMap extract (.osm.pbf)", "no such file")]
        )
    import pyrosm

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nodes, edges = pyrosm.OSM(str(path)).get_network(network_type=NETWORK_TYPES[mode], nodes=True)
    except Exception as exc:  # pyrosm raises a variety of errors for files it cannot parse
        raise InputError([Problem(path.name, None, None, "a readable .osm.pbf extract", str(exc))]) from None
    if edges is None or nodes is None or len(edges) == 0:
        raise InputError(
            [Problem(path.name, None, None, f"a {NETWORK_TYPES[mode]} network", "no roads or paths")]
        )
    node_ids = nodes["id"].to_numpy()
    order = np.argsort(node_ids)
    u = order[np.searchsorted(node_ids[order], edges["u"].to_numpy())]
    v = order[np.searchsorted(node_ids[order], edges["v"].to_numpy())]
    minutes = edge_minutes(
        edges["length"].to_numpy(),
        edges["highway"].astype(str).to_numpy(),
        edges["maxspeed"].to_numpy() if "maxspeed" in edges else np.full(len(edges), None),
        mode,
        travel=travel or Travel(),
        routing=routing or Routing(),
    )
    if mode == Mode.WALK:
        forward = backward = np.ones(len(edges), dtype=bool)
    else:
        oneway = (
            edges["oneway"].astype(str).str.lower().to_numpy()
            if "oneway" in edges
            else np.full(len(edges), "")
        )
        forward = oneway != "-1"
        backward = ~np.isin(oneway, ["yes", "true", "1"])
    tail = np.concatenate([u[forward], v[backward]])
    head = np.concatenate([v[forward], u[backward]])
    return Network(
        lat=nodes["lat"].to_numpy(dtype=np.float64),
        lon=nodes["lon"].to_numpy(dtype=np.float64),
        tail=tail.astype(np.int64),
        head=head.astype(np.int64),
        minutes=np.concatenate([minutes[forward], minutes[backward]]),
        mode=mode,
    )
