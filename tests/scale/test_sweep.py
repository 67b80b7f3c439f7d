"""Sweeps: points solved by hand and by brute force, budgets, rules, speeds, and the command line."""

from __future__ import annotations

import itertools
import math
import re
import shutil

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.cli.sweep import parse_budgets
from hubplan.data import load_workspace
from hubplan.data.assumptions import Travel
from hubplan.errors import HubplanError, InfeasibleError
from hubplan.evaluate.uncertainty import drawn_car_error
from hubplan.optimise.rules import Rules
from hubplan.scale.sweep import (
    Point,
    SweepInputs,
    SweepOptions,
    TravelInputs,
    run_sweep,
    sweep_point,
    sweep_points,
)
from hubplan.scale.sweep_inputs import travel_inputs
from hubplan.travel import TravelMatrix, build_travel
from tests.helpers import write_workspace


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    folder = tmp_path_factory.mktemp("city") / "ws"
    result = CliRunner().invoke(
        app, ["init", str(folder), "--area", "E09000001", "--assume-costs"]
    )  # budgets need costs
    assert result.exit_code == 0, result.output
    return folder


# Three sites and three areas, worked by hand. Bus minutes (car the same):
#            A    B    C
#   area 0   5   40   50    100 children (most deprived fifth)
#   area 1  40    5   50    200 children
#   area 2  50   50    5    250 children
# Costs A £1.0m, B £1.5m, C £2.0m. Children-minutes of each plan:
#   A 500+8000+12500 = 21000, B 4000+1000+12500 = 17500, C 5000+10000+1250 = 16250,
#   A+B (£2.5m) 500+1000+12500 = 14000, A+C (£3.0m) 500+8000+1250 = 9750, B+C (£3.5m) 6250.
# So £2.0m buys C, £2.5m buys A+B, £3.0m buys A+C; within 30 minutes: C 250/550, A+B 300/550,
# A+C 350/550.
HAND = np.array([[5, 40, 50], [40, 5, 50], [50, 50, 5]], dtype=np.float32)


def hand_inputs() -> tuple[SweepInputs, TravelInputs]:
    w = np.array([100.0, 200.0, 250.0])
    inputs = SweepInputs(
        weights=w,
        need_weights=w,
        deprived=np.array([True, False, False]),
        site_ids=("A", "B", "C"),
        site_cost=np.array([1.0e6, 1.5e6, 2.0e6]),
    )
    travel = TravelInputs(
        car_kph=78.2,
        bus_kph=25.0,
        minutes={"car": HAND, "bus": HAND},
        baseline_minutes={m: HAND.min(axis=1).astype(np.float64) for m in ("car", "bus")},
    )
    return inputs, travel


@pytest.mark.parametrize(
    ("budget", "sites", "within", "cost"),
    [(2.0e6, "C", 250 / 550, 2.0e6), (2.5e6, "A;B", 300 / 550, 2.5e6), (3.0e6, "A;C", 350 / 550, 3.0e6)],
)
def test_a_budget_buys_the_plan_worked_out_by_hand(budget, sites, within, cost):
    inputs, travel = hand_inputs()
    point = Point(None, budget, (), 78.2, 25.0, 30.0)
    row = sweep_point(point, inputs, travel, Rules(), SweepOptions(draws=0, method="exact"), "fp")
    assert row["error"] == ""
    assert row["open_sites"] == sites
    assert row["bases"] == len(sites.split(";"))
    assert row["cost_per_year"] == pytest.approx(cost)
    assert row["within_bus"] == pytest.approx(within)
    assert row["within_car"] == pytest.approx(within)
    # Against the baseline (every site: everyone within 5 minutes), the rest lose access.
    assert row["losing_bus"] == pytest.approx(550 * (1 - within))
    # Area 0 (the most deprived fifth) is within 30 minutes only when A is open.
    assert row["deprived_within_bus"] == (1.0 if "A" in sites else 0.0)
    assert math.isnan(row["within_bus_lo"])


