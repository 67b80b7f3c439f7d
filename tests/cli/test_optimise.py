"""``hubplan optimise`` and ``frontier`` options a user gets wrong: refused naming the option."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from tests.helpers import TINY_TOML, write_workspace

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


def test_assumed_costs_are_labelled_in_every_cost_row(tmp_path: Path) -> None:
    """Probe 10 #1: on an ``init --assume-costs`` workspace optimise printed "cost a year £385k" with no
    word that the cost is assumed (Norfolk's £10.2m over 53 centres), unlike the report."""
    sites = ["S1,Site one,children_centre,52.60,1.00,D1,", "S2,Site two,library,52.70,1.10,D2,"]
    toml = TINY_TOML + "\n[costs]\nsite_cost_per_year = 192453\n"
    folder = write_workspace(tmp_path / "w", sites=sites, toml=toml)
    label = "assumed: £192k a site, Norfolk's £10.2m / 53 centres"
    optimised = runner.invoke(app, ["optimise", str(folder), "--bases", "1", "--dry-run"])
    assert optimised.exit_code == 0, optimised.output
    text = " ".join(optimised.output.split())
    assert f"cost a year ({label})" in text
    assert f"saving a year ({label})" in text
    evaluated = runner.invoke(app, ["evaluate", str(folder), "one"])
    assert evaluated.exit_code == 0, evaluated.output
    assert f"saving £192k ({label})." in " ".join(evaluated.output.split())
    compared = runner.invoke(app, ["compare", str(folder)])
    assert f"cost a year ({label})" in " ".join(compared.output.split())


def test_costs_from_sites_csv_carry_no_assumed_label(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, ["optimise", str(folder), "--bases", "1", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "assumed" not in result.output
