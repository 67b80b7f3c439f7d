"""Run independent tasks on Dask distributed, writing each row as it completes and skipping rows done before.

One engine for councils, sweep points and Monte Carlo draws. A run:

- connects to an existing cluster (``scheduler="tcp://host:8786"``) or starts a ``LocalCluster`` of
  one single-threaded worker process per core;
- reads the table already at ``path`` and keeps every row whose fingerprint matches its task and
  that has no error: those tasks are not submitted again;
- submits the rest with ``retries`` (a task whose worker dies is rescheduled on another by the
  scheduler; one that raises is tried again), and rewrites ``path`` atomically as rows arrive;
- turns a task that still fails into a row carrying its error, so the run always writes every row
  (a task whose workers die every time it runs, e.g. out of memory, is given up by the scheduler
  after its ``allowed-failures`` and becomes a row saying so);
- with ``scatter=True``, sends an argument shared by several tasks (the same object, e.g. a
  workspace's arrays) to the workers once, on every worker, instead of pickling it into each task.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from hubplan.files import write_bytes_atomically

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
    """

    path: Path
    rows: int
    submitted: int
    skipped: int
    failed: int
    seconds: float
    workers: int


def read_rows(path: Path, *, key_column: str = "key") -> dict[str, dict[str, Any]]:
    """Return the rows already written at ``path`` by key (empty when there is no file yet).

    Parameters
    ----------
    path
        A parquet table written by :func:`run_tasks`.
    key_column
        The column holding each row's key.

    Returns
    -------
    dict
        Key to row.
    """
    if not path.exists():
        return {}
    table = pd.read_parquet(path)
    records: list[dict[str, Any]] = table.to_dict(orient="records")  # type: ignore[assignment]
    return {str(row[key_column]): row for row in records}


def write_rows(path: Path, rows: Sequence[dict[str, Any]], *, key_column: str = "key") -> None:
    """Write rows as a parquet table at ``path``, sorted by key, atomically.

    Parameters
    ----------
    path
        The table to write.
    rows
        Rows with the same columns.
    key_column
        The column to sort by.
    """
    table = pd.DataFrame(list(rows))
    if len(table):
        table = table.sort_values(key_column, kind="stable").reset_index(drop=True)
    buffer = io.BytesIO()
    table.to_parquet(buffer, index=False)
    write_bytes_atomically(path, buffer.getvalue())


def machine_workers() -> int:
    """Return how many single-threaded worker processes suit this machine: one per usable core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def connect(scheduler: str | None = None, *, n_workers: int | None = None) -> Iterator[Any]:
    """Yield a ``distributed.Client``: to ``scheduler`` if given, else to a new ``LocalCluster``.

    Parameters
    ----------
    scheduler
        An existing scheduler's address (``tcp://127.0.0.1:8786``).
    n_workers
        For a local cluster, its worker processes (one thread each); one per core when ``None``.

    Yields
    ------
    distributed.Client
        Closed (with its local cluster) on exit.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler, timeout="30s")  # type: ignore[no-untyped-call]
        try:
            yield client
        finally:
            client.close()  # type: ignore[no-untyped-call]
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=n_workers or machine_workers(),
            threads_per_worker=1,
            processes=True,
            # ":0", not None: with None the scheduler still binds 8787 and warns when another
            # cluster holds it ("Perhaps you already have a cluster running?").
            dashboard_address=":0",
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


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
    write_every_seconds: float = 2.0,
    scatter: bool = False,
) -> RunSummary:
    """Run tasks on Dask distributed and write their rows to ``path`` as they complete.

    Parameters
    ----------
    tasks
        The run's tasks, with unique keys.
    path
        The parquet table of rows, read first (rows with a matching fingerprint and no error are
        kept, not recomputed) and rewritten as rows arrive and at the end.
    error_row
        Makes the row of a task that failed on the cluster (e.g. its worker died too often) from the
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
        Called with a :class:`Progress` at the start, as tasks finish and every ``poll_seconds``.
    poll_seconds
        Seconds between looks at the tasks.
    write_every_seconds
        Least seconds between two rewrites of ``path`` while tasks run.
    scatter
        Send each argument that several tasks share (the same object; not a number or text) to
        every worker once, before the tasks; a task whose shared data is lost with every worker
        that held it becomes an error row.

    Returns
    -------
    RunSummary
        Rows, submitted, skipped and failed tasks, seconds.

    Raises
    ------
    ValueError
        For two tasks with the same key.
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

    def failed_count() -> int:
        return sum(1 for r in rows.values() if r.get("error"))

    def report(running: int) -> None:
        if progress is not None:
            progress(Progress(len(tasks), len(rows), running, failed_count()))

    if not todo:
        write_rows(path, list(rows.values()), key_column=key_column)
        report(0)
        return RunSummary(path, len(rows), 0, skipped, failed_count(), time.perf_counter() - started, 0)

    with connect(scheduler, n_workers=n_workers) as client:
        info = client.scheduler_info().get("workers", {})
        workers = len(info)
        threads = sum(int(w.get("nthreads", 1)) for w in info.values()) or 1
        shared = _scatter_shared(client, todo) if scatter else {}
        futures = {
            client.submit(
                task.function,
                *(shared.get(id(arg), arg) for arg in task.args),
                key=f"hubplan-{task.key}-{task.fingerprint}",
                retries=retries,
                pure=False,
            ): task
            for task in todo
        }
        pending = set(futures)
        last_write = time.perf_counter()
        report(min(len(pending), threads))
        while pending:
            finished = [f for f in pending if f.done()]
            for future in finished:
                pending.discard(future)
                task = futures[future]
                try:
                    rows[task.key] = future.result()
                except Exception as exc:  # the task's own failures are rows already: this is the cluster's
                    rows[task.key] = error_row(task, _cluster_error(exc))
                future.release()
            if finished and time.perf_counter() - last_write >= write_every_seconds:
                write_rows(path, list(rows.values()), key_column=key_column)
                last_write = time.perf_counter()
            # Workers may hold more tasks than threads: at most one a thread is computing.
            report(min(threads, _running(client, {f.key for f in pending})))
            if pending and not finished:
                time.sleep(poll_seconds)
    write_rows(path, list(rows.values()), key_column=key_column)
    report(0)
    return RunSummary(
        path, len(rows), len(todo), skipped, failed_count(), time.perf_counter() - started, workers
    )


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


def _cluster_error(exc: BaseException) -> str:
    """Say why the cluster gave a task up, naming a worker that died running it."""
    if type(exc).__name__ == "KilledWorker":
        return (
            f"KilledWorker: the worker died each time it ran this task (out of memory, a crash, "
            f"or killed), so the scheduler gave up: {exc}"
        )
    return f"{type(exc).__name__}: {exc}"


def _running(client: Any, keys: set[str]) -> int:
    try:
        processing = client.processing()
    except Exception:  # the scheduler busy or going: progress is only a display
        return 0
    return sum(1 for worker_keys in processing.values() for key in worker_keys if key in keys)
