"""Writing files: a full disk names the output folder and the file being written, and replaces nothing."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import hubplan.files
from hubplan.cli import app
from hubplan.files import write_bytes_atomically
from tests.helpers import write_workspace

runner = CliRunner()


def _disk_full(fd: int) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_names_the_file_being_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hubplan.files.os, "fsync", _disk_full)
    with pytest.raises(OSError, match="No space left") as caught:
        write_bytes_atomically(tmp_path / "tt.csv", b"a,b\n")
    assert caught.value.filename == str(tmp_path / "tt.csv")
    assert not list(tmp_path.iterdir())  # no temporary file left


def test_report_on_a_full_disk_names_out_and_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The probe's 1.6 MB disk: the report said only "No space left on device"."""
    workspace = write_workspace(tmp_path / "ws")
    out = tmp_path / "out"
    out.mkdir()
    earlier = runner.invoke(app, ["report", str(workspace), "--out", str(out), "--no-pdf"])
    assert earlier.exit_code == 0, earlier.output
    before = (out / "report.html").read_bytes()
    monkeypatch.setattr(hubplan.files.os, "fsync", _disk_full)
    result = runner.invoke(app, ["report", str(workspace), "--out", str(out), "--no-pdf"])
    assert result.exit_code == 1, result.output
    assert f"{out}: could not write report.html (no space left on device)" in result.output
    assert ".staging" not in result.output
    assert "Traceback" not in result.output
    assert (out / "report.html").read_bytes() == before


def test_a_staging_folder_left_by_a_killed_report_goes_with_the_next_report(tmp_path: Path) -> None:
    """Probe 9: `kill -9` during a report into an existing --out left a hidden `.staging-*` folder.

    The next report removes it and names only what it wrote. In a container every run may be the same
    process id (1): a leftover named with this very process's id but an earlier start was kept for ever.
    """
    import subprocess
    import sys

    workspace = write_workspace(tmp_path / "ws")
    out = tmp_path / "out"
    earlier = runner.invoke(app, ["report", str(workspace), "--out", str(out), "--no-pdf"])
    assert earlier.exit_code == 0, earlier.output
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = [out / f".staging-{dead.pid}-k1ll3d", out / f".staging-{os.getpid()}@1-k1ll3d"]  # 1: at boot
    for folder in left:
        folder.mkdir()
        (folder / "report.html").write_text("<html>half a report")
    result = runner.invoke(app, ["report", str(workspace), "--out", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert ".staging" not in result.output
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert "half a report" not in (out / "report.html").read_text(encoding="utf-8")
