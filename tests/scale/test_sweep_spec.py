"""A sweep's settings: defaults < hubplan.toml < command line; the draws as before; bugs propagate."""

from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

import hubplan.scale.sweep as sweep_module
from hubplan.cli import app
from hubplan.data import load_workspace
from hubplan.errors import HubplanError
from hubplan.evaluate.uncertainty import INTERVAL, draw_car_factors, draw_demand
from hubplan.optimise.rules import Rules
from hubplan.scale.sweep import METRICS, Point, SweepOptions, point_draws, sweep_point
from hubplan.scale.sweep_spec import SweepSpec
from tests.helpers import TINY_TOML, write_workspace
from tests.scale.test_sweep import HAND, hand_inputs

SETTINGS = """
thresholds_minutes = [10, 20, 45, 60]
access_mode = "car"

[uncertainty]
draws = 7
seed = 3
demand_cv = 0.2
"""


@pytest.fixture
def workspace(tmp_path):
    """The tiny workspace with thresholds 10, 20, 45, 60, access by car, and [uncertainty] set."""
    toml = TINY_TOML.replace('baseline = "both"', 'baseline = "both"' + SETTINGS)
    return write_workspace(tmp_path / "ws", toml=toml)


def test_the_workspace_decides_what_is_not_given(workspace):
    """Thresholds 10, 20, 45, 60: access is the one nearest 30, i.e. 20 (|20-30| = 10 < |45-30| = 15)."""
    ws = load_workspace(workspace)
    assert ws.assumptions.evaluation.access == 20
    spec = SweepSpec.from_workspace(ws)
    assert spec.thresholds_minutes == (20.0,)
    assert spec.mode == "car"
    assert (spec.draws, spec.seed, spec.demand_cv) == (7, 3, 0.2)
    assert spec.method == "heuristic"
    assert spec.sources["thresholds_minutes"] == "hubplan.toml"
    assert spec.sources["mode"] == "hubplan.toml"
    assert spec.sources["draws"] == "hubplan.toml"
    assert spec.sources["car_error"] == "default"
    assert spec.car_error == pytest.approx(0.134)


def test_what_is_given_wins(workspace):
    ws = load_workspace(workspace)
    spec = SweepSpec.from_workspace(
        ws, mode="bus", method="exact", thresholds_minutes=[45, 60], draws=0, seed=9, demand_cv=0.0,
        car_error=0.0,
    )  # fmt: skip
    assert (spec.mode, spec.method, spec.thresholds_minutes) == ("bus", "exact", (45.0, 60.0))
    assert (spec.draws, spec.seed, spec.demand_cv, spec.car_error) == (0, 9, 0.0, 0.0)
    assert set(spec.sources.values()) == {"given"}
    options = spec.options({"car": "routed"})
    assert options.car_median_abs_error == 0.0
    assert (options.mode, options.draws, options.seed) == ("bus", 0, 9)


def test_defaults_without_settings(tmp_path):
    """The tiny workspace sets no thresholds: the defaults 10, 20, 30, 45 give 30; bus; 200 draws."""
    spec = SweepSpec.from_workspace(load_workspace(write_workspace(tmp_path / "ws")))
    assert (spec.thresholds_minutes, spec.mode, spec.draws, spec.seed) == ((30.0,), "bus", 200, 0)
    assert spec.sources["mode"] == "default"
    assert spec.demand_cv == pytest.approx(0.10)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"mode": "walk"}, "mode: expected bus or car; got 'walk'"),
        ({"method": "magic"}, "method: expected heuristic or exact"),
        ({"draws": -1}, "draws: expected 0 or more"),
        ({"thresholds_minutes": [0]}, "thresholds_minutes: expected minutes above 0"),
        ({"car_error": 1.0}, "car below 1"),
    ],
)
def test_bad_values_name_the_parameter(tmp_path, given, message):
    ws = load_workspace(write_workspace(tmp_path / "ws"))
    with pytest.raises(HubplanError, match=message):
        SweepSpec.from_workspace(ws, **given)


def test_a_walking_workspace_asks_for_a_mode(tmp_path):
    toml = TINY_TOML.replace('baseline = "both"', 'baseline = "both"\naccess_mode = "walk"')
    ws = load_workspace(write_workspace(tmp_path / "ws", toml=toml))
    with pytest.raises(HubplanError, match="access_mode is walk"):
        SweepSpec.from_workspace(ws)
    assert SweepSpec.from_workspace(ws, mode="bus").mode == "bus"


