"""``hubplan circuits`` options a user gets wrong: refused at once, naming the option and its limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from tests.helpers import write_workspace

runner = CliRunner()


@pytest.mark.parametrize("days", ["100000", "367", "0"])
def test_a_cycle_of_more_than_366_days_is_refused_at_once(
    tmp_path: Path, days: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 10 #8: ``circuits W two --days 100000`` ran past 200 s; a cycle over a year is refused
    before any route is solved (the solver, replaced here, is never called)."""
    import hubplan.outreach.circuits

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("routes were solved for a cycle that should have been refused")

    monkeypatch.setattr(hubplan.outreach.circuits, "plan_circuits", never)
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(
        app, ["circuits", str(folder), "one", "--days", days, "--out", str(tmp_path / "r")]
    )
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert (
        "--days: expected 1 to 366 working days (the limit [circuits] cycle_days has: each day is one more "
        "route per vehicle to solve, and rounds that come round less than once a year are no timetable), "
        f"found {days}"
    ) in output
    assert "Traceback" not in output
    assert not (tmp_path / "r").exists()


def test_the_days_limit_is_the_cycle_days_setting_limit(tmp_path: Path) -> None:
    """One limit: ``[circuits] cycle_days = 367`` is refused as ``--days 367`` is."""
    folder = write_workspace(tmp_path / "w")
    toml = folder / "hubplan.toml"
    toml.write_text(toml.read_text() + "\n[circuits]\ncycle_days = 367\n")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    assert "cycle_days" in result.output
    assert "366" in result.output
