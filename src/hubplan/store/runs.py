"""Analysis runs: a background job's request, its state and its result, kept in the store."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Literal

import sqlalchemy as sa

from hubplan.store.engine import writing
from hubplan.store.schema import runs

Status = Literal["queued", "running", "done", "failed"]


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
