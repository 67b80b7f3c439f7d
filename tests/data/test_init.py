"""`hubplan init`: a valid workspace for any English council, with the right LSOAs, from the shipped tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import load_workspace
from hubplan.data.boundaries import read_boundaries
from hubplan.data.england import find_council
from hubplan.data.init import init_workspace
from hubplan.data.shared_data import shared_data_folder
from hubplan.errors import InputError

SHARED = shared_data_folder() or Path(__file__).resolve().parents[3] / "shared" / "data"


def shared_counts(code: str) -> tuple[int, int, int]:
    """LSOAs, mid-2019 under-5s and open libraries of a council, read straight from the shared CSVs."""
    if not (SHARED / "england_lsoa2011.csv").exists():
        pytest.skip("the shared tables are in ../shared/data")
    lsoas = pd.read_csv(SHARED / "england_lsoa2011.csv")
    lookup = pd.read_csv(SHARED / "england_lad2019_to_utla2019.csv")
    lads = lookup.loc[(lookup["utla_code"] == code) | (lookup["lad_code"] == code), "lad_code"]
    mine = lsoas[lsoas["lad_code"].isin(lads)]
    libraries = pd.read_csv(SHARED / "england_libraries.csv")
    open_here = libraries["closed"].isna() & libraries["lsoa11cd"].isin(mine["lsoa11cd"])
    return len(mine), int(mine["under5_2019"].sum()), int(open_here.sum())


@pytest.mark.parametrize(
    ("area", "code"),
    [
        ("Kent", "E10000016"),  # a county of 12 districts
        ("Mid Suffolk", "E07000203"),  # a district
        ("E07000203", "E07000203"),  # by code
        ("bristol", "E06000023"),  # a unitary, "Bristol, City of"
        ("City of London", "E09000001"),  # the smallest
    ],
)
def test_init_builds_a_valid_workspace_with_the_councils_lsoas(tmp_path: Path, area: str, code: str) -> None:
    n_areas, children, n_libraries = shared_counts(code)
    result = init_workspace(tmp_path / "w", area)
    ws = load_workspace(tmp_path / "w")
    assert result.council.code == code
    assert len(ws.areas) == n_areas
    assert ws.areas.unit == "children"
    assert ws.areas.families.sum() == children
    assert len(ws.sites) == n_libraries
    assert set(ws.sites.kind) == {"library"}
    assert ws.baseline is None  # no current network given: nothing to close against
    assert not ws.scenarios
    assert np.isnan(ws.sites.cost_per_year).all()  # no invented money
    assert set(ws.sites.provider) == {""}  # nor invented providers: a library runs no family service now
    outlines = read_boundaries(tmp_path / "w")["area"]
    assert {f["properties"]["id"] for f in outlines} == set(ws.areas.ids)
    assert "Modelled" in (tmp_path / "w" / "README.md").read_text()


def test_a_council_with_no_library_uses_its_area_positions(tmp_path: Path) -> None:
    n_areas, _, n_libraries = shared_counts("E06000053")
    assert n_libraries == 0  # the Isles of Scilly has no library in the table
    result = init_workspace(tmp_path / "w", "Isles of Scilly")
    assert result.area_sites == n_areas == len(result.workspace.sites)
    assert "every LSOA's position is a candidate" in (tmp_path / "w" / "README.md").read_text()


def test_the_areas_carry_the_real_columns(tmp_path: Path) -> None:
    init_workspace(tmp_path / "w", "Mid Suffolk", year=2017)
    areas = pd.read_csv(tmp_path / "w" / "areas.csv").set_index("id")
    table = pd.read_csv(SHARED / "england_lsoa2011.csv").set_index("lsoa11cd").loc[areas.index]
    assert (areas["children"] == table["under5_2017"]).all()
    assert (areas["deprivation_decile"] == table["imd_decile"]).all()
    assert (areas["idaci_decile"] == table["idaci_decile"]).all()
    rural = {
        "E1": "rural_village",
        "E2": "rural_village",
        "D1": "rural_town",
        "D2": "rural_town",
        "C1": "urban",
    }
    assert (areas["rurality"] == table["ruc11_code"].map(rural)).all()


def test_a_name_that_matches_nothing_gets_the_closest(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="did you mean 'Kent'"):
        find_council("Kentt")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "w"), "--area", "Norfolkk"])
    assert result.exit_code == 1
    assert "did you mean 'Norfolk'" in result.output
    assert not (tmp_path / "w").exists()


def test_never_writes_over_files_and_reads_the_users_sites(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(InputError, match="will not write"):
        init_workspace(tmp_path / "full", "Mid Suffolk")
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "id,name,kind,lat,lon,district,cost_per_year\n"
        "cc-stowmarket,Stowmarket Children's Centre,children_centre,52.19,1.00,Mid Suffolk,150000\n"
    )
    result = init_workspace(tmp_path / "w", "Mid Suffolk", sites_file=extra)
    assert result.user_sites == 1
    assert "cc-stowmarket" in result.workspace.sites.ids
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,kind,lat,lon,district,cost_per_year\nx,X,castle,52.19,1.00,Mid Suffolk,1\n")
    with pytest.raises(InputError) as caught:
        init_workspace(tmp_path / "w2", "Mid Suffolk", sites_file=bad)
    assert "bad.csv, row 2, column 'kind'" in str(caught.value)
    assert not (tmp_path / "w2").exists()


def test_a_symbolic_link_as_the_folder_is_refused_by_name(tmp_path: Path) -> None:
    """Probe E6: ``init LINK`` with LINK -> an empty folder said only "Not a directory" (the rename)."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "empty")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "link"), "--area", "City of London"])
    assert result.exit_code == 1, result.output
    assert (
        f"{tmp_path / 'link'}: expected a new or empty folder, not a symbolic link (give the folder the link "
        f"points to), found a symbolic link to {tmp_path / 'empty'}"
    ) in " ".join(result.output.split())
    assert "Not a directory" not in result.output
    assert list((tmp_path / "empty").iterdir()) == []
    assert (tmp_path / "link").is_symlink()


