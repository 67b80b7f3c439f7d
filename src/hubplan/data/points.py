"""The workspace's optional tables of named points: ``places.csv`` and ``postcode_districts.csv``.

``places.csv`` (``name,lat,lon``) adds towns and villages to the map's search; ``postcode_districts.csv``
(``postcode_district,lat,lon``, optionally ``postcodes``) places a consultation response by its
postcode district. Both are read through the same checked reader as every other table
(:func:`hubplan.data.read_table.read_table`) and checked column by column, so ``validate`` reports
their problems and the web map and ``consult`` never meet a bad cell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from hubplan.data.assumptions import Region
from hubplan.data.columns import Column, check_columns
from hubplan.data.read_table import read_table, shown
from hubplan.errors import InputError, Problem

PLACES_FILE = "places.csv"
"""Towns and villages for the map's search."""

POSTCODE_DISTRICTS_FILE = "postcode_districts.csv"
"""Where each postcode district lies, for placing consultation responses."""

_LAT = Column("lat", "latitude", True, "latitude in degrees (WGS84)", -90, 90)
_LON = Column("lon", "longitude", True, "longitude in degrees (WGS84)", -180, 180)

PLACE_COLUMNS = (
    Column("name", "text", True, "the place's name"),
    _LAT,
    _LON,
    Column("population", "number", False, "its population as the source gives it", 0, default=0.0),
    Column("district", "text", False, "its local authority district", default=""),
    Column("label", "flag", False, "whether the maps name it", default=False),
    Column("source", "text", False, "where the place comes from", default=""),
)
"""Columns of ``places.csv``."""

POSTCODE_DISTRICT_COLUMNS = (
    Column("postcode_district", "text", True, "the outward code, e.g. NR19"),
    _LAT,
    _LON,
    Column("postcodes", "integer", False, "how many postcodes the position is the mean of", 0, default=0),
)
"""Columns of ``postcode_districts.csv``."""


@dataclass(frozen=True)
class Points:
    """Named points from one table, in file order.

    Parameters
    ----------
    names
        Each point's name (a place's name, or a postcode district in upper case).
    lat, lon
        Degrees (WGS84).
    """

    names: tuple[str, ...]
    lat: np.ndarray
    lon: np.ndarray


def check_points(
    folder: Path, file: str, problems: list[Problem], *, region: Region | None = None
) -> Points | None:
    """Read and check one optional table of points; ``None`` when it is absent or has problems.

    Parameters
    ----------
    folder
        The workspace folder.
    file
        :data:`PLACES_FILE` or :data:`POSTCODE_DISTRICTS_FILE`.
    problems
        Where to append what is wrong (file, row, column, expected, found).
    region
        The workspace's region, for its bounds (positions outside them are problems).

    Returns
    -------
    Points or None
        The points, or ``None`` when the file is absent or has any problem.
    """
    path = folder / file
    if not (path.exists() or path.is_symlink()):
        return None
    columns = PLACE_COLUMNS if file == PLACES_FILE else POSTCODE_DISTRICT_COLUMNS
    before = len(problems)
    table = read_table(path, problems, root=folder)
    if table is None:
        return None
    cols = check_columns(table, columns, region or Region(), problems)
    if len(problems) > before:
        return None
    names = [str(n) for n in cols[columns[0].name]]
    if file == POSTCODE_DISTRICTS_FILE:
        names = [_district(n, table.file, int(r), problems) for n, r in zip(names, table.rows, strict=True)]
        first: dict[str, int] = {}
        for name, row in zip(names, table.rows, strict=True):  # one position a district: which would count?
            if name and name in first:
                expected = f"each postcode district once (already in row {first[name]})"
                problems.append(Problem(table.file, int(row), columns[0].name, expected, shown(name)))
            first.setdefault(name, int(row))
        if len(problems) > before:
            return None
    return Points(tuple(names), cols["lat"], cols["lon"])


POSTCODE_DISTRICT = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")
"""A UK postcode district (the outward code): NR1, NR19, IP20, EC1A."""

_FULL_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})")


def _district(cell: str, file: str, row: int, problems: list[Problem]) -> str:
    """Return the district a cell names, in upper case without spaces, or '' with a problem.

    Full-width and other compatibility forms of letters and digits (``IP２０``, as typed with an East
    Asian input method) are read as the ASCII they stand for (NFKC).
    """
    text = "".join(unicodedata.normalize("NFKC", cell).split()).upper()
    if POSTCODE_DISTRICT.fullmatch(text):
        return text
    expected = "a postcode district: the outward code alone, e.g. IP20"
    full = _FULL_POSTCODE.fullmatch(text)
    found = f"{shown(cell)}, a full postcode (its district is {full[1]})" if full else shown(cell)
    problems.append(Problem(file, row, "postcode_district", expected, found))
    return ""


def load_points(folder: Path | None, file: str, *, region: Region | None = None) -> Points | None:
    """Return an optional table of points, or ``None`` when the workspace has none.

    Parameters
    ----------
    folder
        The workspace folder (``None`` for a workspace built in memory).
    file
        :data:`PLACES_FILE` or :data:`POSTCODE_DISTRICTS_FILE`.
    region
        The workspace's region, for its bounds.

    Returns
    -------
    Points or None
        The points.

    Raises
    ------
    InputError
        Listing every problem in the file.
    """
    if folder is None:
        return None
    problems: list[Problem] = []
    points = check_points(folder, file, problems, region=region)
    if problems:
        n = len(problems)
        raise InputError(problems, f"{file} has {n} problem{'s' if n != 1 else ''}")
    return points
