"""The analysis cache: one computation for many concurrent asks, least-recently-used eviction."""

from __future__ import annotations

import threading

import pytest

from hubplan.web.cache import AnalysisCache


def test_one_computation_for_many_concurrent_asks() -> None:
    """Twelve threads ask for the same key while its computation is held open: it runs once.

    The computation blocks until every thread has asked (a barrier plus a gate), so all twelve are
    in flight together; a cache without single-flight would call ``compute`` up to twelve times.
    """
    cache: AnalysisCache[int] = AnalysisCache(size=4)
    asks = 12
    calls = []
    gate = threading.Event()
    ready = threading.Barrier(asks + 1)
    answers: list[int] = []

    def compute() -> int:
        calls.append(1)
        gate.wait(30)
        return 42

    def ask() -> None:
        ready.wait(30)
        answers.append(cache.get_or_compute("fp", compute))

    threads = [threading.Thread(target=ask) for _ in range(asks)]
    for t in threads:
        t.start()
    ready.wait(30)
    while not cache.computing("fp"):  # the first ask has started computing
        threading.Event().wait(0.01)
    threading.Event().wait(0.2)  # the others reach the in-flight computation and wait on it
    gate.set()
    for t in threads:
        t.join(30)
    assert answers == [42] * asks
    assert len(calls) == 1
    assert cache.computations == 1
    assert cache.get_or_compute("fp", lambda: 7) == 42  # kept: not computed again
    assert cache.computations == 1


def test_least_recently_used_goes_first() -> None:
    """Size 2: keep a, b; use a; add c -> b (least recently used) goes, not a (first in)."""
    cache: AnalysisCache[str] = AnalysisCache(size=2)
    cache.get_or_compute("a", lambda: "A")
    cache.get_or_compute("b", lambda: "B")
    assert cache.get("a") == "A"  # a is now the most recently used
    cache.get_or_compute("c", lambda: "C")
    assert cache.keys() == ["a", "c"]
    assert cache.get("b") is None
    cache.get_or_compute("a", lambda: "never")  # a hit also counts as a use
    cache.get_or_compute("d", lambda: "D")
    assert cache.keys() == ["a", "d"]
    assert cache.computations == 4  # a, b, c, d


def test_a_failed_computation_is_not_kept_and_every_waiter_sees_it() -> None:
    cache: AnalysisCache[int] = AnalysisCache(size=2)

    def fails() -> int:
        raise ValueError("no analysis")

    with pytest.raises(ValueError, match="no analysis"):
        cache.get_or_compute("k", fails)
    assert cache.get("k") is None
    assert not cache.computing("k")
    assert cache.get_or_compute("k", lambda: 3) == 3
    with pytest.raises(ValueError, match="at least 1"):
        AnalysisCache(size=0)
