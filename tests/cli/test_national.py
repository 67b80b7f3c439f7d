"""``hubplan national`` options a user gets wrong: refused naming the option, before any council is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app

runner = CliRunner()


@pytest.mark.parametrize("threshold", ["1441", "1e308"])
def test_a_threshold_over_a_day_is_refused(tmp_path: Path, threshold: str) -> None:
    """Probe 8 #10: every minutes value is at most 24 hours, options as settings."""
    result = runner.invoke(app, ["national", str(tmp_path / "out"), "--threshold", threshold])
    assert result.exit_code == 2, result.output
    output = " ".join(result.output.split())
    assert "Invalid value for --threshold: expected minutes above 0 and at most 1,440 (24 hours)" in output
    assert not (tmp_path / "out").exists()
