"""Import consultation responses from a survey export: map its columns, check each row, keep good ones."""

from __future__ import annotations

import io
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from hubplan.errors import InputError, Problem

COLUMNS = ("response_id", "submitted_at", "respondent_type", "postcode", "centre", "support", "comment")
"""The canonical columns; a mapping file renames a survey tool's columns to these."""

RESPONDENT_TYPES = ("parent", "grandparent", "professional", "organisation", "other")
SUPPORT = ("agree", "disagree", "neutral", "")


@dataclass(frozen=True)
class ImportResult:
    """What an import found: the good rows (canonical columns) and each problem with its row."""

    rows: list[dict[str, str | int]]
    problems: list[Problem]


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


def read_responses(path: Path, *, mapping: dict[str, str] | None = None) -> ImportResult:
    """Read and check a CSV export; malformed rows become problems, valid rows are kept.

    Parameters
    ----------
    path
        The CSV (UTF-8; header first).
    mapping
        Export column -> canonical column (from :func:`read_mapping`).

    Returns
    -------
    ImportResult
        Valid rows with every canonical column, and the problems (file, row, column).

    Raises
    ------
    InputError
        When the file cannot be read at all or lacks a canonical column.
    """
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem(path.name, line, None, "UTF-8 text", f"byte 0x{raw[exc.start]:02x}")]
        ) from None
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False).rename(columns=mapping or {})
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        absent = [Problem(path.name, 1, c, f"a column '{c}' (or a mapping to it)", "none") for c in missing]
        raise InputError(absent, f"{path.name} lacks {len(missing)} column(s)")
    rows: list[dict[str, str | int]] = []
    problems: list[Problem] = []
    for i, record in enumerate(frame[list(COLUMNS)].to_dict("records")):
        row = i + 2
        cells: dict[str, str] = {str(k): str(v).strip() for k, v in record.items()}
        cells["respondent_type"] = cells["respondent_type"].lower()
        cells["support"] = cells["support"].lower()
        bad = []
        if not cells["response_id"]:
            bad.append(Problem(path.name, row, "response_id", "an id for the response", "an empty cell"))
        if pd.isna(pd.to_datetime(cells["submitted_at"], errors="coerce", utc=True)):
            bad.append(
                Problem(
                    path.name, row, "submitted_at", "a date and time (ISO 8601)", repr(cells["submitted_at"])
                )
            )
        if cells["respondent_type"] not in RESPONDENT_TYPES:
            expected = f"one of {', '.join(RESPONDENT_TYPES)}"
            bad.append(Problem(path.name, row, "respondent_type", expected, repr(cells["respondent_type"])))
        if cells["support"] not in SUPPORT:
            bad.append(
                Problem(
                    path.name, row, "support", "agree, disagree, neutral or blank", repr(cells["support"])
                )
            )
        if bad:
            problems += bad
        else:
            rows.append({**cells, "source_file": path.name, "source_row": row})
    return ImportResult(rows, problems)
