"""A bounded queue of background work (reports): a few threads, a cap on waiting jobs, runs in the store.

A job is refused at once when the queue is full (the web answers 429), so a burst of report requests
can neither grow memory without bound nor stall the evaluation of plans, which runs elsewhere.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import sqlalchemy as sa

from hubplan.errors import HubplanError
from hubplan.store import add_run, prune_results, update_run


class QueueFull(HubplanError):  # noqa: N818 - named for the answer it becomes (429 Too Many Requests)
    """Too many jobs are waiting or running: try again shortly."""


class JobQueue:
    """Run jobs on ``workers`` threads with at most ``capacity`` waiting or running at once.

    Parameters
    ----------
    engine
        The store, where each job is recorded as an analysis run.
    workers
        Threads (jobs running at once).
    capacity
        Jobs waiting or running at once.
    keep_chars
        The most characters of finished results kept in the store, together; older ones are dropped
        (their runs become ``expired``) each time a job ends.
    keep_for
        How long a finished result is kept.
    """

    def __init__(
        self,
        engine: sa.Engine,
        *,
        workers: int,
        capacity: int,
        keep_chars: int = 50_000_000,
        keep_for: dt.timedelta = dt.timedelta(days=1),
    ) -> None:
        self.engine = engine
        self.capacity = capacity
        self.keep_chars = keep_chars
        self.keep_for = keep_for
        self._slots = threading.BoundedSemaphore(capacity)
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hubplan-job")

    def submit(self, kind: str, request: dict[str, Any], work: Callable[[], str]) -> tuple[str, Future[str]]:
        """Queue ``work`` and return the run's id and its future.

        Parameters
        ----------
        kind
            What runs, e.g. ``"report"``.
        request
            What was asked (stored with the run).
        work
            Returns the result text; a ``HubplanError`` it raises is stored as the run's error.

        Returns
        -------
        tuple of str and Future
            The run's id and the future of its result.

        Raises
        ------
        QueueFull
            When ``capacity`` jobs are already waiting or running.
        """
        if not self._slots.acquire(blocking=False):
            msg = f"{self.capacity} reports or analyses are already being made: try again in 30 seconds"
            raise QueueFull(msg)
        run_id = uuid.uuid4().hex
        try:
            add_run(self.engine, run_id, kind, request)
            future = self._executor.submit(self._run, run_id, kind, work)
        except BaseException:
            self._slots.release()
            raise
        return run_id, future

    def _run(self, run_id: str, kind: str, work: Callable[[], str]) -> str:
        try:
            update_run(self.engine, run_id, "running")
            try:
                result = work()
            except HubplanError as exc:
                update_run(self.engine, run_id, "failed", error=str(exc))
                raise
            except Exception:
                update_run(self.engine, run_id, "failed", error="the report could not be made (a bug)")
                raise
            update_run(self.engine, run_id, "done", result=result)
            prune_results(self.engine, kind=kind, max_chars=self.keep_chars, max_age=self.keep_for)
            return result
        finally:
            self._slots.release()

    def shutdown(self) -> None:
        """Stop taking jobs and wait for those running."""
        self._executor.shutdown(wait=True, cancel_futures=True)
