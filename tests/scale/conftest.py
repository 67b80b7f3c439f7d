"""The scale tests' cluster: a real ``dask scheduler`` and two ``dask worker`` processes on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.scale.clusters import Cluster, dask_cluster


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    """A scheduler and two single-threaded workers, w1 and w2, for one test."""
    with dask_cluster(tmp_path, ("w1", "w2")) as running:
        yield running
