"""The client's timings: Amdahl's law and the serial share, worked by hand; the machine described."""

from __future__ import annotations

import math

import pytest

from hubplan.scale.machine import this_machine
from hubplan.scale.timings import Clock, RunTimings, amdahl_speedup


@pytest.mark.parametrize(
    ("fraction", "workers", "speedup"),
    [
        # 1 / (0.04 + 0.96 / 16) = 1 / (0.04 + 0.06) = 10: the share 16 workers need for 10x.
        (0.04, 16, 10.0),
        (0.0, 16, 16.0),  # nothing serial: every worker counts
        (1.0, 16, 1.0),  # all serial: workers give nothing
        # 1 / (0.5 + 0.5 / 2) = 1 / 0.75
        (0.5, 2, 4 / 3),
    ],
)
def test_amdahl_by_hand(fraction, workers, speedup):
    assert amdahl_speedup(fraction, workers) == pytest.approx(speedup)


def test_amdahl_of_an_unknown_share_is_unknown():
    assert math.isnan(amdahl_speedup(math.nan, 4))


def test_the_serial_share_worked_by_hand():
    """Main thread: read 0.5 + scatter 0.1 + submit 0.1 + collect 0.2 + write 0.1 = 1.0 s busy.

    The client's CPU after reading was 1.5 s (more than the 0.5 s its main thread worked after
    reading: the I/O thread and the scheduler), so serial = 0.5 + max(0.5, 1.5) = 2.0 s; 10 tasks
    give 0.2 s a task; with 18 s of the tasks' own work the share is 2 / 20 = 0.1, and 16 workers
    give 1 / (0.1 + 0.9 / 16) = 6.4x. Connecting, waiting and closing count for nothing.
    """
    t = RunTimings(
        read=0.5, connect=30.0, scatter=0.1, submit=0.1, collect=0.2, write=0.1, wait=99.0,
        close=9.0, client_cpu=1.5, tasks=10, task_seconds=18.0,
    )  # fmt: skip
    assert t.busy == pytest.approx(1.0)
    assert t.serial == pytest.approx(2.0)
    assert t.serial_per_task == pytest.approx(0.2)
    assert t.serial_fraction == pytest.approx(0.1)
    assert t.speedup(16) == pytest.approx(6.4)
    assert t.breakdown()["serial_fraction"] == pytest.approx(0.1)
    assert "6.4x on 16 workers" in t.describe()
    # The main thread's own time counts when it is the larger: 0.5 + max(0.5, 0.2) = 1.0.
    assert RunTimings(read=0.5, collect=0.5, client_cpu=0.2, tasks=1, task_seconds=1.0).serial == 1.0


def test_no_task_is_no_share():
    t = RunTimings(read=0.1)
    assert math.isnan(t.serial_per_task)
    assert "no task run" in t.describe()


def test_the_machine_says_its_cores_memory_and_load():
    machine = this_machine()
    assert machine.cores >= machine.usable_cores >= 1
    assert machine.memory_gb > 0
    text = machine.describe()
    assert f"{machine.cores} cores" in text
    assert "load average" in text
    assert machine.cpu in text


def test_the_clock_adds_tasks_seconds_and_leaves_out_rows_without_them():
    clock = Clock(read=0.25)
    clock.add("write", 0.5)
    clock.add("write", 0.25)
    for seconds in (1.0, 2.0, math.nan, None):  # a failed task's row has no seconds
        clock.task_done(seconds)
    t = clock.timings()
    assert (t.read, t.write, t.tasks, t.task_seconds) == (0.25, 0.75, 4, 3.0)
    assert math.isnan(Clock().timings().task_seconds)  # no task said: unknown, not 0
