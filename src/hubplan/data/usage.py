"""Read and check a usage table: who is registered with the service and who was seen, by area, in a year.

A council holds these counts for its centres: for each small area, how many of its children under
five (or families) are registered, and how many were seen at least once in the year. A usage table
gives one row per area (or per area and site, or per postcode); hubplan adds the rows up by area.
The workspace keeps its own copy as ``usage.csv`` (every row placed in an area by ``area_id``), which
the analysis and the report read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from hubplan.data.columns import MAX_FAMILIES_PER_AREA, Column, check_columns
from hubplan.data.read_table import RawTable, read_table, shown
from hubplan.data.workspace import Workspace
from hubplan.errors import InputError, Problem
from hubplan.files import write_bytes_atomically, write_files_together
from hubplan.suggest import MAX_SUGGESTED, closest

USAGE_FILE = "usage.csv"
"""The workspace's own copy of the usage, every row placed in an area by ``area_id``."""

PREVIOUS_USAGE_FILE = "usage.csv.previous"
"""Where ``reach --usage`` keeps the ``usage.csv`` it replaces (one copy: the one before)."""

USAGE_COLUMNS = (
    Column("area_id", "text", False, "the area's id, as in areas.csv (or give 'postcode')", default=""),
    Column("postcode", "text", False, "a postcode in the area (or give 'area_id')", default=""),
    Column(
        "registered", "integer", True, "children (or families) in the area registered with the service",
        0, MAX_FAMILIES_PER_AREA, default=0,
    ),
    Column(
        "seen", "integer", True, "of the area's children (or families), those seen at least once in the year",
        0, MAX_FAMILIES_PER_AREA, default=0,
    ),
    Column("site_id", "text", False, "the site they are registered at, as in sites.csv", default=""),
    Column("period", "text", False, "the year counted, e.g. 2017-18", default=""),
    Column("modelled", "flag", False, "the counts are modelled, not recorded (true/false)", default=False),
)  # fmt: skip
"""Columns of a usage table (``hubplan reach DIR --usage FILE``)."""

PostcodePlacer = Callable[[list[str]], tuple[np.ndarray, str]]
"""Places postcodes in areas: returns each one's area position (-1 when it cannot be placed) and how."""


@dataclass(frozen=True, eq=False)
class Usage:
    """A usage table, checked: one entry per row, each placed in an area of the workspace.

    Parameters
    ----------
    file
        The table's name, as problems and notes give it.
    area
        (n_rows,) the position of each row's area.
    registered, seen
        (n_rows,) the row's counts (the workspace's unit: children or families).
    site_id, period
        (n_rows,) as given ('' where not).
    modelled
        (n_rows,) whether the row's counts are modelled, not recorded.
    n_areas
        How many areas the workspace has.
    area_ids
        The workspace's area ids (for writing the rows back out).
    placed_by
        How rows were placed: ``"area id"``, or the postcode method when any row gave a postcode.
    warnings
        What looks wrong but is kept as given (counts above an area's children, seen above
        registered): each names its rows.
    notes
        Other things a reader should know (the period chosen, rows of other periods left out).
    """

    file: str
    area: np.ndarray
    registered: np.ndarray
    seen: np.ndarray
    site_id: np.ndarray
    period: np.ndarray
    modelled: np.ndarray
    n_areas: int
    area_ids: tuple[str, ...]
    placed_by: str = "area id"
    warnings: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def registered_by_area(self) -> np.ndarray:
        """(n_areas,) registered, summed over each area's rows (0 for an area with no row)."""
        return np.bincount(self.area, weights=self.registered, minlength=self.n_areas)

    @property
    def seen_by_area(self) -> np.ndarray:
        """(n_areas,) seen in the year, summed over each area's rows (0 for an area with no row)."""
        return np.bincount(self.area, weights=self.seen, minlength=self.n_areas)

    @property
    def has_row(self) -> np.ndarray:
        """(n_areas,) whether the table gives the area at least one row (no row: no data, not none seen)."""
        out: np.ndarray = np.bincount(self.area, minlength=self.n_areas) > 0
        return out

    @property
    def is_modelled(self) -> bool:
        """Whether any row's counts are modelled rather than recorded."""
        return bool(self.modelled.any())

    @property
    def periods(self) -> tuple[str, ...]:
        """The periods the rows count, sorted ('' when not given)."""
        return tuple(sorted({str(p) for p in self.period}))

    def to_csv(self) -> bytes:
        """Return the rows as the workspace's ``usage.csv`` (UTF-8, every row with its ``area_id``).

        Returns
        -------
        bytes
            The CSV text.
        """
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["area_id", "registered", "seen", "site_id", "period", "modelled"])
        for i in range(len(self.area)):
            writer.writerow(
                [
                    self.area_ids[int(self.area[i])],
                    int(self.registered[i]),
                    int(self.seen[i]),
                    self.site_id[i],
                    self.period[i],
                    "true" if self.modelled[i] else "false",
                ]
            )
        return buffer.getvalue().encode("utf-8")


