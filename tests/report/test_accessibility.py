"""The report and a centre page pass axe-core (from npm, run in Chromium) with no serious or critical violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import bundled_workspace_path

AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
runner = CliRunner()
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    args = ["report", str(bundled_workspace_path()), "--scenarios", "baseline-53,proposal-2018-7"]
    result = runner.invoke(app, [*args, "--out", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    return out


def _serious(page: Any, path: Path) -> list[tuple[str, str, int]]:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: cd frontend && npm ci (make web does it)")
    page.goto(path.as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], v["help"], len(v["nodes"]))
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_centre_page_has_no_serious_violations(page: Any, report: Path) -> None:
    first = sorted((report / "centres").glob("*.html"))[0]
    page.set_viewport_size({"width": 360, "height": 740})  # a phone
    assert _serious(page, first) == []


def test_report_has_no_serious_violations(page: Any, report: Path) -> None:
    assert _serious(page, report / "report.html") == []
