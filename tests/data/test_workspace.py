"""Loading and checking workspaces: the bundled Norfolk data and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hubplan.data import bundled_workspace_path, check_workspace, load_workspace, write_bundled_workspace
from hubplan.data.assumptions import RURALITY_CLASSES
from hubplan.data.columns import AREA_COLUMNS, SITE_COLUMNS, misspelt_columns
from hubplan.data.shared_data import shared_data_folder
from hubplan.errors import InputError
from tests.helpers import TINY_TOML, write_workspace


def problems_of(folder: Path) -> list[str]:
    workspace, problems = check_workspace(folder)
    assert workspace is None
    return [str(p) for p in problems]


def test_tiny_workspace_loads(tmp_path: Path) -> None:
    ws = load_workspace(write_workspace(tmp_path))
    assert ws.sites.ids == ("S1", "S2")
    assert ws.areas.families.tolist() == [10, 20, 30]
    assert ws.areas.deprivation_decile.tolist() == [1, 5, 10]
    assert ws.sites.outreach.tolist() == [True, True]  # default
    assert sorted(ws.scenarios) == ["both", "one"]
    assert ws.scenario("one").bases == ("S1",)
    assert ws.scenario("one").title == "Only one"
    assert ws.baseline is not None
    assert ws.baseline.name == "both"


def test_bundled_norfolk_has_the_record_figures() -> None:
    ws = load_workspace(bundled_workspace_path())
    centres = ws.sites.kind == "children_centre"
    assert centres.sum() == 53
    assert ws.sites.cost_per_year[centres].sum() == 10_200_000
    assert len(set(ws.sites.provider[centres])) == 12
    assert len(ws.areas) == 538
    assert ws.areas.unit == "children"
    assert ws.areas.families.sum() == 47_149  # ONS mid-2017 under-5s in Norfolk (shared REAL_DATA.md)
    assert set(ws.areas.district) == set(ws.assumptions.region.districts)
    assert len(set(ws.sites.district[centres])) == 7
    assert {len(s.bases) for s in ws.scenarios.values()} == {53, 7, 15}
    seven = ws.base_indices(ws.scenario("proposal-2018-7"))
    assert sorted(ws.sites.district[seven]) == sorted(ws.assumptions.region.districts)  # one per district
    # The sources (REAL_DATA.md): the January 2019 revision dropped Attleborough, Holt and Terrington
    # St Clement from the 7; the other 4 are among the 15.
    dropped = {"cc-attleborough", "cc-holt", "cc-st-clements"}
    seven_ids = set(ws.scenario("proposal-2018-7").bases)
    assert seven_ids == dropped | {
        "cc-city-and-eaton",
        "cc-drayton-and-taverham",
        "cc-long-stratton",
        "cc-seagulls",
    }
    assert seven_ids - dropped <= set(ws.scenario("adopted-2019-15").bases)
    assert all(s.modelled for s in ws.scenarios.values())  # each says what is modelled


def test_bundled_norfolk_centres_are_named_where_a_source_names_them() -> None:
    """37 of 53 centres are named by public sources, at town-level positions; 16 are modelled and say so."""
    ws = load_workspace(bundled_workspace_path())
    centres = np.flatnonzero(ws.sites.kind == "children_centre")
    assert ws.sites.position_source is not None
    assert ws.sites.provenance is not None
    modelled = [i for i in centres if str(ws.sites.name[i]).endswith("(modelled)")]
    named = [i for i in centres if i not in modelled]
    assert (len(named), len(modelled)) == (37, 16)
    assert all(str(ws.sites.position_source[i]).startswith("town-level position") for i in named)
    assert all(str(ws.sites.provenance[i]).startswith("modelled") for i in modelled)
    # Holt stands at GeoNames' Holt (52.90591, 1.08863; shared norfolk_places.csv).
    holt = ws.sites.index["cc-holt"]
    assert (ws.sites.lat[holt], ws.sites.lon[holt]) == (52.90591, 1.08863)
    assert ws.sites.name[holt] == "Holt Children's Centre"
    # Of the adopted 15: the 8 the sources name, and 7 marked assumed in the scenario file.
    text = (bundled_workspace_path() / "scenarios" / "adopted-2019-15.yaml").read_text()
    assert text.count("(assumed)") == 7
    fifteen = ws.base_indices(ws.scenario("adopted-2019-15"))
    per_district = {d: int((ws.sites.district[fifteen] == d).sum()) for d in ws.assumptions.region.districts}
    assert per_district == {d: 3 if d == "Norwich" else 2 for d in ws.assumptions.region.districts}


def test_bundled_norfolk_areas_are_the_published_figures() -> None:
    """The bundled areas carry the real columns: the counts REAL_DATA.md publishes for Norfolk."""
    ws = load_workspace(bundled_workspace_path())
    deciles = np.bincount(ws.areas.deprivation_decile, minlength=11)[1:]
    assert deciles.tolist() == [40, 38, 49, 71, 84, 86, 57, 46, 39, 28]  # IMD 2019, REAL_DATA.md
    assert ws.areas.deprivation_index == "imd"
    # RUC 2011: C1 267 urban; D1 110 + D2 15 rural towns; E1 135 + E2 11 villages.
    assert {r: int((ws.areas.rurality == r).sum()) for r in RURALITY_CLASSES} == {
        "urban": 267, "rural_town": 125, "rural_village": 146,
    }  # fmt: skip


SHARED = shared_data_folder() or Path(__file__).resolve().parents[3] / "shared" / "data"


def test_bundled_norfolk_areas_equal_the_shared_tables() -> None:
    if not (SHARED / "england_lsoa2011.csv").exists():
        pytest.skip("the shared tables are in ../shared/data")
    import pandas as pd

    table = pd.read_csv(SHARED / "england_lsoa2011.csv")
    districts = pd.read_csv(SHARED / "england_lad2019_to_utla2019.csv")
    norfolk = districts.loc[districts["utla_name"] == "Norfolk", "lad_code"]
    shared = table[table["lad_code"].isin(norfolk)].set_index("lsoa11cd")
    areas = pd.read_csv(bundled_workspace_path() / "areas.csv").set_index("id")
    assert sorted(areas.index) == sorted(shared.index)
    shared = shared.loc[areas.index]
    assert (areas["children"] == shared["under5_2017"]).all()
    assert (areas["deprivation_decile"] == shared["imd_decile"]).all()
    assert (areas["idaci_decile"] == shared["idaci_decile"]).all()
    assert (areas["district"] == shared["lad_name"]).all()
    assert (areas["ruc11"] == shared["ruc11_code"]).all()
    np.testing.assert_allclose(areas[["lat", "lon"]], shared[["lat", "lon"]])
    libraries = pd.read_csv(SHARED / "england_libraries.csv")
    libraries = libraries[(libraries["authority"] == "Norfolk") & libraries["closed"].isna()]
    sites = pd.read_csv(bundled_workspace_path() / "sites.csv")
    ours = sites[sites["kind"] == "library"].set_index("name").loc[libraries["name"]]
    np.testing.assert_allclose(ours[["lat", "lon"]], libraries[["lat", "lon"]])


def test_idaci_groups_by_the_childrens_index(tmp_path: Path) -> None:
    folder = write_bundled_workspace(tmp_path / "w")
    toml = folder / "hubplan.toml"
    toml.write_text(toml.read_text().replace('deprivation = "imd"', 'deprivation = "idaci"'))
    ws = load_workspace(folder)
    areas = np.genfromtxt(folder / "areas.csv", delimiter=",", names=True, dtype=None, encoding="utf-8")
    assert ws.areas.deprivation_index == "idaci"
    assert ws.areas.deprivation_decile.tolist() == areas["idaci_decile"].tolist()


def test_all_problems_reported_in_one_pass(tmp_path: Path) -> None:
    folder = write_workspace(
        tmp_path,
        sites=[
            "S1,Site one,children_centre,abc,1.00,D1,100",  # row 2: lat not a number
            "S1,Site two,library,52.70,1.10,D9,-5",  # row 3: duplicate id, unknown district, negative cost
            "S3,Site three,castle,95,1.2,D1,10",  # row 4: unknown kind, latitude out of range
        ],
        areas=[
            "A1,52.60,1.01,D1,-10,1,urban,0.5",  # row 2: negative families
            "A2,51.00,1.05,D2,20,11,town,1.5",  # row 3: outside region, decile 11, rurality, share
        ],
        scenarios={"one": "bases: [S1, S7]\n"},
    )
    found = problems_of(folder)
    expected = [
        "sites.csv, row 2, column 'lat': expected a number",
        "sites.csv, row 3, column 'id': expected an id not already used (sites.csv row 2), found 'S1'",
        "sites.csv, row 3, column 'district': expected a district of Tiny: D1, D2, found 'D9'",
        "sites.csv, row 3, column 'cost_per_year': expected a value from 0 to 10,000,000,000",
        "sites.csv, row 4, column 'kind': expected one of children_centre",
        "sites.csv, row 4, column 'lat': expected a value from -90 to 90",
        "areas.csv, row 2, column 'families': expected a value from 0 to 100,000",
        "areas.csv, row 3, column 'lat': expected a latitude inside Tiny (52.0 to 53.0",
        "areas.csv, row 3, column 'deprivation_decile': expected a value from 1 to 10",
        "areas.csv, row 3, column 'rurality': expected one of urban, rural_town, rural_village, found 'town'",
        "areas.csv, row 3, column 'no_car_share': expected a value from 0 to 1",
        "scenarios/one.yaml, row 1, column 'bases': expected the id of a site in sites or venues",
    ]
    for text in expected:
        assert any(p.startswith(text) for p in found), (text, found)
    assert "found 'S7'" in next(p for p in found if "scenarios/one.yaml" in p)


def test_missing_and_unknown_columns(tmp_path: Path) -> None:
    folder = write_workspace(
        tmp_path,
        sites=["S1,Site one,children_centre,52.6,1.0,D1,100,x"],
        sites_header="id,name,kind,lat,lon,district,cost_per_yr,colour",
    )
    found = problems_of(folder)
    # cost_per_year is optional (no cost: plans by count, no money), but a near-miss header is named.
    assert not any("column 'cost_per_year': expected a column" in p for p in found)
    assert any("column 'cost_per_yr'" in p and "did you mean 'cost_per_year'" in p for p in found)
    # A column of the user's own that is no misspelling is left alone (validate names it as a warning).
    assert not any("colour" in p for p in found)


def test_own_columns_are_left_alone_and_misspellings_named(tmp_path: Path) -> None:
    """A council's 'notes' (with line breaks in a quoted cell) or 'postcode' column is theirs; 'Lat' is not."""
    header = "id,name,kind,lat,lon,district,cost_per_year,notes,postcode"
    sites = [
        'S1,Site one,children_centre,52.6,1.0,D1,100,"Lease ends 2027.\nAsk Estates first.",NR19 1AA',
        "S2,Site two,library,52.70,1.10,D2,50,,NR1 1AA",
    ]
    assert check_workspace(write_workspace(tmp_path / "own", sites=sites, sites_header=header))[1] == []
    workspace, _ = check_workspace(tmp_path / "own")
    assert workspace is not None
    assert workspace.unused_columns == (("sites.csv", "notes"), ("sites.csv", "postcode"))
    found = problems_of(
        write_workspace(tmp_path / "typo", sites_header="id,name,kind,Lat,lon,district,cost_per_year")
    )
    assert any("column 'Lat'" in p and "did you mean 'lat'" in p for p in found)
    # 'imd' is close to 'id', but the table has an 'id': no misspelling of a column it lacks.
    assert misspelt_columns(["id", "imd"], SITE_COLUMNS) == {}


