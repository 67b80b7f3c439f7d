"""One analysis, computed once: the report and the centre pages render it and solve nothing themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import hubplan.outreach.reach as outreach_module
from hubplan.analysis import analyse, fingerprint
from hubplan.cli import app
from hubplan.data import load_workspace, write_bundled_workspace
from hubplan.evaluate import evaluate
from hubplan.report.centres import render_centre_pages, write_centre_pages
from hubplan.report.document import render_html, write_report
from hubplan.travel import build_travel
from tests.refuse import refuse_everywhere


@pytest.fixture(scope="module")
def norfolk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bundled_workspace(tmp_path_factory.mktemp("analysis") / "norfolk")


def test_rendering_computes_nothing(norfolk: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The report and every centre page render from the analysis with all computing refused.

    Can fail: ``render_html`` on main ran ``outreach_reach`` (document.py) and read ``boundaries.geojson``
    (charts.py, centres.py, circuits.py); either raises here.
    """
    ws = load_workspace(norfolk)
    travel = build_travel(ws)
    evaluations = [evaluate(ws, n, travel=travel) for n in ("baseline-53", "proposal-2018-7")]
    analysis = analyse(ws, travel, evaluations)
    assert set(analysis.outreach) == {"proposal-2018-7"}
    assert len(analysis.centres) == 46
    patched = refuse_everywhere(monkeypatch)
    # the functions the renderers used to call are patched where they are defined and where imported
    assert {"hubplan.outreach.reach.outreach_reach", "hubplan.data.boundaries.read_boundaries",
            "hubplan.analysis.evidence.outreach_reach", "hubplan.analysis.view.read_boundaries",
            "hubplan.travel.build_travel", "hubplan.analysis.analyse.plan_outreach"} <= set(patched)  # fmt: skip
    with pytest.raises(AssertionError, match=r"rendering called hubplan\.outreach\.reach\.outreach_reach"):
        outreach_module.outreach_reach(ws, analysis.outreach["proposal-2018-7"])  # the patch bites
    html = render_html(analysis)
    assert analysis.fingerprint[:16] in html
    assert "Closing centres" in html
    assert "<svg" in html
    pages = render_centre_pages(analysis)
    assert len(pages) == 46
    files = write_report(analysis, tmp_path, pdf=False)
    assert write_centre_pages(analysis, tmp_path)
    assert files.html.is_file()
    again = json.loads(json.dumps(analysis.to_dict()))
    assert again["fingerprint"] == analysis.fingerprint
    assert [e["scenario"] for e in again["evaluations"]] == ["baseline-53", "proposal-2018-7"]
    assert len(again["closing_centres"]) == 46


def test_the_fingerprint_follows_the_inputs(norfolk: Path, tmp_path: Path) -> None:
    ws = load_workspace(norfolk)
    travel = build_travel(ws)
    one = [evaluate(ws, "adopted-2019-15", travel=travel)]
    two = [evaluate(ws, "proposal-2018-7", travel=travel)]
    assert fingerprint(ws, one) == fingerprint(ws, one)
    assert fingerprint(ws, one) != fingerprint(ws, two)
    copy = write_bundled_workspace(tmp_path / "w")
    toml = copy / "hubplan.toml"
    toml.write_text(
        toml.read_text().replace("thresholds_minutes = [10, 20, 30, 45]", "thresholds_minutes = [15, 30]")
    )
    changed = load_workspace(copy)
    assert fingerprint(changed, one) != fingerprint(ws, one)


def test_report_json_prints_the_analysis(norfolk: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "report",
            str(norfolk),
            "--scenarios",
            "baseline-53,adopted-2019-15",
            "--json",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["outreach"]["adopted-2019-15"]["budget_per_year"] == 5_200_000
    assert (tmp_path / "report.html").exists()  # --out with --json writes the report too (probe 10 #14)


def test_the_server_analyses_once_per_fingerprint(norfolk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    import hubplan.web.state as state_module
    from hubplan.web import create_app
    from hubplan.web.guard import Limits

    calls = []
    real = state_module.analyse

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(state_module, "analyse", counted)
    # Each request waits for its report (a loaded machine takes longer than the default 20 s wait).
    client = TestClient(create_app(norfolk, limits=Limits(wait_seconds=600)))
    for _ in range(2):
        assert (
            client.get("/api/report", params={"scenarios": "baseline-53,adopted-2019-15"}).status_code == 200
        )
    assert len(calls) == 1
