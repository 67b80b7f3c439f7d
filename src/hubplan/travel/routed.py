"""Route a workspace's areas to its sites over an OpenStreetMap extract, cached by input hashes."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from hubplan import __version__
from hubplan.data.workspace import Workspace
from hubplan.travel.matrix import default_cache_dir, save_atomically
from hubplan.travel.network import read_network
from hubplan.travel.route import network_minutes
from hubplan.travel.stored import places_key, save_matrix

ROUTE_VERSION = "route-2"
"""Changes whenever routing's method changes, so old caches are not reused (2: capped at the walk)."""


@dataclass(frozen=True)
class RouteReport:
    """What routing one mode did, for the user.

    Parameters
    ----------
    mode
        ``"walk"`` or ``"car"``.
    nodes, edges
        The network's size.
    far_areas, far_sites
        (id, metres) of areas and sites farther than ``max_snap_m`` from the network.
    unreachable_share
        Share of area-site pairs longer than the cut-off (with no road path within it they count
        as the straight walk).
    cached
        Whether the minutes came from the cache.
    seconds
        Time taken.
    path
        The file written in the workspace.
    """

    mode: str
    nodes: int
    edges: int
    far_areas: tuple[tuple[str, float], ...]
    far_sites: tuple[tuple[str, float], ...]
    unreachable_share: float
    cached: bool
    seconds: float
    path: Path


def file_hash(path: Path) -> str:
    """Return the sha256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def route_workspace(
    workspace: Workspace,
    pbf_path: Path,
    mode: str,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> RouteReport:
    """Route every area to every site by ``mode`` and keep the minutes in ``travel/<mode>.npz``.

    The result is cached under a key made of the extract's hash, the areas' and sites'
    coordinates, the routing and travel settings and the method's version: a second run with the
    same inputs is instant, and a change to any of them routes again.

    Parameters
    ----------
    workspace
        The workspace (it must be a folder).
    pbf_path
        The ``.osm.pbf`` extract.
    mode
        ``"walk"`` or ``"car"``.
    progress
        Called as ``progress(done, total)`` while routing.

    Returns
    -------
    RouteReport
        What was done, including places far from the network.
    """
    started = time.perf_counter()
    settings = workspace.assumptions
    extract_hash = file_hash(pbf_path)
    key = hashlib.sha256(
        json.dumps(
            [
                ROUTE_VERSION,
                mode,
                extract_hash,
                places_key(workspace),
                settings.routing.model_dump(),
                settings.travel.model_dump(),
            ],
            sort_keys=True,
        ).encode()
    ).hexdigest()
    cache_dir = default_cache_dir(workspace)
    cache = cache_dir / f"routed-{mode}-{key[:24]}.npz" if cache_dir is not None else None
    network = read_network(pbf_path, mode, travel=settings.travel, routing=settings.routing)
    cached = cache is not None and cache.exists()
    if cached:
        with np.load(cache) as stored:  # type: ignore[arg-type]
            minutes = np.asfortranarray(stored[mode])
            area_m, site_m = stored["area_m"], stored["site_m"]
    else:
        areas = np.column_stack([workspace.areas.lat, workspace.areas.lon])
        sites = np.column_stack([workspace.sites.lat, workspace.sites.lon])
        minutes, from_areas, to_sites = network_minutes(
            network,
            areas,
            sites,
            travel=settings.travel,
            cutoff_minutes=settings.routing.cutoff_minutes,
            progress=progress,
        )
        area_m, site_m = from_areas.metres, to_sites.metres
        if cache is not None:
            save_atomically(cache, {mode: minutes, "area_m": area_m, "site_m": site_m})
    limit = settings.routing.max_snap_m
    provenance = {
        "command": f"hubplan travel {workspace.path} --network {pbf_path} --modes {mode}",
        "extract": str(pbf_path),
        "extract_sha256": extract_hash,
        "hubplan_version": __version__,
        "routing": settings.routing.model_dump(),
    }
    path = save_matrix(workspace, mode, minutes, "routed", provenance)
    return RouteReport(
        mode=mode,
        nodes=network.n_nodes,
        edges=len(network.tail),
        far_areas=tuple((workspace.areas.ids[i], float(area_m[i])) for i in np.flatnonzero(area_m > limit)),
        far_sites=tuple((workspace.sites.ids[j], float(site_m[j])) for j in np.flatnonzero(site_m > limit)),
        unreachable_share=float((~(minutes <= settings.routing.cutoff_minutes)).mean()),
        cached=cached,
        seconds=time.perf_counter() - started,
        path=path,
    )
