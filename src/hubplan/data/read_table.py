"""Read a workspace table (CSV, GeoJSON or GeoPackage) into strings, one cell per value, for validation."""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from hubplan.data.safe_read import check_user_file, decode_text, file_kind, read_user_bytes
from hubplan.errors import Problem

TABLE_SUFFIXES = (".csv", ".geojson", ".json", ".gpkg")
"""The file endings a sites, venues or areas table may have, in the order they are looked for."""

MAX_TABLE_BYTES = 50_000_000
"""The largest sites, venues or areas file read (bytes): 50 MB, over ten times England's LSOAs."""

MAX_TABLE_ROWS = 300_000
"""The most rows a table may have: England has 188,880 output areas and 33,755 LSOAs."""

MAX_SHOWN_CHARS = 80
"""The most characters of a value a problem shows."""

MAX_CELL_CHARS = 1_000
"""The most characters a cell may hold (longer ones are reported and read cut short)."""


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


_COPY_MARK = re.compile(r"(?:\s*\(\d+\)|\s*-\s*copy(?:\s*\(\d+\))?|\s+copy)$")
"""What a file manager adds to a copy's stem: ``sites (1)``, ``sites - Copy``, ``sites copy``."""

EDITOR_ENDINGS = ("txt", "text", "rtf")
"""Endings an editor adds when it saves (``hubplan.toml.txt``); a backup's (``.bak``) is not one."""

MAX_ENTRIES_LOOKED_AT = 1_000
"""The most entries of a folder :func:`look_alike_file` looks through."""


def look_alike_file(folder: Path, name: str) -> str | None:
    """Return the name of a file in ``folder`` that is ``name`` as a save dialog or file manager left it.

    Looked for, so a missing file is named with the one the user meant instead of silently read as
    absent: another case (``Hubplan.TOML``), an editor's ending added (``hubplan.toml.txt``:
    Windows hides it) or the ending typed twice (``sites.csv.csv``), a copy's mark (``sites (1).csv``,
    ``sites - Copy.csv``, ``Copy of sites.csv``), ``.yml`` for ``.yaml`` and spaces around the name.

    Parameters
    ----------
    folder
        The workspace folder.
    name
        The exact name that is missing, e.g. ``"hubplan.toml"``.

    Returns
    -------
    str or None
        The look-alike's name, or ``None`` when there is none (or the folder cannot be listed).
    """
    want = name.casefold()
    stem, dot, ending = want.rpartition(".")
    try:
        entries = sorted(e.name for _, e in zip(range(MAX_ENTRIES_LOOKED_AT), folder.iterdir(), strict=False))
    except OSError:
        return None
    for entry in entries:
        if entry == name:
            continue  # the file itself: a copy beside it is still a look-alike
        got = entry.casefold().strip()
        got = got.removeprefix("copy of ").strip()
        if got == want or any(got == f"{want}.{added}" for added in (*EDITOR_ENDINGS, ending)):
            return entry  # hubplan.toml.txt, and sites.csv.csv (the ending typed where Windows hides it)
        got_stem, got_dot, got_ending = got.rpartition(".")
        same_ending = got_ending == ending or {got_ending, ending} == {"yaml", "yml"}
        if dot and got_dot and same_ending and _COPY_MARK.sub("", got_stem).strip() == stem:
            return entry
    return None


SPREADSHEET_ENDINGS = ("xlsx", "xlsm", "xls", "ods", "numbers")
"""Endings of a spreadsheet's own format, which hubplan does not read (a table must be saved as CSV)."""


def missing_table_found(folder: Path, stem: str) -> str:
    """Say what is in ``folder`` instead of the table ``stem``, and what to do about it.

    Parameters
    ----------
    folder
        The workspace folder.
    stem
        The table's name without ending, e.g. ``"sites"``.

    Returns
    -------
    str
        A problem's "found": ``"none, but 'sites.csv.csv' is there: rename it sites.csv"``,
        ``"none, but 'sites.xlsx' is there: save it as CSV UTF-8 named sites.csv"``, or
        ``"no such file"``.
    """
    for suffix in TABLE_SUFFIXES:
        meant = look_alike_file(folder, f"{stem}{suffix}")
        if meant is not None:
            return f"none, but {meant!r} is there: rename it {stem}{suffix}"
    sheet = spreadsheet_instead(folder, stem)
    if sheet is not None:
        return (
            f"none, but {sheet!r} is there: save it as CSV UTF-8 named {stem}.csv (File > Save As; "
            "a spreadsheet's own format is not read)"
        )
    return "no such file"


