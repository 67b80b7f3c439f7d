"""No solving in a request (202 and a poll URL), one analysis per fingerprint, and the report's centre links."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
from fastapi.testclient import TestClient

from hubplan.data import load_workspace
from hubplan.report.centres import centre_page_name
from hubplan.web import create_app
from hubplan.web.guard import Limits
from tests.refuse import refuse_everywhere


@pytest.fixture
def impatient(workspace: Path) -> TestClient:
    """A server whose requests never wait for slow work (``wait_seconds=0``): every slow answer is a 202."""
    return TestClient(create_app(workspace, editors=(), limits=Limits(wait_seconds=0, rate_limit="")))


def _finished(client: TestClient, url: str) -> dict[str, object]:
    started = time.monotonic()
    while (state := client.get(url).json())["status"] not in ("done", "failed"):
        assert time.monotonic() - started < 300, "the job did not finish (a hang guard, not a speed check)"
        time.sleep(0.2)
    return state


def _closing(workspace: Path) -> str:
    ws = load_workspace(workspace)
    kept = set(ws.scenario("proposal-2018-7").bases)
    return next(b for b in ws.scenario("baseline-53").bases if b not in kept)


def test_centre_pages_wait_for_one_analysis_on_the_queue(impatient: TestClient, workspace: Path) -> None:
    """Three asks before the analysis exists get 202 and the same job; the cache computes it once."""
    site = _closing(workspace)
    first = impatient.get(f"/centres/{site}")
    assert first.status_code == 202
    body = first.json()
    assert body["ok"] is True
    assert first.headers["location"] == body["url"] == f"/api/jobs/{body['job']}"
    state = _finished(impatient, body["url"])
    assert state["status"] == "done"
    assert state["kind"] == "analysis"
    assert state["url"] == f"/centres/{site}"
    for _ in range(3):
        page = impatient.get(f"/centres/{site}")
        assert page.status_code == 200
        assert "<script" not in page.text
    ctx = impatient.app.state.hubplan  # type: ignore[attr-defined]
    assert ctx.state.analyses.computations == 1
    assert impatient.get("/centres/nowhere").status_code == 404


def test_a_browser_following_a_link_gets_a_page_that_reloads_not_json(
    impatient: TestClient, workspace: Path
) -> None:
    """A followed link (Accept: text/html) to a centre not yet analysed gets a 202 page that refreshes."""
    site = _closing(workspace)
    answer = impatient.get(f"/centres/{site}", headers={"Accept": "text/html,application/xhtml+xml"})
    assert answer.status_code == 202
    assert answer.headers["content-type"].startswith("text/html")
    assert '<meta http-equiv="refresh" content="5">' in answer.text
    assert "the analysis behind the centre pages is being made" in answer.text
    assert answer.headers["retry-after"] == "5"
    assert answer.headers["location"].startswith("/api/jobs/")
    assert "content-security-policy" in answer.headers
    assert _finished(impatient, answer.headers["location"])["status"] == "done"


def test_a_cached_centre_page_is_served_without_solving_or_reading_files(
    impatient: TestClient, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once its analysis is cached, a centre page renders with every solver, reach and file read refused.

    The web is an edge: it still evaluates the scenario files to find the analysis's fingerprint
    (``evaluate`` and its ``nearest_base`` are allowed), but solves, reads and computes nothing else.
    """
    site = _closing(workspace)
    first = impatient.get(f"/centres/{site}")
    assert first.status_code == 202
    assert _finished(impatient, first.json()["url"])["status"] == "done"
    refuse_everywhere(
        monkeypatch,
        allow=frozenset({"hubplan.evaluate.evaluation.evaluate", "hubplan.evaluate.metrics.nearest_base"}),
    )
    page = impatient.get(f"/centres/{site}")
    assert page.status_code == 200, page.text
    assert "<h1" in page.text


def test_get_report_answers_202_and_a_poll_url_instead_of_holding_a_worker(impatient: TestClient) -> None:
    answer = impatient.get("/api/report", params={"scenarios": "baseline-53,proposal-2018-7"})
    assert answer.status_code == 202
    state = _finished(impatient, answer.json()["url"])
    assert state["kind"] == "report"
    assert state["status"] == "done"
    report = impatient.get(str(state["url"]))
    assert report.status_code == 200
    assert "<html" in report.text.lower()


def test_the_reports_centre_links_resolve_where_it_is_served(impatient: TestClient, workspace: Path) -> None:
    """The report links ``centres/<file>.html``; from /api/report and a saved job's URL both lead to the page."""
    site = _closing(workspace)
    job = impatient.post("/api/reports", json={"scenarios": ["baseline-53", "proposal-2018-7"]}).json()
    state = _finished(impatient, job["url"])
    served_at = str(state["download"])
    report = impatient.get(served_at).text
    links = re.findall(r'href="(centres/[^"]+)"', report)
    assert f"centres/{centre_page_name(site)}" in links
    _finished(impatient, impatient.get(f"/centres/{site}").json()["url"])  # the pages' analysis, made once
    for base in (served_at, "/api/report"):
        page = impatient.get(urljoin(base, f"centres/{centre_page_name(site)}"))
        assert page.status_code == 200, base
        assert page.url.path == f"/centres/{centre_page_name(site)}"
    assert impatient.get("/api/centres/nowhere.html").status_code == 404


def test_not_there_is_404_and_a_bad_parameter_422_in_the_one_shape(impatient: TestClient) -> None:
    for url, status in [
        ("/api/jobs/" + "0" * 32, 404),
        ("/api/jobs/not-a-job", 422),
        ("/api/scenarios/nothing", 404),
        ("/api/scenarios/nothing/yaml", 404),
        ("/centres/nowhere", 404),
        ("/api/here?lat=200&lon=0&bases=cc-diss", 422),
        ("/api/here?lat=-33.9&lon=151.2&bases=cc-diss", 422),  # Sydney: no Norfolk area is near it
    ]:
        answer = impatient.get(url)
        assert answer.status_code == status, url
        assert answer.json()["ok"] is False
        assert set(answer.json()) == {"ok", "error", "details"}


def test_a_point_far_from_every_area_is_refused_naming_the_distance(impatient: TestClient) -> None:
    """A point in Sydney was answered as Great Yarmouth's nearest area, 1,024 walking minutes away."""
    far = impatient.get("/api/here", params={"lat": -33.9, "lon": 151.2, "bases": "cc-diss"})
    assert far.status_code == 422
    assert far.json()["error"].startswith(
        "lat, lon: expected a point within 25 km of one of the workspace's areas"
    )
    near = impatient.get("/api/here", params={"lat": 52.68, "lon": 0.94, "bases": "cc-diss"})
    assert near.status_code == 200


def test_a_position_that_is_no_number_is_named_so(impatient: TestClient) -> None:
    """lat=nan was told "less than or equal to 90"."""
    for value in ("nan", "inf", "1e309"):
        answer = impatient.get("/api/here", params={"lat": value, "lon": 1.2, "bases": "cc-diss"})
        assert answer.status_code == 422, value
        assert answer.json()["details"] == ["query.lat: Input should be a finite number"], value
