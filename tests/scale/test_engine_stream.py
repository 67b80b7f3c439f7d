"""The engine streams rows in batches, lets a task's own bug propagate, and times the client."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from hubplan.scale.engine import Task, run_tasks
from hubplan.scale.rows import parts_folder, read_rows
from tests.scale.clusters import dask_cluster


def letters(key: str, broken: bool) -> dict[str, object]:
    """A task: a row with the key's letters; ``broken`` makes the one keyed ``boom`` fail (a bug)."""
    started = time.perf_counter()
    if broken and key == "boom":
        msg = "a bug in the task"
        raise ZeroDivisionError(msg)
    return {
        "key": key,
        "letters": len(key),
        "seconds": time.perf_counter() - started,
        "fingerprint": "fp",
        "error": "",
    }


def error_row(task: Task, message: str) -> dict[str, object]:
    return {"key": task.key, "letters": -1, "seconds": 0.0, "fingerprint": task.fingerprint, "error": message}


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """One worker on a scheduler of its own process, shared by the module's tests."""
    with dask_cluster(tmp_path_factory.mktemp("cluster"), ("w1",)) as cluster:
        yield cluster.address


def test_rows_and_the_clients_timings(scheduler, tmp_path):
    path = tmp_path / "rows.parquet"
    keys = [f"k{i:02d}" for i in range(30)]
    calls = []
    tasks = [Task(k, "fp", letters, (k, False)) for k in keys]
    summary = run_tasks(
        tasks, path, error_row=error_row, scheduler=scheduler, progress=calls.append, write_every_seconds=0.0
    )
    assert (summary.rows, summary.submitted, summary.failed) == (30, 30, 0)
    table = pd.read_parquet(path)
    assert table["key"].tolist() == keys
    assert (table["letters"] == 3).all()
    assert not parts_folder(path).exists()  # the batches went once the table was written
    t = summary.timings
    assert t.tasks == 30
    assert t.task_seconds == pytest.approx(table["seconds"].sum())
    assert t.client_cpu > 0
    assert t.wait > 0
    assert 0 < t.serial_fraction < 1
    assert t.serial_per_task == pytest.approx(t.serial / 30)
    # Progress: first none done, last every row, and the count never goes back.
    assert (calls[0].done, calls[-1].done, calls[-1].running) == (0, 30, 0)
    assert [c.done for c in calls] == sorted(c.done for c in calls)


def test_a_tasks_own_exception_propagates_and_the_rows_done_are_kept(scheduler, tmp_path):
    """The engine does not turn a bug into a row: it raises it, with what finished kept on disk."""
    path = tmp_path / "rows.parquet"
    keys = ["a", "bb", "boom", "dddd"]
    tasks = [Task(k, "fp", letters, (k, True)) for k in keys]
    with pytest.raises(ZeroDivisionError, match="a bug in the task"):
        run_tasks(tasks, path, error_row=error_row, scheduler=scheduler, retries=0, write_every_seconds=0.0)
    assert not path.exists()  # the table is written only by a run that ends
    kept = read_rows(path)
    # One worker runs the tasks in the order given: the two before the bug finished first.
    assert {"a", "bb"} <= set(kept)
    assert "boom" not in kept
    assert all(r["error"] == "" and r["letters"] == len(k) for k, r in kept.items())
    # With the bug fixed, the next run computes only what is not on disk, and writes the table.
    fixed = [Task(k, "fp", letters, (k, False)) for k in keys]
    summary = run_tasks(fixed, path, error_row=error_row, scheduler=scheduler)
    assert (summary.submitted, summary.skipped) == (4 - len(kept), len(kept))
    assert pd.read_parquet(path)["letters"].tolist() == [1, 2, 4, 4]
    assert not parts_folder(path).exists()
