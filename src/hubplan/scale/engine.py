"""Run independent tasks on Dask distributed, streaming rows to disk in batches and skipping rows done before.

One engine for councils, sweep points and Monte Carlo draws. A run:

- connects to an existing cluster (``scheduler="tcp://host:8786"``) or starts a ``LocalCluster`` of
  one single-threaded worker process per core;
- reads the table already at ``path`` (and the batches a stopped run left beside it,
  :mod:`hubplan.scale.rows`) and keeps every row whose fingerprint matches its task and that has
  no error: those tasks are not submitted again;
- with ``scatter=True``, sends each argument that several tasks share (the same object, e.g. a
  workspace's arrays) to every worker once, before the tasks, instead of pickling it into each;
- submits the rest in one message per task function, with ``retries`` (a task whose worker dies is
  rescheduled on another by the scheduler; one that raises is tried again);
- takes rows as they finish, in batches (the client's I/O thread fetches results while the
  workers compute), and writes each batch once beside the table; the table itself is written
  once, at the end;
- turns a task the *cluster* gave up on (its workers died every time it ran, e.g. out of memory;
  its shared data was lost) into a row carrying that error, so the run always writes every row;
  an exception the task itself raised is a bug: the rows finished so far are kept on disk and the
  exception propagates (task functions turn the user's own errors into rows themselves);
- measures where the client's time goes (:class:`RunTimings`): the serial share of a run, which
  bounds what more workers can give (Amdahl's law).

The client's work per finished task is constant: progress is counted, not recomputed, and asks
the scheduler nothing; a batch written costs its own rows only.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hubplan.scale.rows import BatchWriter, read_rows, write_rows
from hubplan.scale.timings import Clock, RunTimings, amdahl_speedup

__all__ = [
    "Progress",
    "ProgressCallback",
    "RunSummary",
    "RunTimings",
    "Task",
    "amdahl_speedup",
    "connect",
    "machine_workers",
    "read_rows",
    "run_tasks",
    "write_rows",
]

ProgressCallback = Callable[["Progress"], None]


@dataclass(frozen=True)
class Task:
    """One unit of work: ``function(*args)`` returns a row (a dict of plain values).

    Parameters
    ----------
    key
        The row's key, unique in the run (e.g. a council code).
    fingerprint
        A digest of everything the row depends on; the row must carry it in ``fingerprint``.
    function
        A module-level function (workers import it by name).
    args
        Its arguments (picklable).
    """

    key: str
    fingerprint: str
    function: Callable[..., dict[str, Any]]
    args: tuple[Any, ...]


@dataclass(frozen=True)
class Progress:
    """Where a run stands.

    Parameters
    ----------
    total
        Tasks in the run, including those skipped.
    done
        Rows written (skipped ones included), failed ones included.
    running
        Tasks being computed on a worker now.
    failed
        Rows with an error.
    """

    total: int
    done: int
    running: int
    failed: int


@dataclass(frozen=True)
class RunSummary:
    """What a run did.

    Parameters
    ----------
    path
        The table written.
    rows
        Rows in it.
    submitted
        Tasks sent to the cluster (0 when every row was already written for the same inputs).
    skipped
        Tasks whose row was already written with the same fingerprint.
    failed
        Rows with an error.
    seconds
        Wall-clock time of the run.
    workers
        Workers in the cluster when the run started.
    timings
        Where the client's time went.
    """

    path: Path
    rows: int
    submitted: int
    skipped: int
    failed: int
    seconds: float
    workers: int
    timings: RunTimings = field(default_factory=RunTimings)


def machine_workers() -> int:
    """Return how many single-threaded worker processes suit this machine: one per usable core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


SCRATCH_PREFIX = ".dask-scratch-"
"""The start of the name of a local cluster's scratch folder, made beside a run's table and removed after."""


