"""Fixtures the hostile corpus shares: a fresh copy of the demo workspace for each case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hubplan.data import write_bundled_workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled Norfolk workspace, written once per test module (never changed: copy it first)."""
    return write_bundled_workspace(tmp_path_factory.mktemp("demo26") / "w")


@pytest.fixture
def ws(demo: Path, tmp_path: Path) -> Path:
    """A copy of the demo workspace for one case to damage."""
    return Path(shutil.copytree(demo, tmp_path / "w", symlinks=True))
