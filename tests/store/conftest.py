"""The store's backends: SQLite in a temporary folder and a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.postgres import new_database, postgres_server

__all__ = ["postgres_server"]


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return new_database(request.getfixturevalue("postgres_server"))
