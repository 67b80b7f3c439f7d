"""Every command that prints a plan's figures prints evaluate's notes after them, each once (probe 34 F5).

``optimise`` printed walk, car and bus shares and "of them without a car" with no note at all, while
``evaluate`` said for the same plan that the minutes are estimated and that car ownership is modelled.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from hubplan.cli import app
from tests.helpers import write_workspace

runner = CliRunner()

TOML = """
[region]
name = "Tiny"
districts = ["D1", "D2"]
bounds = { min_lat = 52.0, max_lat = 53.0, min_lon = 0.5, max_lon = 1.5 }
modelled = "no_car_share"

[evaluation]
baseline = "both"
"""

DATA_NOTES = [
    "Note: walk minutes are estimated",
    "Note: car minutes are estimated",
    "Note: bus minutes are estimated",
    "Note: modelled data: no_car_share",
]
"""What every figure of the tiny workspace rests on: no travel was routed or imported, and its
hubplan.toml says the share without a car is modelled."""

BASES_ONLY = "Note: cost counts the bases' own annual costs only; outreach and staff are not costed here"


def _lines(args: list[str]) -> list[str]:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return [line.strip() for line in result.output.splitlines()]


def test_optimise_prints_the_notes_evaluate_prints_once_each(tmp_path: Path) -> None:
    """Three plans are compared (both, one and best-1): each data note once, the plan's own named."""
    folder = write_workspace(tmp_path / "w", toml=TOML)
    lines = _lines(["optimise", str(folder), "--bases", "1", "--dry-run"])
    for note in [*DATA_NOTES, BASES_ONLY]:
        assert lines.count(note) == 1, (note, lines)
    best = "Note: best-1: modelled: The choice rests on the workspace's data; where that is modelled, so is this plan."
    assert lines.count(best) == 1
    evaluated = _lines(["evaluate", str(folder), "one"])
    assert [n for n in evaluated if n.startswith("Note:")] == [*DATA_NOTES[:3], BASES_ONLY, DATA_NOTES[3]]


def test_compare_prints_the_data_notes_once_for_all_scenarios(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w", toml=TOML)
    lines = _lines(["compare", str(folder)])
    for note in [*DATA_NOTES, BASES_ONLY]:
        assert lines.count(note) == 1, (note, lines)


def test_outreach_and_amend_print_the_data_notes_but_not_the_bases_only_cost(tmp_path: Path) -> None:
    """Their cost counts the outreach too, so the note that it does not is left out."""
    folder = write_workspace(tmp_path / "w", toml=TOML)
    for args in (
        ["outreach", str(folder), "one", "--budget", "1k"],
        ["amend", str(folder), "one", "--budget", "1k", "--extra", "100", "--no-rounds"],
    ):
        lines = _lines(args)
        for note in DATA_NOTES:
            assert lines.count(note) == 1, (args, note, lines)
        assert BASES_ONLY not in lines
