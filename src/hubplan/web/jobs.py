"""A bounded queue of background work (reports): a few threads, a cap on waiting jobs, runs in the store.

A job is refused at once when the queue is full (the web answers 429), so a burst of report requests
can neither grow memory without bound nor stall the evaluation of plans, which runs elsewhere.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

import sqlalchemy as sa

from hubplan.errors import HubplanError
from hubplan.store import add_run, get_run, prune_results, update_run

STOP_GRACE_SECONDS = 1.0
"""How long a stopping server waits for a running job before recording it as stopped (seconds)."""

STOPPED = "the server stopped before this was finished: ask for it again"
"""The error recorded for a job the server stopped before it ended."""


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
        self._unfinished: dict[str, Future[str]] = {}

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
            self._unfinished[run_id] = future
            future.add_done_callback(lambda _: self._unfinished.pop(run_id, None))
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

    def running(self) -> int:
        """Return how many jobs are waiting or running."""
        return sum(not future.done() for future in list(self._unfinished.values()))

    def shutdown(self, *, grace: float | None = None) -> int:
        """Stop taking jobs; drop those waiting; wait for those running, at most ``grace`` seconds.

        A job dropped or still running when the wait ends is recorded as failed (:data:`STOPPED`),
        so a poll after a restart says so instead of "running" for ever.

        Parameters
        ----------
        grace
            The longest wait for running jobs (seconds); ``None`` waits for them to end.

        Returns
        -------
        int
            How many jobs are still running (their threads end with the process).
        """
        left = dict(self._unfinished)  # before cancelling: a cancelled future leaves the dict at once
        self._executor.shutdown(wait=False, cancel_futures=True)
        wait(list(left.values()), timeout=grace)
        for run_id, future in left.items():
            if future.cancelled() or not future.done():
                run = get_run(self.engine, run_id)  # a job may have recorded its result just now
                if run is None or run.status in ("queued", "running"):
                    update_run(self.engine, run_id, "failed", error=STOPPED)
        return sum(not future.done() for future in left.values())
