"""``hubplan report --proposal`` (probe 9 #18): always checked, never silently overridden by decision.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import write_bundled_workspace

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
