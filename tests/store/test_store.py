"""The store: migrations build exactly the declared tables, concurrent saves never lose one, runs round-trip.

Every test runs on SQLite and on a real PostgreSQL server.
"""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from hubplan.store import (
    STORE_FILE,
    ConflictError,
    add_run,
    create_store_engine,
    get_run,
    migrate,
    open_store,
    plan_versions,
    save_plan,
    saved_plan,
    saved_plans,
    update_run,
)
from hubplan.store import (
    store_url as resolve_url,
)
from hubplan.store.engine import head_revision, use_wal
from hubplan.store.schema import metadata


def test_migrations_build_exactly_the_declared_tables(store_url: str, tmp_path: Path) -> None:
    engine = open_store(tmp_path, url=store_url)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    assert set(sa.inspect(engine).get_table_names()) == {*metadata.tables, "alembic_version"}


def test_migrating_at_once_from_many_engines_migrates_once(store_url: str) -> None:
    """Six engines (as six processes would have) migrate one empty database at the same moment."""
    engines = [create_store_engine(store_url) for _ in range(6)]
    barrier = threading.Barrier(6)

    def run(engine: sa.Engine) -> None:
        barrier.wait()
        migrate(engine)

    try:
        with ThreadPoolExecutor(6) as pool:
            list(pool.map(run, engines))
        with engines[0].connect() as conn:
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all() == [
                head_revision()
            ]
    finally:
        for engine in engines:
            engine.dispose()


def test_default_store_is_sqlite_in_wal_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUBPLAN_STORE_URL", raising=False)
    assert resolve_url(tmp_path) == f"sqlite:///{tmp_path.resolve() / STORE_FILE}"
    assert resolve_url(tmp_path, url="postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    engine = open_store(tmp_path)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
    assert (tmp_path / STORE_FILE).is_file()


def test_versions_and_the_audit_log(store_url: str, tmp_path: Path) -> None:
    engine = open_store(tmp_path, url=store_url)
    first = save_plan(engine, name="p", title="P", description="", bases=("a", "b"), saved_by="ann")
    assert first.version == 1
    with pytest.raises(ConflictError, match="saved already"):
        save_plan(engine, name="p", title="P", description="", bases=("a",), saved_by="bob")
    second = save_plan(
        engine, name="p", title="P2", description="d", bases=("a",), saved_by="bob", replaces=1
    )
    assert second.version == 2
    with pytest.raises(ConflictError, match="has changed since version 1"):
        save_plan(engine, name="p", title="P3", description="", bases=("b",), saved_by="cat", replaces=1)
    stored = saved_plan(engine, "p")
    assert stored is not None
    assert (stored.title, stored.bases, stored.version, stored.saved_by) == ("P2", ("a",), 2, "bob")
    assert [(v.version, v.saved_by, v.bases) for v in plan_versions(engine, "p")] == [
        (1, "ann", ("a", "b")),
        (2, "bob", ("a",)),
    ]
    assert [p.name for p in saved_plans(engine)] == ["p"]
    assert saved_plan(engine, "nothing") is None


@pytest.mark.parametrize("replaces", [None, 1])
def test_concurrent_saves_one_wins_the_rest_conflict(
    store_url: str, tmp_path: Path, replaces: int | None
) -> None:
    """Eight editors save the same plan at the same moment: exactly one save lands."""
    engine = open_store(tmp_path, url=store_url)
    if replaces is not None:
        save_plan(engine, name="p", title="P", description="", bases=("a",), saved_by="first")
    barrier = threading.Barrier(8)

    def attempt(i: int) -> str:
        barrier.wait()
        try:
            save_plan(engine, name="p", title=f"T{i}", description="", bases=("a",), saved_by=f"e{i}",
                      replaces=replaces)  # fmt: skip
        except ConflictError:
            return "conflict"
        return "saved"

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(attempt, range(8)))
    assert sorted(outcomes) == ["conflict"] * 7 + ["saved"]
    versions = plan_versions(engine, "p")
    assert len(versions) == (1 if replaces is None else 2)
    stored = saved_plan(engine, "p")
    assert stored is not None
    assert stored.saved_by == versions[-1].saved_by


def test_runs_round_trip(store_url: str, tmp_path: Path) -> None:
    engine = open_store(tmp_path, url=store_url)
    add_run(engine, "a" * 32, "report", {"scenarios": ["x"], "bases": None})
    queued = get_run(engine, "a" * 32)
    assert queued is not None
    assert (queued.status, queued.request, queued.result, queued.finished_at) == (
        "queued", {"scenarios": ["x"], "bases": None}, None, None,
    )  # fmt: skip
    update_run(engine, "a" * 32, "done", result="<html></html>")
    done = get_run(engine, "a" * 32)
    assert done is not None
    assert (done.status, done.result) == ("done", "<html></html>")
    assert done.finished_at is not None
    assert get_run(engine, "b" * 32) is None


def test_switching_to_wal_waits_while_another_connection_holds_the_database(tmp_path: Path) -> None:
    """SQLite refuses the switch at once (no busy timeout) while another connection holds it."""
    path = tmp_path / "store.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    waiting = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    waiting.execute("PRAGMA busy_timeout = 0")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        use_wal(waiting.cursor(), timeout_s=0.05)
    threading.Timer(0.2, lambda: holder.execute("COMMIT")).start()
    use_wal(waiting.cursor(), timeout_s=10)
    assert waiting.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    waiting.close()
    holder.close()


def test_sqlite_keeps_its_temporary_files_in_memory(tmp_path: Path) -> None:
    """A large import's sorts would otherwise go to /var/tmp/etilqs_*, a file outside the workspace."""
    engine = open_store(tmp_path)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