_DASH = r"\s*(?:-|/|\u2013|\u2014|to)\s*"
_YEARS = re.compile(rf"(?:fy\s*)?(\d{{4}}|\d{{2}}){_DASH}(\d{{2}}|\d{{4}})", re.IGNORECASE)
_APRIL_TO_MARCH = re.compile(
    rf"(?:0?1\s*)?apr(?:il)?\.?[\s-]*(\d{{4}}|\d{{2}}){_DASH}(?:31\s*)?mar(?:ch)?\.?[\s-]*(\d{{4}}|\d{{2}})",
    re.IGNORECASE,
)
_DATES = re.compile(rf"0?1/0?4/(\d{{4}}|\d{{2}}){_DASH}31/0?3/(\d{{4}}|\d{{2}})")


def financial_year(text: str) -> str:
    """Write a financial year one way, ``2017-18``, however the council's file writes it.

    ``2017/18``, ``17/18``, ``2017-2018``, ``FY2017-18``, ``2017–18``, ``Apr 2017 - Mar 2018``,
    ``Apr-17 to Mar-18`` and ``01/04/2017 - 31/03/2018`` are the same year (April 2017 to March
    2018), and counting them as three periods would split one year's rows.
    Anything else (``2017``, ``Q1 2018``, a range of more than one year) is kept as written.

    Parameters
    ----------
    text
        A period as the file gives it.

    Returns
    -------
    str
        ``YYYY-YY`` for a financial year, else ``text`` with its outer spaces removed.
    """
    text = text.strip()
    for pattern in (_YEARS, _APRIL_TO_MARCH, _DATES):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        start = int(match[1])
        if len(match[1]) == 2:  # '17/18' is 2017-18; '99/00' is 1999-00 (Sure Start began in 1999)
            start += 2000 if start < 90 else 1900
        end = match[2]
        if int(end) == (start + 1 if len(end) == 4 else (start + 1) % 100):
            return f"{start}-{(start + 1) % 100:02d}"
    return text