def spreadsheet_instead(folder: Path, stem: str) -> str | None:
    """Return the name of a spreadsheet saved as ``stem`` in its own format (``sites.xlsx``), if any.

    Parameters
    ----------
    folder
        The workspace folder.
    stem
        The table's name without ending.

    Returns
    -------
    str or None
        The spreadsheet's name (also in another case or with a copy's mark), or ``None``.
    """
    try:
        entries = sorted(e.name for _, e in zip(range(MAX_ENTRIES_LOOKED_AT), folder.iterdir(), strict=False))
    except OSError:
        return None
    for entry in entries:
        got_stem, dot, ending = entry.casefold().strip().removeprefix("copy of ").rpartition(".")
        if dot and ending in SPREADSHEET_ENDINGS and _COPY_MARK.sub("", got_stem).strip() == stem.casefold():
            return entry
    return None


def read_table(
    path: Path,
    problems: list[Problem],
    *,
    max_rows: int = MAX_TABLE_ROWS,
    root: Path | None = None,
    what: str = "a table",
) -> RawTable | None:
    """Read one table, appending a problem and returning ``None`` when it cannot be read at all.

    Parameters
    ----------
    path
        A ``.csv`` (UTF-8, header row first), ``.geojson``/``.json`` or ``.gpkg`` file. Geodata
        gives ``lat``/``lon`` from its point geometry (or a point inside each polygon) in WGS84,
        unless the attributes have ``lat`` and ``lon`` already.
    problems
        Where to append what is wrong. A CSV row with fewer or more cells than the header is
        named by its row and the column where it goes wrong; a short row is read with empty
        cells, and cells beyond the header are dropped.
    max_rows
        The most data rows (features) the table may have; a longer one is refused before it is
        parsed, so a huge file costs neither minutes nor gigabytes.
    root
        The folder the file must stay in (links are followed only inside it); see
        :func:`hubplan.data.safe_read.read_user_bytes`, which also refuses FIFOs, devices and folders.
    what
        What the file is, in words, for a problem about the file itself (``"a usage table"``).

    Returns
    -------
    RawTable or None
        The strings, or ``None`` if the file is empty, too large, not UTF-8 or not readable.
    """
    if path.suffix.lower() == ".csv":
        raw = read_user_bytes(path, MAX_TABLE_BYTES, problems, what=what, root=root)
        if raw is not None and (kind := file_kind(raw)):
            expected = "comma-separated values (in a spreadsheet: File, Save as, 'CSV UTF-8')"
            problems.append(Problem(path.name, None, None, expected, f"{kind}, named .csv"))
            return None
        return None if raw is None else _read_csv(path.name, raw, problems, max_rows)
    if not check_user_file(path, MAX_TABLE_BYTES, problems, what=what, root=root):
        return None
    return _read_geodata(path, problems, max_rows)


def shown(value: object, *, limit: int = MAX_SHOWN_CHARS, quoted: bool = True) -> str:
    """Return a value as a problem's *found* shows it: ``repr`` (or the text), cut to about ``limit``.

    Parameters
    ----------
    value
        What the user wrote.
    limit
        The most characters to show.
    quoted
        Show text in quotes, as ``repr`` does; otherwise as it is.

    Returns
    -------
    str
        The representation, ending ``... (N characters)`` when cut.
    """
    if isinstance(value, str):
        size = len(value)
        text = repr(value[: 2 * limit]) if quoted else value[: 2 * limit]
    else:
        text = repr(value)
        size = len(text)
    if len(text) <= limit and size <= 2 * limit:
        return text
    return f"{text[: limit - 3]}... ({size:,} characters)"