def test_the_cli_then_works_on_it(tmp_path: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(app, ["init", str(tmp_path / "w"), "--area", "City of London"])
    assert made.exit_code == 0, made.output
    assert "6 areas (LSOAs)" in made.output
    for args in (["validate"], ["optimise", "--bases", "2"], ["evaluate", "best-2"]):
        result = runner.invoke(app, [args[0], str(tmp_path / "w"), *args[1:]])
        assert result.exit_code == 0, result.output
    ws = load_workspace(tmp_path / "w")
    assert np.all(ws.areas.families > 0)


def test_councils_made_since_2019_are_planned_as_their_2019_districts_and_say_so(tmp_path: Path) -> None:
    """The tables are April 2019 geography. Cumberland (2023) is Allerdale, Carlisle and Copeland,
    then in Cumbria; North Yorkshire's new code E06000065 is the 2019 county E10000023, said so."""
    runner = CliRunner()
    made = runner.invoke(app, ["init", str(tmp_path / "c"), "--area", "Cumberland"])
    assert made.exit_code == 0, made.output
    said = " ".join(made.output.split())
    assert "Cumberland (E06000063, " in said
    assert "the England tables are 2019 geography" in said
    assert "2019 districts Allerdale, Carlisle and Copeland, then in Cumbria (E10000006)" in said
    districts = set(load_workspace(tmp_path / "c").areas.district)
    assert districts == {"Allerdale", "Carlisle", "Copeland"}
    assert "2019 geography" in (tmp_path / "c" / "README.md").read_text()
    westmorland = find_council("Westmorland and Furness")
    assert [name for _, name in westmorland.districts] == ["Barrow-in-Furness", "Eden", "South Lakeland"]
    for query in ("North Yorkshire", "E06000065"):
        council = find_council(query)
        assert council.code == "E10000023"
        assert "planned under its 2019 code E10000023" in council.geography
        assert "North Yorkshire (E06000065) covers the same area" in council.geography
    assert (
        "Cumberland (E06000063) and Westmorland and Furness (E06000064)" in find_council("Cumbria").geography
    )
    assert find_council("Kent").geography == ""


def test_st_and_saint_and_a_name_holding_the_query_come_first() -> None:
    """ "St Helens" is ONS's "St. Helens"; "Hull" suggests Kingston upon Hull before Solihull."""
    for query in ("St Helens", "saint helens", "St. Helens"):
        assert find_council(query).code == "E08000013"
    with pytest.raises(InputError, match=r"did you mean 'Kingston upon Hull, City of', 'Solihull'"):
        find_council("Hull")
