"""Mobile outreach circuits: rounds solved by hand, the working day kept, windows kept, impossible stops
reported, bad tables located, and the command line's JSON interface."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data.assumptions import Travel
from hubplan.data.circuit_settings import CircuitSettings
from hubplan.errors import InputError
from hubplan.outreach.circuit_input import read_depots, read_stops
from hubplan.outreach.circuit_output import NORFOLK_MOBILE_SOURCE, write_circuit_outputs
from hubplan.outreach.circuits import Depot, Stop, circuit_minutes, plan_circuits

runner = CliRunner()
NO_BREAK = CircuitSettings(break_minutes=0)


def _scattered(n: int, seed: int, *, minutes: float = 20.0) -> tuple[Stop, ...]:
    rng = np.random.default_rng(seed)
    lat = 52.6 + rng.uniform(-0.15, 0.15, n)
    lon = 1.0 + rng.uniform(-0.25, 0.25, n)
    return tuple(Stop(f"s{i}", float(lat[i]), float(lon[i]), minutes) for i in range(n))


def test_three_stops_one_depot_solved_by_hand() -> None:
    """One depot D and stops A, B, C, 15 minutes each, one day of 09:00-17:00, no break.

    Driving minutes (row = from, column = to; order D, A, B, C):

        D: 0 10 30 20
        A: 10 0 10 25
        B: 25 10 0 12
        C: 22 25 12 0

    All six orders fit in one day, so one route-day is best, and its driving is:

        D A B C D = 10 + 10 + 12 + 22 = 54
        D A C B D = 10 + 25 + 12 + 25 = 72
        D B A C D = 30 + 10 + 25 + 22 = 87
        D B C A D = 30 + 12 + 25 + 10 = 77
        D C A B D = 20 + 25 + 10 + 25 = 80
        D C B A D = 20 + 12 + 10 + 10 = 52   <- the least

    Leaving at 09:00: C 09:20-09:35, B 09:47-10:02, A 10:12-10:27, back 10:37.
    """
    minutes = np.array([[0, 10, 30, 20], [10, 0, 10, 25], [25, 10, 0, 12], [22, 25, 12, 0]], dtype=np.float64)
    stops = tuple(Stop(s, 52.0, 1.0, 15.0) for s in "ABC")
    depots = (Depot("D", 52.0, 1.0, 1),)
    plan = plan_circuits(
        stops, depots, minutes, days=1, settings=NO_BREAK, time_limit_seconds=20, solution_limit=30
    )
    assert len(plan.routes) == 1
    route = plan.routes[0]
    assert route.stops == ("C", "B", "A")
    assert route.drive_minutes == pytest.approx(52.0)
    assert [v.arrival for v in route.visits] == pytest.approx([9 * 60 + 20, 9 * 60 + 47, 10 * 60 + 12])
    assert [v.departure for v in route.visits] == pytest.approx([9 * 60 + 35, 10 * 60 + 2, 10 * 60 + 27])
    assert (route.start, route.end) == pytest.approx((9 * 60, 10 * 60 + 37))
    assert plan.unserved == ()
    data = plan.to_dict()
    assert data["routes"][0]["stops"] == ["C", "B", "A"]
    assert data["routes"][0]["arrivals"] == ["09:20", "09:47", "10:12"]


def _check_days(plan, stops, minutes, depots, settings) -> None:
    """Every route keeps the working day and the driving between its calls."""
    index = {s.id: len(depots) + i for i, s in enumerate(stops)}
    depot_index = {d.id: k for k, d in enumerate(depots)}
    by_id = {s.id: s for s in stops}
    start = settings.minutes_of(settings.day_start)
    end = settings.minutes_of(settings.day_end)
    for route in plan.routes:
        assert route.start >= start - 1e-6
        assert route.end <= end + 1e-6
        assert route.end - route.start <= settings.max_day_minutes + 1e-6
        where, now = depot_index[route.depot], route.start
        drive = 0.0
        for visit in route.visits:
            leg = minutes[where, index[visit.stop]]
            drive += leg
            # Rounded to tenths of a minute inside the solver.
            assert visit.arrival >= now + leg - 0.1
            assert visit.departure == pytest.approx(visit.arrival + by_id[visit.stop].minutes)
            where, now = index[visit.stop], visit.departure
            if route.break_start is not None:
                brk = (route.break_start, route.break_start + settings.break_minutes)
                assert visit.departure <= brk[0] + 1e-6 or visit.arrival >= brk[1] - 1e-6
        drive += minutes[where, depot_index[route.depot]]
        assert route.end >= now + minutes[where, depot_index[route.depot]] - 0.1
        assert route.drive_minutes == pytest.approx(drive)


def test_every_stop_once_and_no_day_too_long() -> None:
    """40 stops of 45 minutes (30 hours of calls) need at least 5 route-days of 7.5 working hours."""
    stops = _scattered(40, seed=1, minutes=45.0)
    depots = (Depot("north", 52.7, 1.0, 1), Depot("south", 52.5, 1.0, 1))
    settings = CircuitSettings()
    minutes = circuit_minutes(stops, depots, travel=Travel())
    plan = plan_circuits(
        stops, depots, minutes, days=5, settings=settings, time_limit_seconds=20, solution_limit=30
    )
    visited = [s for r in plan.routes for s in r.stops]
    assert sorted(visited) == sorted(s.id for s in stops)
    assert plan.unserved == ()
    assert len(plan.routes) >= 5
    assert plan.longest_day_minutes <= 480
    _check_days(plan, stops, minutes, depots, settings)
    # Every full-length day holds its break inside the round.
    for route in plan.routes:
        if route.end - route.start > 5 * 60:
            assert route.break_start is not None


def test_repeat_visits_and_fixed_weekday() -> None:
    """A stop needing two visits in a 10-day cycle gets one in days 1-5 and one in days 6-10; a
    Wednesday stop is called on a Wednesday (day 3 or 8)."""
    stops = (
        Stop("twice", 52.62, 1.02, 30.0, visits=2),
        Stop("wed", 52.58, 0.98, 30.0, weekday="Wed"),
        Stop("any", 52.60, 1.05, 30.0),
    )
    depots = (Depot("d", 52.6, 1.0, 1),)
    minutes = circuit_minutes(stops, depots, travel=Travel())
    plan = plan_circuits(
        stops, depots, minutes, days=10, settings=NO_BREAK, time_limit_seconds=20, solution_limit=30
    )
    days_of = {}
    for route in plan.routes:
        for s in route.stops:
            days_of.setdefault(s, []).append(route.day)
    assert len(days_of["twice"]) == 2
    first, second = sorted(days_of["twice"])
    assert 1 <= first <= 5 < second <= 10
    assert days_of["wed"] in ([3], [8])
    assert [r.weekday for r in plan.routes if "wed" in r.stops] == ["Wed"]
    assert len(days_of["any"]) == 1


def test_same_inputs_same_plan_at_the_solution_limit() -> None:
    stops = _scattered(15, seed=5, minutes=40.0)
    depots = (Depot("a", 52.55, 0.95, 1), Depot("b", 52.65, 1.05, 1))
    minutes = circuit_minutes(stops, depots, travel=Travel())
    plans = [
        plan_circuits(
            stops,
            depots,
            minutes,
            days=3,
            settings=CircuitSettings(),
            time_limit_seconds=120,
            solution_limit=15,
        )
        for _ in range(2)
    ]
    assert plans[0].solutions == plans[1].solutions == 15
    assert "the same inputs give the same plan" in plans[0].notes[0]
    assert plans[0].routes == plans[1].routes


def test_time_window_is_kept() -> None:
    """A stop open only 14:00-14:30 with 20 minutes of work is called between 14:00 and 14:10."""
    stops = (
        *_scattered(6, seed=3),
        Stop("school", 52.6, 1.0, 20.0, window_start=14 * 60, window_end=14 * 60 + 30),
    )
    depots = (Depot("d", 52.6, 1.0, 1),)
    settings = CircuitSettings()
    minutes = circuit_minutes(stops, depots, travel=Travel())
    plan = plan_circuits(
        stops, depots, minutes, days=1, settings=settings, time_limit_seconds=20, solution_limit=30
    )
    assert plan.unserved == ()
    (visit,) = [v for r in plan.routes for v in r.visits if v.stop == "school"]
    assert 14 * 60 <= visit.arrival <= 14 * 60 + 10
    assert visit.departure <= 14 * 60 + 30
    _check_days(plan, stops, minutes, depots, settings)


def test_stop_farther_than_a_day_is_unserved_with_the_reason() -> None:
    """A stop 300 km away: the car model gives 5.1 + 300 * 1.25 / 78.2 * 60 = 292.8 minutes each way, so
    586 minutes of driving alone, more than the 480-minute day. The others are still planned."""
    far = Stop("far", 52.6 + 300 / 111.2, 1.0, 10.0)
    stops = (*_scattered(5, seed=4), far)
    depots = (Depot("d", 52.6, 1.0, 1),)
    minutes = circuit_minutes(stops, depots, travel=Travel())
    assert minutes[0, len(stops)] == pytest.approx(5.1 + 300 * 1.25 / 78.2 * 60, rel=0.01)
    plan = plan_circuits(
        stops, depots, minutes, days=5, settings=CircuitSettings(), time_limit_seconds=20, solution_limit=30
    )
    assert [u.stop for u in plan.unserved] == ["far"]
    assert "farther than a working day allows" in plan.unserved[0].reason
    assert "480" in plan.unserved[0].reason
    assert sorted(s for r in plan.routes for s in r.stops) == sorted(s.id for s in stops[:5])
    data = plan.to_dict()
    assert data["unserved"] == ["far"]
    assert data["unserved_reasons"][0]["stop"] == "far"


def test_weekend_stop_unserved_with_the_reason() -> None:
    stops = (Stop("sat", 52.6, 1.0, 10.0, weekday="Sat"),)
    depots = (Depot("d", 52.61, 1.0, 1),)
    plan = plan_circuits(
        stops, depots, circuit_minutes(stops, depots, travel=Travel()), days=5, settings=NO_BREAK
    )
    assert plan.routes == ()
    assert "not a working day" in plan.unserved[0].reason


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_tables_name_file_row_and_column(tmp_path: Path) -> None:
    stops = _write(
        tmp_path / "stops.csv",
        "id,lat,lon,minutes,weekday,window_start,window_end\n"
        "a,52.6,1.0,15,Mon,,\n"
        "b,north,1.0,15,,,\n"
        "a,52.6,1.1,-5,Funday,10:00,\n"
        "c,52.6,1.1,30,,10:00,10:15\n",
    )
    with pytest.raises(InputError) as caught:
        read_stops(stops)
    where = {(p.file, p.row, p.column) for p in caught.value.problems}
    assert ("stops.csv", 3, "lat") in where
    assert ("stops.csv", 4, "id") in where  # a duplicate of row 2
    assert ("stops.csv", 4, "minutes") in where
    assert ("stops.csv", 4, "weekday") in where
    assert ("stops.csv", 4, "window_end") in where  # one end only
    assert ("stops.csv", 5, "window_end") in where  # 15 minutes cannot hold 30
    missing = _write(tmp_path / "depots.csv", "id,lat,lon\nd,52.6,1.0\n")
    with pytest.raises(InputError, match=r"depots.csv, row 1, column 'vehicles'"):
        read_depots(missing)
    half = _write(tmp_path / "half.csv", "id,lat,lon,vehicles\nd,52.6,1.0,1.5\n")
    with pytest.raises(InputError, match=r"half.csv, row 2, column 'vehicles'"):
        read_depots(half)
    none = _write(tmp_path / "none.csv", "id,lat,lon,vehicles\nd,52.6,1.0,0\n")
    with pytest.raises(InputError, match="at least one vehicle"):
        read_depots(none)


def test_a_stops_table_saved_by_excel(tmp_path: Path) -> None:
    """Excel's CSV: a byte-order mark, CRLF, empty rows of commas at the end; or ';' and '30 mins'."""
    path = tmp_path / "stops.csv"
    path.write_bytes(
        b"\xef\xbb\xbfid,lat,lon,minutes\r\na,52.6,1.0,15\r\nb,52.7,1.1,20\r\n,,,\r\n,,,\r\n\r\n"
    )
    assert [s.id for s in read_stops(path)] == ["a", "b"]
    path.write_bytes(b"\xef\xbb\xbfid;lat;lon;minutes\r\na;52,6;1,0;15\r\nb;52,7;1,1;20\r\n")
    with pytest.raises(InputError) as caught:
        read_stops(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row) == ("stops.csv", 1)
    assert "separated by ';'" in problem.found
    assert "Comma delimited" in problem.expected
    path.write_text("id,lat,lon,minutes\na,52.6,1.0,30 mins\n")
    with pytest.raises(InputError, match=r"stops.csv, row 2, column 'minutes'"):
        read_stops(path)