def _column_letter(index: int) -> str:
    """Return a spreadsheet column's letters for a 0-based index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@contextmanager
def _cells_up_to(chars: int) -> Iterator[None]:
    """Let :mod:`csv` read cells of up to ``chars`` characters (its own limit is 131,072) for a while.

    The file is already capped at :data:`MAX_TABLE_BYTES`; a long cell is then reported by
    :func:`_checked_cells` with its row, its column and :data:`MAX_CELL_CHARS`.
    """
    before = csv.field_size_limit()
    wanted = max(before, chars)
    csv.field_size_limit(wanted)
    try:
        yield
    finally:
        if csv.field_size_limit() == wanted:  # unless another reader has set its own since
            csv.field_size_limit(before)


def _read_csv(file: str, raw: bytes, problems: list[Problem], max_rows: int) -> RawTable | None:
    text = _decode(file, raw, problems, max_rows)
    if text is None:
        return None
    records: list[list[str]] = []
    starts: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), skipinitialspace=True)
    line = 0
    try:
        with _cells_up_to(len(text) + 1):  # a 5 MB cell is named by its column below, not by csv's limit
            for record in reader:
                start, line = line + 1, reader.line_num
                if not any(cell.strip() for cell in record):
                    continue  # a blank line, or one of only commas (a spreadsheet's empty row)
                records.append([cell.strip() for cell in record])
                starts.append(start)
    except csv.Error as exc:
        found = shown(str(exc))
        problems.append(Problem(file, line + 1, None, "comma-separated values with one header row", found))
        return None
    if len(records) < 2:
        found = "only a header row" if records else "only blank lines"
        problems.append(Problem(file, None, None, "at least one data row", found))
        return None
    header, data, rows = records[0], records[1:], starts[1:]
    separator = next((c for c in ";\t|" if len(header) == 1 and c in header[0]), None)
    if separator is not None:
        # A spreadsheet set to a decimal comma saves its CSV with ';' between cells; "Unicode Text"
        # and "Tab delimited" exports put a tab between them.
        expected = "cells separated by commas (in a spreadsheet, save as 'CSV UTF-8 (Comma delimited)')"
        name = {";": "';'", "\t": "tabs", "|": "'|'"}[separator]
        found = f"cells separated by {name}: {shown(header[0])}"
        problems.append(Problem(file, starts[0], None, expected, found))
        return None
    width = len(header)
    widths = Counter(len(record) for record in data)
    usual, count = widths.most_common(1)[0]
    if usual != width and count > len(data) // 2:
        # Most rows disagree with the header: a header cell is missing, split or merged, and every
        # column after it is shifted. One problem says so; checking the shifted cells would only flood.
        expected = f"a header naming each of the {usual} cells most rows have"
        found = f"{width} names: {shown(','.join(header))}"
        problems.append(Problem(file, starts[0], None, expected, found))
        return None
    for i, record in enumerate(data):
        if len(record) < width:
            missing = header[len(record)]
            expected = f"{width} cells, as the header has ({len(record)} given)"
            problems.append(Problem(file, rows[i], missing, expected, "the row ends before this column"))
            record.extend([""] * (width - len(record)))
        elif len(record) > width:
            extra = [cell for cell in record[width:] if cell]
            if extra:
                letter = _column_letter(record.index(extra[0], width))
                expected = f"at most {width} cells, as the header has"
                problems.append(Problem(file, rows[i], letter, expected, f"an extra cell {shown(extra[0])}"))
            del record[width:]
    frame = pd.DataFrame(data, columns=[str(c).strip() for c in header], dtype=object)
    return _checked_cells(RawTable(file, frame, np.asarray(rows, dtype=np.int64)), problems)


def _decode(file: str, raw: bytes, problems: list[Problem], max_rows: int) -> str | None:
    """Return a CSV file's text, or append why it cannot be read as one (and return ``None``)."""
    text = decode_text(raw, problems, label=file, advice="in a spreadsheet, save as 'CSV UTF-8'")
    if text is None:
        return None
    lines = text.count("\n") + (not text.endswith("\n"))
    problem = None
    if not text.strip():
        found = "only a byte-order mark" if raw.strip() else "an empty file"
        problem = Problem(file, None, None, "a header row and at least one data row", found)
    elif "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problem = Problem(file, line, None, "text (a CSV file, not a binary one)", "a NUL byte")
    elif lines - 1 > max_rows:
        problem = Problem(file, None, None, f"at most {max_rows:,} data rows", f"{lines - 1:,} lines")
    if problem is not None:
        problems.append(problem)
        return None
    return text


def _checked_cells(table: RawTable, problems: list[Problem]) -> RawTable:
    """Report cells longer than :data:`MAX_CELL_CHARS` (the first 10) and cut them short."""
    frame = table.frame
    reported = 0
    for j in range(frame.shape[1]):
        cells = frame.iloc[:, j].astype(str)
        long = np.flatnonzero((cells.str.len() > MAX_CELL_CHARS).to_numpy())
        if len(long) == 0:
            continue
        for i in long[: max(0, 10 - reported)]:
            expected = f"at most {MAX_CELL_CHARS:,} characters"
            found = f"{len(cells.iloc[i]):,} characters"
            problems.append(
                Problem(table.file, int(table.rows[i]), str(frame.columns[j])[:80], expected, found)
            )
        reported += len(long)
        frame.iloc[:, j] = cells.str.slice(0, MAX_CELL_CHARS)
    return table


def _read_geodata(path: Path, problems: list[Problem], max_rows: int) -> RawTable | None:
    import pyogrio

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            features = pyogrio.read_info(path).get("features", 0)
            if features is not None and features > max_rows:
                expected = f"at most {max_rows:,} features"
                problems.append(Problem(path.name, None, None, expected, f"{features:,}"))
                return None
            gdf = pyogrio.read_dataframe(path)
    except Exception as exc:  # pyogrio raises several GDAL error types
        found = shown(str(exc))
        problems.append(Problem(path.name, None, None, "a readable GeoJSON or GeoPackage file", found))
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
    rows = np.arange(1, len(frame) + 1, dtype=np.int64)
    return _checked_cells(RawTable(path.name, frame.reset_index(drop=True), rows), problems)
