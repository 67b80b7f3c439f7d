"""One council's task against an independent computation: City of London by brute force."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from hubplan.data.england import find_council
from hubplan.scale.councils import build_council_problem
from hubplan.scale.tasks import BaseRule, NationalOptions, fingerprint, solve_council

CITY = "E09000001"


def _haversine_km(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Great-circle km between every row of a and every row of b (degrees), written out here."""
    lat1, lon1 = np.radians(a[:, :1]), np.radians(a[:, 1:])
    lat2, lon2 = np.radians(b[:, 0])[None, :], np.radians(b[:, 1])[None, :]
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(h))


def test_city_of_london_problem_is_its_six_lsoas_and_five_libraries():
    problem = build_council_problem(find_council(CITY))
    assert problem.n_areas == 6
    assert problem.n_sites == 5
    assert problem.site_kind == "library"
    # car minutes = 5.1 min door to door + km x 1.25 circuity / 78.2 km/h x 60 (the national car fit),
    # recomputed here from the positions with a haversine written out in this test.
    km = _haversine_km(problem.area_points, problem.site_points)
    assert problem.minutes["car"] == pytest.approx(5.1 + km * 1.25 / 78.2 * 60.0, rel=1e-5)
    # bus: every City LSOA is urban (factor 1): 2.37 + 19.19 x km^0.593 (the fit on real timetable
    # minutes, docs/bus_model.md), or walking if quicker.
    assert set(problem.rurality) == {"urban"}
    bus = np.minimum(2.37 + 19.19 * km**0.593, km * 1.3 / 4.5 * 60.0)
    assert problem.minutes["bus"] == pytest.approx(bus, rel=1e-5)


@pytest.mark.parametrize("p", [1, 2, 3])
def test_city_of_london_plan_matches_brute_force(p):
    """Enumerate every set of p libraries; the heuristic must find the best total and its shares."""
    problem = build_council_problem(find_council(CITY))
    bus, car, w = problem.minutes["bus"].astype(np.float64), problem.minutes["car"], problem.children
    best = min(itertools.combinations(range(5), p), key=lambda s: float(w @ bus[:, list(s)].min(axis=1)))
    best_total = float(w @ bus[:, list(best)].min(axis=1))
    within_bus = float(w[bus[:, list(best)].min(axis=1) <= 30].sum() / w.sum())
    within_car = float(w[car[:, list(best)].min(axis=1) <= 30].sum() / w.sum())

    row = solve_council(CITY, NationalOptions(rule=BaseRule("bases", p)))
    assert row["error"] == ""
    assert row["bases"] == p
    assert row["objective"] == pytest.approx(best_total, rel=1e-5)
    assert row["mean_minutes"] == pytest.approx(best_total / w.sum(), rel=1e-5)
    assert row["share_within_bus"] == pytest.approx(within_bus)
    assert row["share_within_car"] == pytest.approx(within_car)
    assert row["gap"] >= 0
    assert row["lower_bound"] <= row["objective"] + 1e-6
    assert row["children"] == pytest.approx(w.sum())
    assert row["areas"] == 6
    assert row["candidates"] == 5


def test_default_rule_is_one_base_per_2000_children_rounded_up():
    assert BaseRule().bases(4001, 100) == 3
    assert BaseRule().bases(10, 100) == 1
    assert BaseRule().bases(1_000_000, 7) == 7
    assert BaseRule("budget_share", 0.3).bases(0, 10) == 3
    assert BaseRule("budget_share", 0.01).bases(0, 10) == 1


def test_more_bases_than_candidates_is_an_error_row_not_a_crash():
    row = solve_council(CITY, NationalOptions(rule=BaseRule("bases", 6)))
    assert row["error"] == "InfeasibleError: bases: 6 asked but the council has only 5 candidate sites"
    assert row["name"] == "City of London"
    assert row["areas"] == 6
    assert math.isnan(row["share_within_bus"])


def test_fingerprint_follows_the_options():
    a = fingerprint(CITY, NationalOptions())
    assert a == fingerprint(CITY, NationalOptions())
    assert a != fingerprint(CITY, NationalOptions(threshold_minutes=20.0))
    assert a != fingerprint("E09000002", NationalOptions())


def test_open_sites_are_the_site_ids_init_writes_in_sites_csv(tmp_path):
    """A reader of national.parquet looks the chosen bases up in `hubplan init`'s sites.csv:
    Rutland's are its libraries ('lib-...'), Scilly's (no library) its area positions ('area-e01...')."""
    from hubplan.data import load_workspace
    from hubplan.data.init import init_workspace

    for code, prefix in (("E06000017", "lib-"), ("E06000053", "area-")):
        row = solve_council(code, NationalOptions(rule=BaseRule("bases", 1)))
        assert row["error"] == ""
        init_workspace(tmp_path / code, code)
        ids = set(load_workspace(tmp_path / code).sites.ids)
        chosen = row["open_sites"].split(";")
        assert chosen
        assert all(site.startswith(prefix) and site in ids for site in chosen), chosen


def test_scilly_one_area_is_a_caution_in_its_row():
    """Isles of Scilly: one LSOA over five islands, its own position the only candidate: every child
    shows 0 minutes by bus. The row says the journeys are not modelled."""
    row = solve_council("E06000053", NationalOptions())
    assert row["error"] == ""
    assert row["zero_minute_share"] == 1.0
    assert row["caution"].startswith("journeys not modelled: 92 of 92 children (100%)")
    assert "the council has only 1 area" in row["caution"]
    assert solve_council(CITY, NationalOptions())["caution"] == ""
