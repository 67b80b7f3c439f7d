"""The bundled Norfolk workspace that ships inside the package, and copying it out for editing.

Its real-data files (``BUILT_FILES``) are not kept in git: ``make data`` builds them from the shared
data folder. Without them the workspace cannot be used, and :func:`bundled_workspace_path` says so.
"""

from __future__ import annotations

import shutil
import tempfile
from importlib import resources
from pathlib import Path

from hubplan.data.shared_data import DataMissingError
from hubplan.errors import InputError, Problem

BUILT_FILES = ("areas.csv", "sites.csv", "venues.csv", "places.csv", "boundaries.geojson")
"""The workspace's files that ``make data`` builds from the shared data (ignored by git)."""


def bundled_workspace_path() -> Path:
    """Return the folder of the bundled Norfolk workspace inside the installed package.

    Returns
    -------
    Path
        A read-only folder; copy it with :func:`write_bundled_workspace` to edit it.

    Raises
    ------
    DataMissingError
        When its real-data files have not been built (``make data``).
    """
    folder = Path(str(resources.files("hubplan.data") / "norfolk"))
    missing = [str(folder / name) for name in BUILT_FILES if not (folder / name).is_file()]
    if missing:
        raise DataMissingError(missing)
    return folder


def write_bundled_workspace(target: Path) -> Path:
    """Copy the bundled Norfolk workspace to ``target`` so it can be inspected and edited.

    Parameters
    ----------
    target
        A folder that does not exist yet, or an empty one.

    Returns
    -------
    Path
        ``target``.

    Raises
    ------
    InputError
        When ``target`` exists and is not empty (nothing there is overwritten).
    DataMissingError
        When the bundled workspace's real-data files have not been built (``make data``).
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        problem = Problem(
            str(target), None, None, "a new or empty folder (nothing is overwritten)", "existing files"
        )
        raise InputError([problem], "will not write the workspace over existing files")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Copy beside the target and rename into place, so a failure never leaves half a workspace.
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        ignore = shutil.ignore_patterns("__pycache__", ".hubplan-cache")
        shutil.copytree(bundled_workspace_path(), staging, dirs_exist_ok=True, ignore=ignore)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return target
