"""``hubplan outreach`` options a user gets wrong: refused naming the option, never swapped for a default."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from tests.helpers import write_workspace

runner = CliRunner()


@pytest.mark.parametrize("threshold", ["0", "-0", "0.0", "1441", "1e308"])
def test_a_threshold_of_0_or_over_a_day_is_refused(tmp_path: Path, threshold: str) -> None:
    """Probe 8 #5 and #10: ``--threshold 0`` had silently planned for 30 minutes, 1e308 for no one."""
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, ["outreach", str(folder), "one", "--threshold", threshold, "--json"])
    assert result.exit_code == 1, result.output
    assert "--threshold: expected minutes above 0 and at most 1,440 (24 hours); got" in result.output
    assert "threshold_minutes" not in result.output  # no plan printed


def test_a_threshold_given_is_the_one_planned_for(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, ["outreach", str(folder), "one", "--threshold", "1440", "--json"])
    assert result.exit_code == 0, result.output
    assert '"threshold_minutes": 1440.0' in result.output
