"""`hubplan travel DIR --export FILE`: every area, site and mode's minutes, which read back with --import."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import load_workspace
from hubplan.travel import build_travel
from hubplan.travel.stored import load_matrices
from tests.helpers import write_workspace


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_the_export_holds_every_pair_and_round_trips_through_import(tmp_path: Path, suffix: str) -> None:
    ws_dir = write_workspace(tmp_path / "ws")
    ws = load_workspace(ws_dir)
    travel = build_travel(ws)
    target = tmp_path / f"minutes{suffix}"
    result = CliRunner().invoke(app, ["travel", str(ws_dir), "--export", str(target)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(target) if suffix == ".csv" else pd.read_parquet(target)
    assert list(table.columns) == ["area_id", "site_id", "mode", "minutes", "source"]
    n_areas, n_sites = len(ws.areas), len(ws.sites)
    assert len(table) == 3 * n_areas * n_sites
    assert set(table["source"]) == {"estimated"}
    # Each row is the matrix's own minute for its pair.
    for row in table.itertuples(index=False):
        i, j = ws.areas.ids.index(str(row.area_id)), ws.sites.index[str(row.site_id)]
        assert np.float32(row.minutes) == travel.minutes[row.mode][i, j]
    # Imported back, every mode's matrix is the same float32 values, now marked imported.
    result = CliRunner().invoke(app, ["travel", str(ws_dir), "--import", str(target)])
    assert result.exit_code == 0, result.output
    stored = load_matrices(load_workspace(ws_dir))
    assert set(stored) == {"walk", "car", "bus"}
    for mode, (matrix, source) in stored.items():
        assert source == "imported"
        np.testing.assert_array_equal(matrix, travel.minutes[mode])
    # And a second export says so in its source column, minutes unchanged.
    again = tmp_path / f"again{suffix}"
    assert CliRunner().invoke(app, ["travel", str(ws_dir), "--export", str(again)]).exit_code == 0
    table2 = pd.read_csv(again) if suffix == ".csv" else pd.read_parquet(again)
    assert set(table2["source"]) == {"imported"}
    np.testing.assert_array_equal(
        table2["minutes"].to_numpy(np.float32), table["minutes"].to_numpy(np.float32)
    )


def test_a_bad_suffix_and_two_actions_are_refused(tmp_path: Path) -> None:
    ws_dir = write_workspace(tmp_path / "ws")
    result = CliRunner().invoke(app, ["travel", str(ws_dir), "--export", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 1
    assert "expected a file name ending .csv or .parquet" in result.output
    result = CliRunner().invoke(
        app, ["travel", str(ws_dir), "--export", str(tmp_path / "m.csv"), "--import", str(tmp_path / "m.csv")]
    )
    assert result.exit_code == 1
    assert "give exactly one of" in result.output


def test_a_site_over_the_council_border_gets_minutes_like_any_other(tmp_path: Path) -> None:
    """Rutland with Leicester Royal Infirmary (in Leicester, outside Rutland) given with --sites."""
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "id,name,kind,lat,lon,district,cost_per_year\n"
        "X1,Leicester Royal Infirmary,health_centre,52.6269,-1.1363,Leicester,100000\n"
    )
    ws_dir = tmp_path / "rutland"
    result = CliRunner().invoke(app, ["init", "--area", "Rutland", "--sites", str(extra), str(ws_dir)])
    assert result.exit_code == 0, result.output
    ws = load_workspace(ws_dir)
    assert "X1" in ws.sites.ids
    target = tmp_path / "m.csv"
    assert CliRunner().invoke(app, ["travel", str(ws_dir), "--export", str(target)]).exit_code == 0
    table = pd.read_csv(target)
    x1 = table[table["site_id"] == "X1"]
    assert len(x1) == 3 * len(ws.areas)
    assert np.isfinite(x1["minutes"]).all()
    assert (x1.loc[x1["mode"] == "bus", "minutes"] > 30).all()  # Rutland is 25-45 km from Leicester