@contextmanager
def connect(
    scheduler: str | None = None, *, n_workers: int | None = None, scratch: Path | None = None
) -> Iterator[Any]:
    """Yield a ``distributed.Client``: to ``scheduler`` if given, else to a new ``LocalCluster``.

    Parameters
    ----------
    scheduler
        An existing scheduler's address (``tcp://127.0.0.1:8786``).
    n_workers
        For a local cluster, its worker processes (one thread each); one per core when ``None``.
    scratch
        For a local cluster, an empty folder for Dask's scratch space (its lock files, the scheduler's and
        workers' folders), made here and removed with everything in it on exit; by default a hidden
        folder in the temporary folder, likewise removed. Dask's own default, ``$TMPDIR/dask-scratch-space``,
        is shared with every other cluster on the machine and keeps its lock files after the run.

    Yields
    ------
    distributed.Client
        Closed (with its local cluster) on exit.
    """
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler, timeout="30s")  # type: ignore[no-untyped-call]
        try:
            yield client
        finally:
            client.close()  # type: ignore[no-untyped-call]
        return
    if scratch is not None:
        scratch.mkdir()
        folder = scratch
    else:
        folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))
    try:
        # The scheduler reads "temporary-directory"; the nannies pass the setting on to their workers.
        with (
            dask.config.set({"temporary-directory": str(folder)}),
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=n_workers or machine_workers(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                local_directory=str(folder),
                # No dashboard, and its HTTP server (health, metrics) on any free loopback port: the
                # default 8787 may be taken by another cluster on the machine.
                scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
            ) as cluster,
            Client(cluster) as client,  # type: ignore[no-untyped-call]
        ):
            yield client
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_tasks(
    tasks: Sequence[Task],
    path: Path,
    *,
    error_row: Callable[[Task, str], dict[str, Any]],
    key_column: str = "key",
    scheduler: str | None = None,
    n_workers: int | None = None,
    retries: int = 2,
    progress: ProgressCallback | None = None,
    poll_seconds: float = 0.25,
    write_every_seconds: float = 5.0,
    batch_rows: int = 10_000,
    scatter: bool = False,
) -> RunSummary:
    """Run tasks on Dask distributed and stream their rows to disk in batches as they complete.

    Parameters
    ----------
    tasks
        The run's tasks, with unique keys.
    path
        The parquet table of rows, read first with the batches a stopped run left beside it (rows
        with a matching fingerprint and no error are kept, not recomputed) and written once at the
        end; while the run goes, rows are written in batches beside it
        (:func:`hubplan.scale.rows.parts_folder`).
    error_row
        Makes the row of a task the cluster gave up on (e.g. its worker died too often) from the
        task and the error message.
    key_column
        The rows' key column.
    scheduler
        An existing scheduler's address; a local cluster when ``None``.
    n_workers
        A local cluster's worker processes; one per core when ``None``.
    retries
        Times a failed task is tried again.
    progress
        Called with a :class:`Progress` at the start, at the end, and as rows arrive, at most
        every ``poll_seconds``.
    poll_seconds
        Least seconds between two progress calls while tasks run.
    write_every_seconds
        Least seconds between two batches written while tasks run.
    batch_rows
        Rows that make a batch be written at once, however soon after the last.
    scatter
        Send each argument that several tasks share (the same object; not a number or text) to
        every worker once, before the tasks; a task whose shared data is lost with every worker
        that held it becomes an error row.

    Returns
    -------
    RunSummary
        Rows, submitted, skipped and failed tasks, seconds, and where the client's time went.

    Raises
    ------
    ValueError
        For two tasks with the same key.
    Exception
        The first exception a task raised itself (not the cluster): a bug in the task, re-raised
        with the worker's traceback after the rows finished so far are written beside ``path``.
    """
    started = time.perf_counter()
    keys = [t.key for t in tasks]
    if len(set(keys)) != len(keys):
        msg = "tasks: expected unique keys; got duplicates"
        raise ValueError(msg)
    before = read_rows(path, key_column=key_column)
    rows: dict[str, dict[str, Any]] = {}
    todo: list[Task] = []
    for task in tasks:
        old = before.get(task.key)
        if old is not None and old.get("fingerprint") == task.fingerprint and not old.get("error"):
            rows[task.key] = old
        else:
            todo.append(task)
    skipped = len(rows)
    clock = Clock(read=time.perf_counter() - started)
    failed = sum(1 for r in rows.values() if r.get("error"))

    def report(running: int) -> None:
        if progress is not None:
            with clock.timing("progress"):
                progress(Progress(len(tasks), len(rows), running, failed))

    if not todo:
        with clock.timing("finish"):
            write_rows(path, list(rows.values()), key_column=key_column)
        report(0)
        seconds = time.perf_counter() - started
        return RunSummary(path, len(rows), 0, skipped, failed, seconds, 0, timings=clock.timings())

    connecting = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.parent / f"{SCRATCH_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    with connect(scheduler, n_workers=n_workers, scratch=scratch) as client:
        clock.add("connect", time.perf_counter() - connecting)
        cpu_started = time.process_time()
        info = client.scheduler_info().get("workers", {})
        workers = len(info)
        threads = sum(int(w.get("nthreads", 1)) for w in info.values()) or 1
        with clock.timing("scatter"):
            shared = _scatter_shared(client, todo) if scatter else {}
        with clock.timing("submit"):
            futures = _submit(client, todo, shared, retries=retries)
            by_key = {future.key: task for future, task in zip(futures, todo, strict=True)}
            finished = _as_completed(futures)
            del futures
        writer = BatchWriter(path, key_column=key_column)
        buffer: list[dict[str, Any]] = []
        pending = len(todo)
        last_write = last_report = time.perf_counter()
        report(min(threads, pending))
        for batch in clock.waiting(finished.batches()):
            with clock.timing("collect"):
                for future, result in batch:
                    task = by_key.pop(future.key)
                    bug = _task_exception(future, result)
                    if bug is not None:
                        writer.write(buffer)  # the rest is released with the client, on the way out
                        raise bug
                    row = result if future.status == "finished" else error_row(task, _cluster_error(result))
                    rows[task.key] = row
                    buffer.append(row)
                    failed += 1 if row.get("error") else 0
                    clock.task_done(row.get("seconds"))
                pending -= len(batch)
            now = time.perf_counter()
            if buffer and (now - last_write >= write_every_seconds or len(buffer) >= batch_rows):
                with clock.timing("write"):
                    writer.write(buffer)
                buffer = []
                last_write = time.perf_counter()
            if pending and now - last_report >= poll_seconds:
                # Workers may hold more tasks than threads: at most one a thread is computing.
                report(min(threads, pending))
                last_report = time.perf_counter()
        with clock.timing("finish"):
            write_rows(path, list(rows.values()), key_column=key_column)
        clock.add("client_cpu", time.process_time() - cpu_started)
        report(0)
        closing = time.perf_counter()
    clock.add("close", time.perf_counter() - closing)
    seconds = time.perf_counter() - started
    return RunSummary(path, len(rows), len(todo), skipped, failed, seconds, workers, timings=clock.timings())


