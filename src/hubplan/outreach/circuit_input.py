"""Read and check the stops and depots tables of ``hubplan circuits``, collecting every problem at once."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from hubplan.data.assumptions import Region
from hubplan.data.circuit_settings import WEEKDAYS
from hubplan.data.columns import Column, check_columns
from hubplan.data.read_table import RawTable, read_table
from hubplan.errors import InputError, Problem
from hubplan.outreach.circuits import Depot, Stop

_ID = Column("id", "text", True, "a unique identifier, e.g. stop-12")
_LAT = Column("lat", "latitude", True, "latitude in degrees (WGS84)", -90, 90)
_LON = Column("lon", "longitude", True, "longitude in degrees (WGS84)", -180, 180)

STOP_COLUMNS = (
    _ID,
    _LAT,
    _LON,
    Column("minutes", "number", True, "minutes the vehicle stays at each visit", 0, 24 * 60),
    Column("visits", "integer", False, "visits needed in each cycle (default 1)", 1, None, default=1),
    Column("weekday", "text", False, "a fixed weekday, Mon to Sun (empty: any working day)", default=""),
    Column("window_start", "text", False, "the earliest a visit may begin, HH:MM", default=""),
    Column("window_end", "text", False, "the time a visit must be over by, HH:MM", default=""),
    Column("name", "text", False, "the stop's name, e.g. The Green", default=""),
    Column("community", "text", False, "the village or town, for its timetable card", default=""),
)
"""Columns of the stops table."""

DEPOT_COLUMNS = (
    _ID,
    _LAT,
    _LON,
    # Read as a number and checked whole here: an empty required integer cell would be cast from NaN.
    Column("vehicles", "number", True, "vehicles based at the depot", 0, None),
    Column("name", "text", False, "the depot's name", default=""),
)
"""Columns of the depots table."""

_FULL = {
    name.lower(): short
    for short, name in zip(
        WEEKDAYS, ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), strict=True
    )
}


def _read(path: Path, problems: list[Problem]) -> RawTable | None:
    if path.suffix.lower() != ".csv":
        problems.append(Problem(path.name, None, None, "a .csv file", f"a '{path.suffix}' file"))
        return None
    if not path.exists():
        problems.append(Problem(path.name, None, None, "an existing file", f"nothing at {path}"))
        return None
    return read_table(path, problems)


def _unique_ids(table: RawTable, ids: np.ndarray, problems: list[Problem]) -> None:
    seen: dict[str, int] = {}
    for i, value in enumerate(ids):
        if value == "":
            continue
        if value in seen:
            problems.append(
                Problem(
                    table.file,
                    int(table.rows[i]),
                    "id",
                    f"a unique id (row {seen[value]} has it)",
                    repr(value),
                )
            )
        else:
            seen[value] = int(table.rows[i])


def _weekday(cell: str) -> str | None:
    lowered = cell.lower()
    for short in WEEKDAYS:
        if lowered == short.lower():
            return short
    return _FULL.get(lowered)


def _clock(cell: str) -> int | None:
    hours, sep, minutes = cell.partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        return None
    total = int(hours) * 60 + int(minutes)
    return total if int(minutes) < 60 and total <= 24 * 60 else None


def read_stops(path: Path) -> tuple[Stop, ...]:
    """Read the stops table (``id, lat, lon, minutes`` and optional columns, see :data:`STOP_COLUMNS`).

    Parameters
    ----------
    path
        A UTF-8 CSV file with a header row.

    Returns
    -------
    tuple of Stop
        In file order.

    Raises
    ------
    InputError
        Listing every problem (file, row, column, expected, found).
    """
    problems: list[Problem] = []
    table = _read(path, problems)
    if table is None:
        raise InputError(problems, f"{path.name} cannot be read")
    cols = check_columns(table, STOP_COLUMNS, Region(), problems)
    _unique_ids(table, cols["id"], problems)
    stops = []
    for i in range(len(table.frame)):
        row = int(table.rows[i])
        weekday_cell = str(cols["weekday"][i])
        weekday = _weekday(weekday_cell) if weekday_cell else None
        if weekday_cell and weekday is None:
            problems.append(
                Problem(
                    table.file, row, "weekday", "a weekday, Mon to Sun (or Monday ...)", repr(weekday_cell)
                )
            )
        window: list[int | None] = []
        for name in ("window_start", "window_end"):
            cell = str(cols[name][i])
            value = _clock(cell) if cell else None
            if cell and value is None:
                problems.append(Problem(table.file, row, name, "a time of day written HH:MM", repr(cell)))
            window.append(value)
        start, end = window
        cells = (str(cols["window_start"][i]), str(cols["window_end"][i]))
        if bool(cells[0]) != bool(cells[1]):
            missing = "window_start" if not cells[0] else "window_end"
            expected = "both ends of a time window, or neither"
            problems.append(Problem(table.file, row, missing, expected, "an empty cell"))
        minutes = float(cols["minutes"][i])
        if start is not None and end is not None and np.isfinite(minutes) and end - start < max(minutes, 1):
            expected = f"a window_end after window_start, with room for the stop's {minutes:g} minutes"
            problems.append(Problem(table.file, row, "window_end", expected, f"{cells[0]}-{cells[1]}"))
        stops.append(
            Stop(
                id=str(cols["id"][i]),
                lat=float(cols["lat"][i]),
                lon=float(cols["lon"][i]),
                minutes=minutes,
                visits=int(cols["visits"][i]),
                weekday=weekday,
                window_start=start,
                window_end=end,
                name=str(cols["name"][i]),
                community=str(cols["community"][i]),
            )
        )
    if problems:
        raise InputError(problems, f"{table.file} has {len(problems)} problem(s)")
    return tuple(stops)


def read_depots(path: Path) -> tuple[Depot, ...]:
    """Read the depots table (``id, lat, lon, vehicles``).

    Parameters
    ----------
    path
        A UTF-8 CSV file with a header row.

    Returns
    -------
    tuple of Depot
        In file order.

    Raises
    ------
    InputError
        Listing every problem (file, row, column, expected, found), including no vehicles at all.
    """
    problems: list[Problem] = []
    table = _read(path, problems)
    if table is None:
        raise InputError(problems, f"{path.name} cannot be read")
    cols = check_columns(table, DEPOT_COLUMNS, Region(), problems)
    _unique_ids(table, cols["id"], problems)
    vehicles = cols["vehicles"]
    for i in np.flatnonzero(np.isfinite(vehicles) & (vehicles != np.round(vehicles))):
        found = repr(table.frame["vehicles"].iloc[i])
        problems.append(
            Problem(table.file, int(table.rows[i]), "vehicles", "a whole number of vehicles", found)
        )
    if not problems and int(vehicles.sum()) < 1:
        problems.append(Problem(table.file, None, "vehicles", "at least one vehicle in all", "0"))
    if problems:
        raise InputError(problems, f"{table.file} has {len(problems)} problem(s)")
    return tuple(
        Depot(
            id=str(cols["id"][i]),
            lat=float(cols["lat"][i]),
            lon=float(cols["lon"][i]),
            vehicles=int(cols["vehicles"][i]),
        )
        for i in range(len(table.frame))
    )
