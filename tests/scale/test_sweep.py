"""The sweep on a real workspace (City of London from `hubplan init`) on a local Dask cluster."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import load_workspace
from hubplan.travel import build_travel


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    folder = tmp_path_factory.mktemp("city") / "ws"
    result = CliRunner().invoke(app, ["init", str(folder), "--area", "E09000001"])
    assert result.exit_code == 0, result.output
    return folder


def test_sweep_points_match_brute_force_and_carry_intervals(city, tmp_path):
    out = tmp_path / "sweep"
    args = ["sweep", str(city), "--bases", "1:3", "--draws", "40", "--out", str(out), "--workers", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "90% intervals over 40 draws" in result.output
    table = pd.read_parquet(out / "sweep.parquet")
    assert table["bases"].tolist() == [1, 2, 3]
    assert (table["error"] == "").all()

    ws = load_workspace(city)
    m = build_travel(ws).minutes
    w = np.asarray(ws.areas.families, dtype=np.float64)
    bus, car = np.asarray(m["bus"], dtype=np.float64), np.asarray(m["car"], dtype=np.float64)
    for row in table.to_dict(orient="records"):
        p = row["bases"]
        best = min(
            itertools.combinations(range(bus.shape[1]), p),
            key=lambda s: float(w @ bus[:, list(s)].min(axis=1)),
        )
        assert row["objective"] == pytest.approx(float(w @ bus[:, list(best)].min(axis=1)), rel=1e-5)
        near_car = car[:, list(best)].min(axis=1)
        assert row["within_car"] == pytest.approx(float(w[near_car <= 30].sum() / w.sum()))
        # Baseline: every library open; children losing access by car are those within 30 minutes of
        # some library but not of the plan's.
        lost = float(w[(car.min(axis=1) <= 30) & (near_car > 30)].sum())
        assert row["losing_car"] == pytest.approx(lost)
        assert row["within_car_lo"] <= row["within_car_hi"]
        assert row["losing_bus_lo"] <= row["losing_bus_hi"]

    # The same sweep again is read back, not solved again.
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "0 solved now, 3 already done" in result.output


def test_without_errors_the_interval_is_the_point(city, tmp_path):
    out = tmp_path / "sweep"
    result = CliRunner().invoke(
        app,
        [
            "sweep",
            str(city),
            "--bases",
            "2",
            "--draws",
            "5",
            "--demand-cv",
            "0",
            "--car-error",
            "0",
            "--out",
            str(out),
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    row = pd.read_parquet(out / "sweep.parquet").iloc[0]
    for key in ("within_car", "within_bus", "losing_car", "losing_bus"):
        assert row[f"{key}_lo"] == pytest.approx(row[key])
        assert row[f"{key}_hi"] == pytest.approx(row[key])
    assert not math.isnan(row["within_bus"])


def test_bases_beyond_the_sites_are_refused(city, tmp_path):
    result = CliRunner().invoke(app, ["sweep", str(city), "--bases", "1:9", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "from 1 to 5" in result.output