def test_a_councils_near_miss_columns_are_its_own_and_typos_are_named() -> None:
    """Columns a council really keeps, beside a typo or two of a column hubplan reads (and lacks)."""
    header = ["id", "name", "kind", "lat", "lon", "district"]
    own = ["Contact", "Capacity notes", "Current use", "Schedule notes", "Requirements", "costs", "cost"]
    assert misspelt_columns(header + own, SITE_COLUMNS) == {}
    typos = ["cost_per_yr", "Cost per year", "requried", "Capacity", "Position"]
    assert misspelt_columns(header + typos, SITE_COLUMNS) == {
        "cost_per_yr": "cost_per_year", "Cost per year": "cost_per_year", "requried": "required",
        "Capacity": "capacity", "Position": "position_source",
    }  # fmt: skip
    areas = ["id", "lat", "lon", "district", "families"]
    assert misspelt_columns([*areas, "deprivation_rank", "ruc11_name"], AREA_COLUMNS) == {}
    assert misspelt_columns([*areas, "Deprivation Decile", "RUC11", "rural"], AREA_COLUMNS) == {
        "Deprivation Decile": "deprivation_decile", "RUC11": "ruc11", "rural": "rurality",
    }  # fmt: skip


def test_children_are_whole(tmp_path: Path) -> None:
    header = "id,lat,lon,district,children,deprivation_decile,rurality,no_car_share"
    areas = ["A1,52.60,1.01,D1,71.5,1,urban,0.5", "A2,52.65,1.05,D2,20.0,5,rural_village,0.0"]
    found = problems_of(write_workspace(tmp_path, areas=areas, areas_header=header))
    assert found == [
        "areas.csv, row 2, column 'children': expected a whole number of children (a count of children"
        " under five), found 71.5"
    ]
    # A spreadsheet's rounding noise is no part of a child.
    areas = [
        "A1,52.60,1.01,D1,12.000000000000002,1,urban,0.5",
        "A2,52.65,1.05,D2,87.9999999999999,5,rural_village,0.0",
    ]
    assert check_workspace(write_workspace(tmp_path / "noise", areas=areas, areas_header=header))[1] == []
    # Families may be a modelled estimate: fractions stand.
    areas = ["A1,52.60,1.01,D1,71.5,1,urban,0.5", "A2,52.65,1.05,D2,20,5,rural_village,0.0"]
    assert check_workspace(write_workspace(tmp_path / "families", areas=areas))[1] == []


