"""The engine on a real Dask cluster: a worker killed mid-run loses no row; a rerun does no work twice."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time

import pandas as pd
import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.scale.engine import Task, connect, run_tasks
from hubplan.scale.national import run_national
from hubplan.scale.tasks import ROW_COLUMNS, BaseRule, NationalOptions, fingerprint, solve_council

# Four small councils: City of London (6 LSOAs), Isles of Scilly (1), Rutland (23), Hartlepool (58).
SMALL = ["E09000001", "E06000053", "E06000017", "E06000001"]


def test_a_worker_killed_mid_run_loses_no_row_and_a_rerun_does_no_work(cluster, tmp_path):
    from distributed import Client

    options = NationalOptions(rule=BaseRule("bases_per", 500))
    result = {}
    run = threading.Thread(
        target=lambda: result.update(
            summary=run_national(tmp_path, options, codes=SMALL, scheduler=cluster.address)
        )
    )
    killed_while_busy = []
    with Client(cluster.address, timeout="30s") as client:
        run.start()
        # Kill w1 with SIGKILL as soon as it is computing one of our tasks.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed_while_busy:
            info = client.scheduler_info()["workers"]
            for address, keys in client.processing().items():
                if info.get(address, {}).get("name") == "w1" and any(
                    str(k).startswith("hubplan-") for k in keys
                ):
                    cluster.workers["w1"].send_signal(signal.SIGKILL)
                    killed_while_busy.append(list(keys))
                    break
            time.sleep(0.02)
        run.join(timeout=150)  # with the 120 s above, inside pytest-timeout's 300 s
    assert killed_while_busy, "w1 never took a task"
    assert cluster.workers["w1"].wait(timeout=10) == -signal.SIGKILL
    summary = result["summary"]
    assert summary.submitted == 4
    table = pd.read_parquet(tmp_path / "national.parquet")
    assert list(table.columns) == list(ROW_COLUMNS)
    assert sorted(table["code"]) == sorted(SMALL)
    assert (table["error"] == "").all(), table["error"].tolist()
    assert table["fingerprint"].tolist() == [fingerprint(c, options) for c in table["code"]]
    # The task w1 was computing when it died was computed again elsewhere.
    w1_pid = f":{cluster.workers['w1'].pid}"
    redone = [r for r in table.to_dict(orient="records") if r["code"] in str(killed_while_busy)]
    assert redone
    assert all(not r["worker"].endswith(w1_pid) for r in redone)
    # The figures are those of the same task run here, in this process.
    for r in table.to_dict(orient="records"):
        here = solve_council(r["code"], options)
        for column in ("areas", "children", "bases", "share_within_car", "share_within_bus", "objective"):
            assert r[column] == pytest.approx(here[column]), (r["code"], column)
    scilly = table.set_index("code").loc["E06000053"]
    assert scilly["areas"] == 1
    assert scilly["bases"] == 1

    # The rerun finds every row written for the same inputs and sends nothing to the cluster.
    again = run_national(tmp_path, options, codes=SMALL, scheduler=cluster.address)
    assert (again.submitted, again.skipped) == (0, 4)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "national.parquet"), table)

    # Other options are other inputs: only they are planned.
    other = NationalOptions(rule=BaseRule("bases_per", 500), threshold_minutes=20.0)
    third = run_national(tmp_path, other, codes=SMALL[:2], scheduler=cluster.address)
    assert (third.submitted, third.skipped) == (2, 0)


def test_cli_writes_an_error_row_for_a_failing_council_and_a_page(cluster, tmp_path):
    out = tmp_path / "out"
    # City of London has 5 open libraries, Rutland 4: 5 bases can be in the City, not in Rutland.
    result = CliRunner().invoke(
        app,
        [
            "national",
            str(out),
            "--bases",
            "5",
            "--councils",
            "E09000001,Rutland",
            "--scheduler",
            cluster.address,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "1 failed" in result.output
    table = pd.read_parquet(out / "national.parquet").set_index("code")
    assert (
        table.loc["E06000017", "error"]
        == "InfeasibleError: bases: 5 asked but the council has only 4 candidate sites"
    )
    assert table.loc["E06000017", "name"] == "Rutland"
    assert table.loc["E06000017", "areas"] == 23
    assert table.loc["E09000001", "error"] == ""
    assert table.loc["E09000001", "bases"] == 5
    # Every library open: every City child within 30 minutes by car (11 min + under 2 km at 87 km/h).
    assert table.loc["E09000001", "share_within_car"] == pytest.approx(1.0)
    page = (out / "national.html").read_text()
    assert "<svg" in page
    assert "Councils that failed" in page
    assert "Rutland (E06000017): InfeasibleError" in page
    assert "<td>City of London</td>" in page


def test_unknown_council_is_refused_with_its_code(tmp_path):
    result = CliRunner().invoke(
        app, ["national", str(tmp_path), "--councils", "E09000001,Atlantis,E07000203"]
    )
    assert result.exit_code == 1
    assert "'Atlantis'" in result.output
    assert "'E07000203'" in result.output  # a district, not an upper-tier council
    assert not (tmp_path / "national.parquet").exists()


def test_two_rules_at_once_are_refused(tmp_path):
    result = CliRunner().invoke(app, ["national", str(tmp_path), "--bases", "3", "--bases-per", "1000"])
    assert result.exit_code == 2
    assert not (tmp_path / "national.parquet").exists()


def dies_on_death(key: str) -> dict[str, object]:
    """A task: the one keyed ``death`` kills its own worker process, every time it runs."""
    if key == "death":
        os.kill(os.getpid(), signal.SIGKILL)
    return {"key": key, "letters": len(key), "pid": os.getpid(), "fingerprint": "fp", "error": ""}


def test_a_task_whose_worker_dies_every_time_is_an_error_row_and_the_rest_are_fine(tmp_path):
    """The nanny restarts the killed worker; after allowed-failures deaths the scheduler gives up."""
    import dask
    import distributed  # noqa: F401 - its defaults must be in dask's config before we set one of them

    path = tmp_path / "rows.parquet"
    tasks = [Task(k, "fp", dies_on_death, (k,)) for k in ("ab", "death", "abcd")]

    def error_row(task: Task, message: str) -> dict[str, object]:
        return {"key": task.key, "letters": -1, "pid": -1, "fingerprint": task.fingerprint, "error": message}

    # One task on the worker at a time (saturation 1.0): a worker's death counts against every task it
    # holds, so a task queued behind "death" on the same worker would otherwise fail with it.
    one_at_a_time = {"distributed.scheduler.worker-saturation": 1.0}
    with dask.config.set({"distributed.scheduler.allowed-failures": 1, **one_at_a_time}):
        summary = run_tasks(tasks, path, error_row=error_row, n_workers=1)
    assert (summary.rows, summary.submitted, summary.failed) == (3, 3, 1)
    table = pd.read_parquet(path).set_index("key")
    assert sorted(table.index) == ["ab", "abcd", "death"]
    assert table.loc["ab", "letters"] == 2
    assert table.loc["abcd", "letters"] == 4
    assert (table.loc[["ab", "abcd"], "error"] == "").all()
    message = table.loc["death", "error"]
    assert message.startswith("KilledWorker: the worker died each time it ran this task")
    assert "hubplan-death-fp" in message  # Dask's own words name the task
    assert table.loc["death", "letters"] == -1
    # A rerun tries the failed row again (and only it).
    with dask.config.set({"distributed.scheduler.allowed-failures": 0, **one_at_a_time}):
        again = run_tasks(tasks, path, error_row=error_row, n_workers=1)
    assert (again.submitted, again.skipped, again.failed) == (1, 2, 1)


def test_a_local_cluster_starts_quietly_while_another_holds_the_dashboard_port():
    """Another Dask cluster on this machine holds 8787: ours neither warns nor fails (warnings are errors)."""
    holder = socket.socket()
    try:
        holder.bind(("0.0.0.0", 8787))
        holder.listen()
    except OSError:
        pass  # something already holds it: the case itself
    try:
        with connect(n_workers=1) as client:
            assert client.submit(len, "abc").result() == 3
    finally:
        holder.close()


def test_a_local_cluster_leaves_nothing_in_the_temporary_folder_or_beside_its_table(tmp_path, monkeypatch):
    """Probe 34 (F3): Dask made ``$TMPDIR/dask-scratch-space`` (scheduler and worker folders, and two lock
    files left after the run); its scratch space now lives beside the table and goes with the run."""
    import tempfile

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))  # the workers' processes start with it
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))  # this process read TMPDIR already
    out = tmp_path / "out"
    out.mkdir()
    path = out / "rows.parquet"
    tasks = [Task(k, "fp", dies_on_death, (k,)) for k in ("ab", "abc")]
    seen: list[list[str]] = []

    def error_row(task: Task, message: str) -> dict[str, object]:
        return {"key": task.key, "letters": -1, "pid": -1, "fingerprint": task.fingerprint, "error": message}

    def progress(_: object) -> None:
        seen.append(sorted(p.name for p in out.iterdir() if p.name.startswith(".dask-scratch-")))

    summary = run_tasks(tasks, path, error_row=error_row, n_workers=1, progress=progress)
    assert (summary.rows, summary.failed) == (2, 0)
    assert any(seen), "the scratch space was beside the table while the run went"
    assert sorted(p.name for p in temporary.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["rows.parquet"]
