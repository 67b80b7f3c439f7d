"""Probe round 9 (#20, #40): standard output that cannot show '£', or that is closed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import write_workspace

MAIN = "from hubplan.cli import main; main()"


def _env(**extra: str) -> dict[str, str]:
    src = str(Path(__file__).resolve().parents[2] / "src")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]), **extra}


def test_an_ascii_console_gets_question_marks_for_pounds_not_a_traceback(tmp_path: Path) -> None:
    """``PYTHONIOENCODING=ascii`` (a cp437 pipe, a service with LANG=C): the table still comes out."""
    folder = write_workspace(tmp_path / "w")
    result = subprocess.run(
        [sys.executable, "-c", MAIN, "evaluate", str(folder), "one"],
        capture_output=True, env=_env(PYTHONIOENCODING="ascii"), check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    assert b"?100 a year" in result.stdout  # '£100' written as '?100'


def test_a_closed_stdout_is_exit_1_with_one_line_on_stderr(tmp_path: Path) -> None:
    """``hubplan evaluate W S >&-``: it printed nothing and said 0, as /dev/full says 1."""
    folder = write_workspace(tmp_path / "w")
    result = subprocess.run(
        [sys.executable, "-c", MAIN, "evaluate", str(folder), "one"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(), check=False, timeout=300,
        preexec_fn=lambda: os.close(1),  # a child with fd 1 closed
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.decode().strip() == (
        "error: cannot write to standard output: it is closed (run with >file instead)"
    )


def _lines(stdout: bytes) -> list[str]:
    return stdout.decode().splitlines()


def test_columns_sets_the_table_width_in_a_pipe_and_prose_is_not_cut_mid_sentence(tmp_path: Path) -> None:
    """Probe round 11 (#18): ``COLUMNS=80 hubplan evaluate W S | head`` drew 130-column tables."""
    folder = write_workspace(tmp_path / "w")
    result = subprocess.run(
        [sys.executable, "-c", MAIN, "evaluate", str(folder), "one"],
        capture_output=True, env=_env(COLUMNS="80"), check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    lines = _lines(result.stdout)
    table = [line for line in lines if line[:1] in "┏┃┡│└"]
    assert table, result.stdout.decode()
    assert max(len(line) for line in table) <= 80, "\n".join(table)
    note = "Note: cost counts the bases' own annual costs only; outreach and staff are not costed here"
    assert note in lines  # one line, not wrapped at 80


def test_without_columns_a_pipe_gets_140_column_tables_and_unwrapped_prose(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    env = _env()
    env.pop("COLUMNS", None)
    result = subprocess.run(
        [sys.executable, "-c", MAIN, "evaluate", str(folder), "one"],
        capture_output=True, env=env, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    lines = _lines(result.stdout)
    assert max(len(line) for line in lines if line[:1] in "┏┃┡│└") <= 140
    assert (
        "Note: cost counts the bases' own annual costs only; outreach and staff are not costed here" in lines
    )
