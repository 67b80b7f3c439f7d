"""Analysis runs: a background job's request, its state and its result, kept in the store."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Literal

import sqlalchemy as sa

from hubplan.store.engine import writing
from hubplan.store.schema import runs

Status = Literal["queued", "running", "done", "failed", "expired"]
"""A run's state; ``expired``: done, but its result was removed to keep the store within its limits."""


@dataclass(frozen=True)
class Run:
    """One analysis run."""

    id: str
    kind: str
    request: dict[str, Any]
    status: Status
    created_at: dt.datetime
    finished_at: dt.datetime | None
    result: str | None
    error: str | None


def add_run(engine: sa.Engine, run_id: str, kind: str, request: dict[str, Any]) -> None:
    """Record a queued run.

    Parameters
    ----------
    engine
        The store.
    run_id
        A new unique id (32 hex digits).
    kind
        What runs, e.g. ``"report"``.
    request
        What was asked (JSON-serialisable).
    """
    with writing(engine) as conn:
        conn.execute(
            runs.insert().values(
                id=run_id, kind=kind, request=json.dumps(request), status="queued",
                created_at=dt.datetime.now(dt.UTC),
            )
        )  # fmt: skip


def update_run(
    engine: sa.Engine, run_id: str, status: Status, *, result: str | None = None, error: str | None = None
) -> None:
    """Record a run's new state (and its result or error when it ends).

    Parameters
    ----------
    engine
        The store.
    run_id
        The run.
    status
        Its new state.
    result
        The result (e.g. a report's HTML), when done.
    error
        A message for the user, when failed.
    """
    finished = dt.datetime.now(dt.UTC) if status in ("done", "failed") else None
    with writing(engine) as conn:
        conn.execute(
            runs.update()
            .where(runs.c.id == run_id)
            .values(status=status, result=result, error=error, finished_at=finished)
        )


def get_run(engine: sa.Engine, run_id: str) -> Run | None:
    """Return the run ``run_id``, or ``None`` when there is none."""
    with engine.connect() as conn:
        r = conn.execute(sa.select(runs).where(runs.c.id == run_id)).mappings().first()
    if r is None:
        return None
    return Run(
        id=r["id"], kind=r["kind"], request=json.loads(r["request"]), status=r["status"],
        created_at=r["created_at"], finished_at=r["finished_at"], result=r["result"], error=r["error"],
    )  # fmt: skip


def prune_results(engine: sa.Engine, *, kind: str, max_chars: int, max_age: dt.timedelta) -> int:
    """Drop the results of finished runs beyond a total size or an age, the oldest first.

    A run whose result is dropped stays, as ``expired``, so asking for it says what happened.

    Parameters
    ----------
    engine
        The store.
    kind
        Which runs, e.g. ``"report"``.
    max_chars
        The most characters of results kept for runs of this kind, together (the newest kept first).
    max_age
        Results finished longer ago than this are dropped.

    Returns
    -------
    int
        How many results were dropped.
    """
    cutoff = dt.datetime.now(dt.UTC) - max_age
    query = (
        sa.select(runs.c.id, runs.c.finished_at, sa.func.length(runs.c.result).label("size"))
        .where(runs.c.kind == kind, runs.c.result.is_not(None))
        .order_by(runs.c.finished_at.desc(), runs.c.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    kept = 0
    drop = []
    for run_id, finished, size in rows:
        when = finished if finished is None or finished.tzinfo else finished.replace(tzinfo=dt.UTC)
        kept += int(size or 0)
        if kept > max_chars or (when is not None and when < cutoff):
            drop.append(run_id)
    if drop:
        with writing(engine) as conn:
            conn.execute(runs.update().where(runs.c.id.in_(drop)).values(result=None, status="expired"))
    return len(drop)
