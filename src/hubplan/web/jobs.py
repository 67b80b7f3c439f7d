"""A bounded queue of background work (reports): a few threads, a cap on waiting jobs, runs recorded.

A job is refused at once when the queue is full (the web answers 429), so a burst of report requests
can neither grow memory without bound nor stall the evaluation of plans, which runs elsewhere. Runs are
recorded in the store, or (a read-only server, which writes nothing) in memory, within the same limits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

import sqlalchemy as sa

from hubplan.errors import HubplanError
from hubplan.store import Run, Status, add_run, get_run, prune_results, update_run

STOP_GRACE_SECONDS = 1.0
"""How long a stopping server waits for a running job before recording it as stopped (seconds)."""

STOPPED = "the server stopped before this was finished: ask for it again"
"""The error recorded for a job the server stopped before it ended."""


class QueueFull(HubplanError):  # noqa: N818 - named for the answer it becomes (429 Too Many Requests)
    """Too many jobs are waiting or running: try again shortly."""


class MemoryRuns:
    """Runs kept in this process's memory, as :mod:`hubplan.store.runs` keeps them in the store.

    For a read-only server, which writes no file: finished results are held within the same limits
    as the store's (:meth:`prune`), and go with the process.
    """

    def __init__(self) -> None:
        self._runs: dict[str, Run] = {}
        self._lock = threading.Lock()

    def add(self, run_id: str, kind: str, request: dict[str, Any]) -> None:
        """Record a queued run (see :func:`hubplan.store.add_run`)."""
        now = dt.datetime.now(dt.UTC)
        with self._lock:
            self._runs[run_id] = Run(run_id, kind, request, "queued", now, None, None, None)

    def update(
        self, run_id: str, status: Status, *, result: str | None = None, error: str | None = None
    ) -> None:
        """Record a run's new state (see :func:`hubplan.store.update_run`)."""
        finished = dt.datetime.now(dt.UTC) if status in ("done", "failed") else None
        with self._lock:
            if (old := self._runs.get(run_id)) is not None:
                self._runs[run_id] = dataclasses.replace(
                    old, status=status, result=result, error=error, finished_at=finished
                )

    def get(self, run_id: str) -> Run | None:
        """Return the run ``run_id``, or ``None`` when there is none."""
        with self._lock:
            return self._runs.get(run_id)

    def prune(self, *, kind: str, max_chars: int, max_age: dt.timedelta) -> int:
        """Drop results beyond ``max_chars`` characters together or older than ``max_age``, the oldest first.

        A run whose result is dropped stays, as ``expired`` (see :func:`hubplan.store.prune_results`);
        the runs themselves (a few hundred bytes each) are forgotten after ``max_age`` too.

        Returns
        -------
        int
            How many results were dropped.
        """
        cutoff = dt.datetime.now(dt.UTC) - max_age
        with self._lock:
            for run_id in [k for k, r in self._runs.items() if r.finished_at and r.finished_at < cutoff]:
                if self._runs[run_id].result is None:
                    del self._runs[run_id]
            done = [r for r in self._runs.values() if r.kind == kind and r.result is not None]
            done.sort(key=lambda r: (-(r.finished_at or cutoff).timestamp(), r.id))
            kept = 0
            dropped = 0
            for run in done:
                kept += len(run.result or "")
                if kept > max_chars or (run.finished_at is not None and run.finished_at < cutoff):
                    self._runs[run.id] = dataclasses.replace(run, result=None, status="expired")
                    dropped += 1
            return dropped


class JobQueue:
    """Run jobs on ``workers`` threads with at most ``capacity`` waiting or running at once.

    Parameters
    ----------
    engine
        The store, where each job is recorded as an analysis run; ``None`` keeps the runs in memory
        (:class:`MemoryRuns`: a read-only server writes nothing).
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
        engine: sa.Engine | None,
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
        self._memory = MemoryRuns()  # used only without a store
        self.stopping: Future[None] = Future()
        """Done once the server begins to stop: waiting requests stop waiting (:meth:`stop_waiting`)."""

    def stop_waiting(self) -> None:
        """Wake every request waiting for a job's result: the server is stopping (Ctrl+C, SIGTERM).

        Called as soon as the signal arrives, so no request is still waiting (up to
        ``Limits.wait_seconds``) when the server's short grace for requests in flight ends.
        """
        if not self.stopping.done():
            self.stopping.set_result(None)

    def get(self, run_id: str) -> Run | None:
        """Return the run ``run_id`` (from the store, or from memory), or ``None`` when there is none."""
        return self._memory.get(run_id) if self.engine is None else get_run(self.engine, run_id)

    def _add(self, run_id: str, kind: str, request: dict[str, Any]) -> None:
        if self.engine is None:
            self._memory.add(run_id, kind, request)
        else:
            add_run(self.engine, run_id, kind, request)

    def _update(
        self, run_id: str, status: Status, *, result: str | None = None, error: str | None = None
    ) -> None:
        if self.engine is None:
            self._memory.update(run_id, status, result=result, error=error)
        else:
            update_run(self.engine, run_id, status, result=result, error=error)

    def _prune(self, kind: str) -> None:
        if self.engine is None:
            self._memory.prune(kind=kind, max_chars=self.keep_chars, max_age=self.keep_for)
        else:
            prune_results(self.engine, kind=kind, max_chars=self.keep_chars, max_age=self.keep_for)

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
            self._add(run_id, kind, request)
            future = self._executor.submit(self._run, run_id, kind, work)
            self._unfinished[run_id] = future
            future.add_done_callback(lambda _: self._unfinished.pop(run_id, None))
        except BaseException:
            self._slots.release()
            raise
        return run_id, future

    def _run(self, run_id: str, kind: str, work: Callable[[], str]) -> str:
        try:
            self._update(run_id, "running")
            try:
                result = work()
            except HubplanError as exc:
                self._update(run_id, "failed", error=str(exc))
                raise
            except Exception:
                self._update(run_id, "failed", error="the report could not be made (a bug)")
                raise
            self._update(run_id, "done", result=result)
            self._prune(kind)
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
        self.stop_waiting()
        left = dict(self._unfinished)  # before cancelling: a cancelled future leaves the dict at once
        self._executor.shutdown(wait=False, cancel_futures=True)
        wait(list(left.values()), timeout=grace)
        for run_id, future in left.items():
            if future.cancelled() or not future.done():
                run = self.get(run_id)  # a job may have recorded its result just now
                if run is None or run.status in ("queued", "running"):
                    self._update(run_id, "failed", error=STOPPED)
        return sum(not future.done() for future in left.values())
