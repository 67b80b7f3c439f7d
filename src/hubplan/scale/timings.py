"""Measure where a run's time goes on the client, and what more workers would give by Amdahl's law."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


def amdahl_speedup(serial_fraction: float, workers: int) -> float:
    """Return the speed-up ``workers`` give a run whose serial share is ``serial_fraction`` (Amdahl's law).

    ``1 / (s + (1 - s) / n)``: the serial share runs on the client whatever the workers; the rest
    divides among them.

    Parameters
    ----------
    serial_fraction
        The share of one worker's wall time that is serial, between 0 and 1.
    workers
        Workers (1 or more).

    Returns
    -------
    float
        Times faster than one worker (``nan`` for a share that is ``nan``).

    Examples
    --------
    >>> round(amdahl_speedup(0.04, 16), 2)
    10.0
    >>> amdahl_speedup(0.0, 16)
    16.0
    """
    if math.isnan(serial_fraction):
        return math.nan
    return 1.0 / (serial_fraction + (1.0 - serial_fraction) / workers)


@dataclass(frozen=True)
class RunTimings:
    """Where a run's time went on the client, to measure what more workers can give.

    Every field is in seconds of the client's wall-clock time on its main thread, except
    ``client_cpu`` and ``task_seconds``.

    Parameters
    ----------
    read
        Reading the rows written before.
    connect
        Connecting to the cluster, or starting a local one (once per run; with an existing
        cluster, a connection).
    scatter
        Sending the shared arguments to every worker, once.
    submit
        Submitting the tasks.
    collect
        Taking finished rows (and making the rows of tasks the cluster gave up on).
    write
        Writing the batches of rows beside the table.
    progress
        Calling the progress callback.
    finish
        Writing the table at the end.
    wait
        Waiting for the workers (the client idle).
    close
        Closing the connection (and a local cluster's workers).
    client_cpu
        CPU seconds of the client's process from connected to the table written: its main
        thread, the I/O thread that fetches results, and a local cluster's scheduler, which runs
        in the same process (an upper bound on the client's own work).
    tasks
        Tasks finished in this run.
    task_seconds
        The sum of the tasks' own ``seconds`` column (the work the workers share; ``nan`` when
        the rows do not carry one).
    """

    read: float = 0.0
    connect: float = 0.0
    scatter: float = 0.0
    submit: float = 0.0
    collect: float = 0.0
    write: float = 0.0
    progress: float = 0.0
    finish: float = 0.0
    wait: float = 0.0
    close: float = 0.0
    client_cpu: float = 0.0
    tasks: int = 0
    task_seconds: float = math.nan

    @property
    def busy(self) -> float:
        """Seconds the client's main thread worked, connecting and closing aside."""
        return (
            self.read + self.scatter + self.submit + self.collect + self.write + self.progress + self.finish
        )

    @property
    def serial(self) -> float:
        """The client's serial seconds: reading, then the larger of its main thread's work and its CPU.

        Connecting and closing are left out: they happen once, whatever the tasks (see
        :attr:`connect` and :attr:`close`).
        """
        return self.read + max(self.busy - self.read, self.client_cpu)

    @property
    def serial_per_task(self) -> float:
        """Serial seconds per task finished (``nan`` when none ran)."""
        return self.serial / self.tasks if self.tasks else math.nan

    @property
    def serial_fraction(self) -> float:
        """The serial share of the run on one worker: ``serial / (serial + task_seconds)``."""
        total = self.serial + self.task_seconds
        return self.serial / total if total > 0 else math.nan

    def speedup(self, workers: int) -> float:
        """Return the speed-up ``workers`` would give this run by Amdahl's law.

        Parameters
        ----------
        workers
            Workers.

        Returns
        -------
        float
            Times faster than one worker.
        """
        return amdahl_speedup(self.serial_fraction, workers)

    def describe(self, *, workers: int = 16) -> str:
        """Say the client's share in one line, and the speed-up ``workers`` would give by Amdahl's law.

        Parameters
        ----------
        workers
            The workers to project to.

        Returns
        -------
        str
            E.g. ``client: 1.6 s serial (8.2 ms a task, 3.1% of the work: at most 10.9x on 16
            workers by Amdahl's law); connecting 13.5 s, closing 4.4 s``.
        """
        if not self.tasks:
            return f"client: no task run; {self.serial:.2f} s reading and writing rows"
        return (
            f"client: {self.serial:.2f} s serial ({self.serial_per_task * 1000:.1f} ms a task, "
            f"{self.serial_fraction:.1%} of the work: at most {self.speedup(workers):.1f}x on {workers} "
            f"workers by Amdahl's law); connecting {self.connect:.1f} s, closing {self.close:.1f} s"
        )

    def breakdown(self) -> dict[str, float]:
        """Return every timing by name, with the serial seconds, per task, and the serial share."""
        return {
            "read": self.read,
            "connect": self.connect,
            "scatter": self.scatter,
            "submit": self.submit,
            "collect": self.collect,
            "write": self.write,
            "progress": self.progress,
            "finish": self.finish,
            "wait": self.wait,
            "close": self.close,
            "client_cpu": self.client_cpu,
            "tasks": float(self.tasks),
            "task_seconds": self.task_seconds,
            "serial": self.serial,
            "serial_per_task": self.serial_per_task,
            "serial_fraction": self.serial_fraction,
        }


class Clock:
    """Add up the client's seconds by what it was doing (the fields of :class:`RunTimings`).

    Parameters
    ----------
    **seconds
        Seconds already spent, by field name.
    """

    def __init__(self, **seconds: float) -> None:
        self.seconds: dict[str, float] = dict(seconds)
        self.tasks = 0
        self.timed = 0
        self.task_seconds = 0.0

    def add(self, what: str, seconds: float) -> None:
        """Add ``seconds`` to the field ``what`` (a :class:`RunTimings` field)."""
        self.seconds[what] = self.seconds.get(what, 0.0) + seconds

    @contextmanager
    def timing(self, what: str) -> Iterator[None]:
        """Count the block's wall-clock seconds under ``what``."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(what, time.perf_counter() - started)

    def waiting(self, batches: Iterator[Any]) -> Iterator[Any]:
        """Yield each batch, counting the time spent waiting for it."""
        while True:
            started = time.perf_counter()
            batch = next(batches, None)
            self.add("wait", time.perf_counter() - started)
            if batch is None:
                return
            yield batch

    def task_done(self, seconds: object) -> None:
        """Count a finished task and its own ``seconds`` (left out when it has none, e.g. it failed)."""
        self.tasks += 1
        if isinstance(seconds, (int, float)) and not math.isnan(seconds):
            self.timed += 1
            self.task_seconds += float(seconds)

    def timings(self) -> RunTimings:
        """Return what was counted as :class:`RunTimings`."""
        task_seconds = self.task_seconds if self.timed else math.nan
        return RunTimings(**self.seconds, tasks=self.tasks, task_seconds=task_seconds)
