"""At the command line, ``HUBPLAN_STORE_URL`` names the one store every consult command and the report use.

The workspace is the one of ``tests/analysis/test_consultation_store.py`` (C2, "Centre Two", closes
under "keep"). Three responses are imported into PostgreSQL: two name Centre Two, one names nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.store import STORE_FILE
from tests.analysis.test_consultation_store import consultation_workspace, linguistic_database
from tests.store.postgres import postgres_server

__all__ = ["postgres_server"]

CSV = """response_id,submitted_at,respondent_type,postcode,centre,support,comment
R1,2018-10-01,parent,NR1 1AA,Centre Two,disagree,Please keep it
R2,2018-10-02,parent,NR1 1AA,Centre Two,disagree,Our only group for toddlers
R3,2018-10-03,organisation,NR1 1AA,,agree,
"""


def test_every_command_reads_the_store_the_environment_names(
    postgres_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, _, _ = consultation_workspace(tmp_path / "ws")
    assert ws.path is not None
    folder = ws.path
    (tmp_path / "r.csv").write_text(CSV)
    monkeypatch.setenv("HUBPLAN_STORE_URL", linguistic_database(postgres_server))
    runner = CliRunner()
    imported = runner.invoke(app, ["consult", "import", str(folder), str(tmp_path / "r.csv")])
    assert imported.exit_code == 0, imported.output
    assert "3 valid rows, 3 new" in imported.output
    signed = ["consult", "petition", str(folder), "--name", "Save it", "--signatures", "6000"]
    assert runner.invoke(app, signed).exit_code == 0
    summary = runner.invoke(app, ["consult", "summary", str(folder), "--scenario", "keep"])
    assert summary.exit_code == 0, summary.output
    assert "3 responses; by type: parent 2, organisation 1" in summary.output
    assert "Centre Two" in summary.output
    assert "petition 'Save it': 6,000 signatures" in summary.output
    report = runner.invoke(
        app, ["report", str(folder), "--scenarios", "all,keep", "--json", "--out", str(tmp_path / "out")]
    )
    assert report.exit_code == 0, report.output
    data = json.loads(report.stdout)  # the report is written too: "wrote ..." on stderr
    assert data["consultation"]["count"] == data["checklist_inputs"]["responses"] == 3
    assert data["consultation"]["petitions"] == [["Save it", 6000]]
    assert not (folder / STORE_FILE).exists()  # nothing went to the workspace's SQLite file

    monkeypatch.delenv("HUBPLAN_STORE_URL")  # the workspace's own (empty) store: nothing, everywhere
    alone = runner.invoke(
        app, ["report", str(folder), "--scenarios", "all,keep", "--json", "--out", str(tmp_path / "out")]
    )
    assert alone.exit_code == 0, alone.output
    data = json.loads(alone.stdout)
    assert data["consultation"] is None
    assert data["checklist_inputs"]["responses"] == 0
