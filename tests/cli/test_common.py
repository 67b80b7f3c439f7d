"""What every command shares: a library ParameterError is worded with the command's own flag."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.cli.common import flag_for, handles_errors
from hubplan.errors import ParameterError

runner = CliRunner()


def test_optimise_names_the_budget_flag_not_the_parameter(tmp_path: Path) -> None:
    """The amount is read before the workspace, so no workspace is needed to see the message."""
    result = runner.invoke(app, ["optimise", str(tmp_path), "--budget", "lots"])
    assert result.exit_code == 1
    assert "error: --budget: expected an amount such as 5.2m, £800k or 10200000; got 'lots'" in result.output
    assert "error: budget:" not in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "cheap"], "error: --from: expected an amount"),  # the parameter is `start`
        (
            ["--rule", "district-min=-1"],
            "error: --rule: district-min=-1: expected a number of bases, 0 or more",
        ),
        (["--objective", "coverage:20:tram"], "error: --objective: expected pmedian"),
        (["--method", "magic"], "error: --method: expected 'exact' or 'heuristic'; got 'magic'"),
    ],
)
def test_frontier_names_its_flags(tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["frontier", str(tmp_path), *args])
    assert result.exit_code == 1
    assert message in result.output


def test_flags_come_from_the_running_commands_metadata() -> None:
    """``amount`` is spelled ``--money`` on this command; ``where`` is an argument; ``other`` unknown."""
    small = typer.Typer()
    seen: list[str] = []

    @small.command()
    @handles_errors
    def run(
        where: str,
        amount: str = typer.Option("", "--money", "-m"),
    ) -> None:
        seen.extend([flag_for("amount"), flag_for("where"), flag_for("other")])
        raise ParameterError("amount", expected="a number", found=amount)

    result = runner.invoke(small, ["here", "-m", "x"])
    assert seen == ["--money", "WHERE", "other"]
    assert result.exit_code == 1
    assert "error: --money: expected a number; got 'x'" in result.output
    assert flag_for("amount") == "amount"  # outside a command: the parameter's own name
