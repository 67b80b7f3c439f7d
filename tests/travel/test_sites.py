"""Minutes between sites come from the workspace's travel source, as every other minute does."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hubplan.data import load_workspace
from hubplan.travel import build_travel, estimate_minutes
from hubplan.travel.sites import nearest_area, site_minutes
from tests.helpers import write_workspace


def test_estimated_minutes_are_between_the_sites_own_positions(tmp_path: Path) -> None:
    ws = load_workspace(write_workspace(tmp_path))
    travel = build_travel(ws, cache_dir=tmp_path / "cache")
    minutes, source = site_minutes(ws, travel, np.array([0, 1]), np.array([0, 1]), "car")
    points = np.column_stack([ws.sites.lat, ws.sites.lon])
    expected = estimate_minutes(points, points, "car", assumptions=ws.assumptions.travel)
    assert source == "estimated"
    assert minutes[0, 1] == pytest.approx(float(expected[0, 1]), rel=1e-6)
    assert minutes[0, 0] == minutes[1, 1] == 0.0


def test_imported_minutes_are_read_from_the_sites_own_area(tmp_path: Path) -> None:
    """S1 (52.60, 1.00) stands nearest A1 (52.60, 1.01); S2 (52.70, 1.10) nearest A3 (52.72, 1.12)."""
    ws = load_workspace(write_workspace(tmp_path))
    assert nearest_area(ws, np.array([0, 1])).tolist() == [0, 2]
    imported = np.array([[0.0, 41.0], [12.0, 13.0], [37.0, 5.0]])
    travel = build_travel(ws, overrides={"car": (imported, "imported")}, cache_dir=tmp_path / "cache")
    minutes, source = site_minutes(ws, travel, np.array([0, 1]), np.array([0, 1]), "car")
    assert source == "imported"
    assert minutes.tolist() == [[0.0, 41.0], [37.0, 0.0]]


def test_outreach_names_the_source_of_its_staff_journeys(tmp_path: Path) -> None:
    from hubplan.outreach import plan_outreach

    ws = load_workspace(write_workspace(tmp_path))
    imported = np.array([[0.0, 41.0], [12.0, 13.0], [37.0, 5.0]])
    travel = build_travel(ws, overrides={"car": (imported, "imported")}, cache_dir=tmp_path / "cache")
    plan = plan_outreach(ws, travel, ws.scenario("one"), budget_per_year=1_000_000)
    assert "staff travel between sites: imported car minutes" in plan.notes