def test_empty_file_and_header_only(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path, scenarios={})
    (folder / "sites.csv").write_text("")
    (folder / "areas.csv").write_text("id,lat,lon,district,families\n")
    found = problems_of(folder)
    assert "sites.csv: expected a header row and at least one data row, found an empty file" in found
    assert "areas.csv: expected at least one data row, found only a header row" in found


def test_file_that_is_not_utf8_names_its_row(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path)
    text = "id,name,kind,lat,lon,district,cost_per_year\nS1,Site one,children_centre,52.6,1.0,D1,100\n"
    (folder / "sites.csv").write_bytes(
        text.encode() + "S2,Caf\xe9,library,52.7,1.1,D2,50\n".encode("latin-1")
    )
    found = problems_of(folder)
    assert any(p.startswith("sites.csv, row 3: expected UTF-8 text") and "0xe9" in p for p in found)


def test_blank_lines_keep_spreadsheet_row_numbers(tmp_path: Path) -> None:
    folder = write_workspace(
        tmp_path, sites=["S1,Site one,children_centre,52.6,1.0,D1,100", "", "S2,Two,library,x,1.1,D2,5"]
    )
    assert any(p.startswith("sites.csv, row 4, column 'lat'") for p in problems_of(folder))


def test_scenario_problems_name_their_lines(tmp_path: Path) -> None:
    folder = write_workspace(
        tmp_path,
        scenarios={
            "bad": "title: Bad\nbases:\n  - S1\n  - S1\n  - S9\ncolour: red\n",
            "broken": "bases: [S1\n",
            "empty": "",
        },
    )
    found = problems_of(folder)
    assert "scenarios/bad.yaml, row 4, column 'bases': expected each site once, found 'S1' again" in found
    assert any(
        p.startswith("scenarios/bad.yaml, row 5, column 'bases': expected the id of a site") for p in found
    )
    assert any(
        p.startswith("scenarios/bad.yaml, row 6, column 'colour': expected one of the keys") for p in found
    )
    assert any(p.startswith("scenarios/broken.yaml, row 2: expected valid YAML") for p in found)
    assert "scenarios/empty.yaml: expected a mapping with at least 'bases:', found an empty file" in found


