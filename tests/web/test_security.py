"""Safe to put online: read-only without a token, size and rate limits, escaping, headers, report jobs."""

from __future__ import annotations

import re
import threading
import time
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hubplan.web import create_app
from hubplan.web.auth import Editor, editors_from_environment, find_editor
from hubplan.web.guard import Limits
from hubplan.web.jobs import JobQueue, QueueFull
from tests.web.conftest import TOKEN

EDITOR = {"Authorization": f"Bearer {TOKEN}"}
PLAN = {"name": "my-plan", "bases": ["cc-diss", "cc-aylsham"]}

PATIENT = Limits(wait_seconds=600)
"""Requests wait for their report or centre page (the 202-and-poll answers are tested in test_routes)."""


def _shape(response) -> dict:  # type: ignore[no-untyped-def]
    data = response.json()
    assert set(data) == {"ok", "error", "details"}
    assert data["ok"] is False
    return data


@pytest.fixture
def client(workspace: Path) -> TestClient:
    return TestClient(create_app(workspace, editors=(Editor.with_token("officer", TOKEN),), limits=PATIENT))


def test_without_a_token_the_server_is_read_only(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUBPLAN_EDIT_TOKEN", raising=False)
    public = TestClient(create_app(workspace, limits=PATIENT))
    assert public.get("/api/me").json() == {"ok": True, "editing": False, "editor": None}
    refused = public.post("/api/scenarios", json=PLAN, headers=EDITOR)
    assert refused.status_code == 403
    assert "read-only" in _shape(refused)["error"]
    assert public.post("/api/evaluate", json={"bases": PLAN["bases"]}).status_code == 200
    assert public.get("/api/report", params={"scenarios": "baseline-53"}).status_code == 200


def test_writes_need_the_token(client: TestClient) -> None:
    missing = client.post("/api/scenarios", json=PLAN)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    _shape(missing)
    wrong = client.post("/api/scenarios", json=PLAN, headers={"Authorization": "Bearer guess"})
    assert wrong.status_code == 403
    _shape(wrong)
    assert client.get("/api/me", headers={"Authorization": "Bearer guess"}).status_code == 403
    assert client.get("/api/me", headers=EDITOR).json() == {"ok": True, "editing": True, "editor": "officer"}
    assert client.post("/api/scenarios", json=PLAN, headers=EDITOR).status_code == 201


def test_the_token_comes_from_the_environment_or_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUBPLAN_EDIT_TOKEN", "from-env")
    (editor,) = editors_from_environment()
    assert find_editor((editor,), "Bearer from-env") == editor
    assert find_editor((editor,), "Bearer from-env-") is None
    assert find_editor((editor,), "Basic from-env") is None
    assert find_editor((editor,), None) is None
    (tmp_path / "token").write_text("from-file\n")
    (from_file,) = editors_from_environment(token_file=tmp_path / "token")
    assert find_editor((from_file,), "Bearer from-file") == from_file
    two = (Editor.with_token("ann", "a"), Editor.with_token("bob", "b"))
    assert find_editor(two, "bearer b") == two[1]
    monkeypatch.setenv("HUBPLAN_EDIT_TOKEN", "")
    assert editors_from_environment() == ()


def test_a_huge_body_is_refused_and_the_server_stays_well(client: TestClient) -> None:
    huge = b'{"bases": ["' + b"x" * 10_000_000 + b'"]}'
    declared = client.post("/api/evaluate", content=huge, headers={"Content-Type": "application/json"})
    assert declared.status_code == 413
    assert "over 1,000,000 bytes" in _shape(declared)["error"]

    def chunks():  # no Content-Length: counted as it streams
        yield b'{"bases": ["'
        for _ in range(100):
            yield b"x" * 100_000
        yield b'"]}'

    streamed = client.post("/api/evaluate", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413
    _shape(streamed)
    assert client.post("/api/evaluate", json={"bases": ["cc-diss"]}).status_code == 200


def test_plans_name_each_site_once_and_no_more_than_exist(client: TestClient) -> None:
    twice = client.post("/api/evaluate", json={"bases": ["cc-diss", "cc-aylsham", "cc-diss"]})
    assert twice.status_code == 422
    assert _shape(twice)["details"] == ["bases: names 'cc-diss' more than once"]
    sites = client.get("/api/workspace").json()["sites"]
    too_many = client.post("/api/evaluate", json={"bases": [s["id"] for s in sites] + ["cc-diss"]})
    assert too_many.status_code == 422
    assert f"the workspace has {len(sites):,}" in _shape(too_many)["details"][0]
    assert client.post("/api/evaluate", json={"bases": ["x"] * 5001}).status_code == 422


def test_query_strings_are_bounded(client: TestClient) -> None:
    long = client.get("/api/here", params={"lat": 52.6, "lon": 1.0, "bases": "cc-diss," * 3000})
    assert long.status_code == 414
    _shape(long)


def test_a_parameter_given_twice_is_refused_not_read_as_its_last_value(client: TestClient) -> None:
    """`?bases=cc-diss&bases=cc-aylsham` (a form with two fields of one name) read as cc-aylsham alone."""
    twice = client.get("/api/here?lat=52.6&lon=1.0&bases=cc-diss&bases=cc-aylsham")
    assert twice.status_code == 400
    assert _shape(twice)["error"] == "the query parameter 'bases' is given more than once: give it once"
    assert twice.headers["x-content-type-options"] == "nosniff"  # an error carries a page's headers
    assert client.get("/api/here?lat=52.6&lon=1.0&bases=cc-diss,cc-aylsham").status_code == 200


def test_a_json_key_given_twice_is_refused_not_read_as_its_last_value(client: TestClient) -> None:
    """Python's JSON reader keeps the last "bases": a plan would be judged on the second list alone."""
    body = b'{"bases": ["cc-diss", "cc-aylsham"], "bases": ["cc-diss"]}'
    twice = client.post("/api/evaluate", content=body, headers={"content-type": "application/json"})
    assert twice.status_code == 422
    assert _shape(twice)["details"] == ["body: the key 'bases' is given more than once: give each key once"]
    nested = b'{"scenarios": ["baseline-53"], "bases": ["cc-diss"], "options": {"a": 1, "a": 2}}'
    deep = client.post("/api/reports", content=nested, headers={"content-type": "application/json", **EDITOR})
    assert deep.status_code == 422
    assert "'a' is given more than once" in _shape(deep)["details"][0]
    for content_type in ("APPLICATION/JSON", "application/x+json", "text/plain"):
        sneaky = client.post("/api/evaluate", content=body, headers={"content-type": content_type})
        assert sneaky.status_code == 422, content_type  # FastAPI may read any of these as JSON
    once = client.post(
        "/api/evaluate", content=b'{"bases": ["cc-diss"]}', headers={"content-type": "application/json"}
    )
    assert once.status_code == 200


def test_a_saved_script_title_comes_back_escaped(client: TestClient) -> None:
    title = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    saved = client.post("/api/scenarios", json={**PLAN, "title": title}, headers=EDITOR)
    assert saved.status_code == 201
    assert client.get("/api/scenarios/my-plan").json()["scenario"]["title"] == title  # JSON keeps the text
    report = client.get("/api/report", params={"scenarios": "baseline-53,my-plan"})
    assert report.status_code == 200
    assert "&lt;script&gt;alert(" in report.text
    assert "<script>alert(" not in report.text
    assert "<img src=x" not in report.text


def test_security_headers_and_no_inline_script(client: TestClient) -> None:
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert client.get("/api/nowhere").headers["x-content-type-options"] == "nosniff"
    html = page.text
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []  # every script is a file
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers
    assert " style=" not in html
    app_js = (resources.files("hubplan.web") / "static" / "app.js").read_text(encoding="utf-8")
    assert "innerHTML" not in app_js
    assert "insertAdjacentHTML" not in app_js


def test_report_jobs_run_in_the_background(client: TestClient) -> None:
    started = client.post("/api/reports", json={"scenarios": ["baseline-53", "proposal-2018-7"]})
    assert started.status_code == 202
    job = started.json()["job"]
    assert started.json()["url"] == f"/api/reports/{job}"
    deadline = time.monotonic() + 300  # a guard against a hang, not a speed check
    while (status := client.get(f"/api/reports/{job}").json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert status["status"] == "done"
    report = client.get(status["download"])
    assert report.status_code == 200
    assert "proposal-2018-7" in report.text or "7" in report.text
    assert client.get("/api/reports/" + "0" * 32).status_code == 404
    assert client.get("/api/reports/not-a-job").status_code == 422
    unknown = client.post("/api/reports", json={"scenarios": ["nothing"]})
    assert unknown.status_code == 400


def test_a_full_report_queue_answers_429(workspace: Path) -> None:
    full = TestClient(create_app(workspace, editors=(), limits=Limits(report_queue=0)))
    refused = full.post("/api/reports", json={})
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "30"
    _shape(refused)
    assert full.get("/api/report").status_code == 429


def test_the_job_queue_holds_at_most_its_capacity(tmp_path: Path) -> None:
    from hubplan.store import get_run, open_store

    engine = open_store(tmp_path)
    queue = JobQueue(engine, workers=1, capacity=2)
    release = threading.Event()
    first, future = queue.submit("report", {}, lambda: (release.wait(60), "one")[1])
    queue.submit("report", {}, lambda: "two")
    with pytest.raises(
        QueueFull, match="2 reports or analyses are already being made: try again in 30 seconds"
    ):
        queue.submit("report", {}, lambda: "three")
    release.set()
    assert future.result(timeout=60) == "one"
    queue.shutdown()
    run = get_run(engine, first)
    assert run is not None
    assert (run.status, run.result) == ("done", "one")
    again = JobQueue(engine, workers=1, capacity=2)
    assert again.submit("report", {}, lambda: "four")[1].result(timeout=60) == "four"  # slots came back
    again.shutdown()


def test_the_rate_limit_is_per_client_and_configurable(workspace: Path) -> None:
    limited = TestClient(create_app(workspace, editors=(), limits=Limits(rate_limit="3/minute")))
    answers = [limited.get("/api/me").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    throttled = limited.get("/api/me")
    assert "too many requests" in _shape(throttled)["error"]


def test_a_stopping_server_records_the_jobs_it_drops(tmp_path: Path) -> None:
    """One job running past the grace, one waiting: both recorded as stopped, not 'running' for ever."""
    from hubplan.store import get_run, open_store
    from hubplan.web.jobs import STOPPED

    engine = open_store(tmp_path)
    queue = JobQueue(engine, workers=1, capacity=3)
    release = threading.Event()
    running, _ = queue.submit("report", {}, lambda: (release.wait(60), "one")[1])
    waiting, _ = queue.submit("report", {}, lambda: "two")
    assert queue.running() == 2
    assert queue.shutdown(grace=0.2) == 1
    for run_id in (running, waiting):
        run = get_run(engine, run_id)
        assert run is not None
        assert (run.status, run.error) == ("failed", STOPPED)
    release.set()


def test_head_is_answered_like_get_without_a_body(client: TestClient) -> None:
    for path in ("/", "/api/workspace", "/static/app.js"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
        assert head.headers["content-security-policy"] == got.headers["content-security-policy"]


def test_a_request_the_server_cannot_parse_gets_the_error_shape_and_headers(server: str) -> None:
    """uvicorn answers a malformed request line itself; hubplan's protocol gives it the app's shape."""
    import json
    import socket

    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(b"GET /\x00 HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n")
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").lower().splitlines()
    assert lines[0].startswith("http/1.1 400")
    assert "x-content-type-options: nosniff" in lines
    assert any(line.startswith("content-security-policy: default-src 'self'") for line in lines)
    data = json.loads(body)
    assert data["ok"] is False
    assert data["error"].startswith("the request could not be read")
