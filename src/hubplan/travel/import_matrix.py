"""Import a travel matrix made elsewhere (r5py/R5, OSRM, ArcGIS): a long table, checked row by row."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from hubplan.data.workspace import Workspace
from hubplan.errors import InputError, Problem
from hubplan.travel.estimate import MODES

COLUMNS = ("area_id", "site_id", "mode", "minutes")
"""The long table's columns; other columns are ignored."""


def read_matrix_table(path: Path, workspace: Workspace) -> dict[str, np.ndarray]:
    """Read ``area_id, site_id, mode, minutes`` rows into one (n_areas, n_sites) matrix per mode.

    Every problem is reported at once with its row: missing columns, unknown area or site ids, a
    mode other than walk/car/bus, missing, non-numeric or negative minutes, and a pair given twice.
    Pairs not in the table are unreachable (``inf``).

    Parameters
    ----------
    path
        A ``.csv`` (UTF-8) or ``.parquet`` file.
    workspace
        The workspace whose ids it must use.

    Returns
    -------
    dict
        Mode to float32 minutes (Fortran order).

    Raises
    ------
    InputError
        Listing every problem.
    """
    name = path.name
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, "a matrix file (.csv or .parquet)", "no such file")])
    try:
        if path.suffix.lower() == ".parquet":
            frame = pd.read_parquet(path).astype(str)
            first_row = 1
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
            first_row = 2  # the header is row 1
    except (UnicodeDecodeError, ValueError, ImportError, OSError) as exc:
        raise InputError(
            [Problem(name, None, None, "a readable UTF-8 CSV or parquet table", str(exc))]
        ) from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        absent = [Problem(name, 1, c, f"a column '{c}'", "none") for c in missing]
        raise InputError(absent, f"{name} lacks {len(missing)} column(s)")
    problems: list[Problem] = []
    rows = np.arange(len(frame)) + first_row
    areas = {a: i for i, a in enumerate(workspace.areas.ids)}
    sites = workspace.sites.index
    area = frame["area_id"].str.strip().map(areas)
    site = frame["site_id"].str.strip().map(sites)
    mode = frame["mode"].str.strip().str.lower()
    minutes = pd.to_numeric(frame["minutes"], errors="coerce")
    checks = [
        (area.isna(), "area_id", "the id of an area in areas.csv", frame["area_id"]),
        (site.isna(), "site_id", "the id of a site in sites or venues", frame["site_id"]),
        (~mode.isin(MODES), "mode", "walk, car or bus", frame["mode"]),
        (minutes.isna() | ~np.isfinite(minutes), "minutes", "a number of minutes", frame["minutes"]),
        (minutes < 0, "minutes", "minutes of 0 or more", frame["minutes"]),
    ]
    for bad, column, expected, found in checks:
        for i in np.flatnonzero(bad.to_numpy()):
            problems.append(
                Problem(
                    name,
                    int(rows[i]),
                    column,
                    expected,
                    repr(found.iloc[i]) if found.iloc[i] else "an empty cell",
                )
            )
    valid = ~(area.isna() | site.isna() | ~mode.isin(MODES) | minutes.isna() | (minutes < 0)).to_numpy()
    keys = frame.loc[valid, ["area_id", "site_id", "mode"]].apply(lambda c: c.str.strip())
    duplicated = keys.duplicated(keep="first").to_numpy()
    for i in np.flatnonzero(duplicated):
        row = int(rows[np.flatnonzero(valid)[i]])
        k = keys.iloc[i]
        problems.append(
            Problem(
                name,
                row,
                "area_id",
                "each area, site and mode once",
                f"{k['area_id']}, {k['site_id']}, {k['mode']} again",
            )
        )
    if problems:
        raise InputError(problems, f"{name} has {len(problems)} problem(s)")
    out = {}
    for m in sorted(set(mode)):
        mine = (mode == m).to_numpy()
        matrix = np.full((len(workspace.areas), len(workspace.sites)), np.inf, dtype=np.float32, order="F")
        matrix[area[mine].astype(int).to_numpy(), site[mine].astype(int).to_numpy()] = minutes[
            mine
        ].to_numpy()
        out[m] = matrix
    return out
