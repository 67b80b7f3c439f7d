"""Imports that cannot collide: two at once store each row once; a killed import leaves nothing half-done.

Both run the real command (`hubplan consult import`) in separate processes; the same guarantees are
checked on PostgreSQL with threads sharing the store.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

from hubplan.consult import add_responses, all_petitions, all_responses, engine_for, read_responses
from hubplan.store import STORE_FILE
from tests.helpers import write_workspace
from tests.store.postgres import new_database, postgres_server

__all__ = ["postgres_server"]

HEADER = "response_id,submitted_at,respondent_type,postcode,centre,support,comment\n"


def _responses(path: Path, n: int, *, words: int = 8) -> Path:
    filler = "The centre matters to us and the bus is rare. " * words
    rows = (f"r{i:06d},2018-10-01T10:00:00,parent,NR4 7UY,Site one,disagree,{filler}{i}\n" for i in range(n))
    path.write_text(HEADER + "".join(rows))
    return path


HUBPLAN = str(Path(sys.executable).with_name("hubplan"))
WIDE = {**os.environ, "COLUMNS": "250"}  # one line per message


def _hubplan(*args: str) -> list[str]:
    return [HUBPLAN, *args]


def _counts(folder: Path) -> tuple[int, int]:
    engine = engine_for(folder)
    with engine.connect() as conn:
        responses = conn.execute(sa.text("SELECT count(*) FROM responses")).scalar_one()
        imports = conn.execute(sa.text("SELECT count(*) FROM imports")).scalar_one()
    return responses, imports


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("HUBPLAN_STORE_URL", raising=False)
    return write_workspace(tmp_path / "ws")


def test_two_imports_of_one_file_at_once_store_each_row_once(folder: Path, tmp_path: Path) -> None:
    csv = _responses(tmp_path / "responses.csv", 500)
    command = _hubplan("consult", "import", str(folder), str(csv))
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=WIDE)
        for _ in range(2)
    ]
    outcomes = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outcomes
    added = sorted(int(out.split(" new ")[0].rsplit(" ", 1)[1]) for out, _ in outcomes)
    assert added == [0, 500]  # one stored every row, the other found them all stored
    assert _counts(folder) == (500, 2)
    ids = [r.response_id for r in all_responses(engine_for(folder))]
    assert len(ids) == len(set(ids)) == 500


def test_a_killed_import_leaves_nothing_and_a_rerun_completes(folder: Path, tmp_path: Path) -> None:
    """SIGKILL once the import's rows are being written (the WAL grows): all or nothing, then a re-run."""
    csv = _responses(tmp_path / "responses.csv", 3000, words=60)  # about 8 MB of comments
    engine_for(folder)  # the store exists and is migrated: what the WAL gains now is the import's rows
    wal = folder / f"{STORE_FILE}-wal"
    with sa.create_engine(f"sqlite:///{folder / STORE_FILE}").connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(_hubplan("consult", "import", str(folder), str(csv)),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 300  # a guard against a hang, not a speed check
    while (wal.stat().st_size if wal.exists() else 0) <= before + 1_000_000 and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    assert _counts(folder) == (0, 0)  # nothing half-done
    rerun = subprocess.run(_hubplan("consult", "import", str(folder), str(csv)), capture_output=True,
                           text=True, timeout=300, check=False, env=WIDE)  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    assert "3000 new" in rerun.stdout
    assert _counts(folder) == (3000, 1)


def test_concurrent_imports_on_postgresql(postgres_server: str, tmp_path: Path) -> None:
    url = new_database(postgres_server)
    folder = write_workspace(tmp_path / "ws")
    rows = read_responses(_responses(tmp_path / "responses.csv", 500)).rows
    engine = engine_for(folder, url)
    barrier = threading.Barrier(4)

    def run(_: int) -> int:
        barrier.wait()
        return add_responses(engine, rows, source_sha256="f" * 64)

    with ThreadPoolExecutor(4) as pool:
        added = sorted(pool.map(run, range(4)))
    assert sum(added) == 500  # each row stored by exactly one of the four
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM responses")).scalar_one() == 500
        assert conn.execute(sa.text("SELECT count(*) FROM imports")).scalar_one() == 4


def test_responses_kept_before_the_store_are_adopted_once(folder: Path) -> None:
    """A workspace from before the store: its consultation.sqlite rows appear in the store, once."""
    legacy = sa.create_engine(f"sqlite:///{folder / 'consultation.sqlite'}")
    with legacy.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE responses (response_id TEXT PRIMARY KEY, submitted_at TEXT, respondent_type TEXT, "
            "postcode TEXT, centre TEXT, support TEXT, comment TEXT, source_file TEXT, source_row INTEGER)"
        )
        conn.exec_driver_sql(
            "INSERT INTO responses VALUES ('old1', '2018-10-01', 'parent', 'NR1 1AA', 'Site one', 'agree', "
            "'Keep it', 'old.csv', 2)"
        )
        conn.exec_driver_sql(
            "CREATE TABLE petitions (name TEXT PRIMARY KEY, signatures INTEGER, postcode_districts TEXT)"
        )
        conn.exec_driver_sql("INSERT INTO petitions VALUES ('Save it', 6000, 'NR1')")
    legacy.dispose()
    engine = engine_for(folder)
    engine_for(folder)  # a second open adds nothing
    assert [(r.response_id, r.comment) for r in all_responses(engine)] == [("old1", "Keep it")]
    assert all_petitions(engine) == [("Save it", 6000, ("NR1",))]
    assert _counts(folder) == (1, 1)
