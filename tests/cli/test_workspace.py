"""``hubplan validate`` lists every problem a later command would meet, the store's included."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.store import close_stores, open_store
from tests.helpers import write_workspace

runner = CliRunner()


@pytest.fixture(autouse=True)
def _own_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUBPLAN_STORE_URL", raising=False)


def test_validate_lists_a_store_that_is_not_a_database(tmp_path: Path) -> None:
    """Probe 10 #15: serve, consult and report name a damaged hubplan.sqlite; validate said "ok"."""
    folder = write_workspace(tmp_path / "w")
    (folder / "hubplan.sqlite").write_bytes(os.urandom(5000))
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert (
        "hubplan.sqlite: expected a hubplan store (the consultation and saved plans), or none yet (one is "
        f"made when needed), found {(folder / 'hubplan.sqlite').resolve()} is not a SQLite database: "
        "restore the store from a backup, or move this file away"
    ) in output
    assert "ok:" not in output


def test_validate_lists_another_applications_database(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    with sqlite3.connect(folder / "hubplan.sqlite") as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    connection.close()
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert "is not a hubplan store: it holds tables (invoices) but no alembic_version table" in output


def test_validate_passes_a_hubplan_store_and_writes_nothing_beside_it(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    open_store(folder)
    close_stores()
    before = sorted(p.name for p in folder.iterdir())
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert "ok:" in result.output
    assert sorted(p.name for p in folder.iterdir()) == before  # no -wal, -shm or new store


def test_validate_makes_no_store_where_there_is_none(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert not (folder / "hubplan.sqlite").exists()