def test_reads_optional_columns(tmp_path: Path) -> None:
    stops = read_stops(
        _write(
            tmp_path / "stops.csv",
            "id,lat,lon,minutes,visits,weekday,window_start,window_end,name,community\n"
            "a,52.6,1.0,15,2,wednesday,10:00,12:00,The Green,Necton\n"
            "b,52.7,1.1,20,,,,,,\n",
        )
    )
    assert stops[0] == Stop("a", 52.6, 1.0, 15.0, 2, "Wed", 600, 720, "The Green", "Necton")
    assert stops[1] == Stop("b", 52.7, 1.1, 20.0)


def test_outputs_escape_text_and_cite_the_source(tmp_path: Path) -> None:
    stops = (
        Stop("a", 52.60, 1.00, 15.0, name="<script>alert(1)</script>", community="Necton & Co"),
        Stop("b", 52.62, 1.01, 15.0, community="Necton & Co"),
    )
    depots = (Depot("d", 52.61, 1.0, 1),)
    plan = plan_circuits(
        stops, depots, circuit_minutes(stops, depots, travel=Travel()), days=1, settings=NO_BREAK
    )
    files = write_circuit_outputs(plan, stops, tmp_path, source=NORFOLK_MOBILE_SOURCE)
    names = sorted(p.name for p in files)
    assert names == sorted(
        [
            "plan.json",
            "routes.csv",
            "visits.csv",
            "unserved.csv",
            "timetable-vehicles.html",
            "timetable-communities.html",
        ]
    )
    cards = (tmp_path / "timetable-communities.html").read_text()
    assert "<script>" not in cards
    assert "&lt;script&gt;" in cards
    assert "Necton &amp; Co" in cards
    assert "licence not stated" in cards
    assert "The mobile calls here 2 times every 1 working days." in cards
    vehicles = (tmp_path / "timetable-vehicles.html").read_text()
    assert "Vehicle d-1" in vehicles
    assert "LibrariesHacked/mobilelibraries-data" in vehicles
    assert json.loads((tmp_path / "plan.json").read_text())["source"] == NORFOLK_MOBILE_SOURCE


