"""Travel matrices: shapes, sources, the on-disk cache and the seam for routed or imported minutes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hubplan.data import load_workspace
from hubplan.travel import build_travel, cache_key, estimate_minutes
from tests.helpers import TINY_TOML, write_workspace


def test_matrices_for_every_mode_and_cached(tmp_path: Path) -> None:
    ws = load_workspace(write_workspace(tmp_path))
    travel = build_travel(ws)
    assert travel.modes == ("walk", "car", "bus")
    assert dict(travel.sources) == {"walk": "estimated", "car": "estimated", "bus": "estimated"}
    origins = np.column_stack([ws.areas.lat, ws.areas.lon])
    destinations = np.column_stack([ws.sites.lat, ws.sites.lon])
    np.testing.assert_array_equal(travel.minutes["car"], estimate_minutes(origins, destinations, "car"))
    cached = list((tmp_path / ".hubplan-cache").glob("travel-*.npz"))
    assert len(cached) == 1
    # A second build reads the cache: prove it by planting a marker value in the file.
    with np.load(cached[0]) as stored:
        arrays = {k: stored[k].copy() for k in stored.files}
    arrays["walk"][0, 0] = 12345.0
    np.savez(cached[0], **arrays)
    assert build_travel(ws).minutes["walk"][0, 0] == 12345.0


def test_changed_inputs_rebuild(tmp_path: Path) -> None:
    ws = load_workspace(write_workspace(tmp_path))
    before = build_travel(ws).minutes["car"].copy()
    faster = TINY_TOML + "\n[travel.car]\nspeed_kph = 120\ncircuity = 1.2\naccess_minutes = 2\n"
    (tmp_path / "hubplan.toml").write_text(faster)
    ws2 = load_workspace(tmp_path)
    assert cache_key(ws2) != cache_key(ws)
    after = build_travel(ws2).minutes["car"]
    assert (after < before).all()
    (tmp_path / "sites.csv").write_text(
        "id,name,kind,lat,lon,district,cost_per_year\nS1,One,children_centre,52.61,1.0,D1,1\nS2,Two,library,52.7,1.1,D2,1\n"
    )
    assert cache_key(load_workspace(tmp_path)) != cache_key(ws2)


def test_overrides_replace_a_mode_and_record_the_source(tmp_path: Path) -> None:
    ws = load_workspace(write_workspace(tmp_path))
    routed = np.arange(6, dtype=np.float32).reshape(3, 2)
    travel = build_travel(ws, overrides={"car": (routed, "routed")})
    assert travel.sources["car"] == "routed"
    assert travel.sources["walk"] == "estimated"
    np.testing.assert_array_equal(travel.minutes["car"], routed)
    with pytest.raises(ValueError, match=r"expected shape \(3, 2\)"):
        build_travel(ws, overrides={"car": (routed.T, "routed")})
    with pytest.raises(ValueError, match="source of"):
        build_travel(ws, overrides={"car": (routed, "guessed")})


def test_unwritable_workspace_uses_the_user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_workspace(tmp_path / "ws")
    ws = load_workspace(folder)
    (folder / ".hubplan-cache").write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    build_travel(ws)
    assert list((tmp_path / "user-cache" / "hubplan").glob("travel-*.npz"))