def read_usage(
    path: Path,
    workspace: Workspace,
    *,
    period: str | None = None,
    place_postcodes: PostcodePlacer | None = None,
    root: Path | None = None,
) -> Usage:
    """Read and check a usage table, collecting every problem in one pass.

    Rows are placed by ``area_id`` where given, else by ``postcode`` (through ``place_postcodes``).
    Counts are not capped: an area whose rows add up to more seen or registered than its children
    (the workspace's demand), or a row with more seen than registered, is kept as given and named in
    :attr:`Usage.warnings`.

    Parameters
    ----------
    path
        A ``.csv``, ``.geojson`` or ``.gpkg`` table with :data:`USAGE_COLUMNS`.
    workspace
        The workspace whose areas and sites the rows name.
    period
        Keep only the rows of this period; by default the latest period given (rows of others are
        left out and a note says so). Financial years match however they are written
        (:func:`financial_year`).
    place_postcodes
        Places postcodes in areas; required only when rows give a postcode and no ``area_id``.
    root
        The folder the file must stay in (the workspace, for its own ``usage.csv``); ``None`` for a
        file named on the command line. Either way only a regular file is read (no FIFO or device).

    Returns
    -------
    Usage
        The rows, each placed in an area.

    Raises
    ------
    InputError
        Listing every problem, each with file, row, column, what was expected and what was found.
    """
    problems: list[Problem] = []
    table = read_table(path, problems, root=root, what="a usage table")
    if table is None:  # missing, a FIFO or device, a link out of ``root``, too large, not UTF-8, empty
        raise InputError(problems, f"the usage table {path.name} cannot be read")
    cols = check_columns(table, USAGE_COLUMNS, workspace.assumptions.region, problems)
    header = set(table.frame.columns)
    if not header & {"area_id", "postcode"}:
        expected = "a column 'area_id' (the area's id, as in areas.csv) or 'postcode'"
        problems.append(Problem(table.file, 1, "area_id", expected, "neither"))
    area, method = _place_rows(table, cols, workspace, place_postcodes, problems)
    _check_sites(table, cols["site_id"], workspace, problems)
    registered = np.asarray(cols["registered"], dtype=np.float64)
    seen = np.asarray(cols["seen"], dtype=np.float64)
    if problems:
        n = len(problems)
        raise InputError(problems, f"the usage table {table.file} has {n} problem{'s' if n != 1 else ''}")
    periods = np.asarray([financial_year(str(p)) for p in cols["period"]], dtype=str)
    notes: list[str] = []
    keep = np.ones(len(area), dtype=bool)
    given = sorted(set(periods.tolist()))
    period = None if period is None else financial_year(period)
    if period is not None:
        if period not in given:
            found = f"'{period}' (the table has {', '.join(repr(p) for p in given)})"
            raise InputError([Problem(table.file, None, "period", "a period the table has", found)])
        keep = periods == period
    elif len(given) > 1:
        latest = given[-1]
        keep = periods == latest
        notes.append(
            f"{table.file} counts several periods ({', '.join(given)}): the latest, {latest}, is used"
        )
    rows = table.rows[keep]
    usage = Usage(
        file=table.file,
        area=area[keep],
        registered=registered[keep],
        seen=seen[keep],
        site_id=np.asarray(cols["site_id"], dtype=object)[keep],
        period=periods[keep].astype(object),
        modelled=np.asarray(cols["modelled"], dtype=bool)[keep],
        n_areas=len(workspace.areas),
        area_ids=workspace.areas.ids,
        placed_by=f"area id, else {method} (the nearest area to it)" if method else "area id",
        notes=tuple(notes),
    )
    errors, warnings = _check_counts(usage, rows, workspace)
    if errors:
        n = len(errors)
        raise InputError(errors, f"the usage table {table.file} has {n} problem{'s' if n != 1 else ''}")
    by_id = np.asarray(cols["area_id"]).astype(str)[keep]
    warnings += _repeated_rows(usage, by_id, rows)
    warnings += _areas_without_row(usage, workspace)
    return replace(usage, warnings=tuple(warnings))


MAX_NAMED_AREAS = 10
"""How many areas without a usage row a warning names (the rest are counted)."""


def _areas_without_row(usage: Usage, workspace: Workspace) -> list[Problem]:
    """Name the areas where children live that the table gives no row (a partial extract).

    Such an area is counted as none seen in the totals (its counts are 0), but its own reach is no
    data, not 0%: one centre's registrations say nothing of the areas it does not serve.

    Returns
    -------
    list of Problem
        One warning, or none when every area with children has a row.
    """
    children = np.asarray(workspace.areas.families, dtype=np.float64)
    missing = np.flatnonzero(~usage.has_row & (children > 0))
    if not len(missing):
        return []
    people = workspace.areas.people
    named = ", ".join(workspace.areas.ids[int(a)] for a in missing[:MAX_NAMED_AREAS])
    more = f" and {len(missing) - MAX_NAMED_AREAS} more" if len(missing) > MAX_NAMED_AREAS else ""
    n_areas = int((children > 0).sum())
    found = (
        f"no row for {len(missing):,} of {n_areas:,} areas ({children[missing].sum():,.0f} {people}: "
        f"{named}{more}): counted as none seen in the totals, their reach shown as no data"
    )
    expected = "a row for every area of areas.csv (seen 0 where none was seen)"
    return [Problem(usage.file, None, "area_id", expected, found)]


