"""Read a workspace table (CSV, GeoJSON or GeoPackage) into strings, one cell per value, for validation."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from hubplan.errors import Problem

TABLE_SUFFIXES = (".csv", ".geojson", ".json", ".gpkg")
"""The file endings a sites, venues or areas table may have, in the order they are looked for."""


@dataclass(frozen=True)
class RawTable:
    """A table as read, every cell a stripped string, before any checks.

    Parameters
    ----------
    file
        The file's name, as problems name it.
    frame
        One column per header, every value a ``str`` ('' where empty).
    rows
        For each record, the row number problems give (spreadsheet rows: header is row 1).
    """

    file: str
    frame: pd.DataFrame
    rows: np.ndarray


def find_table(folder: Path, stem: str) -> Path | None:
    """Return the first ``stem.csv|.geojson|.json|.gpkg`` in ``folder``, or ``None``.

    Parameters
    ----------
    folder
        The workspace folder.
    stem
        The table's name without ending, e.g. ``"sites"``.

    Returns
    -------
    Path or None
        The file found.
    """
    for suffix in TABLE_SUFFIXES:
        path = folder / f"{stem}{suffix}"
        if path.exists():
            return path
    return None


def read_table(path: Path, problems: list[Problem]) -> RawTable | None:
    """Read one table, appending a problem and returning ``None`` when it cannot be read at all.

    Parameters
    ----------
    path
        A ``.csv`` (UTF-8, header row first), ``.geojson``/``.json`` or ``.gpkg`` file. Geodata
        gives ``lat``/``lon`` from its point geometry (or a point inside each polygon) in WGS84,
        unless the attributes have ``lat`` and ``lon`` already.
    problems
        Where to append what is wrong.

    Returns
    -------
    RawTable or None
        The strings, or ``None`` if the file is empty, not UTF-8 or not readable.
    """
    if path.suffix.lower() == ".csv":
        return _read_csv(path, problems)
    return _read_geodata(path, problems)


def _read_csv(path: Path, problems: list[Problem]) -> RawTable | None:
    raw = path.read_bytes()
    if not raw.strip():
        problems.append(
            Problem(path.name, None, None, "a header row and at least one data row", "an empty file")
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                path.name,
                line,
                None,
                "UTF-8 text (in a spreadsheet, save as 'CSV UTF-8')",
                f"byte 0x{raw[exc.start]:02x}, which is not UTF-8",
            )
        )
        return None
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True, skip_blank_lines=True
        )
    except pd.errors.ParserError as exc:
        problems.append(
            Problem(path.name, None, None, "comma-separated values with one header row", str(exc))
        )
        return None
    if frame.empty:
        problems.append(Problem(path.name, None, None, "at least one data row", "only a header row"))
        return None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.apply(lambda col: col.str.strip())
    # Row numbers as a spreadsheet shows them: header is row 1. Blank lines are skipped by the parser,
    # so count them back from the text.
    nonblank = [i + 1 for i, line in enumerate(text.splitlines()) if line.strip()]
    rows = np.asarray(nonblank[1 : 1 + len(frame)], dtype=np.int64)
    return RawTable(path.name, frame, rows)


def _read_geodata(path: Path, problems: list[Problem]) -> RawTable | None:
    import pyogrio

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            gdf = pyogrio.read_dataframe(path)
    except Exception as exc:  # pyogrio raises several GDAL error types
        problems.append(Problem(path.name, None, None, "a readable GeoJSON or GeoPackage file", str(exc)))
        return None
    if len(gdf) == 0:
        problems.append(Problem(path.name, None, None, "at least one feature", "no features"))
        return None
    frame = pd.DataFrame(gdf.drop(columns="geometry", errors="ignore"))
    frame = frame.astype(object).where(frame.notna(), "").astype(str)
    frame.columns = [str(c).strip() for c in frame.columns]
    if not {"lat", "lon"} <= set(frame.columns):
        geometry = gdf.geometry
        if geometry.crs is not None and not geometry.crs.equals("EPSG:4326"):
            geometry = geometry.to_crs("EPSG:4326")
        empty = geometry.is_empty | geometry.isna()
        points = geometry.representative_point()
        frame["lat"] = np.where(empty, "", points.y.astype(str))
        frame["lon"] = np.where(empty, "", points.x.astype(str))
    # Features are numbered from 1 as most GIS tools show them.
    return RawTable(path.name, frame.reset_index(drop=True), np.arange(1, len(frame) + 1, dtype=np.int64))
