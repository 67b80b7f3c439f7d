"""Import a travel matrix made elsewhere (r5py/R5, OSRM, ArcGIS): a long table, checked row by row."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from hubplan.data.read_table import shown
from hubplan.data.safe_read import check_user_file
from hubplan.data.workspace import Workspace
from hubplan.errors import InputError, Problem
from hubplan.modes import MODES

COLUMNS = ("area_id", "site_id", "mode", "minutes")
"""The long table's columns; other columns are ignored."""

MAX_MATRIX_BYTES = 1_000_000_000
"""The largest matrix file read (bytes): 1 GB, about 20 million rows."""

MAX_MATRIX_MINUTES = 10_080.0
"""The longest journey a matrix may give (minutes): a week; unreachable pairs are left out instead."""

MAX_PROBLEMS_PER_CHECK = 10
"""Rows reported one by one for each kind of problem; the rest are counted."""


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
    too_large: list[Problem] = []
    if not check_user_file(path, MAX_MATRIX_BYTES, too_large, what="a matrix file"):
        raise InputError(too_large)
    # Each area, site and mode at most once: a longer table can only repeat pairs.
    max_rows = len(workspace.areas) * len(workspace.sites) * len(MODES)
    if path.suffix.lower() != ".parquet" and _count_lines(path) - 1 > max_rows:
        expected = f"at most {max_rows:,} rows (each area, site and mode once)"
        raise InputError([Problem(name, None, None, expected, f"{_count_lines(path) - 1:,} lines")])
    try:
        if path.suffix.lower() == ".parquet":
            frame = pd.read_parquet(path).astype(str)
            first_row = 1
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            first_row = 2  # the header is row 1
    except (UnicodeDecodeError, ValueError, ImportError, OSError) as exc:
        found = shown(str(exc), quoted=False)
        raise InputError(
            [Problem(name, None, None, "a readable UTF-8 CSV or parquet table", found)]
        ) from None
    if len(frame) > max_rows:
        expected = f"at most {max_rows:,} rows (each area, site and mode once)"
        raise InputError([Problem(name, None, None, expected, f"{len(frame):,} rows")])
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
        (
            minutes > MAX_MATRIX_MINUTES,
            "minutes",
            f"at most {MAX_MATRIX_MINUTES:,.0f} minutes",
            frame["minutes"],
        ),
    ]
    for bad, column, expected, cells in checks:
        where = np.flatnonzero(bad.to_numpy())
        for i in where[:MAX_PROBLEMS_PER_CHECK]:
            value = cells.iloc[i]
            problems.append(
                Problem(name, int(rows[i]), column, expected, shown(value) if value else "an empty cell")
            )
        if len(where) > MAX_PROBLEMS_PER_CHECK:
            more = f"{len(where) - MAX_PROBLEMS_PER_CHECK:,} more rows like these"
            problems.append(Problem(name, None, column, expected, more))
    invalid = area.isna() | site.isna() | ~mode.isin(MODES) | minutes.isna()
    valid = ~(invalid | (minutes < 0) | (minutes > MAX_MATRIX_MINUTES)).to_numpy()
    keys = frame.loc[valid, ["area_id", "site_id", "mode"]].apply(lambda c: c.str.strip())
    duplicated = keys.duplicated(keep="first").to_numpy()
    for i in np.flatnonzero(duplicated)[:MAX_PROBLEMS_PER_CHECK]:
        row = int(rows[np.flatnonzero(valid)[i]])
        k = keys.iloc[i]
        problems.append(
            Problem(
                name,
                row,
                "area_id",
                "each area, site and mode once",
                shown(f"{k['area_id']}, {k['site_id']}, {k['mode']}", quoted=False) + " again",
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


def _count_lines(path: Path) -> int:
    """Count the lines of a text file without holding it in memory."""
    count, last = 0, b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def import_gaps(minutes: np.ndarray) -> tuple[int, int, int]:
    """Count what an imported matrix leaves out: pairs not given, all pairs, areas given no site.

    Parameters
    ----------
    minutes
        Areas x sites minutes, ``inf`` where a pair is not given.

    Returns
    -------
    tuple of int
        (pairs not given, pairs in all, areas with no pair given).
    """
    given = np.isfinite(minutes)
    return int(given.size - given.sum()), int(given.size), int((~given.any(axis=1)).sum())
