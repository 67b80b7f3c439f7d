"""Area x site travel matrices for every mode, built once and cached on disk beside the workspace."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from hubplan.data.safe_read import workspace_cache
from hubplan.data.workspace import Workspace
from hubplan.files import write_atomically
from hubplan.modes import MODES
from hubplan.travel.estimate import estimate_modes
from hubplan.travel.memory import check_matrix_memory
from hubplan.travel.stored import load_matrices

MODEL_VERSION = "estimate-3"
"""Changes whenever the estimator's formula or default speeds change, so old caches are not reused
(2: the car model fitted nationally, docs/car_model.md; 3: the bus model fitted on real timetable
minutes, docs/bus_model.md)."""

"""Where derived data lives inside a workspace."""

SOURCES = ("estimated", "routed", "imported")
"""Where a mode's minutes can come from."""


@dataclass(frozen=True, eq=False)
class TravelMatrix:
    """Minutes from every area to every site, per mode, and where each mode's minutes came from.

    Parameters
    ----------
    minutes
        Mode to an (n_areas, n_sites) float32 array of minutes (Fortran order; ``inf`` = unreachable).
    sources
        Mode to ``"estimated"``, ``"routed"`` or ``"imported"``.
    cache_written
        The cache file this build wrote (estimated minutes, kept for the next command), or ``None``
        when it read the cache, or wrote none.
    """

    minutes: Mapping[str, np.ndarray]
    sources: Mapping[str, str]
    cache_written: Path | None = None

    @property
    def modes(self) -> tuple[str, ...]:
        """The modes present, in the usual order."""
        return tuple(m for m in MODES if m in self.minutes)


def cache_key(workspace: Workspace) -> str:
    """Return a hash of everything the estimated matrices depend on.

    Parameters
    ----------
    workspace
        The workspace.

    Returns
    -------
    str
        A hex digest: area and site coordinates, area rurality, the travel assumptions and the
        estimator's version.
    """
    h = hashlib.sha256(MODEL_VERSION.encode())
    for array in (workspace.areas.lat, workspace.areas.lon, workspace.sites.lat, workspace.sites.lon):
        h.update(np.ascontiguousarray(array, dtype=np.float64).tobytes())
    h.update("\x1f".join(map(str, workspace.areas.rurality)).encode())
    h.update(json.dumps(workspace.assumptions.travel.model_dump(), sort_keys=True).encode())
    return h.hexdigest()


def build_travel(
    workspace: Workspace,
    *,
    overrides: Mapping[str, tuple[np.ndarray, str]] | None = None,
    cache_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> TravelMatrix:
    """Build (or load from the cache) the area x site minutes for walk, car and bus.

    Parameters
    ----------
    workspace
        The workspace.
    overrides
        Mode to (matrix, source) for routed or imported minutes, which replace the estimate for
        that mode; each matrix must be (n_areas, n_sites). Without one, a mode's minutes kept in
        the workspace's ``travel/<mode>.npz`` (from ``hubplan travel``) are used.
    cache_dir
        Where to keep the cache; by default ``<workspace>/.hubplan-cache``, or the user's cache
        folder when the workspace is not writable. The cache is skipped when neither is writable.
    progress
        Called as ``progress(sites_done, sites_total)`` while minutes are estimated (not when
        they are read from the cache).

    Returns
    -------
    TravelMatrix
        Minutes and their sources.

    Raises
    ------
    ValueError
        When an override has the wrong shape or an unknown source.
    InputError
        When a stored matrix was made for other areas or sites.
    NotEnoughMemoryError
        When the minutes would not fit in the memory available (:mod:`hubplan.travel.memory`).
    """
    n_areas, n_sites = len(workspace.areas), len(workspace.sites)
    check_matrix_memory(n_areas, n_sites)  # refused before anything is allocated
    key = cache_key(workspace)
    folder = cache_dir or default_cache_dir(workspace)
    path = folder / f"travel-{key[:24]}.npz" if folder is not None else None
    minutes = read_cache(path, (n_areas, n_sites)) if path is not None else {}
    written = None
    if not minutes:
        origins = np.column_stack([workspace.areas.lat, workspace.areas.lon])
        destinations = np.column_stack([workspace.sites.lat, workspace.sites.lon])
        travel = workspace.assumptions.travel
        minutes = estimate_modes(
            origins,
            destinations,
            assumptions=travel,
            origin_rurality=workspace.areas.rurality,
            progress=progress,
        )
        if path is not None and save_atomically(path, minutes):
            written = path
    sources = dict.fromkeys(MODES, "estimated")
    # Routed or imported minutes kept in the workspace replace the estimate; explicit overrides win.
    chosen = {**load_matrices(workspace), **(overrides or {})}
    for mode, (matrix, source) in chosen.items():
        if mode not in MODES or source not in SOURCES:
            msg = (
                f"overrides: expected a mode of {MODES} with a source of {SOURCES}; got {mode!r}, {source!r}"
            )
            raise ValueError(msg)
        if matrix.shape != (n_areas, n_sites):
            msg = f"overrides[{mode!r}]: expected shape {(n_areas, n_sites)}; got {matrix.shape}"
            raise ValueError(msg)
        minutes[mode] = np.asfortranarray(matrix, dtype=np.float32)
        sources[mode] = source
    return TravelMatrix(minutes, sources, cache_written=written)


def read_cache(path: Path, shape: tuple[int, int]) -> dict[str, np.ndarray]:
    """Read cached minutes, or return nothing when the file is missing, damaged or not for ``shape``.

    A cache is derived data: a truncated, corrupt or foreign file is never trusted and never an
    error; the minutes are estimated again and the file replaced.

    Parameters
    ----------
    path
        The cache file (``.npz``).
    shape
        (areas, sites) the matrices must have.

    Returns
    -------
    dict
        Mode to float32 minutes (Fortran order), or empty.
    """
    if not path.is_file():
        return {}
    try:
        # Opened here, not by np.load, so a damaged file is closed even when np.load fails.
        with open(path, "rb") as handle, np.load(handle, allow_pickle=False) as stored:
            minutes = {mode: np.asfortranarray(stored[mode]) for mode in MODES}
    except Exception:
        return {}
    for matrix in minutes.values():
        if (
            matrix.shape != shape
            or matrix.dtype != np.float32
            or bool((np.isnan(matrix) | (matrix < 0)).any())
        ):
            return {}
    return minutes


def default_cache_dir(workspace: Workspace) -> Path | None:
    """Return a writable cache folder: the workspace's ``.hubplan-cache``, the user's, or None."""
    candidates = []
    if workspace.path is not None and (own := workspace_cache(workspace.path)) is not None:
        candidates.append(own)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    candidates.append(Path(base) / "hubplan")
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            return folder
    return None


def save_atomically(path: Path, minutes: dict[str, np.ndarray]) -> bool:
    """Write arrays as ``.npz`` atomically; a cache that cannot be written is skipped, not an error.

    Returns
    -------
    bool
        Whether the file was written.
    """
    try:
        write_atomically(path, lambda handle: np.savez(handle, **minutes))  # type: ignore[arg-type]
    except OSError:
        return False
    return True
