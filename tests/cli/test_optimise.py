"""``hubplan optimise`` and ``frontier`` options a user gets wrong: refused naming the option."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from tests.helpers import write_workspace

runner = CliRunner()


@pytest.mark.parametrize("limit", ["0", "-0", "0.0"])
def test_a_time_limit_of_0_is_refused(tmp_path: Path, limit: str) -> None:
    """Probe 8 #27: ``--time-limit 0`` printed a plan "proven within inf% of the best possible"."""
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, ["optimise", str(folder), "--bases", "1", "--dry-run", "--time-limit", limit])
    assert result.exit_code == 1, result.output
    assert "--time-limit: expected more than 0 seconds; got '" in result.output


@pytest.mark.parametrize(("step", "count"), [("1", "9,900,001"), ("1k", "9,901")])
def test_a_frontier_step_giving_too_many_budgets_is_refused(tmp_path: Path, step: str, count: str) -> None:
    """Probe 8 #3: ``--step 1`` asked for 9.9 million solves and never answered."""
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(
        app,
        ["frontier", str(folder), "--from", "100k", "--to", "10m", "--step", step, "--method", "heuristic"],
    )
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert (
        "--step: budgets: expected a step giving at most 200 budgets (each is a solve) from £100,000 to"
        in (output)
    )
    assert f"that gives {count}" in output
    assert "use a step of at least £50,000" in output


def test_a_budget_below_the_cheapest_site_names_the_budget_and_that_cost(tmp_path: Path) -> None:
    """Probe 9 #30: ``--budget 1`` said '--bases: expected at least one base', an option never given."""
    folder = write_workspace(tmp_path / "w")  # S1 costs £100 a year, S2 £50
    result = runner.invoke(app, ["optimise", str(folder), "--budget", "1", "--dry-run"])
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert "--budget: expected at least the cheapest candidate's cost, £50 a year (S2)" in output
    assert "got '£1'" in output
    assert "--bases" not in output