def test_cli_json_interface(tmp_path: Path) -> None:
    stops = _write(
        tmp_path / "stops.csv",
        "id,lat,lon,minutes\n" + "".join(f"s{i},{52.55 + 0.02 * i},{0.9 + 0.03 * i},30\n" for i in range(8)),
    )
    depots = _write(tmp_path / "depots.csv", "id,lat,lon,vehicles\nd1,52.6,1.0,1\nd2,52.7,1.1,1\n")
    result = runner.invoke(
        app,
        [
            "circuits",
            str(stops),
            "--depots",
            str(depots),
            "--days",
            "20",
            "--json",
            "--time-limit",
            "5",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["unserved"] == []
    visited = [s for r in data["routes"] for s in r["stops"]]
    assert sorted(visited) == [f"s{i}" for i in range(8)]
    for route in data["routes"]:
        assert set(route) >= {"vehicle", "depot", "day", "stops", "drive_minutes"}
        assert 1 <= route["day"] <= 20
        assert route["depot"] in {"d1", "d2"}
    assert (tmp_path / "out" / "timetable-communities.html").exists()


def test_cli_reports_bad_tables_cleanly(tmp_path: Path) -> None:
    stops = _write(tmp_path / "stops.csv", "id,lat,lon\na,52.6,1.0\n")
    depots = _write(tmp_path / "depots.csv", "id,lat,lon,vehicles\nd,52.6,1.0,x\n")
    result = runner.invoke(app, ["circuits", str(stops), "--depots", str(depots), "--json"])
    assert result.exit_code == 1
    assert "stops.csv, row 1, column 'minutes'" in result.output
    assert "depots.csv, row 2, column 'vehicles'" in result.output
    assert "Traceback" not in result.output


def test_circuit_settings_are_checked() -> None:
    from hubplan.data.assumptions import parse_assumptions

    settings = parse_assumptions(
        {"circuits": {"day_start": "08:30", "working_days": ["Tue", "Thu"]}}
    ).circuits
    assert settings.minutes_of(settings.day_start) == 510
    with pytest.raises(InputError, match=r"circuits.*HH:MM"):
        parse_assumptions({"circuits": {"day_start": "9am"}})
    with pytest.raises(InputError, match="day_start before day_end"):
        parse_assumptions({"circuits": {"day_start": "17:00", "day_end": "09:00"}})
    with pytest.raises(InputError, match="working_days among"):
        parse_assumptions({"circuits": {"working_days": ["Funday"]}})
    with pytest.raises(InputError, match="unknown key"):
        parse_assumptions({"circuits": {"lunch": 30}})


def test_rounds_from_a_scenario(tmp_path: Path) -> None:
    """The tiny workspace keeping only S1 (52.60, 1.00): A3 (52.72, 1.12) is 15.6 km away, so its
    6 families without a car (30 x 0.2) need 8 + 10 + 15.6 x 1.4 / 25 x 60 = 70 minutes by bus, beyond
    30; its families with a car need 5.1 + 15.6 x 1.25 / 78.2 x 60 = 20 minutes. A1 and A2 are reached.
    So one stop, A3, of 30 + 1 x 6 = 36 minutes, from a depot at S1."""
    from hubplan.data import load_workspace
    from hubplan.outreach.circuit_scenario import scenario_stops
    from hubplan.travel import build_travel
    from tests.helpers import write_workspace

    folder = write_workspace(tmp_path / "ws")
    workspace = load_workspace(folder)
    stops, depots = scenario_stops(workspace, build_travel(workspace), workspace.scenario("one"))
    assert [s.id for s in stops] == ["A3"]
    assert stops[0].minutes == pytest.approx(36.0)
    assert depots == (Depot("S1", 52.60, 1.00, 1),)
    result = runner.invoke(
        app,
        [
            "circuits",
            str(folder),
            "one",
            "--days",
            "5",
            "--json",
            "--time-limit",
            "20",
            "--solution-limit",
            "30",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(r["depot"], r["stops"]) for r in data["routes"]] == [("S1", ["A3"])]
    assert data["unserved"] == []
    missing = runner.invoke(app, ["circuits", str(folder)])
    assert missing.exit_code == 1
    assert "SCENARIO" in missing.output
