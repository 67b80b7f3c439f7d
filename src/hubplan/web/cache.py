"""A bounded cache of analyses: one computation in flight per key, least recently used evicted first.

Many requests may ask for the analysis of the same inputs (its fingerprint,
:func:`hubplan.analysis.fingerprint`) at once, e.g. several people opening centre pages just after
the server starts. Only the first computes;
the others wait for its answer (single-flight). A computation that fails is not kept: each waiting caller
gets the same error, and the next ask computes again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from typing import Generic, TypeVar

V = TypeVar("V")


class AnalysisCache(Generic[V]):
    """Values by key, at most ``size`` kept, with one computation at a time per key.

    Parameters
    ----------
    size
        The most values kept (at least 1); the least recently used goes first.
    """

    def __init__(self, *, size: int) -> None:
        if size < 1:
            msg = f"an analysis cache keeps at least 1 value; got size={size}"
            raise ValueError(msg)
        self.size = size
        self.computations = 0
        """How many computations were started (a count, for tests and the server's log)."""
        self._values: OrderedDict[str, V] = OrderedDict()
        self._flying: dict[str, Future[V]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._values)

    def keys(self) -> list[str]:
        """Return the kept keys, least recently used first."""
        with self._lock:
            return list(self._values)

    def get(self, key: str) -> V | None:
        """Return the value kept for ``key`` (marking it recently used), or ``None``; never computes."""
        with self._lock:
            if key not in self._values:
                return None
            self._values.move_to_end(key)
            return self._values[key]

    def computing(self, key: str) -> bool:
        """Return whether a computation for ``key`` is running now."""
        with self._lock:
            return key in self._flying

    def get_or_compute(self, key: str, compute: Callable[[], V]) -> V:
        """Return the value for ``key``, computing it once however many threads ask at the same time.

        Parameters
        ----------
        key
            The inputs' fingerprint.
        compute
            Makes the value; called by the first caller only, on its own thread, outside the lock.

        Returns
        -------
        V
            The kept value, or the one just computed (by this caller or by the one it waited for).

        Raises
        ------
        Exception
            Whatever ``compute`` raised, to every caller that waited for that computation.
        """
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            flying = self._flying.get(key)
            if flying is None:
                mine: Future[V] = Future()
                self._flying[key] = mine
                self.computations += 1
        if flying is not None:
            return flying.result()
        try:
            value = compute()
        except BaseException as exc:
            with self._lock:
                del self._flying[key]
            mine.set_exception(exc)
            raise
        with self._lock:
            del self._flying[key]
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        mine.set_result(value)
        return value
