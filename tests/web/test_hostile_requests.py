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
from hubplan.web.guard import TrustedHosts

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
    # An editors' server keeps its report runs in the store (a read-only one keeps them in memory).
    client = TestClient(create_app(workspace, editors=(Editor.with_token("officer", TOKEN),)))
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


# Probe 9: Host headers (DNS rebinding), HTTP versions, unknown query parameters.


@pytest.fixture
def served_locally(workspace: Path) -> TestClient:
    """The app as ``hubplan serve`` makes it on 127.0.0.1: it answers that address and localhost only."""
    application = create_app(workspace, hosts=TrustedHosts.served("127.0.0.1"))
    return TestClient(application, base_url="http://127.0.0.1:8000", raise_server_exceptions=False)


def test_a_host_the_server_does_not_answer_to_is_refused(served_locally: TestClient) -> None:
    """A DNS-rebinding page (Host: evil.example, resolving to 127.0.0.1) read the workspace with 200."""
    response = served_locally.get("/api/workspace", headers={"Host": "evil.example"})
    data = _error_with_headers(response, 400)
    assert "'evil.example' is not a name this server answers to" in data["error"]
    assert "--allowed-host" in data["error"]
    assert "sites" not in response.text


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "localhost."]
)
def test_the_served_address_and_loopback_names_are_answered(served_locally: TestClient, host: str) -> None:
    assert served_locally.get("/api/me", headers={"Host": host}).status_code == 200


def test_further_host_names_and_wildcard_addresses() -> None:
    proxied = TrustedHosts.served("127.0.0.1", also=["maps.example.org"])
    assert proxied.allows("maps.example.org:443")
    assert proxied.allows("Maps.Example.org")
    assert not proxied.allows("evil.example")
    assert not proxied.allows("192.168.1.5:8000")
    everywhere = TrustedHosts.served("0.0.0.0")
    assert everywhere.allows("192.168.1.5:8000")
    assert everywhere.allows("[fe80::1]:8000")
    assert not everywhere.allows("evil.example")
    assert TrustedHosts.served("127.0.0.1", also=["*"]).allows("evil.example")


def test_an_http_version_not_spoken_is_a_505(server: str) -> None:
    """``GET / HTTP/7.0`` was answered 200 with the page (h11 reads any HTTP/d.d)."""
    import json
    import socket

    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(b"GET / HTTP/7.0\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").lower().splitlines()
    assert lines[0].startswith("http/1.1 505")
    assert "x-content-type-options: nosniff" in lines
    assert json.loads(body) == {
        "ok": False, "error": "HTTP/7.0 is not spoken here: send HTTP/1.1 (or 1.0)", "details": []
    }  # fmt: skip


def test_an_unknown_query_parameter_is_a_422_naming_it(client: TestClient) -> None:
    """``/api/here?...&mode=car`` was answered 200 for the default mode, the parameter ignored."""
    params = {"lat": 52.6, "lon": 1.3, "bases": "cc-diss", "mode": "car"}
    data = _error_with_headers(client.get("/api/here", params=params), 422)
    assert data["details"] == [
        "query.mode: an unknown query parameter (this request takes: bases, lat, lon; /docs lists them)"
    ]
    data = _error_with_headers(client.get("/api/workspace", params={"v": "2"}), 422)
    assert data["details"] == [
        "query.v: an unknown query parameter (this request takes: none; /docs lists them)"
    ]
    assert client.get("/api/places", params={"q": "der"}).status_code == 200


@pytest.mark.parametrize("version", [True, "1", 1.0, "2", 3.0])
def test_a_version_that_is_not_a_whole_number_is_a_422(client: TestClient, version: object) -> None:
    """Probe 34 (F12): ``"version": true`` was read as 1, passed the check and saved over version 1."""
    assert (
        client.post("/api/scenarios", json={"name": "p9", "bases": ["cc-holt"]}, headers=EDITOR).json()[
            "version"
        ]
        == 1
    )
    body = {"name": "p9", "version": version, "bases": ["cc-diss"]}
    data = _error_with_headers(client.post("/api/scenarios", json=body, headers=EDITOR), 422)
    assert data["details"][0].startswith("body.version: ")
    saved = client.get("/api/scenarios/p9").json()["scenario"]
    assert (saved["version"], saved["bases"]) == (1, ["cc-holt"])  # nothing saved over it
    right = {"name": "p9", "version": 1, "bases": ["cc-diss"]}
    assert client.post("/api/scenarios", json=right, headers=EDITOR).json()["version"] == 2


def test_a_long_value_echoed_in_a_message_is_cut_to_about_80_characters(client: TestClient) -> None:
    """Probe 34 (F17): a 5,000-character id came back whole in the message (a 5 KB answer)."""
    long_id = "x" * 5000
    here = client.get("/api/here", params={"lat": 52.6, "lon": 1.3, "bases": long_id})
    error = _error_with_headers(here, 400)["error"]
    # repr of the id cut to 77 characters, then "...": a quote and 76 x's, and the length.
    assert error == f"no site has the id '{'x' * 76}... (5,000 characters)"
    assert len(here.content) < 400
    report = client.get("/api/report", params={"scenarios": "y" * 3000})
    assert len(report.content) < 1500, report.text
    assert "y" * 100 not in report.text
    assert "... (3,000 characters)" in report.text
    centre = client.get(f"/centres/{'z' * 90}")
    assert "z" * 90 not in centre.text, centre.text
