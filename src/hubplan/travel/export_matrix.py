"""Export every area-to-site minute of a workspace as one long table anyone can check against their own."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

from hubplan.data.workspace import Workspace
from hubplan.errors import InputError, Problem
from hubplan.files import spreadsheet_safe, write_output
from hubplan.travel.matrix import TravelMatrix

EXPORT_COLUMNS = ("area_id", "site_id", "mode", "minutes", "source")
"""The exported table's columns: :data:`hubplan.travel.import_matrix.COLUMNS` and where each came from."""

SUFFIXES = (".csv", ".parquet")
"""The formats written."""


def matrix_table(workspace: Workspace, travel: TravelMatrix) -> pd.DataFrame:
    """Return the long table of every area, site and mode with a finite minute.

    Unreachable pairs (``inf``) are left out, as :func:`hubplan.travel.import_matrix.read_matrix_table`
    reads a pair that is not given as unreachable, so the table round-trips.

    Parameters
    ----------
    workspace
        The workspace (its area and site ids).
    travel
        Its travel matrices (:func:`hubplan.travel.build_travel`): estimated, routed or imported.

    Returns
    -------
    pandas.DataFrame
        ``area_id``, ``site_id``, ``mode``, ``minutes`` (float32), ``source``; by mode, then site,
        then area.
    """
    areas = np.asarray(workspace.areas.ids, dtype=object)
    sites = np.asarray(workspace.sites.ids, dtype=object)
    parts = []
    for mode in travel.modes:
        minutes = np.asarray(travel.minutes[mode], dtype=np.float32)
        # Column-major: one site's areas together (the matrices are stored that way).
        flat = minutes.ravel(order="F")
        keep = np.isfinite(flat)
        area_index = np.tile(np.arange(len(areas)), len(sites))[keep]
        site_index = np.repeat(np.arange(len(sites)), len(areas))[keep]
        parts.append(
            pd.DataFrame(
                {
                    "area_id": areas[area_index],
                    "site_id": sites[site_index],
                    "mode": mode,
                    "minutes": flat[keep],
                    "source": travel.sources[mode],
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=list(EXPORT_COLUMNS))
    return pd.concat(parts, ignore_index=True)


def write_matrix_table(path: Path, workspace: Workspace, travel: TravelMatrix) -> int:
    """Write :func:`matrix_table` to ``path`` (``.csv`` or ``.parquet``), atomically, over no user's file.

    CSV minutes are written with 9 significant digits, enough to read back the same float32.

    Parameters
    ----------
    path
        The file to write; its suffix chooses the format.
    workspace, travel
        As for :func:`matrix_table`.

    Returns
    -------
    int
        Rows written.

    Raises
    ------
    InputError
        For a suffix other than ``.csv`` or ``.parquet``.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            [Problem(str(path), None, None, "a file name ending .csv or .parquet", suffix or "none")]
        )
    table = matrix_table(workspace, travel)
    if suffix == ".csv":
        safe = table.apply(lambda column: column.map(spreadsheet_safe) if column.dtype == object else column)
        text = safe.to_csv(index=False, float_format="%.9g", lineterminator="\n")
        write_output(path, text.encode("utf-8"), option="--export")
    else:
        buffer = io.BytesIO()
        table.to_parquet(buffer, index=False)
        write_output(path, buffer.getvalue(), option="--export")
    return len(table)
