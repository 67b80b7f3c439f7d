"""Routed and imported minutes kept in the workspace (``travel/<mode>.npz``), checked against its places."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from hubplan.data.read_table import shown
from hubplan.data.workspace import Workspace
from hubplan.errors import InputError, Problem
from hubplan.files import write_atomically
from hubplan.modes import MODES

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
    shape = (len(workspace.areas), len(workspace.sites))
    for path in sorted((workspace.path / FOLDER).glob("*.npz")):
        mode = path.stem
        file = f"{FOLDER}/{path.name}"
        if mode not in MODES:
            expected = f"a matrix named {', '.join(f'{m}.npz' for m in MODES)}"
            raise InputError([Problem(file, None, None, expected, "another name: rename or delete it")])
        minutes, source, places, provenance = _read_stored(path, file)
        if places != key:
            how = provenance.get("command", "hubplan travel")
            problem = Problem(
                file,
                None,
                None,
                "minutes for the workspace's current areas and sites",
                f"minutes for other areas or sites: run `{how}` again, or delete it to use estimates",
            )
            raise InputError([problem], "stored travel minutes are out of date")
        if minutes.shape != shape or source not in ("routed", "imported"):
            found = f"a {minutes.shape} matrix of {shown(source)} minutes: run `hubplan travel` again"
            expected = f"a {shape} matrix of routed or imported minutes"
            raise InputError([Problem(file, None, None, expected, found)], "a stored travel matrix is wrong")
        if bool((np.isnan(minutes) | (minutes < 0)).any()):
            expected = "minutes of 0 or more (inf where unreachable)"
            problem = Problem(
                file, None, None, expected, "missing or negative minutes: run `hubplan travel` again"
            )
            raise InputError([problem], "a stored travel matrix is wrong")
        out[mode] = (minutes, source)
    return out


def _read_stored(path: Path, file: str) -> tuple[np.ndarray, str, str, dict[str, Any]]:
    """Read one stored matrix file, or raise an :class:`InputError` naming it when it is damaged."""
    try:
        # Opened here, not by np.load, so a damaged file is closed even when np.load fails.
        with open(path, "rb") as handle, np.load(handle, allow_pickle=False) as stored:
            minutes = np.asfortranarray(stored["minutes"], dtype=np.float32)
            source, places = str(stored["source"]), str(stored["places"])
            provenance = json.loads(str(stored["provenance"]))
        if not isinstance(provenance, dict) or minutes.ndim != 2:
            raise ValueError("not a matrix with its provenance")
    except Exception as exc:
        found = f"a damaged or foreign file ({shown(type(exc).__name__, quoted=False)}): "
        found += "run `hubplan travel` again, or delete it to use estimates"
        problem = Problem(file, None, None, "a travel matrix written by `hubplan travel`", found)
        raise InputError([problem], "a stored travel matrix cannot be read") from None
    return minutes, source, places, provenance
