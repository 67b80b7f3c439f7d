"""Keep a run's rows on disk: a parquet table, and the batches a run streams beside it as rows arrive.

While a run goes, each batch of finished rows is written once, as its own small parquet file in a
folder beside the table (``national.parquet.parts/000001.parquet``, ...): a batch costs what its
own rows cost, whatever the number of rows already written. At the end of the run the table is
written once, atomically, with every row, and the batches are removed. A run that stops half-way
(killed, out of memory, a bug) leaves its batches: the next run reads them with the table and does
not compute those rows again.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from hubplan.files import write_bytes_atomically

PARTS_SUFFIX = ".parts"
"""The batches of a table ``T`` live in the folder ``T.parts`` beside it."""


def parts_folder(path: Path) -> Path:
    """Return the folder where a run streams the batches of the table at ``path``.

    Parameters
    ----------
    path
        The table (e.g. ``out/sweep.parquet``).

    Returns
    -------
    pathlib.Path
        ``out/sweep.parquet.parts``.
    """
    return path.with_name(path.name + PARTS_SUFFIX)


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = table.to_dict(orient="records")  # type: ignore[assignment]
    return records


def read_rows(path: Path, *, key_column: str = "key") -> dict[str, dict[str, Any]]:
    """Return the rows already written at ``path`` and in its batches, by key (empty when none).

    A row in a batch replaces the table's row with the same key (batches are newer than the table),
    and a later batch replaces an earlier one.

    Parameters
    ----------
    path
        A parquet table written by :func:`hubplan.scale.engine.run_tasks`.
    key_column
        The column holding each row's key.

    Returns
    -------
    dict
        Key to row.
    """
    rows: dict[str, dict[str, Any]] = {}
    if path.exists():
        rows.update((str(r[key_column]), r) for r in _records(pd.read_parquet(path)))
    parts = parts_folder(path)
    if parts.is_dir():
        for part in sorted(parts.glob("*.parquet")):
            try:
                table = pd.read_parquet(part)
            except (OSError, ValueError):  # a batch cut short (pyarrow's errors are both): redo its rows
                continue
            rows.update((str(r[key_column]), r) for r in _records(table))
    return rows


def _parquet_bytes(rows: Sequence[dict[str, Any]], key_column: str) -> bytes:
    table = pd.DataFrame(list(rows))
    if len(table):
        table = table.sort_values(key_column, kind="stable").reset_index(drop=True)
    buffer = io.BytesIO()
    table.to_parquet(buffer, index=False)
    return buffer.getvalue()


def write_rows(path: Path, rows: Sequence[dict[str, Any]], *, key_column: str = "key") -> None:
    """Write rows as the parquet table at ``path``, sorted by key, atomically; remove its batches.

    Parameters
    ----------
    path
        The table to write.
    rows
        Rows with the same columns.
    key_column
        The column to sort by.
    """
    write_bytes_atomically(path, _parquet_bytes(rows, key_column))
    shutil.rmtree(parts_folder(path), ignore_errors=True)


class BatchWriter:
    """Append batches of rows beside a table, each batch written once as its own file.

    Parameters
    ----------
    path
        The table whose batches these are.
    key_column
        The rows' key column (each batch is sorted by it).
    """

    def __init__(self, path: Path, *, key_column: str = "key") -> None:
        self.folder = parts_folder(path)
        self.key_column = key_column
        numbers = [int(p.stem) for p in self.folder.glob("*.parquet") if p.stem.isdigit()]
        self.next_number = max(numbers, default=0) + 1
        self.batches = 0
        self.rows = 0

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        """Write ``rows`` as the next batch (nothing for no rows).

        Parameters
        ----------
        rows
            Rows with the table's columns.
        """
        if not rows:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        name = self.folder / f"{self.next_number:06d}.parquet"
        # Moved into place whole, but not synced to the disk (a sync costs tens of milliseconds on
        # the client, every batch): after a power cut a batch may be unreadable, and read_rows
        # then leaves it out, so its rows are computed again. The table at the end is synced.
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".writing-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_parquet_bytes(rows, self.key_column))
            os.replace(tmp, name)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        self.next_number += 1
        self.batches += 1
        self.rows += len(rows)
