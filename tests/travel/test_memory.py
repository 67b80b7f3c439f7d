"""Travel minutes that cannot fit in memory: validate refuses them, evaluate and optimise say so in one line.

100,000 areas x 10,000 sites passed validate and then died in evaluate with numpy's
_ArrayMemoryError traceback. The rule: areas x sites x 3 modes x 4 bytes must fit in the memory
available; above half of it validate warns.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import hubplan.travel.memory as memory
from hubplan.cli import app
from hubplan.travel.memory import (
    NotEnoughMemoryError,
    available_memory,
    check_matrix_memory,
    matrix_bytes,
    memory_message,
)
from tests.helpers import write_workspace

runner = CliRunner()
GIB = 1 << 30


def test_the_probes_workspace_by_hand() -> None:
    """1e5 x 1e4 cells x 3 modes x 4 bytes = 1.2e10 bytes = 11.18 GiB."""
    assert matrix_bytes(100_000, 10_000) == 12_000_000_000
    found = memory_message(100_000, 10_000, available=8 * GIB)
    assert found is not None
    message, refused = found
    assert refused
    assert "100,000 areas x 10,000 sites need 11.2 GiB of travel minutes" in message
    assert "8.0 GiB of memory is available" in message
    assert "fewer sites" in message
    with pytest.raises(NotEnoughMemoryError, match="cannot fit"):
        check_matrix_memory(100_000, 10_000, available=8 * GIB)


def test_above_half_is_a_warning_and_below_is_nothing() -> None:
    warned = memory_message(100_000, 10_000, available=20 * GIB)
    assert warned is not None
    assert not warned[1]
    assert memory_message(100_000, 10_000, available=30 * GIB) is None
    assert memory_message(100_000, 10_000, available=None) is None  # not known: nothing said


def test_available_memory_reads_meminfo(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       32000000 kB\nMemAvailable:   21540832 kB\n")
    assert available_memory(meminfo, tmp_path / "status") == 21540832 * 1024


@pytest.mark.parametrize(
    "command", [["validate"], ["evaluate", "{ws}", "both"], ["optimise", "--bases", "1", "--dry-run"]]
)
def test_commands_refuse_minutes_that_cannot_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    workspace = write_workspace(tmp_path / "ws")
    monkeypatch.setattr(memory, "available_memory", lambda *a, **k: 10)  # 3 x 2 x 3 x 4 = 72 bytes needed
    args = [command[0], str(workspace), *(a.format(ws=workspace) for a in command[1:] if a != "{ws}")]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "3 areas x 2 sites need 0.0 GiB of travel minutes" in result.output
    assert "they cannot fit" in result.output
    assert "Traceback" not in result.output


def test_running_out_of_memory_later_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the check (other programs took the memory meanwhile), numpy's error is worded, not shown."""
    workspace = write_workspace(tmp_path / "ws")

    def huge(*args: object, **kwargs: object) -> None:
        np.empty((1 << 40, 1 << 20), dtype=np.float32)  # 4 EiB: numpy refuses it at once

    monkeypatch.setattr("hubplan.cli.common.evaluate", huge)
    result = runner.invoke(app, ["evaluate", str(workspace), "both"])
    assert result.exit_code == 1, result.output
    assert "error: ran out of memory (an array of" in result.output
    assert "fewer sites" in result.output
    assert "Traceback" not in result.output
    assert "_ArrayMemoryError" not in result.output