def _repeated_rows(usage: Usage, area_ids: np.ndarray, rows: np.ndarray) -> list[Problem]:
    """Name each area given by its id twice or more for one site and period (a row pasted twice).

    Such rows are summed (an area's families may be counted in two rows on purpose, one per site or
    period), so they are kept, with a warning naming them. Rows placed by postcode are left alone:
    several postcodes of one area are several rows by nature.

    Parameters
    ----------
    usage
        The usage read (its kept rows).
    area_ids
        Each kept row's ``area_id`` cell ('' for a row placed by postcode).
    rows
        Each kept row's row number in the file.

    Returns
    -------
    list of Problem
        One warning per repeated area, site and period.
    """
    groups: dict[tuple[str, str, str], list[int]] = {}
    for i, area_id in enumerate(area_ids):
        if area_id:
            key = (str(area_id), str(usage.site_id[i]), str(usage.period[i]))
            groups.setdefault(key, []).append(int(rows[i]))
    out = []
    for (area_id, site, period), at in groups.items():
        if len(at) < 2:
            continue
        same = ", ".join(
            w for w in (f"site {site}" if site else "", f"period {period}" if period else "") if w
        )
        found = (
            f"area {area_id} in {_rows_text(np.asarray(at))}{f', each for {same}' if same else ''}: summed, "
            "as given (delete one if a row was pasted twice)"
        )
        expected = "each area once for a site and period (a repeated row is counted twice)"
        out.append(Problem(usage.file, at[1], "area_id", expected, found))
    return out


def load_usage(workspace: Workspace) -> Usage | None:
    """Return the workspace's own usage (``usage.csv``), or ``None`` when it has none.

    Parameters
    ----------
    workspace
        The workspace.

    Returns
    -------
    Usage or None
        Its usage, checked as :func:`read_usage` checks any.

    Raises
    ------
    InputError
        When ``usage.csv`` is there but wrong, or is not a regular file inside the workspace.
    """
    if workspace.path is None:
        return None
    path = workspace.path / USAGE_FILE
    if not path.exists() and not path.is_symlink():  # a FIFO or a broken link is there, and named
        return None
    return read_usage(path, workspace, root=workspace.path)


def store_usage(usage: Usage, folder: Path) -> tuple[Path, Path | None]:
    """Write the usage into the workspace as ``usage.csv``, where the report reads it, keeping the one before.

    A different ``usage.csv`` already there is kept as ``usage.csv.previous`` (replacing an older
    one); both files are written together, atomically, so an interrupted run leaves the earlier state.

    Parameters
    ----------
    usage
        Checked usage.
    folder
        The workspace folder.

    Returns
    -------
    tuple of Path and Path or None
        The file written, and where the earlier ``usage.csv`` was kept (``None`` when there was none,
        or it held the same rows).
    """
    target = folder / USAGE_FILE
    data = usage.to_csv()
    earlier = target.read_bytes() if target.is_file() and not target.is_symlink() else None
    if earlier is None or earlier == data:
        return write_bytes_atomically(target, data), None
    kept = folder / PREVIOUS_USAGE_FILE
    write_files_together([(kept, earlier), (target, data)], replace=True)
    return target, kept


def _place_rows(
    table: RawTable,
    cols: dict[str, np.ndarray],
    workspace: Workspace,
    place_postcodes: PostcodePlacer | None,
    problems: list[Problem],
) -> tuple[np.ndarray, str]:
    """Return each row's area position (-1 where it cannot be placed) and how postcodes were placed."""
    ids = np.asarray(cols["area_id"]).astype(str)
    postcodes = np.asarray(cols["postcode"]).astype(str)
    area = np.full(len(ids), -1, dtype=np.int64)
    position = {a: i for i, a in enumerate(workspace.areas.ids)}
    by_postcode = np.flatnonzero((ids == "") & (postcodes != ""))
    placed = np.full(len(ids), -1, dtype=np.int64)
    method = ""
    if len(by_postcode) and place_postcodes is not None:
        found, method = place_postcodes([str(p) for p in postcodes[by_postcode]])
        placed[by_postcode] = np.asarray(found, dtype=np.int64)
    if "area_id" not in table.frame.columns and "postcode" not in table.frame.columns:
        return area, method  # already reported for the whole file
    known = sorted(position)
    unknown = 0
    for i, (area_id, postcode) in enumerate(zip(ids, postcodes, strict=True)):
        row = int(table.rows[i])
        if area_id:
            if area_id in position:
                area[i] = position[area_id]
                continue
            unknown += 1
            close = closest(area_id, known) if unknown <= MAX_SUGGESTED else []
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(
                Problem(table.file, row, "area_id", f"the id of an area in areas.csv{hint}", shown(area_id))
            )
        elif postcode:
            if place_postcodes is None:
                expected = "an area_id (postcodes cannot be placed here)"
                problems.append(Problem(table.file, row, "postcode", expected, _postcode_shown(postcode)))
            elif placed[i] >= 0:
                area[i] = placed[i]
            else:
                expected = f"a postcode hubplan can place in an area (by {method})"
                problems.append(Problem(table.file, row, "postcode", expected, _postcode_shown(postcode)))
        else:
            problems.append(Problem(table.file, row, "area_id", "an area_id or a postcode", "both empty"))
    return area, method


