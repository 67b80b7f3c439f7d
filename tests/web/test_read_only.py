"""A server without an edit token writes nothing: no store is made, report jobs are kept in memory.

Probe 34 (F11): ``hubplan serve WS`` with no token made ``WS/hubplan.sqlite`` (and its ``-wal`` and
``-shm``) at start, and every anonymous report stored its ~3 MB of HTML there, while docs/reports.md
said "nothing is written".
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from fastapi.testclient import TestClient

from hubplan.store import close_stores, open_store, save_plan
from hubplan.web import create_app
from hubplan.web.auth import Editor
from hubplan.web.guard import Limits
from hubplan.web.jobs import JobQueue, MemoryRuns


def _listing(folder: Path) -> list[str]:
    """The workspace's files but the travel minutes' cache, which every command keeps (docs/travel.md)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if ".hubplan-cache" not in p.parts)


def test_a_read_only_server_makes_no_store_and_keeps_its_reports_in_memory(workspace: Path) -> None:
    before = _listing(workspace)
    client = TestClient(create_app(workspace, editors=(), limits=Limits(wait_seconds=0.0)))
    asked = client.get("/api/report", params={"scenarios": "baseline-53", "bases": "cc-diss,cc-aylsham"})
    assert asked.status_code in (200, 202), asked.text
    if asked.status_code == 202:
        job = asked.json()["job"]
        for _ in range(600):
            state = client.get(f"/api/jobs/{job}").json()
            if state["status"] not in ("queued", "running"):
                break
            time.sleep(0.5)
        assert state["status"] == "done", state
        page = client.get(state["url"])
        assert page.status_code == 200
        assert "Your plan" in page.text
    assert client.get("/api/scenarios/baseline-53").status_code == 200
    assert (
        client.post("/api/scenarios", json={"name": "p1", "bases": ["cc-diss"]}).status_code == 403
    )  # read-only
    assert _listing(workspace) == before  # no hubplan.sqlite, -wal or -shm: nothing at all written


def test_a_read_only_server_reads_the_plans_of_a_store_already_there(workspace: Path) -> None:
    engine = open_store(workspace)
    save_plan(engine, name="kept", title="Kept", bases=("cc-diss",), description="", saved_by="officer")
    close_stores()
    client = TestClient(create_app(workspace, editors=()))
    assert client.get("/api/scenarios/kept").json()["scenario"]["bases"] == ["cc-diss"]


def test_runs_in_memory_keep_the_newest_results_within_the_size_cap() -> None:
    """Three results of 10 characters under a cap of 25: the newest two (20) are kept, the oldest expires."""
    runs = MemoryRuns()
    for n in range(3):
        runs.add(f"r{n}", "report", {})
        runs.update(f"r{n}", "done", result="x" * 10)
        time.sleep(0.01)  # distinct finishing times, so "newest" is defined
    assert runs.prune(kind="report", max_chars=25, max_age=dt.timedelta(days=1)) == 1
    assert [runs.get(f"r{n}").status for n in range(3)] == ["expired", "done", "done"]  # type: ignore[union-attr]
    assert runs.get("r0").result is None  # type: ignore[union-attr]
    assert runs.prune(kind="report", max_chars=25, max_age=dt.timedelta(0)) == 2  # all too old now


def test_a_queue_without_a_store_runs_and_records_in_memory() -> None:
    queue = JobQueue(None, workers=1, capacity=2)
    run_id, future = queue.submit("report", {"scenarios": []}, lambda: "page")
    assert future.result(timeout=60) == "page"
    queue.shutdown()
    run = queue.get(run_id)
    assert run is not None
    assert (run.status, run.result, run.request) == ("done", "page", {"scenarios": []})


def test_editors_save_into_the_store(workspace: Path) -> None:
    client = TestClient(create_app(workspace, editors=(Editor.with_token("officer", "t0ken"),)))
    saved = client.post(
        "/api/scenarios", json={"name": "p1", "bases": ["cc-diss"]}, headers={"Authorization": "Bearer t0ken"}
    )
    assert saved.status_code == 201, saved.text
    assert (workspace / "hubplan.sqlite").is_file()
