"""Requests and files as people and attackers send them: every error a 4xx (or 500 for a bug) in the one
shape with the page's security headers, API docs that need no CDN, tokens as UTF-8, reports pruned.

The web part of issue 26's regression corpus.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import hubplan.web.routes.workspace as web_app
from hubplan.store import add_run, get_run, open_store, prune_results, update_run
from hubplan.web import create_app
from hubplan.web.auth import Editor, find_editor

TOKEN = "clé-secrète"
"""A token with non-ASCII characters: browsers and curl send it as UTF-8."""


def _error_with_headers(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    data = response.json()
    assert set(data) == {"ok", "error", "details"}
    assert data["ok"] is False
    assert "default-src" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    return data


@pytest.fixture
def client(workspace: Path) -> TestClient:
    return TestClient(
        create_app(workspace, editors=(Editor.with_token("officer", TOKEN),)), raise_server_exceptions=False
    )


def test_a_bad_latitude_in_places_is_a_400_naming_the_row(workspace: Path, client: TestClient) -> None:
    (workspace / "places.csv").write_text("name,lat,lon\nDereham,52.68,0.94\nWymondham,n/a,1.11\n")
    data = _error_with_headers(client.get("/api/places", params={"q": "der"}), 400)
    assert data["details"] == [
        "places.csv, row 3, column 'lat': expected a number (latitude in degrees (WGS84)), found 'n/a'"
    ]


@pytest.mark.parametrize("bases", [",,,", ","])
def test_here_with_no_bases_is_a_422(client: TestClient, bases: str) -> None:
    response = client.get("/api/here", params={"lat": 52.6, "lon": 1.0, "bases": bases})
    assert (
        _error_with_headers(response, 422)["error"]
        == "bases: expected site ids separated by commas; got none"
    )


def test_here_with_blank_bases_is_a_4xx(client: TestClient) -> None:
    response = client.get("/api/here", params={"lat": 52.6, "lon": 1.0, "bases": " , "})
    assert 400 <= response.status_code < 500
    _error_with_headers(response, response.status_code)


def test_a_bug_is_a_500_in_the_one_shape_with_the_security_headers(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> list[object]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(web_app, "search_places", broken)
    data = _error_with_headers(client.get("/api/places", params={"q": "der"}), 500)
    assert "a bug" in data["error"]
    assert "RuntimeError" not in str(data)


def test_docs_load_nothing_from_elsewhere(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "<script" not in page.text
    assert "cdn" not in page.text.lower()
    assert "/api/evaluate" in page.text
    assert "/api/places" in page.text
    assert "cdn" not in page.headers["content-security-policy"]
    assert client.get("/redoc").status_code == 404


def test_tokens_are_compared_as_utf8_bytes(client: TestClient) -> None:
    editor = Editor.with_token("officer", TOKEN)
    assert find_editor((editor,), f"Bearer {TOKEN}".encode()) == editor
    assert find_editor((editor,), f"Bearer {TOKEN}") == editor
    assert find_editor((editor,), f"Bearer {TOKEN}".encode("latin-1")) is None
    sent = client.get("/api/me", headers={"Authorization": f"Bearer {TOKEN}".encode()})
    assert sent.json() == {"ok": True, "editing": True, "editor": "officer"}


def test_finished_reports_are_kept_within_a_size_and_an_age(workspace: Path) -> None:
    """Three reports of 400 characters under a 1,000-character limit: the oldest loses its HTML
    (expired), the two newest keep theirs; then an age of 0 drops every one."""
    engine = open_store(workspace)
    for i in range(3):
        add_run(engine, f"{i:032x}", "report", {})
        update_run(engine, f"{i:032x}", "done", result="x" * 400)
    assert prune_results(engine, kind="report", max_chars=1000, max_age=dt.timedelta(days=1)) == 1
    states = [get_run(engine, f"{i:032x}") for i in range(3)]
    assert [(r.status, r.result is None) for r in states if r] == [
        ("expired", True),
        ("done", False),
        ("done", False),
    ]
    assert prune_results(engine, kind="report", max_chars=10**9, max_age=dt.timedelta(0)) == 2
    client = TestClient(create_app(workspace))
    gone = client.get(f"/api/reports/{2:032x}/report.html")
    assert _error_with_headers(gone, 410)["error"].startswith("the report was removed")


EDITOR = {"Authorization": f"Bearer {TOKEN}".encode()}


@pytest.mark.parametrize(
    ("field", "text", "named"),
    [
        ("title", "Holt \u202eertnec", "RIGHT-TO-LEFT OVERRIDE"),
        ("title", "Holt \u2067centre\u2069", "RIGHT-TO-LEFT ISOLATE"),
        ("title", "Holt\u200bcentre", "ZERO WIDTH SPACE"),
        ("title", "Holt\ncentre", "a line break"),
        ("title", "Holt\x1b[31mcentre", "U+001B (escape, the start of a terminal colour code)"),
        ("description", "Kept for the\u202a coast", "LEFT-TO-RIGHT EMBEDDING"),
    ],
)
def test_a_saved_plan_with_hidden_characters_is_a_422_naming_the_field(
    client: TestClient, field: str, text: str, named: str
) -> None:
    """Round 8's probe (#8): a title with U+202E saved from the API was accepted and shown in reports,
    though ``validate`` refuses the same character in a file."""
    plan = {"name": "p9", "bases": ["cc-holt"], field: text}
    data = _error_with_headers(client.post("/api/scenarios", json=plan, headers=EDITOR), 422)
    (detail,) = data["details"]
    assert detail.startswith(f"body.{field}: expected visible characters only")
    assert detail.endswith(f"found {named}")
    assert client.get("/api/scenarios/p9").status_code == 404  # nothing saved


def test_a_description_keeps_its_line_breaks_and_tabs(client: TestClient) -> None:
    plan = {"name": "p9", "bases": ["cc-holt"], "title": "Holt — كثيرة", "description": "One.\r\n\tTwo."}
    assert client.post("/api/scenarios", json=plan, headers=EDITOR).status_code == 201
    assert client.get("/api/scenarios/p9").json()["scenario"]["description"] == "One.\r\n\tTwo."


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_a_nan_in_a_body_is_a_422_not_read(client: TestClient, literal: str) -> None:
    """Round 8's probe (#24): ``{"bases":["cc-holt"],"x":NaN}`` was answered 200; NaN is not JSON."""
    body = b'{"bases":["cc-holt"],"version":' + literal.encode() + b"}"
    sent = client.post("/api/evaluate", content=body, headers={"Content-Type": "application/json"})
    data = _error_with_headers(sent, 422)
    assert data["details"] == [f"body: {literal} is not JSON: give a number, or null for none"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/evaluate", {"bases": ["cc-holt"], "x": 1}),
        ("/api/scenarios", {"name": "p9", "bases": ["cc-holt"], "titel": "Holt"}),
        ("/api/reports", {"scenarios": ["baseline-53"], "base": ["cc-holt"]}),
    ],
)
def test_an_unknown_key_in_a_body_is_a_422_naming_it(client: TestClient, path: str, body: dict) -> None:  # type: ignore[type-arg]
    """A misspelt optional key ("titel", "base") was dropped without a word: the plan saved untitled."""
    data = _error_with_headers(client.post(path, json=body, headers=EDITOR), 422)
    (unknown,) = set(body) - {"bases", "name", "scenarios"}
    assert data["details"] == [
        f"body.{unknown}: an unknown key (check its spelling; /docs lists the keys each request takes)"
    ]
