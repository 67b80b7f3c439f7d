"""Import consultation responses from a survey export: map its columns, check each row, keep good ones."""

from __future__ import annotations

import csv
import hashlib
import io
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from hubplan.data.safe_read import decode_text, read_user_bytes
from hubplan.data.sense import identity_key
from hubplan.errors import InputError, Problem

COLUMNS = ("response_id", "submitted_at", "respondent_type", "postcode", "centre", "support", "comment")
"""The canonical columns; a mapping file renames a survey tool's columns to these."""

RESPONDENT_TYPES = ("parent", "grandparent", "professional", "organisation", "other")
SUPPORT = ("agree", "disagree", "neutral", "")


MAX_RESPONSES_BYTES = 200_000_000
"""The largest export read (bytes): 200 MB, some hundred thousand long responses."""

MAX_CELL_CHARS = csv.field_size_limit()
"""The most characters one cell may hold (Python's csv limit, 131,072): a longer one is named."""


@dataclass(frozen=True)
class ImportResult:
    """What an import found: the good rows (canonical columns), each problem with its row, the file's hash."""

    rows: list[dict[str, str | int]]
    problems: list[Problem]
    sha256: str = ""


def read_mapping(path: Path) -> dict[str, str]:
    """Read a mapping file: ``[columns]`` with ``canonical = "Column in the export"`` lines.

    Parameters
    ----------
    path
        A TOML file.

    Returns
    -------
    dict
        Export column -> canonical column.

    Raises
    ------
    InputError
        For an unknown canonical name or a file that is not TOML.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError([Problem(path.name, None, None, "a TOML mapping file", str(exc))]) from None
    columns = data.get("columns", {})
    unknown = [k for k in columns if k not in COLUMNS]
    if unknown or not isinstance(columns, dict):
        problems = [
            Problem(path.name, None, f"columns.{k}", f"one of {', '.join(COLUMNS)}", "an unknown name")
            for k in unknown
        ]
        raise InputError(problems or [Problem(path.name, None, "columns", "a table of names", repr(columns))])
    return {str(v): k for k, v in columns.items()}


def read_responses(
    path: Path, *, mapping: dict[str, str] | None = None, within: Path | None = None
) -> ImportResult:
    """Read and check a CSV export; malformed rows become problems, valid rows are kept.

    No message quotes what a respondent wrote: a problem names the file, row and column and says what
    kind of value is there (its length), never the value itself, since cells hold postcodes and comments.

    Parameters
    ----------
    path
        The CSV (UTF-8; header first).
    mapping
        Export column -> canonical column (from :func:`read_mapping`); each export column it names
        must be in the file.
    within
        A folder the file must stay in (a workspace's own ``responses*.csv``); ``None`` for a file
        named on the command line. Either way only a regular file is read (no FIFO or device).

    Returns
    -------
    ImportResult
        Valid rows with every canonical column, and the problems (file, row, column).

    Raises
    ------
    InputError
        When the file cannot be read at all, is empty, lacks a canonical column, or has a row with
        more or fewer fields than the header, a NUL byte or a cell over :data:`MAX_CELL_CHARS`.
    """
    problems: list[Problem] = []
    raw = read_user_bytes(path, MAX_RESPONSES_BYTES, problems, what="a CSV export of responses", root=within)
    if raw is None:
        raise InputError(problems)
    header, records = _read_csv(path.name, raw)
    absent = [
        Problem("mapping", None, f"columns.{canonical}", f"a column of {path.name}", repr(column))
        for column, canonical in (mapping or {}).items()
        if column not in {c.strip() for c in header}
    ]
    if absent:
        raise InputError(absent, f"the mapping names {len(absent)} column(s) {path.name} does not have")
    header = [(mapping or {}).get(c.strip(), c).strip() for c in header]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        absent = [Problem(path.name, 1, c, f"a column '{c}' (or a mapping to it)", "none") for c in missing]
        raise InputError(absent, f"{path.name} lacks {len(missing)} column(s)")
    position = {c: header.index(c) for c in COLUMNS}
    rows: list[dict[str, str | int]] = []
    first: dict[str, tuple[int, dict[str, str]]] = {}
    repeated: set[str] = set()
    for row, record in records:
        cells: dict[str, str] = {c: record[position[c]].strip() for c in COLUMNS}
        cells["respondent_type"] = cells["respondent_type"].lower()
        cells["support"] = cells["support"].lower()
        bad = []
        if not cells["response_id"]:
            bad.append(Problem(path.name, row, "response_id", "an id for the response", "an empty cell"))
        if pd.isna(pd.to_datetime(cells["submitted_at"], errors="coerce", utc=True)):
            found = _describe(cells["submitted_at"])
            bad.append(Problem(path.name, row, "submitted_at", "a date and time (ISO 8601)", found))
        if cells["respondent_type"] not in RESPONDENT_TYPES:
            expected = f"one of {', '.join(RESPONDENT_TYPES)}"
            bad.append(
                Problem(path.name, row, "respondent_type", expected, _describe(cells["respondent_type"]))
            )
        if cells["support"] not in SUPPORT:
            expected = "agree, disagree, neutral or blank"
            bad.append(Problem(path.name, row, "support", expected, _describe(cells["support"])))
        key = identity_key(cells["response_id"])  # "R1" and "r1 " are one id, as a reader sees them
        if key and key in first:
            other, other_cells = first[key]
            if _answers(other_cells) != _answers(cells):
                expected = f"each response_id once, or the same response again (row {other} has it)"
                problems.append(Problem(path.name, row, "response_id", expected, "different answers"))
                repeated.add(key)
            continue  # the same response twice: kept once
        if key:
            first[key] = (row, cells)
        if bad:
            problems += bad
        else:
            rows.append({**cells, "source_file": path.name, "source_row": row})
    for key in repeated:  # neither is kept: which one the respondent meant is not known
        other, _ = first[key]
        expected = "each response_id once (later rows give it with different answers)"
        problems.append(Problem(path.name, other, "response_id", expected, "a repeated id"))
    rows = [r for r in rows if identity_key(str(r["response_id"])) not in repeated]
    return ImportResult(rows, problems, hashlib.sha256(raw).hexdigest())


def _answers(cells: dict[str, str]) -> dict[str, str]:
    """Return a row's answers: every cell but the id (whose case or spacing may differ between repeats)."""
    return {c: v for c, v in cells.items() if c != "response_id"}


def _describe(value: str) -> str:
    """Describe a cell without quoting it (it may hold personal data)."""
    return "an empty cell" if not value else f"another value ({len(value)} characters, not shown)"


def _read_csv(name: str, raw: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Return the header and the (row number, cells) of each non-blank record; header is row 1.

    Raises InputError, naming file, row and column but no cell's content, for an empty file, a row
    with more or fewer fields than the header, a NUL byte, a cell over the limit or a malformed quote.
    """
    decoded: list[Problem] = []
    text = decode_text(raw, decoded, label=name, advice="in a spreadsheet, save as 'CSV UTF-8'")
    if text is None:
        raise InputError(decoded)
    if not text.strip():
        expected = f"a header row ({', '.join(COLUMNS)}) and one row per response"
        raise InputError([Problem(name, None, None, expected, "an empty file")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    records: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    number = 1
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue  # a blank line
            if header is None:
                header = [c.strip() for c in cells]
                continue
            number += 1
            problems += _check_record(name, number, header, cells)
            records.append((number, cells))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            expected = f"cells of at most {MAX_CELL_CHARS:,} characters"
            found = f"a longer cell (over {MAX_CELL_CHARS:,} characters)"
        else:
            expected, found = "CSV with balanced quotes", "a malformed quoted cell"
        raise InputError([Problem(name, number + 1, None, expected, found)]) from None
    if header is None:  # pragma: no cover - a non-blank text always has a first record
        raise InputError([Problem(name, None, None, "a header row", "none")])
    if problems:
        shown = problems[:20]
        raise InputError(shown, f"{name}: {len(problems)} row(s) cannot be read as CSV")
    return header, records


def _check_record(file: str, number: int, header: list[str], cells: list[str]) -> list[Problem]:
    """Problems with one record's shape: extra or missing fields, NUL bytes (content never quoted)."""
    out = []
    if len(cells) > len(header):
        expected = f"{len(header)} fields, as in the header (the last is '{header[-1]}')"
        out.append(Problem(file, number, f"field {len(header) + 1}", expected, f"{len(cells)} fields"))
    elif len(cells) < len(header):
        out.append(
            Problem(
                file,
                number,
                header[len(cells)],
                f"{len(header)} fields, as in the header",
                f"{len(cells)} fields",
            )
        )
    for name, cell in zip(header, cells, strict=False):
        if "\x00" in cell:
            out.append(Problem(file, number, name, "text without NUL bytes", "a NUL byte"))
    return out
