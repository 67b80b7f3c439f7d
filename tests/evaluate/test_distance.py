"""Access as straight-line km (the IFS's 2.5 km "pram-pushing distance"), against distances worked by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hubplan.data import load_workspace
from hubplan.evaluate import evaluate
from hubplan.evaluate.breakdowns import area_breakdowns
from hubplan.evaluate.distance import distance_reach
from tests.helpers import TINY_TOML, write_workspace

KM_PER_DEGREE = 111.1951  # a degree of latitude on the mean Earth radius (6,371.0088 km)


@pytest.fixture
def meridian(tmp_path: Path) -> Path:
    """S1 at 52 N 1 E; S2 3 km north. Areas 1, 2 and 3 km north of S1 with 10, 20 and 30 children.

    With S1 alone: 1, 2 and 3 km; within 2.5 km: 10 + 20 = 30 of 60; mean (10 + 40 + 90) / 60 =
    2.333 km. With both (the baseline): 1, 1 and 0 km, everyone within; A3's 30 lose access.
    """
    at = lambda km: f"{52.0 + km / KM_PER_DEGREE:.7f}"  # noqa: E731
    return write_workspace(
        tmp_path / "ws",
        sites=["S1,Here,children_centre,52.0,1.0,D1,100", f"S2,North,library,{at(3)},1.0,D2,50"],
        areas=[
            f"A1,{at(1)},1.0,D1,10,1,urban,0.5",
            f"A2,{at(2)},1.0,D2,20,5,rural_village,0.0",
            f"A3,{at(3)},1.0,D2,30,10,rural_town,0.2",
        ],
        toml=TINY_TOML.replace("bounds = { min_lat = 52.0,", "bounds = { min_lat = 51.9,"),
    )


def test_km_access_matches_the_hand_worked_distances(meridian: Path) -> None:
    ws = load_workspace(meridian)
    ev = evaluate(ws, "one")
    d = ev.distance
    assert d is not None
    assert d.access_km == 2.5
    np.testing.assert_allclose(d.nearest_km, [1.0, 2.0, 3.0], atol=1e-6)
    assert d.total.within[0, 0] == pytest.approx(30.0)
    assert d.total.mean_minutes[0] == pytest.approx(140 / 60, abs=1e-6)
    assert d.total.lose is not None
    assert d.total.lose[0, 0] == pytest.approx(30.0)
    district = d.groups["district"]
    assert district.within[district.labels.index("D2"), 0] == pytest.approx(20.0)
    data = ev.to_dict()
    assert data["access_measure"] == "minutes"
    assert data["distance"]["within"] == 30.0
    assert data["distance"]["lose_access"] == 30.0
    assert data["distance"]["by"]["district"]["D1"]["within"] == 10.0


def test_the_access_distance_and_measure_are_settings(meridian: Path) -> None:
    """At 1.5 km only A1's 10 are within; the measure is recorded for the report to state."""
    toml = (meridian / "hubplan.toml").read_text() + 'access_measure = "km"\naccess_km = 1.5\n'
    (meridian / "hubplan.toml").write_text(toml)
    ws = load_workspace(meridian)
    ev = evaluate(ws, "one")
    assert ev.access_measure == "km"
    assert ev.distance is not None
    assert ev.distance.total.within[0, 0] == pytest.approx(10.0)
    both = distance_reach(
        ws,
        ws.base_indices(ws.scenario("both")),
        breakdowns=area_breakdowns(ws.areas, ("D1", "D2")),
        access_km=1.5,
    )
    assert both.total.within[0, 0] == pytest.approx(60.0)  # 1, 1 and 0 km from the nearest
    np.testing.assert_array_equal(both.nearest_site, [0, 1, 1])


def test_the_summary_leads_with_km_when_access_is_measured_in_km(meridian: Path) -> None:
    """At 1.5 km: with S1 alone A2 (2 km) and A3 (3 km) are beyond, 20 + 30 = 50 of 60 (83%); with both, none."""
    from hubplan.report import headline_sentences

    toml = (meridian / "hubplan.toml").read_text() + 'access_measure = "km"\naccess_km = 1.5\n'
    (meridian / "hubplan.toml").write_text(toml)
    ws = load_workspace(meridian)
    sentences = headline_sentences([evaluate(ws, "both"), evaluate(ws, "one")])
    assert (
        "0 of the 60 families with children under five (0%) would be more than 1.5 km from a base"
        in sentences[0]
    )
    assert (
        "50 of the 60 families with children under five (83%) would be more than 1.5 km from a base in a straight line, against 0 with the 2 sites"
        in sentences[1]
    )
    assert "minutes" not in " ".join(sentences[:2])