def test_the_heuristic_agrees_and_a_budget_too_small_is_an_error_row():
    inputs, travel = hand_inputs()
    point = Point(None, 2.5e6, (), 78.2, 25.0, 30.0)
    row = sweep_point(point, inputs, travel, Rules(), SweepOptions(draws=0), "fp")
    assert row["open_sites"] == "A;B"
    small = sweep_point(
        Point(None, 0.5e6, (), 78.2, 25.0, 30.0), inputs, travel, Rules(), SweepOptions(), "fp"
    )
    assert small["error"].startswith("InfeasibleError: ")
    assert "£500,000" in small["error"]
    assert small["bases"] == 0
    assert small["open_sites"] == ""
    assert math.isnan(small["within_bus"])
    # Rules that could not be built reach the point as their message.
    ruled = sweep_point(point, inputs, travel, "deprived-max=1: area X has none", SweepOptions(), "fp")
    assert ruled["error"] == "InfeasibleError: deprived-max=1: area X has none"


def test_points_are_the_product_and_repeats_are_refused():
    _, travel = hand_inputs()
    points = sweep_points(
        budgets=[1e6, 2e6], rule_sets=[(), ("district-min=1",)], travels=[travel], thresholds_minutes=[20, 30]
    )
    assert len(points) == 2 * 2 * 1 * 2
    assert len({p.key for p, _ in points}) == 8
    assert points[0][0].key == "budget=1000000 rules=none car=78.2 bus=25 threshold=20"
    with pytest.raises(ValueError, match="exactly one of them; got both"):
        sweep_points(bases=[1], budgets=[1e6], travels=[travel])
    with pytest.raises(ValueError, match="twice"):
        sweep_points(bases=[1], travels=[travel, travel])


def test_run_sweep_writes_a_row_per_point_and_error_rows_for_rules_that_cannot_hold(tmp_path):
    inputs, travel = hand_inputs()

    def make_rules(texts, travel):
        if texts:
            raise InfeasibleError(f"{texts[0]}: area 0 has no site within 1 minute")
        return Rules()

    summary = run_sweep(
        tmp_path,
        inputs,
        SweepOptions(draws=20),
        travels=[travel],
        budgets=[0.5e6, 2.0e6, 2.5e6],
        rule_sets=[(), ("deprived-max=1",)],
        make_rules=make_rules,
        n_workers=1,
    )
    assert (summary.rows, summary.submitted) == (6, 6)
    table = pd.read_parquet(tmp_path / "sweep.parquet").set_index("point")
    assert table.index.is_unique
    ok = table[table["error"] == ""]
    assert sorted(ok["open_sites"]) == ["A;B", "C"]
    assert (ok["rules"] == "").all()
    ruled = table[table["rules"] == "deprived-max=1"]
    assert len(ruled) == 3
    assert (ruled["error"] == "InfeasibleError: deprived-max=1: area 0 has no site within 1 minute").all()
    assert table.loc["budget=500000 rules=none car=78.2 bus=25 threshold=30", "error"].startswith(
        "InfeasibleError"
    )
    # Common random numbers: without car error only demand is drawn, and both plans see the same
    # draws; the intervals are the plan's share under them, so they are ordered as the shares are.
    c = table.loc["budget=2000000 rules=none car=78.2 bus=25 threshold=30"]
    ab = table.loc["budget=2500000 rules=none car=78.2 bus=25 threshold=30"]
    assert c["within_bus_lo"] <= c["within_bus"] <= c["within_bus_hi"]
    assert ab["within_bus_lo"] > c["within_bus_lo"]


