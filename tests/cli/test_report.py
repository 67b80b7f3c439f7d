"""``hubplan report --proposal`` (probe 9 #18): always checked, never silently overridden by decision.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import write_bundled_workspace
from tests.helpers import write_workspace

runner = CliRunner()


@pytest.fixture(scope="module")
def norfolk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, whose decision.yaml records proposal-2018-7 as the proposal."""
    folder = tmp_path_factory.mktemp("ws") / "norfolk"
    write_bundled_workspace(folder)
    return folder


def test_a_mistyped_proposal_is_refused_though_decision_yaml_names_one(norfolk: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(norfolk), "--out", str(tmp_path / "r"), "--no-pdf",
                                 "--proposal", "nope"])  # fmt: skip
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert (
        "--proposal: expected one of the reported scenarios: baseline-53, adopted-2019-15, proposal-2018-7"
        in output
    )
    assert "got 'nope'" in output
    assert not (tmp_path / "r" / "report.html").exists()


def test_a_proposal_other_than_the_records_is_refused_naming_both(norfolk: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(norfolk), "--out", str(tmp_path / "r"), "--no-pdf",
                                 "--proposal", "adopted-2019-15"])  # fmt: skip
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert "--proposal: expected the proposal decision.yaml records (proposal-2018-7)" in output
    assert "got 'adopted-2019-15'" in output


def test_report_json_with_out_writes_the_report_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Probe 10 #14: ``report W --out rep --json`` exited 0 with JSON and wrote nothing to ``rep``.

    --out given with --json writes the report as well (its "wrote" lines on stderr, so stdout stays
    one JSON object); --json alone writes no folder.
    """
    folder = write_workspace(tmp_path / "w")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", str(folder), "--no-pdf", "--out", "rep", "--json"])
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), dict)
    assert (tmp_path / "rep" / "report.html").is_file()
    assert "wrote rep/report.html" in result.stderr
    alone = runner.invoke(app, ["report", str(folder), "--no-pdf", "--json"])
    assert alone.exit_code == 0, alone.output
    json.loads(alone.stdout)
    assert not (tmp_path / "report").exists()