def test_excluded_site_cannot_be_a_base(tmp_path: Path) -> None:
    folder = write_workspace(
        tmp_path,
        sites=["S1,One,children_centre,52.6,1.0,D1,100,false", "S2,Hall,village_hall,52.7,1.1,D2,0,true"],
        sites_header="id,name,kind,lat,lon,district,cost_per_year,excluded",
    )
    found = problems_of(folder)
    assert any("scenarios/both.yaml" in p and "'excluded' is true" in p and "'S2'" in p for p in found)


def test_assumption_problems_are_listed_with_their_keys(tmp_path: Path) -> None:
    toml = TINY_TOML + '\n[travel.car]\nspeed_kph = "fast"\ncircuity = 1.2\naccess_minutes = 3\nwheels = 4\n'
    found = problems_of(write_workspace(tmp_path, toml=toml))
    assert any(p.startswith("hubplan.toml, column 'travel.car.speed_kph'") for p in found)
    assert any(p.startswith("hubplan.toml, column 'travel.car.wheels'") and "unknown key" in p for p in found)


def test_baseline_must_name_a_scenario(tmp_path: Path) -> None:
    found = problems_of(write_workspace(tmp_path, toml=TINY_TOML.replace('"both"', '"all"')))
    assert any(p.startswith("hubplan.toml, column 'evaluation.baseline'") and "'all'" in p for p in found)