def _check_sites(
    table: RawTable, site_ids: np.ndarray, workspace: Workspace, problems: list[Problem]
) -> None:
    known = sorted(workspace.sites.index)
    for i, site in enumerate(np.asarray(site_ids).astype(str)):
        if site and site not in workspace.sites.index:
            close = closest(site, known)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            expected = f"the id of a site in sites.csv or venues.csv, or nothing{hint}"
            problems.append(Problem(table.file, int(table.rows[i]), "site_id", expected, shown(site)))


def _rows_text(rows: np.ndarray) -> str:
    shown_rows = ", ".join(str(int(r)) for r in rows[:10])
    return f"rows {shown_rows}" + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")


IMPLAUSIBLE_RATIO = 10.0
"""Counts above this many times an area's children (and :data:`IMPLAUSIBLE_EXCESS` more) are refused."""

IMPLAUSIBLE_EXCESS = 100.0
"""...and this many more: a small area's few stale registrations are not refused."""


def _check_counts(
    usage: Usage, rows: np.ndarray, workspace: Workspace
) -> tuple[list[Problem], list[Problem]]:
    """Name the rows whose counts look wrong: above the area's children, or seen above registered.

    A count a little above the area's children is the council's record (families move, registrations
    go stale) and is kept with a warning; one more than :data:`IMPLAUSIBLE_RATIO` times the children
    and :data:`IMPLAUSIBLE_EXCESS` more (99,999 registered where 71 live) is a slip, and refused.

    Returns
    -------
    tuple of list of Problem
        The refusals and the warnings.
    """
    errors: list[Problem] = []
    out: list[Problem] = []
    children = np.asarray(workspace.areas.families, dtype=np.float64)
    people = workspace.areas.people
    for name, by_area in (("seen", usage.seen_by_area), ("registered", usage.registered_by_area)):
        for a in np.flatnonzero(by_area > children + 1e-9):
            mine = rows[usage.area == a]
            expected = f"at most the area's {people} (areas.csv)"
            area = workspace.areas.ids[a]
            given = f"{by_area[a]:,.0f} {name} in area {area}, which has {children[a]:,.0f} {people}"
            if by_area[a] > max(IMPLAUSIBLE_RATIO * children[a], children[a] + IMPLAUSIBLE_EXCESS):
                found = f"{given} ({_rows_text(mine)}): more than {IMPLAUSIBLE_RATIO:g} times as many"
                errors.append(Problem(usage.file, int(mine[0]), name, expected, found))
                continue
            found = f"{given} ({_rows_text(mine)}); kept as given, not capped"
            out.append(Problem(usage.file, int(mine[0]), name, expected, found))
    over = np.flatnonzero(usage.seen > usage.registered)
    if len(over):
        found = f"more seen than registered in {_rows_text(rows[over])}; kept as given"
        out.append(Problem(usage.file, int(rows[over[0]]), "seen", "at most 'registered'", found))
    return errors, out


_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


def _postcode_shown(cell: str) -> str:
    """Show only the postcode of a postcode cell in a message: the rest may be a name or an address."""
    found = _POSTCODE.search(cell)
    if found and found[0].strip() == cell.strip():
        return shown(cell)
    if found:
        return f"{shown(found[0])} with more text around it ({len(cell):,} characters, the rest not shown)"
    return f"text of {len(cell):,} characters with no postcode in it (not shown: it may be personal data)"