def test_the_command_sweeps_what_the_spec_says(workspace, tmp_path, monkeypatch):
    """`hubplan sweep` with no --threshold, --mode or --seed sweeps at 20 minutes, by car, seed 3."""
    seen = {}

    def capture(out_dir, inputs, options, **kwargs):
        seen.update(options=options, **kwargs)
        msg = "stop here"
        raise HubplanError(msg)

    monkeypatch.setattr(sweep_module, "run_sweep", capture)
    result = CliRunner().invoke(app, ["sweep", str(workspace), "--bases", "1", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1, result.output
    assert seen["thresholds_minutes"] == [20.0]
    assert (seen["options"].mode, seen["options"].seed, seen["options"].draws) == ("car", 3, 7)
    result = CliRunner().invoke(
        app, ["sweep", str(workspace), "--bases", "1", "--mode", "bus", "--threshold", "45", "--seed", "1"]
    )
    assert result.exit_code == 1, result.output
    assert seen["thresholds_minutes"] == [45.0]
    assert (seen["options"].mode, seen["options"].seed) == ("bus", 1)


def old_intervals(w, near, base, deprived, t, options):
    """The intervals as the sweep drew them before the draws moved into point_draws (ba4fc1c), verbatim."""
    rng = np.random.default_rng(options.seed)
    drawn = {m: [] for m in METRICS}
    for _ in range(options.draws):
        wd = draw_demand(w, rng, cv=options.demand_cv)
        factor = draw_car_factors(len(w), rng, median_abs_error=options.car_median_abs_error)
        near_d = {"car": near["car"] * factor, "bus": near["bus"]}
        base_d = {"car": base["car"] * factor, "bus": base["bus"]}
        total, total_deprived = float(wd.sum()), float(wd[deprived].sum())
        for mode in ("car", "bus"):
            within = near_d[mode] <= t
            drawn[f"within_{mode}"].append(float(wd[within].sum() / total))
            drawn[f"deprived_within_{mode}"].append(float(wd[within & deprived].sum() / total_deprived))
            drawn[f"losing_{mode}"].append(float(wd[(base_d[mode] <= t) & ~within].sum()))
    return {k: np.nanquantile(np.asarray(v), INTERVAL) for k, v in drawn.items()}


@pytest.mark.parametrize("seed", [0, 7])
def test_the_draws_made_on_the_worker_give_the_same_intervals_as_before(seed):
    """Same seed, same figures: the draws are the same numbers in the same order (the shared measuring
    kernel sums by matrix product, so the last bit may differ from these masked sums)."""
    inputs, travel = hand_inputs()
    # One base (C): areas 0 and 1 are 50 minutes from it, area 2 five; at 45 minutes the drawn car
    # minutes cross the threshold, at 28 only the drawn children move the figures.
    for t in (28.0, 45.0):
        options = SweepOptions(draws=300, seed=seed, demand_cv=0.3, car_median_abs_error=0.2)
        row = sweep_point(Point(1, None, (), 78.2, 25.0, t), inputs, travel, Rules(), options, "fp")
        assert row["error"] == ""
        plan = [inputs.site_ids.index(s) for s in row["open_sites"].split(";")]
        near = {m: HAND[:, plan].min(axis=1).astype(np.float64) for m in ("car", "bus")}
        expected = old_intervals(inputs.weights, near, travel.baseline_minutes, inputs.deprived, t, options)
        for key, (lo, hi) in expected.items():
            assert (row[f"{key}_lo"], row[f"{key}_hi"]) == pytest.approx((float(lo), float(hi)), rel=1e-12), (
                key
            )
    assert any(row[f"{k}_lo"] != row[f"{k}_hi"] for k in METRICS)  # the draws did move something


def test_draws_are_made_once_per_process_and_cannot_be_changed():
    options = SweepOptions(draws=5, seed=1)
    demand, car = point_draws(4, options)
    again = point_draws(4, options)
    assert again[0] is demand
    assert again[1] is car
    assert demand.shape == car.shape == (5, 4)
    with pytest.raises(ValueError, match="read-only"):
        demand[0, 0] = 2.0


def test_a_bug_in_a_point_propagates_instead_of_becoming_a_row():
    """Only hubplan's own errors (rules that cannot hold, bad input) are rows; a KeyError is a bug."""
    inputs, travel = hand_inputs()
    point = Point(1, None, (), 78.2, 25.0, 30.0)
    with pytest.raises(KeyError, match="walk"):
        sweep_point(point, inputs, travel, Rules(), SweepOptions(mode="walk", draws=0), "fp")
