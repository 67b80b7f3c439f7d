"""Routed and imported minutes kept in the workspace (``travel/<mode>.npz``), checked against its places."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from hubplan.data.workspace import Workspace
from hubplan.errors import InputError, Problem
from hubplan.files import write_atomically

FOLDER = "travel"
"""The workspace folder that holds routed and imported matrices."""


def places_key(workspace: Workspace) -> str:
    """Return a hash of the areas' and sites' ids and coordinates: a stored matrix is valid only for these."""
    h = hashlib.sha256()
    for ids in (workspace.areas.ids, workspace.sites.ids):
        h.update("\x1f".join(ids).encode())
    for array in (workspace.areas.lat, workspace.areas.lon, workspace.sites.lat, workspace.sites.lon):
        h.update(np.ascontiguousarray(array, dtype=np.float64).tobytes())
    return h.hexdigest()


def save_matrix(
    workspace: Workspace, mode: str, minutes: np.ndarray, source: str, provenance: dict[str, Any]
) -> Path:
    """Write one mode's minutes to ``travel/<mode>.npz`` atomically.

    Parameters
    ----------
    workspace
        The workspace (must have a folder).
    mode
        ``"walk"``, ``"car"`` or ``"bus"``.
    minutes
        (n_areas, n_sites) minutes (``inf`` unreachable).
    source
        ``"routed"`` or ``"imported"``.
    provenance
        Where the minutes came from (file, its hash, settings), kept with them.

    Returns
    -------
    Path
        The file written.
    """
    assert workspace.path is not None, "a stored matrix needs a workspace folder"
    folder = workspace.path / FOLDER
    folder.mkdir(exist_ok=True)
    target = folder / f"{mode}.npz"
    arrays = {
        "minutes": np.asarray(minutes, dtype=np.float32),
        "source": np.array(source),
        "places": np.array(places_key(workspace)),
        "provenance": np.array(json.dumps(provenance, sort_keys=True)),
    }
    write_atomically(target, lambda handle: np.savez(handle, **arrays))  # type: ignore[arg-type]
    return target


def load_matrices(workspace: Workspace) -> dict[str, tuple[np.ndarray, str]]:
    """Return the stored routed or imported matrices of a workspace, by mode.

    Parameters
    ----------
    workspace
        The workspace.

    Returns
    -------
    dict
        Mode to (minutes, source); empty when the workspace has none.

    Raises
    ------
    InputError
        When a stored matrix was made for other areas or sites (they moved, or were added): the
        message says how to remake it or fall back to estimates.
    """
    if workspace.path is None or not (workspace.path / FOLDER).is_dir():
        return {}
    out = {}
    key = places_key(workspace)
    for path in sorted((workspace.path / FOLDER).glob("*.npz")):
        mode = path.stem
        with np.load(path) as stored:
            if str(stored["places"]) != key:
                provenance = json.loads(str(stored["provenance"]))
                how = provenance.get("command", "hubplan travel")
                problem = Problem(
                    f"{FOLDER}/{path.name}",
                    None,
                    None,
                    "minutes for the workspace's current areas and sites",
                    f"minutes for other areas or sites: run `{how}` again, or delete it to use estimates",
                )
                raise InputError([problem], "stored travel minutes are out of date")
            out[mode] = (np.asfortranarray(stored["minutes"]), str(stored["source"]))
    return out