def test_missing_folder_and_load_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="expected a workspace folder"):
        load_workspace(tmp_path / "nowhere")
    folder = write_workspace(tmp_path / "ws", sites=["S1,One,children_centre,x,1.0,D1,100"])
    with pytest.raises(InputError, match=r"sites.csv, row 2, column 'lat'") as info:
        load_workspace(folder)
    assert len(info.value.problems) == 2  # the bad latitude, and the scenario naming S2 which is now missing


def test_unknown_scenario_suggests_the_closest(tmp_path: Path) -> None:
    ws = load_workspace(write_workspace(tmp_path))
    with pytest.raises(InputError, match="did you mean 'both'"):
        ws.scenario("bothh")


def test_geojson_and_geopackage_read_like_csv(tmp_path: Path) -> None:
    geopandas = pytest.importorskip("geopandas")
    from shapely.geometry import Point

    folder = write_workspace(tmp_path / "csv")
    ws = load_workspace(folder)
    for suffix, driver in ((".geojson", "GeoJSON"), (".gpkg", "GPKG")):
        other = write_workspace(tmp_path / suffix[1:])
        (other / "areas.csv").unlink()
        frame = geopandas.GeoDataFrame(
            {
                "id": list(ws.areas.ids),
                "district": list(ws.areas.district),
                "families": ws.areas.families,
                "deprivation_decile": ws.areas.deprivation_decile,
                "rurality": list(ws.areas.rurality),
                "no_car_share": ws.areas.no_car_share,
            },
            geometry=[Point(lon, lat) for lat, lon in zip(ws.areas.lat, ws.areas.lon, strict=True)],
            crs="EPSG:4326",
        )
        # Stored in British National Grid, to prove reprojection back to latitude/longitude.
        frame.to_crs("EPSG:27700").to_file(other / f"areas{suffix}", driver=driver)
        loaded = load_workspace(other)
        np.testing.assert_allclose(loaded.areas.lat, ws.areas.lat, atol=1e-6)
        np.testing.assert_allclose(loaded.areas.lon, ws.areas.lon, atol=1e-6)
        assert loaded.areas.families.tolist() == ws.areas.families.tolist()
        assert list(loaded.areas.rurality) == list(ws.areas.rurality)


def test_geojson_problems_name_the_feature(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path)
    (folder / "areas.csv").unlink()
    (folder / "areas.geojson").write_text(
        '{"type": "FeatureCollection", "features": ['
        '{"type": "Feature", "properties": {"id": "A1", "district": "D1", "families": 5},'
        ' "geometry": {"type": "Point", "coordinates": [1.0, 52.6]}},'
        '{"type": "Feature", "properties": {"id": "A2", "district": "D1", "families": -3},'
        ' "geometry": {"type": "Point", "coordinates": [1.0, 52.6]}}]}'
    )
    found = problems_of(folder)
    assert any(
        p.startswith("areas.geojson, row 2, column 'families': expected a value from 0 to 100,000")
        for p in found
    )


def test_write_bundled_workspace_never_overwrites(tmp_path: Path) -> None:
    target = write_bundled_workspace(tmp_path / "norfolk")
    assert load_workspace(target).areas.families.sum() == 47_149
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(InputError, match="nothing is overwritten"):
        write_bundled_workspace(tmp_path / "full")
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"


