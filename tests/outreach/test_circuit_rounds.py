"""What rounds cost (worked by hand), their maps, and amend weighing a bus against keeping a centre."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import load_workspace
from hubplan.data.assumptions import Costs, Travel
from hubplan.data.circuit_settings import CircuitSettings
from hubplan.outreach import amend, plan_outreach
from hubplan.outreach.circuit_costs import circuit_km, cycles_per_year, rounds_cost, vehicle_cost_bound
from hubplan.outreach.circuit_map import rounds_map
from hubplan.outreach.circuit_output import write_circuit_outputs
from hubplan.outreach.circuits import CircuitPlan, Depot, Route, Stop, Unserved, Visit
from hubplan.report.charts import to_svg
from hubplan.report.outreach import amend_sentence, amend_table
from hubplan.travel import build_travel
from tests.helpers import write_workspace

runner = CliRunner()

SETTINGS = CircuitSettings(vehicle_cost_per_year=15_000, staff_per_vehicle=2, cost_per_km=0.25)
COSTS = Costs(staff_hourly_cost=25, weeks_per_year=46)


def _route(vehicle: str, day: int, stops: tuple[str, ...], start: float, end: float) -> Route:
    visits = tuple(Visit(s, start + 10 * (k + 1), start + 10 * (k + 1) + 5) for k, s in enumerate(stops))
    return Route(vehicle, "D", day, "Mon", start, end, visits, drive_minutes=0.0)


def _plan(routes: tuple[Route, ...], *, unserved: tuple[Unserved, ...] = ()) -> CircuitPlan:
    return CircuitPlan(routes, unserved, 20, SETTINGS, "ROUTING_SUCCESS", 1.0, 1)


def test_rounds_cost_worked_by_hand() -> None:
    """Depot D, stops A and B; road km D-A 10, A-B 5, B-D 12 (symmetric). A cycle of 20 days, Mon-Fri,
    46 weeks a year: 46 x 5 / 20 = 11.5 cycles a year.

    - D-1, day 1: D A B D = 10 + 5 + 12 = 27 km, 09:00-13:00 (4 hours)
    - D-1, day 3: D B D = 12 + 12 = 24 km, 09:00-11:00 (2 hours)
    - D-2, day 2: D A D = 10 + 10 = 20 km, 09:00-10:00 (1 hour)

    Vehicles 2 x £15,000 = £30,000. Staff 7 hours x 11.5 x 2 staff = 161 hours x £25 = £4,025.
    Road km 71 x 11.5 = 816.5 x £0.25 = £204.125. In all £34,229.125 a year.
    """
    stops = (Stop("A", 52.0, 1.0, 5.0), Stop("B", 52.0, 1.1, 5.0))
    depots = (Depot("D", 52.1, 1.0, 2),)
    km = np.array([[0, 10, 12], [10, 0, 5], [12, 5, 0]], dtype=np.float64)
    plan = _plan(
        (
            _route("D-1", 1, ("A", "B"), 540, 780),
            _route("D-2", 2, ("A",), 540, 600),
            _route("D-1", 3, ("B",), 540, 660),
        )
    )
    cost = rounds_cost(plan, stops, depots, km, costs=COSTS)
    assert cost.vehicles == 2
    assert cost.route_days_per_cycle == 3
    assert cost.cycles_per_year == pytest.approx(11.5)
    assert cost.staff_hours_per_year == pytest.approx(161.0)
    assert cost.km_per_year == pytest.approx(816.5)
    assert cost.vehicles_cost_per_year == pytest.approx(30_000.0)
    assert cost.staff_cost_per_year == pytest.approx(4_025.0)
    assert cost.km_cost_per_year == pytest.approx(204.125)
    assert cost.cost_per_year == pytest.approx(34_229.125)
    assert cost.to_dict()["basis"].startswith("modelled")
    assert cycles_per_year(10, CircuitSettings(working_days=("Tue", "Thu")), COSTS) == pytest.approx(9.2)


def test_vehicle_cost_bound_worked_by_hand() -> None:
    """230 working days (46 x 5); a day at most 8 hours: 2 staff x 8 x £25 = £400, and at most
    480 minutes x 78.2 km/h / 60 = 625.6 km x £0.25 = £156.40. 230 x £556.40 + £15,000 = £142,972."""
    assert vehicle_cost_bound(SETTINGS, COSTS, Travel()) == pytest.approx(142_972.0)


def test_circuit_km_is_the_car_models_road_km() -> None:
    """One degree of latitude is 111.195 km on the haversine sphere (R = 6,371.0088 km); x 1.25."""
    km = circuit_km((Stop("s", 53.0, 1.0, 5.0),), (Depot("d", 52.0, 1.0, 1),), travel=Travel())
    assert km[0, 1] == pytest.approx(111.195 * 1.25, rel=1e-4)
    assert km[0, 0] == 0.0


def test_round_map_draws_the_path_in_order_and_escapes_names(tmp_path: Path) -> None:
    stops = (
        Stop("a", 52.60, 1.00, 15.0, name="<script>alert(1)</script>"),
        Stop("b", 52.62, 1.05, 15.0, name="B & Co"),
    )
    depots = (Depot("<b>depot</b>", 52.61, 1.0, 1),)
    route = Route("<b>depot</b>-1", "<b>depot</b>", 1, "Mon", 540, 600,
                  (Visit("b", 550, 565), Visit("a", 570, 585)), 30.0)  # fmt: skip
    spec = rounds_map([route], stops, depots, title="Day 1 <script>")
    path = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")["data"]["values"]
    assert [(p["lat"], p["lon"]) for p in path] == [(52.61, 1.0), (52.62, 1.05), (52.60, 1.00), (52.61, 1.0)]
    numbers = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")["data"]["values"]
    assert [(n["n"], n["lat"]) for n in numbers] == [("1", 52.62), ("2", 52.60)]
    svg = to_svg(spec)
    assert svg.startswith("<svg")
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    plan = _plan((route,))
    cost = rounds_cost(plan, stops, depots, circuit_km(stops, depots, travel=Travel()), costs=COSTS)
    written = write_circuit_outputs(plan, stops, tmp_path, depots=depots, cost=cost)
    assert "cost.csv" in {p.name for p in written}
    page = (tmp_path / "timetable-vehicles.html").read_text()
    assert page.count("<svg") == 1
    assert "<script" not in page
    assert "&lt;b&gt;depot&lt;/b&gt;" in page
    assert "modelled" in page
    assert json.loads((tmp_path / "plan.json").read_text())["cost"]["vehicles"] == 1


def test_cli_json_has_the_cost(tmp_path: Path) -> None:
    (tmp_path / "stops.csv").write_text("id,lat,lon,minutes\na,52.62,1.0,30\nb,52.64,1.02,30\n")
    (tmp_path / "depots.csv").write_text("id,lat,lon,vehicles\nd,52.6,1.0,2\n")
    result = runner.invoke(
        app,
        ["circuits", str(tmp_path / "stops.csv"), "--depots", str(tmp_path / "depots.csv"), "--days", "5",
         "--json", "--time-limit", "10", "--solution-limit", "20"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"routes", "unserved", "cost"}
    # One route-day (the fixed cost of a second outweighs any saving); defaults: 46 x 5 / 5 = 46 cycles.
    assert len(data["routes"]) == 1
    cost = data["cost"]
    assert cost["vehicles"] == 1
    assert cost["cycles_per_year"] == pytest.approx(46.0)
    assert cost["vehicles_cost_per_year"] == pytest.approx(15_000.0)
    assert cost["cost_per_year"] == pytest.approx(
        cost["vehicles_cost_per_year"] + cost["staff_cost_per_year"] + cost["km_cost_per_year"], abs=0.02
    )


# Amend: S1 (52.60, 1.00) is kept; S2 (52.95, 1.00), a closed centre, costs £2,000 a year. Areas, every
# family with a car: A1 beside S1 (10 families), A2 at S2 (20), and in the second workspace A3 at
# (52.25, 1.00) (30). A2 and A3 are 38.9 km from S1: 5.1 + 38.9 x 1.25 / 78.2 x 60 = 42 car minutes,
# beyond the 30-minute threshold; A3 is 77.8 km from S2. No venue can host sessions (both sites are
# centres), and a home visit costs £1m a family, so outreach money reaches almost no one.
# A vehicle costs at most 1,000 + 230 days x 8 hours x £1 = £2,840 a year: the extra £3,000 buys one.
AMEND_TOML = """
[region]
name = "Tiny"
districts = ["D1", "D2"]
bounds = { min_lat = 52.0, max_lat = 53.5, min_lon = 0.5, max_lon = 1.5 }
[evaluation]
baseline = "both"
access_minutes = 30
[costs]
staff_hourly_cost = 1
online_offer_per_year = 0
home_visits_per_family_per_year = 1000000
[circuits]
vehicle_cost_per_year = 1000
staff_per_vehicle = 1
cost_per_km = 0
quick_time_limit_seconds = 10
quick_solution_limit = 20
"""
AMEND_SITES = [
    "S1,Kept,children_centre,52.60,1.00,D1,100",
    "S2,Closed,children_centre,52.95,1.00,D2,2000",
]
AMEND_SCENARIOS = {"both": "bases: [S1, S2]\n", "one": "bases: [S1]\nbudget_per_year: 100\n"}


def _amend_workspace(folder: Path, *, south: bool):
    areas = ["A1,52.60,1.01,D1,10,5,urban,0", "A2,52.95,1.00,D2,20,5,rural_town,0"]
    if south:
        # Last: an area with no site in reach at the end of the table once broke the covering model.
        areas.append("A3,52.25,1.00,D1,30,5,rural_village,0")
    write_workspace(folder, sites=AMEND_SITES, areas=areas, scenarios=AMEND_SCENARIOS, toml=AMEND_TOML)
    workspace = load_workspace(folder)
    return workspace, build_travel(workspace)


def test_a_bus_beats_keeping_a_centre(tmp_path: Path) -> None:
    """Keeping S2 (with 75% or all of the £3,000) brings A2's 20 families within reach: 10 + 20 = 30.
    One vehicle from S1 calls at A2 and A3 in one day (42 + 80 + 42 minutes driving, 50 + 60 at the
    stops), so it reaches 10 + 20 + 30 = 60, and ranks first."""
    workspace, travel = _amend_workspace(tmp_path / "ws", south=True)
    options = amend(workspace, travel, workspace.scenario("one"), 3_000)
    best = options[0]
    assert best.rounds is not None
    assert best.rounds.cost.vehicles == 1
    assert sorted(best.rounds.served) == ["A2", "A3"]
    assert best.families_within_base == pytest.approx(10.0)
    assert best.families_reached == pytest.approx(60.0, abs=0.01)
    assert best.rounds.cost.cost_per_year <= 3_000
    centre = next(o for o in options if o.kept_open)
    assert centre.kept_open == ("S2",)
    assert centre.families_reached == pytest.approx(30.0, abs=0.01)
    sentence = amend_sentence(options, 3_000, plan_outreach(workspace, travel, workspace.scenario("one")))
    assert "1 outreach vehicle touring 2 stops" in sentence
    assert "50 more" in sentence


def test_keeping_a_centre_beats_a_bus_that_reaches_no_more(tmp_path: Path) -> None:
    """Without A3, the bus and the centre both reach A2's 20 families (30 in all); the centre puts them
    within reach of a base (30 against 10), so it ranks above the bus."""
    workspace, travel = _amend_workspace(tmp_path / "ws", south=False)
    options = amend(workspace, travel, workspace.scenario("one"), 3_000)
    assert options[0].kept_open == ("S2",)
    assert options[0].families_within_base == pytest.approx(30.0)
    bus = next(o for o in options if o.rounds is not None)
    assert bus.families_reached == pytest.approx(30.0, abs=0.01)
    assert bus.families_within_base == pytest.approx(10.0)
    assert options.index(bus) > 0
    table = amend_table(options, 3_000)
    assert table.row_count == len(options)
    assert not any(o.rounds for o in amend(workspace, travel, workspace.scenario("one"), 3_000, rounds=False))
    # The £100 budget pays for S1 alone: A1's 10 are reached, so the bus would add A2's 20.
    before = plan_outreach(workspace, travel, workspace.scenario("one"))
    assert "Spent on 1 outreach vehicle instead, it would reach 20 more." in amend_sentence(
        options, 3_000, before
    )
    # The split is said as it is: all on bases leaves no "rest on outreach".
    every = dataclasses.replace(options[0], share_on_centres=1.0)
    assert "best spent all on more bases (S2): 20 more" in amend_sentence(
        [every, *options[1:]], 3_000, before
    )
    none = dataclasses.replace(options[0], share_on_centres=0.0, kept_open=())
    assert "best spent all on outreach, no base kept:" in amend_sentence([none, *options[1:]], 3_000, before)
    part = dataclasses.replace(options[0], share_on_centres=0.4)
    assert "best spent 40% on more bases (S2), the rest on outreach:" in amend_sentence(
        [part, *options[1:]], 3_000, before
    )


def test_cli_amend_shows_the_bus_and_can_skip_it(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    _amend_workspace(folder, south=True)
    result = runner.invoke(app, ["amend", str(folder), "one", "--extra", "3000", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    best = data["options"][0]
    assert best["rounds"]["vehicles"] == 1
    assert best["rounds"]["families_served"] == pytest.approx(50.0)
    assert best["families_reached"] == pytest.approx(60.0, abs=0.1)
    skipped = runner.invoke(app, ["amend", str(folder), "one", "--extra", "3000", "--json", "--no-rounds"])
    assert skipped.exit_code == 0, skipped.output
    assert all(o["rounds"] is None for o in json.loads(skipped.stdout)["options"])


def test_a_depot_with_no_vehicle_is_left_out_of_the_model() -> None:
    """Depot E has no vehicle: only D's vehicle drives. D-A-D = 10 + 10 minutes (E is beside A)."""
    minutes = np.array([[0, 30, 10], [30, 0, 1], [10, 1, 0]], dtype=np.float64)  # D, E, A
    from hubplan.outreach.circuits import plan_circuits

    plan = plan_circuits(
        (Stop("A", 52.0, 1.0, 15.0),),
        (Depot("D", 52.0, 1.0, 1), Depot("E", 52.0, 1.0, 0)),
        minutes,
        days=1,
        settings=CircuitSettings(break_minutes=0),
        time_limit_seconds=10,
        solution_limit=10,
    )
    assert [(r.depot, r.stops, r.drive_minutes) for r in plan.routes] == [("D", ("A",), 20.0)]


def test_a_cycle_longer_than_a_year_is_said_in_few_digits() -> None:
    """Probe 10: a 366-day cycle printed "the cycle run 0.628415 times a year"."""
    from hubplan.outreach.circuit_costs import RoundsCost
    from hubplan.outreach.circuit_output import cost_sentence

    cost = RoundsCost(
        vehicles=1, route_days_per_cycle=366, cycles_per_year=230 / 366, staff_hours_per_year=10.0,
        km_per_year=100.0, vehicles_cost_per_year=15_000.0, staff_cost_per_year=500.0, km_cost_per_year=25.0,
    )  # fmt: skip
    assert "the cycle run 0.628 times a year" in cost_sentence(cost)
