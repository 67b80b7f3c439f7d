"""The consult commands on a store they cannot write: one line naming hubplan.sqlite, never a traceback.

The tests run as root, for whom ``chmod`` makes no folder read-only, so a read-only mount is imitated
where SQLite meets it: opening the journal fails ("unable to open database file") and the folder
cannot be written. The real ``chmod`` test runs the command without root's capabilities (``setpriv``).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import hubplan.store.engine as engine_module
from hubplan.cli import app
from hubplan.consult import engine_for
from hubplan.store import STORE_FILE, close_stores
from tests.helpers import write_workspace

runner = CliRunner()


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Path]:
    """The tiny workspace; stores opened by a test are closed after it."""
    yield write_workspace(tmp_path / "ws")
    close_stores()


def _mount_read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` behave as a read-only mount for SQLite and for ``os.access``."""

    def no_journal(cursor: sqlite3.Cursor, timeout_s: float = 0) -> None:
        raise sqlite3.OperationalError("unable to open database file")

    real_access = os.access

    def access(path: str | os.PathLike[str], mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(path).resolve() in (folder.resolve(), folder.resolve() / STORE_FILE):
            return False
        return real_access(path, mode)

    monkeypatch.setattr(engine_module, "use_wal", no_journal)
    monkeypatch.setattr(engine_module.os, "access", access)


def test_summary_does_not_create_the_store_to_read_it(workspace: Path) -> None:
    result = runner.invoke(app, ["consult", "summary", str(workspace)])
    assert result.exit_code == 1
    assert "no responses stored yet" in result.output
    assert not (workspace / STORE_FILE).exists()


def test_report_does_not_create_the_store_to_read_it(workspace: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["consult", "report", str(workspace), "--out", str(tmp_path / "out")])
    assert not (workspace / STORE_FILE).exists()


@pytest.mark.parametrize("command", [["summary"], ["petition", "--name", "Save it", "--signatures", "5"]])
def test_a_store_in_a_read_only_folder_is_named_in_one_line(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    engine_for(workspace)  # a store made before the folder was mounted read-only
    close_stores()
    _mount_read_only(monkeypatch, workspace)
    result = runner.invoke(app, ["consult", command[0], str(workspace), *command[1:]])
    assert result.exit_code == 1, result.output
    assert f"{workspace.resolve() / STORE_FILE}: the store cannot be opened for writing" in result.output
    assert f"the folder {workspace.resolve()} is read-only" in result.output
    assert "disk full" not in result.output
    assert "Traceback" not in result.output


def test_import_into_a_read_only_folder_names_it_not_a_full_disk(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "export.csv"
    export.write_text("response_id,submitted_at,respondent_type,postcode,centre,support,comment\n"
                      "R1,2025-01-05,parent,NR1 1AA,Alpha,oppose,Keep it\n")  # fmt: skip
    _mount_read_only(monkeypatch, workspace)
    result = runner.invoke(app, ["consult", "import", str(workspace), str(export)])
    assert result.exit_code == 1, result.output
    assert f"the folder {workspace.resolve()} is read-only" in result.output
    assert "is the disk full" not in result.output
    assert "Traceback" not in result.output


def _without_root_rights(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run ``hubplan args`` bound by folder modes: as root, with every capability dropped (``setpriv``)."""
    drop = ["setpriv", "--bounding-set=-all", "--inh-caps=-all", "--"] if os.geteuid() == 0 else []
    hubplan = Path(sys.executable).with_name("hubplan")
    return subprocess.run(
        [*drop, str(hubplan), *args], capture_output=True, text=True, check=False, timeout=120
    )


@pytest.mark.skipif(os.name != "posix", reason="folder modes are POSIX")
def test_a_folder_chmod_read_only(workspace: Path) -> None:
    engine_for(workspace)
    close_stores()
    for path in workspace.glob(f"{STORE_FILE}*"):
        if path.name != STORE_FILE:
            path.unlink()
    workspace.chmod(0o555)
    try:
        result = _without_root_rights(["consult", "summary", str(workspace)])
    finally:
        workspace.chmod(0o755)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "read-only" in output
    assert "Traceback" not in output
