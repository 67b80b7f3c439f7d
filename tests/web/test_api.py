"""The JSON API through FastAPI's in-process client: figures equal the library's, one error shape."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hubplan.data import load_workspace
from hubplan.evaluate import evaluate
from hubplan.web import create_app
from hubplan.web.auth import Editor
from hubplan.web.guard import Limits
from tests.web.conftest import TOKEN

EDITOR = {"Authorization": f"Bearer {TOKEN}"}

PATIENT = Limits(wait_seconds=600)
"""Requests wait for their report or centre page (the 202-and-poll answers are tested in test_routes)."""


@pytest.fixture
def client(workspace: Path) -> TestClient:
    return TestClient(create_app(workspace, editors=(Editor.with_token("officer", TOKEN),), limits=PATIENT))


def test_evaluate_equals_the_library(client: TestClient, workspace: Path) -> None:
    ws = load_workspace(workspace)
    bases = list(ws.scenario("adopted-2019-15").bases)[:-1]
    response = client.post("/api/evaluate", json={"bases": bases})
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] is True
    from hubplan.data import Scenario

    expected = evaluate(ws, Scenario("your-plan", "Your plan", tuple(bases))).to_dict()
    assert data["evaluation"]["modes"] == expected["modes"]
    assert data["evaluation"]["cost_per_year"] == expected["cost_per_year"]
    assert len(data["area_minutes"]["bus"]) == 538


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "message"),
    [
        ("post", "/api/evaluate", {"bases": ["nope"]}, 400, "no site has the id 'nope'"),
        ("post", "/api/evaluate", {"bases": []}, 422, "the request is not in the expected form"),
        (
            "post",
            "/api/evaluate",
            {"bases": ["mls-alburgh-the-street-lay-by-opp-no-38"]},
            400,
            "cannot be a base",
        ),
        ("get", "/api/scenarios/nothing", None, 404, "no such scenario"),
        (
            "post",
            "/api/scenarios",
            {"name": "Bad Name!", "bases": ["cc-diss"]},
            422,
            "the request is not in the expected form",
        ),
        ("get", "/api/nowhere", None, 404, "Not Found"),
    ],
)
def test_one_error_shape(
    client: TestClient, method: str, path: str, body: dict | None, status: int, message: str
) -> None:
    response = client.request(method.upper(), path, json=body, headers=EDITOR)
    assert response.status_code == status
    data = response.json()
    assert set(data) == {"ok", "error", "details"}
    assert data["ok"] is False
    assert message in data["error"]


def test_save_and_find_again(client: TestClient, workspace: Path) -> None:
    plan = {"name": "my-plan", "bases": ["cc-diss", "cc-aylsham"]}
    response = client.post("/api/scenarios", json=plan, headers=EDITOR)
    assert response.status_code == 201
    assert response.json() == {"ok": True, "scenario": "my-plan", "version": 1}
    assert not (workspace / "scenarios" / "my-plan.yaml").exists()  # saved in the store, not as a file
    listed = {s["name"]: s for s in client.get("/api/workspace").json()["scenarios"]}
    assert (listed["my-plan"]["source"], listed["my-plan"]["version"]) == ("store", 1)
    assert listed["baseline-53"]["source"] == "file"
    again = client.post("/api/scenarios", json={"name": "my-plan", "bases": ["cc-diss"]}, headers=EDITOR)
    assert again.status_code == 409
    assert "saved already" in again.json()["error"]
    saved = client.get("/api/scenarios/my-plan").json()
    assert saved["scenario"]["bases"] == ["cc-diss", "cc-aylsham"]
    assert saved["scenario"]["version"] == 1
    newer = client.post("/api/scenarios", json={**plan, "bases": ["cc-diss"], "version": 1}, headers=EDITOR)
    assert (newer.status_code, newer.json()["version"]) == (201, 2)
    stale = client.post("/api/scenarios", json={**plan, "version": 1}, headers=EDITOR)
    assert stale.status_code == 409
    assert set(stale.json()) == {"ok", "error", "details"}
    assert client.get("/api/scenarios/my-plan").json()["scenario"]["bases"] == ["cc-diss"]
    yaml_file = client.get("/api/scenarios/my-plan/yaml")
    assert "name: my-plan" in yaml_file.text
    assert "- cc-diss" in yaml_file.text
    file_name = client.post("/api/scenarios", json={**plan, "name": "baseline-53"}, headers=EDITOR)
    assert file_name.status_code == 409
    assert "will not replace" in file_name.json()["error"]


def test_places_here_report_and_docs(client: TestClient) -> None:
    found = client.get("/api/places", params={"q": "dereham"}).json()["places"]
    assert found
    assert "Dereham" in found[0]["name"]
    here = client.get("/api/here", params={"lat": 52.68, "lon": 0.94, "bases": "cc-diss"}).json()
    assert here["modes"]["car"]["base"] == "Diss Children's Centre (modelled)"
    assert here["modes"]["car"]["minutes"] > here["modes"]["car"]["baseline_minutes"]
    report = client.get("/api/report", params={"scenarios": "baseline-53,proposal-2018-7"})
    assert report.status_code == 200
    assert "What the options mean" in report.text or "what the options mean" in report.text
    assert client.get("/docs").status_code == 200
    assert "/api/evaluate" in client.get("/openapi.json").json()["paths"]


def test_boundaries_and_a_centres_page(client: TestClient, workspace: Path) -> None:
    ws = load_workspace(workspace)
    outlines = client.get("/api/boundaries").json()
    areas = [f for f in outlines["features"] if f["properties"]["layer"] == "area"]
    assert {f["properties"]["id"] for f in areas} == set(ws.areas.ids)
    assert {
        f["properties"]["name"] for f in outlines["features"] if f["properties"]["layer"] == "district"
    } == set(ws.assumptions.region.districts)
    closing = next(
        b for b in ws.scenario("baseline-53").bases if b not in ws.scenario("proposal-2018-7").bases
    )
    page = client.get(f"/centres/{closing}")
    assert page.status_code == 200
    assert str(ws.sites.name[ws.sites.index[closing]]) in html.unescape(page.text)
    assert "script-src" not in page.headers["content-security-policy"]  # a document: no script at all
    assert "<script" not in page.text
    assert client.get("/centres/nowhere").status_code == 404


def test_the_outlines_are_read_and_serialised_once_and_shared(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 34 (F14): each request read and re-serialised ``boundaries.geojson``; 20 at once on a 50 MB
    file took 73-83 s each and 9 GB. Now 8 requests at once read it once and get the same bytes; an
    edited file is read again."""
    import json
    from concurrent.futures import ThreadPoolExecutor

    import hubplan.web.routes.workspace as routes

    reads: list[Path | None] = []
    real = routes.read_boundaries

    def counted(folder: Path | None) -> dict:  # type: ignore[type-arg]
        reads.append(folder)
        return real(folder)

    monkeypatch.setattr(routes, "read_boundaries", counted)
    client = TestClient(create_app(workspace, editors=()))
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: client.get("/api/boundaries"), range(8)))
    assert [a.status_code for a in answers] == [200] * 8
    assert len({a.content for a in answers}) == 1
    assert len(reads) == 1
    assert answers[0].headers["content-type"] == "application/json"
    first = answers[0].json()
    assert first["type"] == "FeatureCollection"
    # Edit the file: one district outline fewer. The next answer has it gone, read once more.
    path = workspace / "boundaries.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    district = next(f for f in data["features"] if f["properties"]["layer"] == "district")
    data["features"].remove(district)
    path.write_text(json.dumps(data), encoding="utf-8")
    again = client.get("/api/boundaries").json()
    assert len(again["features"]) == len(first["features"]) - 1
    assert len(reads) == 2