def test_hidden_files_in_scenarios_are_not_scenarios(tmp_path: Path) -> None:
    """A workspace copied by a Mac to a USB stick gets "._<name>.yaml" (AppleDouble, binary) files."""
    folder = write_workspace(tmp_path, scenarios={"both": "bases: [S1]\n"})
    (folder / "scenarios" / "._both.yaml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    (folder / "scenarios" / ".both-old.yaml").write_text("name: old\nbases: [S2]\n")
    workspace, problems = check_workspace(folder)
    assert problems == []
    assert workspace is not None
    assert sorted(workspace.scenarios) == ["both"]


# Probe 8 (issue 26): numbers a spreadsheet writes that were read as something else.

EURO_SITES = ["S1,Site one,children_centre,52.60,1.00,D1,205.000", "S2,Site two,library,52.70,1.10,D2,50"]


def test_a_cost_with_a_thousands_dot_is_refused_saying_how_to_write_it(tmp_path: Path) -> None:
    """Probe 8 #6: ``205.000`` (a European LibreOffice's 205,000) was read as £205."""
    found = problems_of(write_workspace(tmp_path, sites=EURO_SITES))
    assert found == [
        "sites.csv, row 2, column 'cost_per_year': expected a sum in £ without a thousands dot: write 205000 "
        "for £205,000, or 205 for £205 (a dot and three digits is how a European spreadsheet writes "
        "thousands; hubplan would read it as £205), found '205.000'"
    ]


@pytest.mark.parametrize("cost", ["205.5", "205.50", "205000", "£205,000", "1205.0"])
def test_costs_with_pence_or_commas_are_read(tmp_path: Path, cost: str) -> None:
    sites = [f"S1,Site one,children_centre,52.60,1.00,D1,{cost}", "S2,Site two,library,52.70,1.10,D2,50"]
    if "," in cost:
        sites[0] = f'S1,Site one,children_centre,52.60,1.00,D1,"{cost}"'
    _, problems = check_workspace(write_workspace(tmp_path, sites=sites))
    assert "thousands dot" not in " ".join(str(p) for p in problems)


def test_a_fraction_of_a_family_of_capacity_is_refused(tmp_path: Path) -> None:
    """Probe 8 #26: ``capacity = 0.5`` families a year was taken."""
    header = "id,name,kind,lat,lon,district,cost_per_year,capacity"
    sites = ["S1,Site one,children_centre,52.60,1.00,D1,100,0.5", "S2,Site two,library,52.70,1.10,D2,50,30"]
    found = problems_of(write_workspace(tmp_path, sites=sites, sites_header=header))
    assert found == [
        "sites.csv, row 2, column 'capacity': expected a whole number (families a year it can serve as a "
        "base (empty: no limit)), found '0.5'"
    ]


@pytest.mark.parametrize("children", ["1e-320", "0.5", "1e-7"])
def test_a_fraction_of_a_child_is_refused_however_small(tmp_path: Path, children: str) -> None:
    """Probe 8 #12: ``1e-320`` children passed an absolute tolerance of 1e-6 and was read as 0."""
    header = "id,lat,lon,district,children"
    areas = [f"A1,52.60,1.01,D1,{children}", "A2,52.65,1.05,D2,20"]
    found = problems_of(write_workspace(tmp_path, areas=areas, areas_header=header))
    assert len(found) == 1
    assert found[0].startswith(
        "areas.csv, row 2, column 'children': expected a whole number of children (a count of children"
    )


def test_a_spreadsheets_rounding_of_a_whole_number_is_whole(tmp_path: Path) -> None:
    header = "id,lat,lon,district,children"
    areas = ["A1,52.60,1.01,D1,12.000000000000002", "A2,52.65,1.05,D2,20"]
    workspace = load_workspace(write_workspace(tmp_path, areas=areas, areas_header=header))
    assert workspace.areas.families.tolist() == pytest.approx([12, 20])


def test_a_code_outside_ruc_2011_is_refused(tmp_path: Path) -> None:
    """Probe 8 #30: ``ruc11 = Z9`` was taken."""
    header = "id,lat,lon,district,families,ruc11"
    areas = ["A1,52.60,1.01,D1,10,Z9", "A2,52.65,1.05,D2,20,E1", "A3,52.72,1.12,D2,30,F2"]
    found = problems_of(write_workspace(tmp_path, areas=areas, areas_header=header))
    assert found == [
        "areas.csv, row 2, column 'ruc11': expected one of A1, B1, C1, C2, D1, D2, E1, E2, F1, F2, found 'Z9'"
    ]


# Probe 8 (issue 26): files under a name a user gave them, and names inside files.


def _validate(folder: Path) -> tuple[int, str]:
    from typer.testing import CliRunner

    from hubplan.cli import app

    result = CliRunner().invoke(app, ["validate", str(folder)])
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize(
    ("table", "there", "found"),
    [
        ("sites", "sites.csv.csv", "none, but 'sites.csv.csv' is there: rename it sites.csv"),
        ("areas", "areas.csv.csv", "none, but 'areas.csv.csv' is there: rename it areas.csv"),
        ("sites", "sites.xlsx", "none, but 'sites.xlsx' is there: save it as CSV UTF-8 named sites.csv"),
        ("areas", "Areas.ods", "none, but 'Areas.ods' is there: save it as CSV UTF-8 named areas.csv"),
        (
            "venues",
            "venues (1).xlsx",
            "none, but 'venues (1).xlsx' is there: save it as CSV UTF-8 named venues.csv",
        ),
    ],
)
def test_a_table_under_another_name_is_named_with_what_to_do(
    tmp_path: Path, table: str, there: str, found: str
) -> None:
    """Probe 8 #21: only ``sites.csv.csv`` or ``sites.xlsx`` there gave "found no such file"."""
    folder = write_workspace(tmp_path / "w")
    if table == "venues":
        (folder / there).write_bytes(b"PK\x03\x04")  # an optional table saved as a spreadsheet
    else:
        (folder / f"{table}.csv").rename(folder / there)
    code, output = _validate(folder)
    assert code == 1, output
    assert f"{table}.csv: expected a {table} table in {folder}, found {found}" in output


def test_a_scenarios_folder_leading_out_of_the_workspace_is_named(tmp_path: Path) -> None:
    """Probe 8 #22: ``scenarios`` as a link to /etc read as "there are none"."""
    folder = write_workspace(tmp_path / "w")
    elsewhere = tmp_path / "elsewhere"
    (folder / "scenarios").rename(elsewhere)
    (folder / "scenarios").symlink_to(elsewhere)
    code, output = _validate(folder)
    assert code == 1, output
    assert (
        f"scenarios/: expected a folder of scenarios inside the workspace folder, found a link to a folder "
        f"outside it ({elsewhere})" in output
    )


def test_a_scenario_name_that_is_a_path_is_refused(tmp_path: Path) -> None:
    """Probe 8 #20: ``name: ../../x`` passed validate, though ``optimise --name`` refuses it."""
    folder = write_workspace(
        tmp_path / "w", scenarios={"both": "bases: [S1, S2]\n", "x": "name: ../../x\nbases: [S1]\n"}
    )
    code, output = _validate(folder)
    assert code == 1, output
    assert (
        "scenarios/x.yaml, row 1, column 'name': expected a name of letters, digits, '-', '_' and '.', not "
        "starting with '.' (at most 100), found '../../x'" in output
    )


def test_a_scenario_asked_for_by_its_files_name_says_both_names(tmp_path: Path) -> None:
    """Probe 8 #20: ``evaluate W x`` listed the names but not that x.yaml is named otherwise inside."""
    from typer.testing import CliRunner

    from hubplan.cli import app

    folder = write_workspace(
        tmp_path / "w", scenarios={"both": "bases: [S1, S2]\n", "x": "name: other\nbases: [S1]\n"}
    )
    result = CliRunner().invoke(app, ["evaluate", str(folder), "x"])
    assert result.exit_code == 1, result.output
    assert (
        "scenarios/x.yaml, column 'name': expected the scenario's own name, 'other': the 'name:' line of "
        "scenarios/x.yaml names it so (use 'other', or change that line to name: x), found 'x'"
    ) in " ".join(result.output.split())
