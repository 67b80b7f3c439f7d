"""The render view: what renderers print of the workspace, and the one nearest-area rule."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from hubplan.analysis.view import render_view, site_areas
from hubplan.data import load_workspace
from hubplan.data.boundaries import write_boundaries
from hubplan.travel.sites import nearest_area
from tests.helpers import write_workspace


def test_a_site_s_area_is_the_nearest_in_km_not_in_degrees(tmp_path: Path) -> None:
    """A site at (52.00, 1.00); area E 0.10 degrees east, area N 0.08 degrees north.

    In degrees N looks nearer (0.08 < 0.10), but a degree of longitude at 52 N is
    111.32 * cos(52.03) = 68.5 km, so E is 6.85 km away and N 0.08 * 110.57 = 8.85 km: E is nearest,
    as great-circle distance says too.
    """
    folder = write_workspace(
        tmp_path / "ws",
        sites=["S1,Site one,children_centre,52.00,1.00,D1,100"],
        areas=["E,52.00,1.10,D1,10,1,urban,0.5", "N,52.08,1.00,D1,10,1,urban,0.5"],
        scenarios={"all": "bases: [S1]\n"},
        toml='[region]\nname = "Tiny"\ndistricts = ["D1"]\n',
    )
    ws = load_workspace(folder)
    assert site_areas(ws).tolist() == [0] == nearest_area(ws, np.array([0])).tolist()
    assert render_view(ws).sites.area.tolist() == [0]


def test_the_view_carries_names_settings_and_outlines(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    write_boundaries(folder, {}, {}, [("Townham", 52.61, 1.02)])
    (folder / "README.md").write_text("Where the data come from.", encoding="utf-8")
    ws = load_workspace(folder)
    view = render_view(ws)
    assert [f["properties"]["name"] for f in view.layers.place] == ["Townham"]
    assert view.data_readme == "Where the data come from."
    assert view.areas.ids == ws.areas.ids
    assert view.sites.ids == ws.sites.ids
    assert view.access_mode == ws.assumptions.evaluation.access_mode
    assert view.access_minutes == ws.assumptions.evaluation.access
    assert ("evaluation.access_mode", ws.assumptions.evaluation.access_mode) in view.settings
    assert view.title_of("no such scenario") == "no such scenario"
    assert view.sites.name_of(ws.sites.ids[0]) == str(ws.sites.name[0])