def test_sweep_points_match_brute_force_and_carry_intervals(city, tmp_path):
    out = tmp_path / "sweep"
    args = ["sweep", str(city), "--bases", "1:3", "--draws", "40", "--out", str(out), "--workers", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "90% intervals over 40 draws" in result.output
    assert "Note: bus minutes are estimated" in result.output  # evaluate's note on the same minutes
    table = pd.read_parquet(out / "sweep.parquet")
    assert table["bases"].tolist() == [1, 2, 3]
    assert (table["error"] == "").all()
    assert table["budget"].isna().all()

    ws = load_workspace(city)
    m = build_travel(ws).minutes
    w = np.asarray(ws.areas.families, dtype=np.float64)
    bus, car = np.asarray(m["bus"], dtype=np.float64), np.asarray(m["car"], dtype=np.float64)
    assert (table["car_kph"] == ws.assumptions.travel.car.speed_kph).all()
    for row in table.to_dict(orient="records"):
        p = row["bases"]
        best = min(
            itertools.combinations(range(bus.shape[1]), p),
            key=lambda s: float(w @ bus[:, list(s)].min(axis=1)),
        )
        assert row["objective"] == pytest.approx(float(w @ bus[:, list(best)].min(axis=1)), rel=1e-5)
        near_car = car[:, list(best)].min(axis=1)
        assert row["within_car"] == pytest.approx(float(w[near_car <= 30].sum() / w.sum()))
        # Baseline: every library open; children losing access by car are those within 30 minutes of
        # some library but not of the plan's.
        lost = float(w[(car.min(axis=1) <= 30) & (near_car > 30)].sum())
        assert row["losing_car"] == pytest.approx(lost)
        assert row["within_car_lo"] <= row["within_car_hi"]
        assert row["losing_bus_lo"] <= row["losing_bus_hi"]

    # The same sweep again is read back, not solved again.
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "0 solved now, 3 already done" in result.output


def test_without_errors_the_interval_is_the_point(city, tmp_path):
    copy = tmp_path / "ws"
    shutil.copytree(city, copy)
    toml = copy / "hubplan.toml"
    toml.write_text(toml.read_text() + '\n[uncertainty]\nbus_median_abs_error = { "0-2" = 0.0 }\n')
    out = tmp_path / "sweep"
    result = CliRunner().invoke(
        app,
        [
            "sweep",
            str(copy),
            "--bases",
            "2",
            "--draws",
            "5",
            "--demand-cv",
            "0",
            "--car-error",
            "0",
            "--out",
            str(out),
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    row = pd.read_parquet(out / "sweep.parquet").iloc[0]
    for key in ("within_car", "within_bus", "losing_car", "losing_bus"):
        assert row[f"{key}_lo"] == pytest.approx(row[key])
        assert row[f"{key}_hi"] == pytest.approx(row[key])
    assert not math.isnan(row["within_bus"])


KM_PER_DEGREE = 111.1951  # a degree of latitude on the mean Earth radius (6,371.0088 km)


@pytest.fixture
def meridian(tmp_path):
    """One site and three areas 10, 22 and 30 km due north of it (urban: bus rurality factor 1).

    Car minutes are 5.1 + km x 1.25 / kph x 60: at 60 km/h 17.6, 32.6 and 42.6; at 100 km/h
    12.6, 21.6 and 27.6. Within 30 minutes: 10 of 60 children at 60 km/h, all 60 at 100 km/h.
    Bus minutes are 2.37 + m x (km / 10) ^ 0.593, where a bus speed sets the distance term's minutes
    at 10 km, m = 10 / kph x 60 (walking is slower): at 25 km/h m = 24, giving 26.4, 40.7 and 48.4;
    at 50 km/h m = 12, giving 14.4, 21.5 and 25.4. Within 30: 10 of 60 at 25 km/h, all 60 at 50 km/h.
    """
    areas = [
        f"A{i},{52.0 + km / KM_PER_DEGREE:.7f},1.0,D1,{n},{decile},urban,0.2"
        for i, (km, n, decile) in enumerate([(10, 10, 1), (22, 20, 5), (30, 30, 9)])
    ]
    return write_workspace(
        tmp_path / "ws",
        sites=["S1,Only site,children_centre,52.0,1.0,D1,100000"],
        areas=areas,
        scenarios={"all": "bases: [S1]\n"},
        toml='[region]\nname = "Meridian"\ndistricts = ["D1"]\n\n[evaluation]\nbaseline = "all"\n',
    )


def test_two_car_and_two_bus_speeds_change_the_shares_as_worked_by_hand(meridian, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["sweep", str(meridian), "--bases", "1", "--car-speed", "60,100", "--bus-speed", "25,50",
         "--draws", "0", "--out", str(out), "--workers", "1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "car km/h" in result.output
    assert "bus km/h" in result.output
    table = pd.read_parquet(out / "sweep.parquet")
    assert len(table) == 4
    assert (table["error"] == "").all()
    by = table.set_index(["car_kph", "bus_kph"])
    for bus in (25.0, 50.0):
        assert by.loc[(60.0, bus), "within_car"] == pytest.approx(10 / 60)
        assert by.loc[(100.0, bus), "within_car"] == pytest.approx(1.0)
    for car in (60.0, 100.0):
        assert by.loc[(car, 25.0), "within_bus"] == pytest.approx(10 / 60)
        assert by.loc[(car, 50.0), "within_bus"] == pytest.approx(1.0)
        # The most deprived fifth is the 10 children 10 km away.
        assert by.loc[(car, 25.0), "deprived_within_bus"] == pytest.approx(1.0)
    # The one site is the plan and the baseline: nobody loses access under any speed.
    assert (table["losing_car"] == 0).all()
    assert table["point"].is_unique
    # One more car speed: only its points are solved; the others are read back by fingerprint.
    result = CliRunner().invoke(
        app,
        ["sweep", str(meridian), "--bases", "1", "--car-speed", "60,100,80", "--bus-speed", "25,50",
         "--draws", "0", "--out", str(out), "--workers", "1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2 solved now, 4 already done" in result.output
    assert len(pd.read_parquet(out / "sweep.parquet")) == 6


def test_a_speed_for_routed_minutes_is_refused(meridian):
    ws = load_workspace(meridian)
    travel = build_travel(ws)
    routed = TravelMatrix(minutes=travel.minutes, sources={**travel.sources, "car": "routed"})
    kept = travel_inputs(ws, routed)
    assert math.isnan(kept.car_kph)
    assert kept.bus_kph == pytest.approx(Travel().bus.speed_kph)
    with pytest.raises(
        HubplanError, match="car minutes are routed, and a speed changes estimated minutes only"
    ):
        travel_inputs(ws, routed, car_kph=60.0)
    with pytest.raises(HubplanError, match="expected a speed from 1 to 300 km/h; got -1"):
        travel_inputs(ws, travel, bus_kph=-1.0)
    with pytest.raises(HubplanError, match=r"got 0\.5"):
        travel_inputs(ws, travel, bus_kph=0.5)  # a slip for 5


def test_thresholds_are_an_axis(meridian, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["sweep", str(meridian), "--bases", "1", "--threshold", "15,30,45", "--draws", "0",
         "--out", str(out), "--workers", "1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    table = pd.read_parquet(out / "sweep.parquet").set_index("threshold_minutes")
    # Car minutes at 78.2 km/h: 5.1 + km x 0.95908 = 14.7, 26.2 and 33.9.
    assert table.loc[15.0, "within_car"] == pytest.approx(10 / 60)
    assert table.loc[30.0, "within_car"] == pytest.approx(30 / 60)
    assert table.loc[45.0, "within_car"] == pytest.approx(1.0)


def test_a_rule_that_cannot_hold_under_one_speed_is_an_error_row_there_only(meridian, tmp_path):
    """The deprived area is 10 km out: by bus 2.37 + 60 = 62.4 minutes at 10 km/h, 26.4 at 25 km/h."""
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["sweep", str(meridian), "--bases", "1", "--bus-speed", "10,25", "--rule-set", "deprived-max=45",
         "--rule-set", "deprived-max=70", "--draws", "0", "--out", str(out), "--workers", "1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1 failed" in result.output
    table = pd.read_parquet(out / "sweep.parquet").set_index(["rules", "bus_kph"])
    assert len(table) == 4
    failed = table[table["error"] != ""]
    assert failed.index.tolist() == [("deprived-max=45", 10.0)]
    assert failed["error"].iloc[0] == (
        "InfeasibleError: deprived-max=45: area A0 (A0) has no candidate site within 45 minutes by bus"
    )
    assert (table.loc[table["error"] == "", "open_sites"] == "S1").all()


def test_budgets_and_rule_sets_on_a_workspace_match_brute_force(city, tmp_path):
    """City of London: 5 libraries; the budget plan is the best subset within budget (brute force)."""
    ws = load_workspace(city)
    cost = np.asarray(ws.sites.cost_per_year, dtype=np.float64)
    low, mid = float(np.sort(cost)[0]), float(np.sort(cost)[:2].sum())
    half = float(round(low * 0.5))  # below the cheapest site: nothing fits
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["sweep", str(city), "--budgets", f"{half:.0f},{low:.0f},{mid:.0f}",
         "--rule-set", "none", "--rule-set", "district-min=1", "--draws", "0", "--method", "exact",
         "--out", str(out), "--workers", "1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "budget" in result.output
    assert "points that failed" in result.output
    table = pd.read_parquet(out / "sweep.parquet")
    assert len(table) == 3 * 2
    m = build_travel(ws).minutes
    w = np.asarray(ws.areas.families, dtype=np.float64)
    bus = np.asarray(m["bus"], dtype=np.float64)
    n = bus.shape[1]
    for rules in ("", "district-min=1"):  # one district: at least one base, as any plan has
        rows = table[table["rules"] == rules].set_index("budget")
        assert rows.loc[half, "error"].startswith("InfeasibleError")
        for budget in (low, mid):
            subsets = [
                s
                for k in range(1, n + 1)
                for s in itertools.combinations(range(n), k)
                if cost[list(s)].sum() <= budget
            ]
            best = min(float(w @ bus[:, list(s)].min(axis=1)) for s in subsets)
            row = rows.loc[budget]
            assert row["error"] == ""
            assert row["objective"] == pytest.approx(best, rel=1e-6)
            assert row["cost_per_year"] <= budget


def test_budget_ranges_are_read():
    assert parse_budgets("2e6:6e6:0.5e6") == [2e6 + 0.5e6 * k for k in range(9)]
    assert parse_budgets("4m:5m:0.5m") == [4e6, 4.5e6, 5e6]
    assert parse_budgets("5.2m,4m,£800k") == [8e5, 4e6, 5.2e6]
    # Thousands separators as people type them: one budget of £4m, not budgets of £4, £0 and £0.
    assert parse_budgets("4,000,000") == [4e6]
    assert parse_budgets("£4,500,000") == [4.5e6]
    assert parse_budgets("4,000,000:5,000,000:500,000") == [4e6, 4.5e6, 5e6]


@pytest.mark.parametrize("text", ["4,000,000,5m", "4m,500,000", "£4m-£6m", "4,5m", "£1,3m", "5:5m:1m"])
def test_ambiguous_budgets_are_refused(text):
    with pytest.raises(typer.BadParameter, match="an amount as 4m, 4000000 or 4,000,000"):
        parse_budgets(text)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("1.500", "without a thousands dot: write 1500 for £1,500"),  # a European £1,500: not £1.50
        ("4m,1.500", "without a thousands dot"),
        ("20bn", "at most £10,000,000,000 a year"),
        ("2e11", "at most £10,000,000,000 a year"),
        ("4m:6m:12bn", "at most £10,000,000,000 a year"),
    ],
)
def test_budgets_keep_the_rules_every_money_option_keeps(text, said):
    """The sweep read budgets with its own parser: "1.500" was £1.50 and "20bn" a budget."""
    with pytest.raises(typer.BadParameter, match=re.escape(said)):
        parse_budgets(text)


def test_unset_errors_and_draws_are_the_workspaces_uncertainty_settings(city, tmp_path):
    """As the report: [uncertainty] with no error in the inputs gives intervals that are the point."""
    copy = tmp_path / "ws"
    shutil.copytree(city, copy)
    toml = copy / "hubplan.toml"
    toml.write_text(
        toml.read_text() + "\n[uncertainty]\ndraws = 7\ndemand_cv = 0.0\ncar_median_abs_error = 0.0\n"
        'bus_median_abs_error = { "0-2" = 0.0 }\n'
    )
    out = tmp_path / "sweep"
    result = CliRunner().invoke(
        app, ["sweep", str(copy), "--bases", "2", "--out", str(out), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "90% intervals over 7 draws" in result.output
    row = pd.read_parquet(out / "sweep.parquet").iloc[0]
    for key in ("within_car", "within_bus", "losing_car", "losing_bus"):
        assert (row[f"{key}_lo"], row[f"{key}_hi"]) == pytest.approx((row[key], row[key]))


def test_out_that_is_a_file_is_refused_before_any_work_and_left_as_it_was(city, tmp_path):
    kept = tmp_path / "notes.csv"
    kept.write_text("a,b\n1,2\n")
    result = CliRunner().invoke(app, ["sweep", str(city), "--bases", "1", "--out", str(kept)])
    assert result.exit_code == 2, result.output
    assert "Invalid value for --out: expected a folder" in " ".join(result.output.replace("│", " ").split())
    assert kept.read_text() == "a,b\n1,2\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bases", "1:9"], "from 1 to 5"),
        (["--budgets", "6m:2m:1m"], "Invalid value for --budgets: expected START:STOP:STEP"),
        (["--car-speed", "0"], "Invalid value for --car-speed: expected a list of speeds"),
        (["--threshold", "30,abc"], "Invalid value for --threshold: expected a list of minutes"),
        (["--bases", "many"], "Invalid value for --bases: expected START:STOP:STEP"),
        (["--budgets", "lots"], "expected START:STOP:STEP or a list of amounts"),
        (["--budgets", "1m:2m"], "expected START:STOP:STEP or a list of amounts"),
        (["--bases", "2", "--budgets", "4m"], "not both"),
        (["--car-speed", "0,60"], "speeds in km/h above 0"),
        (["--bus-speed", "fast"], "speeds in km/h above 0"),
        (["--car-speed", "60,250"], "speeds in km/h above 0 and at most 130"),  # probe 8 #28: per mode
        (["--threshold", "30,-5"], "minutes above 0"),
        (["--rule-set", "district-min=1;nonsense=3"], "unknown rule 'nonsense'"),
        (["--rule-set", "district-min=1,deprived-max=45"], "--rule-set: expected rules joined by ';'"),
        (["--rule", "deprived-max=soon"], "expected a number after 'deprived-max='"),
    ],
)
def test_bad_options_are_refused_with_a_message(city, tmp_path, args, message):
    result = CliRunner().invoke(app, ["sweep", str(city), *args, "--out", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.replace("│", " ").split())
    assert "Traceback" not in result.output
    assert not (tmp_path / "sweep.parquet").exists()


def test_routed_or_imported_car_minutes_are_not_drawn_with_the_car_models_error():
    """As the report: the car model's 13.4% applies to its own estimates, not to routed minutes."""
    assert drawn_car_error({"car": "estimated", "bus": "estimated"}, 0.134) == 0.134
    assert drawn_car_error({"car": "routed", "bus": "estimated"}, 0.134) == 0.0
    assert drawn_car_error({"car": "imported", "bus": "routed"}, 0.134) == 0.0


def test_bus_intervals_widen_when_the_bus_error_is_on_and_equal_the_point_when_it_is_zero():
    """£2.0m buys C: bus minutes to it 50, 50 and 5, so 250 of 550 children are within 30.

    With demand and car held, only bus minutes move: ``m exp(z sigma)``. Edges 31.3 and 50.3 minutes
    put 5 in the first band and 50 in the second; with a 30% error there, 50 minutes fall to 30 or
    less when ``z sigma <= ln 0.6`` (sigma 0.456: z <= -1.12, 13% of draws for each of the two
    areas), so the 95th percentile of the share rises above 250/550; the lower end stays at it, as
    the 5-minute area never leaves 30 (that takes a factor of 6).
    """
    inputs, travel = hand_inputs()
    point = Point(None, 2.0e6, (), 78.2, 25.0, 30.0)
    edges = (31.3, 50.3)
    held = SweepOptions(draws=300, demand_cv=0.0, car_median_abs_error=0.0, method="exact")
    zero = SweepOptions(
        draws=300, demand_cv=0.0, car_median_abs_error=0.0, method="exact",
        bus_band_minutes=edges, bus_median_abs_error=(0.0, 0.0, 0.0),
    )  # fmt: skip
    on = SweepOptions(
        draws=300, demand_cv=0.0, car_median_abs_error=0.0, method="exact",
        bus_band_minutes=edges, bus_median_abs_error=(0.2, 0.3, 0.3),
    )  # fmt: skip
    for options in (held, zero):
        row = sweep_point(point, inputs, travel, Rules(), options, "fp")
        assert row["within_bus_lo"] == row["within_bus_hi"] == pytest.approx(250 / 550)
    row = sweep_point(point, inputs, travel, Rules(), on, "fp")
    assert row["within_bus"] == pytest.approx(250 / 550)
    assert row["within_bus_lo"] == pytest.approx(250 / 550)
    assert row["within_bus_hi"] > 250 / 550
    # Car minutes are held, so the car interval stays the point.
    assert row["within_car_lo"] == row["within_car_hi"] == pytest.approx(250 / 550)
