"""The columns of the workspace's tables and how each cell is checked and converted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from rapidfuzz.distance import OSA

from hubplan.data.assumptions import RURALITY_CLASSES, Region
from hubplan.data.characters import VISIBLE_ONLY, hidden_problem
from hubplan.data.districts import look_alike_districts
from hubplan.data.money import MAX_MONEY_PER_YEAR, THOUSANDS_DOT, parse_money, thousands_dot_words
from hubplan.data.read_table import MAX_SHOWN_CHARS, RawTable, shown
from hubplan.errors import Problem

ColumnType = Literal["text", "number", "integer", "flag", "date", "choice", "latitude", "longitude"]

SITE_KINDS = (
    "children_centre", "family_hub", "library", "school", "village_hall", "health_centre",
    "mobile_library_stop", "other",
)  # fmt: skip
"""The kinds of building a site may be."""

RUC11_CODES = ("A1", "B1", "C1", "C2", "D1", "D2", "E1", "E2", "F1", "F2")
"""The ONS Rural-Urban Classification 2011 codes (output areas; LSOAs use A1 to E2)."""

MAX_FAMILIES_PER_AREA = 100_000.0
"""The most families one area may have (an LSOA has about 100, a postcode sector a few thousand)."""

MAX_FAMILIES_PER_SITE = 10_000_000.0
"""The largest capacity a site may have (families a year; England has about 2.5 million under-fives)."""

MAX_PROBLEMS_PER_COLUMN = 1_000
"""Problems collected one by one in each column of a table; the rest are counted in one line."""

MAX_UNKNOWN_COLUMNS = 10
"""Unknown columns named one by one; the rest are counted."""

WHOLE_TOLERANCE = 1e-9
"""How far, relative to its size, a count may be from a whole number and still be taken as one: a
spreadsheet writes 12 as 12.000000000000002, but 0.5 or ``1e-320`` is no count."""

_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


@dataclass(frozen=True)
class Column:
    """One column of a workspace table.

    Parameters
    ----------
    name
        The header, exactly.
    type
        How cells are read; see :data:`ColumnType`.
    required
        Whether the column must be present and every cell filled.
    description
        What the column means, with units; shown in docs and error hints.
    minimum, maximum
        The allowed range for numbers (inclusive).
    choices
        The allowed values for ``choice`` columns.
    default
        The value of an empty cell in an optional column.
    whole
        For ``number`` columns: each value must be a whole number (a count that may also be empty,
        e.g. ``capacity``), up to a spreadsheet's rounding (see :func:`is_whole`).
    money
        For ``number`` columns of £: a number written with a dot and exactly three digits after it
        (``205.000``, a European spreadsheet's thousands dot) is refused, not read as £205.
    """

    name: str
    type: ColumnType
    required: bool
    description: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    default: object = None
    whole: bool = False
    money: bool = False


_ID = Column("id", "text", True, "a unique identifier, e.g. cc-dereham")
_LAT = Column("lat", "latitude", True, "latitude in degrees (WGS84)", -90, 90)
_LON = Column("lon", "longitude", True, "longitude in degrees (WGS84)", -180, 180)
_DISTRICT = Column("district", "text", True, "the district, one of [region].districts in hubplan.toml")

SITE_COLUMNS = (
    _ID,
    Column("name", "text", True, "the name people know it by"),
    Column("kind", "choice", True, "the kind of building", choices=SITE_KINDS),
    _LAT,
    _LON,
    _DISTRICT,
    Column(
        "cost_per_year",
        "number",
        False,
        "£ a year to keep it as a base (empty: not known; hubplan.toml's [costs] site_cost_per_year, "
        "if set, is assumed instead, else plans are by count and show no money)",
        0,
        MAX_MONEY_PER_YEAR,
        money=True,
    ),
    Column(
        "capacity",
        "number",
        False,
        "families a year it can serve as a base (empty: no limit)",
        0,
        MAX_FAMILIES_PER_SITE,
        whole=True,
    ),
    Column("provider", "text", False, "who runs it under contract", default=""),
    Column("contract_end", "date", False, "the day its contract ends (YYYY-MM-DD)", default=""),
    Column("required", "flag", False, "must stay a base (true/false)", default=False),
    Column("excluded", "flag", False, "cannot be a base (true/false)", default=False),
    Column("outreach", "flag", False, "can host outreach sessions (true/false)", default=True),
    Column(
        "current",
        "flag",
        False,
        "the council runs a centre or hub here now: part of its current network (true/false)",
        default=False,
    ),
    Column(
        "schedule",
        "text",
        False,
        "when it is open or visited, in words (e.g. a mobile library's stop)",
        default="",
    ),
    Column(
        "position_source",
        "text",
        False,
        "where its position comes from, in words (e.g. 'town-level position: Holt, at GeoNames')",
        default="",
    ),
    Column(
        "provenance",
        "text",
        False,
        "where the row's facts come from, in words: a real source, the user, or modelled",
        default="",
    ),
)
"""Columns of ``sites.csv`` and ``venues.csv``."""

AREA_COLUMNS = (
    _ID,
    Column("name", "text", False, "a readable name", default=""),
    _LAT,
    _LON,
    _DISTRICT,
    Column(
        "families",
        "number",
        True,
        "families with children under five (or a 'children' column)",
        0,
        MAX_FAMILIES_PER_AREA,
    ),
    Column("deprivation_decile", "integer", False, "IMD decile, 1 = most deprived 10%", 1, 10, default=0),
    Column("idaci_decile", "integer", False, "IDACI decile, 1 = most deprived 10%", 1, 10, default=0),
    Column("rurality", "choice", False, "rural/urban class", choices=RURALITY_CLASSES, default=""),
    Column(
        "no_car_share", "number", False, "share of households without a car (0 to 1)", 0, 1, default=np.nan
    ),
    Column(
        "ruc11",
        "choice",
        False,
        "the ONS Rural-Urban Classification 2011 code, e.g. E1",
        choices=RUC11_CODES,
        default="",
    ),
)
"""Columns of ``areas.csv``. Demand may be given as ``children`` (children under five) instead of
``families``: the workspace then counts children, and every output says so."""

DEMAND_COLUMNS = ("families", "children")
"""The two ways to give an area's demand; a table has exactly one of them."""

_IGNORED = {"fid", "geometry", "ogc_fid"}


def check_columns(
    table: RawTable,
    columns: tuple[Column, ...],
    region: Region,
    problems: list[Problem],
    *,
    unused: list[tuple[str, str]] | None = None,
) -> dict[str, np.ndarray]:
    """Check and convert every cell of ``table``; append each problem found.

    Parameters
    ----------
    table
        The strings as read.
    columns
        The table's schema.
    region
        For district names and bounds.
    problems
        Where to append what is wrong.
    unused
        Where to append (file, column) for each column hubplan does not read and that is no
        misspelling of one it reads (the user's own: ``notes``, ``postcode``), for a warning.

    Returns
    -------
    dict of str to numpy.ndarray
        One array per known column present (optional columns absent from the file get their
        default). Cells with problems hold a neutral value (NaN, '', False), so checks can go on.
    """
    known = {c.name for c in columns}
    header = list(table.frame.columns)
    misspelt = misspelt_columns(header, columns)
    unknown = list(misspelt)
    for name in unknown[:MAX_UNKNOWN_COLUMNS]:
        names = ", ".join(c.name for c in columns)
        expected = f"one of the known columns: {names} (did you mean '{misspelt[name]}'?)"
        problems.append(Problem(table.file, 1, _cut(name), expected, "an unknown column"))
    if unused is not None:
        unused.extend((table.file, name) for name in header if name not in known | _IGNORED | set(misspelt))
    if len(unknown) > MAX_UNKNOWN_COLUMNS:
        found = f"{len(unknown) - MAX_UNKNOWN_COLUMNS:,} more unknown columns"
        problems.append(Problem(table.file, 1, None, "only the known columns", found))
    seen: set[str] = set()
    for name in header:
        if name in seen and name in known:
            problems.append(Problem(table.file, 1, name, "each column once", "it twice"))
        seen.add(name)
    out: dict[str, np.ndarray] = {}
    n = len(table.frame)
    for column in columns:
        if column.name not in table.frame.columns:
            if column.required:
                problems.append(
                    Problem(
                        table.file, 1, column.name, f"a column '{column.name}' ({column.description})", "none"
                    )
                )
            out[column.name] = _fill(column, n)
            continue
        cells = table.frame[column.name]
        if isinstance(cells, pd.DataFrame):  # duplicated header: already reported
            cells = cells.iloc[:, 0]
        out[column.name] = _convert(table, column, cells.astype(str).to_numpy(), region, problems)
    return out


def misspelt_columns(header: list[str], columns: tuple[Column, ...]) -> dict[str, str]:
    """Return the headers that are a misspelling of a known column the table lacks, each with that column.

    A misspelling is the same name once case, spaces and punctuation are set aside (``Lat``,
    ``Deprivation Decile``); one within a typo or two of it, an edit distance of at most one per five
    characters and at least one, two letters swapped counting as one (``cost_per_yr``,
    ``requried``); or its first half or more (``area`` for ``area_id``, ``rural`` for ``rurality``).
    Ignored, it would change the results without a word. Any other column (``notes``, ``Contact``,
    ``Capacity notes``, a council reference) is the user's and is left alone (``validate`` and every
    command name it in a warning).

    Parameters
    ----------
    header
        The table's column names, as read.
    columns
        The table's schema.

    Returns
    -------
    dict of str to str
        Each misspelt header (in header order) and the known column it is taken for.
    """
    known = {c.name for c in columns}
    missing = {_plain(c.name): c.name for c in columns if c.name not in header}
    out: dict[str, str] = {}
    for name in header:
        if name in known or name in _IGNORED:
            continue
        plain = _plain(name[:100])
        for key, column in missing.items():
            typo = OSA.distance(plain, key) <= max(1, len(key) // 5)  # a swap of two letters is one typo
            cut_short = len(plain) >= 4 and 2 * len(plain) >= len(key) and key.startswith(plain)  # 'area'
            if typo or cut_short:
                out[name] = column
                break
    return out


def _plain(name: str) -> str:
    """Return a column name with case, spaces and punctuation set aside."""
    return re.sub(r"[\W_]+", "", name.casefold())


def _cut(name: str) -> str:
    return name if len(name) <= MAX_SHOWN_CHARS else f"{name[: MAX_SHOWN_CHARS - 3]}..."


def _fill(column: Column, n: int) -> np.ndarray:
    if column.type in ("number", "latitude", "longitude"):
        value = np.nan if column.default is None else column.default
        return np.full(n, value, dtype=np.float64)
    if column.type == "integer":
        return np.full(n, column.default or 0, dtype=np.int64)
    if column.type == "flag":
        return np.full(n, bool(column.default), dtype=bool)
    return np.full(n, "" if column.default is None else column.default, dtype=object)


def hidden_cells(table: RawTable, column: str, cells: np.ndarray, problems: list[Problem]) -> None:
    """Append a problem for each cell holding a control, invisible or bidirectional character.

    Line breaks and tabs are allowed (a cell may hold lines); a vertical tab, an escape code, a C1
    control or a right-to-left override is not.

    Parameters
    ----------
    table
        The table, for its file and row numbers.
    column
        The column's name.
    cells
        Its cells as text.
    problems
        Where to append what is wrong.
    """
    odd = [
        problem
        for i, cell in enumerate(cells)
        if (problem := hidden_problem(table.file, int(table.rows[i]), column, str(cell), lines=True))
    ]
    problems += odd[:MAX_PROBLEMS_PER_COLUMN]
    if len(odd) > MAX_PROBLEMS_PER_COLUMN:
        rest = f"{len(odd) - MAX_PROBLEMS_PER_COLUMN:,} more cells holding hidden characters"
        problems.append(Problem(table.file, None, column, VISIBLE_ONLY, rest))


def _convert(
    table: RawTable, column: Column, cells: np.ndarray, region: Region, problems: list[Problem]
) -> np.ndarray:
    empty = cells == ""

    def report(mask: np.ndarray, expected: str) -> None:
        where = np.flatnonzero(mask)
        for i in where[:MAX_PROBLEMS_PER_COLUMN]:
            found = "an empty cell" if cells[i] == "" else shown(cells[i])
            problems.append(Problem(table.file, int(table.rows[i]), column.name, expected, found))
        if len(where) > MAX_PROBLEMS_PER_COLUMN:
            rest = len(where) - MAX_PROBLEMS_PER_COLUMN
            found = (
                f"{rest:,} more cells like these, from row {int(table.rows[where[MAX_PROBLEMS_PER_COLUMN]])}"
            )
            problems.append(Problem(table.file, None, column.name, expected, found))

    if column.required:
        report(empty, f"a value ({column.description})")
    if column.type in ("number", "integer", "latitude", "longitude"):
        values = pd.to_numeric(pd.Series(cells), errors="coerce").to_numpy(dtype=np.float64)
        if column.money:  # 205,000, £205,000 or £ 205,000.00 (Excel's Currency format), as the docs say
            values = _read_money(cells, values, empty)
        bad = ~empty & ~np.isfinite(values)
        report(bad, f"a number ({column.description})")
        if column.money:
            bad |= _thousands_dots(table, column, cells, problems)
        if column.whole:
            split = ~is_whole(values)
            report(split, f"a whole number ({column.description})")
            bad |= split
            values = np.where(split, values, np.round(values))
        if column.type == "integer":
            fractional = np.isfinite(values) & (values != np.round(values))
            report(fractional, f"a whole number ({column.description})")
            bad |= fractional
        lo = -np.inf if column.minimum is None else column.minimum
        hi = np.inf if column.maximum is None else column.maximum
        out_of_range = np.isfinite(values) & ((values < lo) | (values > hi))
        report(out_of_range, _range_words(column, lo, hi))
        bad |= out_of_range
        bounds = region.bounds
        if bounds is not None and column.type in ("latitude", "longitude"):
            b_lo, b_hi = (
                (bounds.min_lat, bounds.max_lat)
                if column.type == "latitude"
                else (bounds.min_lon, bounds.max_lon)
            )
            outside = np.isfinite(values) & ~bad & ((values < b_lo) | (values > b_hi))
            name = region.name or "the workspace's region"
            report(
                outside, f"a {column.type} inside {name} ({b_lo} to {b_hi}, [region].bounds in hubplan.toml)"
            )
            bad |= outside
        default = np.nan if column.default is None else float(column.default)  # type: ignore[arg-type]
        values = np.where(bad | empty, default, values)
        return values.astype(np.int64) if column.type == "integer" else values
    if column.type == "flag":
        lowered = pd.Series(cells, dtype=object).str.lower().to_numpy()
        is_true = np.isin(lowered, list(_TRUE))
        is_false = np.isin(lowered, list(_FALSE))
        report(~empty & ~is_true & ~is_false, "true or false (also yes/no, 1/0)")
        return np.where(empty, bool(column.default), is_true)
    if column.type == "choice":
        bad = ~empty & ~np.isin(cells, column.choices)
        report(bad, f"one of {', '.join(column.choices)}")
        return np.where(bad, "", cells).astype(object)
    if column.type == "date":
        parsed = pd.to_datetime(pd.Series(cells), format="%Y-%m-%d", errors="coerce")
        report(~empty & parsed.isna().to_numpy(), "a date written YYYY-MM-DD")
        return cells.astype(object)
    if column.type == "text" and column.name != "id":  # ids: sense.check_ids, with the ids' own rules
        # A right-to-left override makes "Holt\u202eertnec" read as something else in every report; a
        # vertical tab (Word's manual line break) or an escape code cannot be drawn in a chart at all.
        hidden_cells(table, column.name, cells, problems)
    if column.name == "district" and region.districts:
        bad = ~empty & ~np.isin(cells, region.districts)
        where = np.flatnonzero(bad)
        alike = look_alike_districts(cells[where], region.districts, table.file, table.rows[where], problems)
        bad[where[alike]] = False  # said once, on hubplan.toml
        names = ", ".join(region.districts[:12]) + (", ..." if len(region.districts) > 12 else "")
        report(bad, f"a district of {region.name or 'the region'}: {names}")
    return cells.astype(object)


def is_whole(values: np.ndarray) -> np.ndarray:
    """Return, for each value, whether it is a whole number up to a spreadsheet's rounding.

    Relative, not absolute: ``12.000000000000002`` is 12, but ``1e-320`` (a fraction that an absolute
    tolerance of 1e-6 took as 0) and ``0.5`` are not whole. NaN counts as whole (an empty cell).

    Parameters
    ----------
    values
        The numbers.

    Returns
    -------
    numpy.ndarray
        Booleans, one per value.
    """
    with np.errstate(invalid="ignore"):
        near = np.abs(values - np.round(values)) <= WHOLE_TOLERANCE * np.abs(values)
    return np.asarray(~np.isfinite(values) | near, dtype=bool)


def _read_money(cells: np.ndarray, values: np.ndarray, empty: np.ndarray) -> np.ndarray:
    """Return ``values`` with each cell that is not a plain number read as a sum of money, if it is one.

    Parameters
    ----------
    cells
        A money column's cells as text.
    values
        The cells read as plain numbers (NaN where they are not).
    empty
        Where the cells are empty.

    Returns
    -------
    numpy.ndarray
        Pounds: ``205,000``, ``£205,000``, ``£ 205,000.00`` and ``£205000`` read by
        :func:`~hubplan.data.money.parse_money`; NaN where a cell is no sum of money.
    """
    out = values.copy()
    for i in np.flatnonzero(~empty & np.isnan(values)):
        try:
            out[i] = parse_money(str(cells[i]))
        except ValueError:
            continue
    return out


def _thousands_dots(
    table: RawTable, column: Column, cells: np.ndarray, problems: list[Problem]
) -> np.ndarray:
    """Report each £ cell written with a thousands dot (``205.000``); return where they are.

    Parameters
    ----------
    table
        The table, for its file and row numbers.
    column
        The money column.
    cells
        Its cells as text.
    problems
        Where to append what is wrong.

    Returns
    -------
    numpy.ndarray
        Booleans: the cells refused.
    """
    found = pd.Series(cells, dtype=object).str.extract(THOUSANDS_DOT)
    where = np.flatnonzero(found[0].notna().to_numpy())
    for i in where[:MAX_PROBLEMS_PER_COLUMN]:
        expected = thousands_dot_words(str(found.iat[i, 0]), str(found.iat[i, 1]))
        problems.append(Problem(table.file, int(table.rows[i]), column.name, expected, shown(cells[i])))
    if len(where) > MAX_PROBLEMS_PER_COLUMN:
        rest = f"{len(where) - MAX_PROBLEMS_PER_COLUMN:,} more cells written with a thousands dot"
        problems.append(Problem(table.file, None, column.name, "sums in £ without a thousands dot", rest))
    mask = np.zeros(len(cells), dtype=bool)
    mask[where] = True
    return mask


def _range_words(column: Column, lo: float, hi: float) -> str:
    if np.isfinite(lo) and np.isfinite(hi):
        return f"a value from {_number(lo)} to {_number(hi)} ({column.description})"
    if np.isfinite(lo):
        return f"a value of {_number(lo)} or more ({column.description})"
    return f"a value of {_number(hi)} or less ({column.description})"


def _number(value: float) -> str:
    """Write a bound as people read it: 100,000 rather than 1e+05."""
    return f"{value:,.0f}" if value == round(value) else f"{value:g}"
