"""A store hubplan cannot use as it is (probe 9 #7, #14, #15, #21, #34, #35): one line, exit 1, no traceback.

The workspace's ``hubplan.sqlite`` turned to junk, cut in half by an interrupted copy, made a folder or
written by another application; ``HUBPLAN_STORE_URL`` mistyped, naming an unsupported database or a file
that is not a database. ``report`` is still made, without its consultation, when only the store is damaged.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.consult import engine_for
from hubplan.store import STORE_FILE, close_stores
from tests.helpers import write_workspace

runner = CliRunner()

CSV = """response_id,submitted_at,respondent_type,postcode,centre,support,comment
R1,2025-01-05,parent,NR1 1AA,Alpha,oppose,Keep it
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Path]:
    """The tiny workspace and an export of one response beside it; stores are closed after the test."""
    (tmp_path / "export.csv").write_text(CSV)
    yield write_workspace(tmp_path / "ws")
    close_stores()


def _cut_in_half(workspace: Path) -> None:
    """Leave the workspace a real store cut in half, as an interrupted copy or a sync conflict does."""
    engine = engine_for(workspace)
    with engine.begin() as conn:  # enough pages that half of them lose the tables' contents
        conn.exec_driver_sql("CREATE TABLE filler (x TEXT)")
        conn.exec_driver_sql("INSERT INTO filler VALUES " + ",".join(["('" + "x" * 900 + "')"] * 400))
    close_stores()
    for extra in workspace.glob(f"{STORE_FILE}-*"):
        extra.unlink()
    store = workspace / STORE_FILE
    store.write_bytes(store.read_bytes()[: store.stat().st_size // 2])


def _damage(workspace: Path, how: str) -> None:
    store = workspace / STORE_FILE
    if how == "junk":
        store.write_text("junk\n")
    elif how == "half":
        _cut_in_half(workspace)
    elif how == "folder":
        store.mkdir()
    elif how == "other-application":
        with sqlite3.connect(store) as conn:
            conn.execute("CREATE TABLE responses (a, b)")
        conn.close()


DAMAGE = {
    "junk": "is not a SQLite database",
    "half": "is damaged (malformed",
    "folder": "expected the workspace's store file, found a folder",
    "other-application": "is not a hubplan store: it holds tables (responses) but no alembic_version table",
}


@pytest.mark.parametrize("how", list(DAMAGE))
@pytest.mark.parametrize("command", ["import", "summary", "report", "petition"])
def test_a_damaged_store_is_named_in_one_line(workspace: Path, how: str, command: str) -> None:
    _damage(workspace, how)
    args = {
        "import": ["consult", "import", str(workspace), str(workspace.parent / "export.csv")],
        "summary": ["consult", "summary", str(workspace)],
        "report": ["consult", "report", str(workspace), "--out", str(workspace.parent / "out")],
        "petition": ["consult", "petition", str(workspace), "--name", "Save it", "--signatures", "5"],
    }[command]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("error: ")
    assert STORE_FILE in result.output
    assert DAMAGE[how] in " ".join(result.output.split())
    assert "disk full" not in result.output


@pytest.mark.parametrize("how", ["junk", "half"])
def test_report_is_made_without_the_consultation_when_only_the_store_is_damaged(
    workspace: Path, how: str
) -> None:
    _damage(workspace, how)
    out = workspace.parent / "out"
    result = runner.invoke(app, ["report", str(workspace), "--json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert f"Note: {workspace.resolve() / STORE_FILE} {DAMAGE[how]}" in text
    assert "the report is made without its consultation parts" in text
    data = json.loads(result.stdout[result.stdout.index("{") :])
    assert data["consultation"] is None  # no responses: no consultation section


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url", "found 'not a url'"),
        ("mysql://me:secret@127.0.0.1/x", "only PostgreSQL and SQLite stores are supported, not mysql"),
        ("postgresql+psycopg2://me:secret@db/x", "its driver psycopg2 is not installed"),
    ],
)
def test_a_store_url_hubplan_cannot_use_is_named_with_its_password_hidden(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, url: str, expected: str
) -> None:
    monkeypatch.setenv("HUBPLAN_STORE_URL", url)
    result = runner.invoke(app, ["consult", "import", str(workspace), str(workspace.parent / "export.csv")])
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert text.startswith("error: HUBPLAN_STORE_URL: expected a database URL such as postgresql://")
    assert "sqlite:///" in text
    assert expected in text
    assert "secret" not in result.output
    assert "Traceback" not in result.output


def test_a_store_url_naming_a_file_that_is_not_a_database(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = workspace.parent / "notes.txt"
    notes.write_text("not a database at all\n" * 50)
    monkeypatch.setenv("HUBPLAN_STORE_URL", f"sqlite:///{notes}")
    result = runner.invoke(app, ["consult", "import", str(workspace), str(workspace.parent / "export.csv")])
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert f"{notes} (named by HUBPLAN_STORE_URL) is not a SQLite database" in text
    assert "Traceback" not in result.output
    assert notes.read_text() == "not a database at all\n" * 50
