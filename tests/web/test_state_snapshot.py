"""The web's fingerprint and its analysis read one consultation snapshot, from the server's one store.

The workspace is the one of ``tests/analysis/test_consultation_store.py``: C2 closes under "keep";
its store holds three responses, two of them naming Centre Two.
"""

from __future__ import annotations

from pathlib import Path

from hubplan.analysis import analyse
from hubplan.consult import add_responses, engine_for
from hubplan.web.state import State
from tests.analysis.test_consultation_store import ROWS, consultation_workspace, fill_store, response_row
from tests.store.postgres import new_database, postgres_server

__all__ = ["postgres_server"]


def test_the_analysis_is_made_from_the_snapshot_its_key_was_made_from(tmp_path: Path) -> None:
    ws, _, evaluations = consultation_workspace(tmp_path / "ws")
    assert ws.path is not None
    fill_store(ws.path, None)
    state = State(ws.path)
    key = state.analysis_key(evaluations)
    # A response arrives between the request that made the key and the job that makes the analysis.
    add_responses(engine_for(ws.path), [response_row("c-4", "Centre One", "", 5)], source_sha256="e" * 64)
    analysis = state.analysis(evaluations, key=key)
    assert analysis.fingerprint == key
    assert analysis.consultation is not None
    assert analysis.consultation.count == analysis.evidence.responses == len(ROWS) == 3
    assert state.analyses.get(key) is analysis
    # The next request sees the new response: a new key, a new analysis, counted alike everywhere.
    newer = state.analysis(evaluations)
    assert newer.fingerprint == state.analysis_key(evaluations) != key
    assert newer.consultation is not None
    assert newer.consultation.count == newer.evidence.responses == 4


def test_the_server_and_the_command_line_agree_on_postgresql(postgres_server: str, tmp_path: Path) -> None:
    ws, travel, evaluations = consultation_workspace(tmp_path / "ws")
    assert ws.path is not None
    url = new_database(postgres_server)
    fill_store(ws.path, url)
    state = State(ws.path, store_url=url)
    served = state.analysis(evaluations)
    command_line = analyse(ws, travel, evaluations, store_url=url)  # what `hubplan report` does
    assert served.fingerprint == command_line.fingerprint == state.analysis_key(evaluations)
    assert served.evidence.responses == command_line.evidence.responses == 3
    assert served.comments == command_line.comments