def _submit(client: Any, tasks: Sequence[Task], shared: dict[int, Any], *, retries: int) -> list[Any]:
    """Submit the tasks, one message per function and arity; return their futures in task order."""
    groups: dict[tuple[Any, int], list[int]] = {}
    for i, task in enumerate(tasks):
        groups.setdefault((task.function, len(task.args)), []).append(i)
    futures: list[Any] = [None] * len(tasks)
    for (function, arity), positions in groups.items():
        names = [f"hubplan-{tasks[i].key}-{tasks[i].fingerprint}" for i in positions]
        if arity == 0:
            made = [client.submit(function, key=k, retries=retries, pure=False) for k in names]
        else:
            columns = [
                [shared.get(id(tasks[i].args[a]), tasks[i].args[a]) for i in positions] for a in range(arity)
            ]
            made = client.map(function, *columns, key=names, retries=retries, pure=False)
        for i, future in zip(positions, made, strict=True):
            futures[i] = future
    return futures


def _as_completed(futures: list[Any]) -> Any:
    """Return Dask's ``as_completed`` over ``futures``, fetching each result as it finishes."""
    from distributed import as_completed

    return as_completed(futures, with_results=True, raise_errors=False)  # type: ignore[no-untyped-call]


_CLUSTER_ERRORS = frozenset({"KilledWorker", "CommClosedError", "FutureCancelledError", "CancelledError"})
"""Exceptions that say the cluster gave a task up, not that the task failed."""


def _task_exception(future: Any, result: Any) -> BaseException | None:
    """Return the exception a finished task raised itself (a bug), or ``None``.

    For a failed future, ``as_completed`` gives ``(type, exception, traceback)``; a cancelled one
    gives the cancellation. A cluster's failure is not the task's: that becomes an error row.
    """
    if future.status != "error":
        return None
    _type, exc, traceback = result
    if type(exc).__name__ in _CLUSTER_ERRORS:
        return None
    return exc.with_traceback(traceback)  # type: ignore[no-any-return]


_SCALARS = (str, bytes, int, float, bool, type(None))


def _scatter_shared(client: Any, tasks: Sequence[Task]) -> dict[int, Any]:
    """Scatter each argument object that two or more tasks share to every worker; id to its future."""
    count: dict[int, int] = {}
    objects: dict[int, Any] = {}
    for task in tasks:
        for arg in task.args:
            if not isinstance(arg, _SCALARS):
                count[id(arg)] = count.get(id(arg), 0) + 1
                objects[id(arg)] = arg
    ids = [i for i, n in count.items() if n > 1]
    if not ids:
        return {}
    # A list is scattered element by element: each object becomes one future, whatever its type.
    futures = client.scatter([objects[i] for i in ids], broadcast=True, hash=False)
    return dict(zip(ids, futures, strict=True))


def _cluster_error(result: Any) -> str:
    """Say why the cluster gave a task up, naming a worker that died running it."""
    exc = result[1] if isinstance(result, tuple) else result
    if type(exc).__name__ == "KilledWorker":
        return (
            f"KilledWorker: the worker died each time it ran this task (out of memory, a crash, "
            f"or killed), so the scheduler gave up: {exc}"
        )
    return f"{type(exc).__name__}: {exc}"
