"""The web map's search finds towns (places.csv), postcodes (by their district) and sites."""

from __future__ import annotations

from hubplan.data import bundled_workspace_path, load_workspace
from hubplan.web.places import search_places


def test_search_finds_a_town_a_postcode_and_a_site() -> None:
    ws = load_workspace(bundled_workspace_path())
    town = search_places(ws, "attleborough")
    assert (town[0].name, town[0].kind) == ("Attleborough", "place")  # GeoNames, places.csv
    assert {p.kind for p in town} >= {"place", "children_centre", "library"}
    # NR4 7UY (the Norfolk and Norwich hospital) is in postcode district NR4, at its postcodes' mean position.
    (postcode,) = search_places(ws, "nr4 7uy")
    assert (postcode.name, postcode.kind) == ("NR4 (postcode district)", "postcode")
    assert abs(postcode.lat - 52.6) < 0.1
    assert abs(postcode.lon - 1.25) < 0.1
    assert search_places(ws, "Holt Children")[0].name == "Holt Children's Centre"
