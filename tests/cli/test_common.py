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


def _float_options() -> list[tuple[str, str, bool]]:
    """Every float option of every command: (command, parameter, read through ``finite``).

    Read from the commands' own signatures (``Annotated[float | None, typer.Option(...)]``), so a new
    float option joins the check without being listed here.
    """
    import inspect
    import types
    import typing

    from hubplan.cli.common import finite
    from hubplan.cli.lazy import COMMANDS, load_app

    for name in COMMANDS:
        load_app(name)
    found = []

    def commands(typer_app: typer.Typer, prefix: str) -> list[tuple[str, typing.Any]]:
        out = [
            (f"{prefix}{c.name or c.callback.__name__}", c.callback) for c in typer_app.registered_commands
        ]
        for group in typer_app.registered_groups:
            out += commands(group.typer_instance, f"{prefix}{group.name} ")
        return out

    for command, callback in commands(app, ""):
        function = inspect.unwrap(callback)
        hints = typing.get_type_hints(function, include_extras=True)
        for parameter, hint in hints.items():
            if typing.get_origin(hint) is not typing.Annotated:
                continue
            kind, *extras = typing.get_args(hint)
            kinds = typing.get_args(kind) if isinstance(kind, types.UnionType) else (kind,)
            if float in kinds:
                parser = next((getattr(e, "parser", None) for e in extras), None)
                found.append((command, parameter, parser is finite))
    return found


def test_every_float_option_refuses_nan_and_infinity() -> None:
    """``float("nan")`` is a float: an option typed plain ``float`` took ``--time-limit nan`` (probe S4)."""
    options = _float_options()
    assert ("lots", "time_limit", True) in options  # the probe's case, found by the walk
    assert len(options) >= 15  # the 15 float options of December 2026; a new one joins the check
    assert [(c, flag) for c, flag, checked in options if not checked] == []


@pytest.mark.parametrize(
    ("args", "flag", "value"),
    [
        (["lots", "WS", "s", "--lots", "3", "--time-limit", "nan"], "--time-limit", "nan"),
        (["optimise", "WS", "--bases", "5", "--within", "inf"], "--within", "inf"),
        (["evaluate", "WS", "s", "--minutes", "-inf"], "--minutes", "-inf"),
        (["national", "WS", "--threshold", "1e400"], "--threshold", "1e400"),
    ],
)
def test_non_finite_numbers_are_refused_naming_the_option(
    tmp_path: Path, args: list[str], flag: str, value: str
) -> None:
    """Refused while the options are read, before any workspace is opened (exit 2, click's usage error)."""
    args = [str(tmp_path) if a == "WS" else a for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{flag}': expected a finite number (not nan or infinity); got '{value}'" in (
        result.output
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "flag", "value"),
    [
        (["outreach", "WS", "s", "--threshold", "-1"], "--threshold", "-1"),
        (["optimise", "WS", "--bases", "8", "--alternatives", "2", "--within", "-0.5"], "--within", "-0.5"),
        (["lots", "WS", "s", "--lots", "3", "--tolerance", "-0.1"], "--tolerance", "-0.1"),
    ],
)
def test_negative_numbers_are_refused_naming_the_option(
    tmp_path: Path, args: list[str], flag: str, value: str
) -> None:
    """Minutes, shares, seconds and counts are never below 0 (round 7: a threshold of -1 printed figures)."""
    args = [str(tmp_path) if a == "WS" else a for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{flag}': expected a number of 0 or more; got '{value}'" in result.output


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (["optimise"], "Usage: hubplan optimise [OPTIONS] DIRECTORY\n"),
        (["evaluate"], "Usage: hubplan evaluate [OPTIONS] DIRECTORY SCENARIO\n"),
        (["compare"], "Usage: hubplan compare [OPTIONS] DIRECTORY [SCENARIOS]...\n"),
        (["consult", "import"], "Usage: hubplan consult import [OPTIONS] DIRECTORY FILE\n"),
    ],
)
def test_the_usage_line_names_arguments_in_capitals_not_braces(args: list[str], usage: str) -> None:
    """Probe round 11 (#19): ``hubplan optimise W --frobnicate`` showed ``{directory}``."""
    result = runner.invoke(app, [*args, "W", "--frobnicate"], prog_name="hubplan")
    assert result.exit_code == 2
    assert usage in result.output
    assert "{" not in result.output


def test_a_table_narrower_than_its_figures_folds_them_instead_of_cutting_them() -> None:
    """``COLUMNS=20``: rich would print '3,5…' for 3,576; every digit must still be there."""
    from rich.table import Table

    from hubplan.cli.common import stdout_console

    console = stdout_console({"COLUMNS": "20"}, terminal=False)
    table = Table("district", "children within 30 minutes", "share")
    table.add_row("King's Lynn and West Norfolk", "3,576", "8%")
    with console.capture() as captured:
        console.print(table)
    text = captured.get()
    assert "…" not in text
    assert "3,576" in text
    assert console.width == 20  # restored after the table


def test_a_large_travel_cache_is_named_with_its_size_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe round 11 (#17): 5,000 sites x 30,000 areas wrote 1.7 GB into the workspace unannounced.

    The threshold is lowered to a byte so a small workspace stands in for a large one; the second run
    reads the cache and says nothing.
    """
    from hubplan.cli import common
    from tests.helpers import write_workspace

    monkeypatch.setattr(common, "CACHE_NOTE_BYTES", 1)
    folder = write_workspace(tmp_path / "w")
    first = runner.invoke(app, ["evaluate", str(folder), "one"])
    assert first.exit_code == 0, first.output
    cache = next((folder / ".hubplan-cache").glob("travel-*.npz"))
    size = cache.stat().st_size / (1 << 20)
    assert f"Note: wrote {size:,.0f} MiB of travel minutes to {cache}" in " ".join(first.stderr.split())
    assert f"delete the folder {cache.parent}" in " ".join(first.stderr.split())
    again = runner.invoke(app, ["evaluate", str(folder), "one"])
    assert again.exit_code == 0, again.output
    assert "travel minutes to" not in again.stderr


def test_a_small_travel_cache_is_written_without_a_word(tmp_path: Path) -> None:
    from tests.helpers import write_workspace

    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, ["evaluate", str(folder), "one"])
    assert result.exit_code == 0, result.output
    assert list((folder / ".hubplan-cache").glob("travel-*.npz"))
    assert "travel minutes to" not in result.stderr


def test_ctrl_c_says_it_stopped_and_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Probe 34: Ctrl-C during `report`, `consult import` or `frontier` exited 130 printing an empty
    line only. It now says what happened and what is left, as the shell's 128 + SIGINT."""
    import hubplan.cli.workspace
    from tests.helpers import write_workspace

    folder = write_workspace(tmp_path / "ws")

    def stopped(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(hubplan.cli.workspace, "evaluate_all", stopped)
    result = CliRunner().invoke(app, ["evaluate", str(folder), "one"])
    assert result.exit_code == 130
    assert "interrupted: stopped before the end" in result.stderr
    assert "Traceback" not in result.output
