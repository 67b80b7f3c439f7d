"""Plan every English upper-tier council at once: a task per council, a row each in ``national.parquet``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hubplan.data.england import Council, find_council, upper_tier_councils
from hubplan.errors import InputError, Problem
from hubplan.scale.engine import ProgressCallback, RunSummary, Task, run_tasks
from hubplan.scale.tasks import NationalOptions, empty_row, fingerprint, solve_council

TABLE = "national.parquet"
"""The file name of the national table inside the output folder."""


def choose_councils(codes: Sequence[str] | None = None) -> list[Council]:
    """Return the upper-tier councils to plan: all 151, or those named.

    Parameters
    ----------
    codes
        ONS codes or names of upper-tier councils; every one when ``None`` or empty.

    Returns
    -------
    list of Council
        In code order, without repeats.

    Raises
    ------
    InputError
        Naming every code that is not an English upper-tier council.
    """
    every = upper_tier_councils()
    if not codes:
        return every
    problems: list[Problem] = []
    chosen: dict[str, Council] = {}
    for code in codes:
        try:
            council = find_council(code)
        except InputError:
            council = None
        if council is None or council.tier != "upper":
            problems.append(
                Problem("councils", None, None, "the ONS code or name of an upper-tier council", repr(code))
            )
            continue
        chosen[council.code] = council
    if problems:
        raise InputError(problems, "unknown councils")
    return [chosen[c] for c in sorted(chosen)]


def _error_row(task: Task, message: str) -> dict[str, Any]:
    code, options = task.args
    row = empty_row(code, code, options)
    row["error"] = message
    return row


def council_tasks(councils: Sequence[Council], options: NationalOptions) -> list[Task]:
    """Return one task per council.

    Parameters
    ----------
    councils
        The councils.
    options
        What each task does.

    Returns
    -------
    list of Task
        Keyed by council code, fingerprinted by code, options, tables and hubplan's version.
    """
    return [Task(c.code, fingerprint(c.code, options), solve_council, (c.code, options)) for c in councils]


def run_national(
    out_dir: Path,
    options: NationalOptions,
    *,
    codes: Sequence[str] | None = None,
    scheduler: str | None = None,
    n_workers: int | None = None,
    progress: ProgressCallback | None = None,
) -> RunSummary:
    """Plan councils on Dask and write ``out_dir/national.parquet``, one row per council.

    Parameters
    ----------
    out_dir
        The output folder (made if missing).
    options
        The rule, method, mode, threshold, year and seed.
    codes
        Councils to plan (ONS codes or names); every upper-tier council when ``None``.
    scheduler
        An existing Dask scheduler's address; a local cluster when ``None``.
    n_workers
        A local cluster's worker processes; one per core when ``None``.
    progress
        Called as the run goes (see :func:`hubplan.scale.engine.run_tasks`).

    Returns
    -------
    RunSummary
        What the run did.

    Raises
    ------
    InputError
        For an unknown council.
    """
    tasks = council_tasks(choose_councils(codes), options)
    return run_tasks(
        tasks,
        out_dir / TABLE,
        error_row=_error_row,
        key_column="code",
        scheduler=scheduler,
        n_workers=n_workers,
        progress=progress,
    )
