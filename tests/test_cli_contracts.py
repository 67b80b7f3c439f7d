"""The command line's contracts: help says every word it was given; --json prints JSON and nothing else."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.cli.lazy import COMMANDS, index_app
from hubplan.data import write_bundled_workspace

REPO = Path(__file__).resolve().parents[1]


def squeeze(text: str) -> str:
    """Drop all whitespace: help is wrapped (even inside words with hyphens), words stay in order."""
    return "".join(text.split())


def helps(command: Any) -> list[str]:
    """The command's own help and every parameter's (options and typer's arguments alike)."""
    texts = [command.help or "", *(getattr(p, "help", None) or "" for p in command.params)]
    return [t for t in texts if t]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_word_of_every_help_text_is_shown(name):
    """Square brackets are text, not markup: "[uncertainty] draws" is shown as written."""
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    result = CliRunner().invoke(app, [name, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    shown = squeeze(result.output)
    for text in helps(command):
        assert squeeze(text) in shown, (name, text)


def test_brackets_in_the_sweep_help_survive():
    result = CliRunner().invoke(app, ["sweep", "--help"], terminal_width=100)
    assert "default:[uncertainty]draws,200" in squeeze(result.output)
    assert "[evaluation]access_mode" in squeeze(result.output)


def test_the_command_list_shows_each_commands_whole_line():
    result = CliRunner().invoke(index_app(), ["--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    shown = squeeze(result.output)
    for _, short in COMMANDS.values():
        assert squeeze(short) in shown, short


@pytest.fixture(scope="module")
def norfolk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bundled_workspace(tmp_path_factory.mktemp("json") / "norfolk")


def test_outreach_json_is_json_and_nothing_else(norfolk):
    """As `hubplan outreach DIR SCENARIO --json | python -m json.tool`: HiGHS's banner is not printed."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", "from hubplan.cli import main; main()", "outreach", str(norfolk),
         "adopted-2019-15", "--json"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)  # the whole of stdout, or this fails
    assert data["scenario"] == "adopted-2019-15"
    assert "HiGHS" not in done.stdout
    assert "Running HiGHS" not in done.stderr  # nor on the terminal, between results
    tool = subprocess.run(
        [sys.executable, "-m", "json.tool"], input=done.stdout, capture_output=True, text=True, check=False
    )
    assert tool.returncode == 0, tool.stderr
