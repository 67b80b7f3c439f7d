"""The report shows each figure's 90% interval where it shows the figure, and ``report --json`` has them.

The expected intervals are worked out here from Norfolk's own arrays and draws made afresh from the
same seed, in the same order (per draw: a demand factor per area, then a car factor per area).
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from hubplan.analysis import Analysis, analyse, fingerprint
from hubplan.analysis.uncertainty import scenario_intervals
from hubplan.cli import app
from hubplan.data import load_workspace, write_bundled_workspace
from hubplan.data.workspace import Workspace
from hubplan.evaluate import evaluate
from hubplan.evaluate.uncertainty import (
    CAR_MEDIAN_ABS_ERROR,
    DEMAND_CV,
    lognormal_sigma_for_cv,
    lognormal_sigma_for_median_abs_error,
)
from hubplan.report import charts
from hubplan.report.document import render_html
from hubplan.report.tables import comparison_rows
from hubplan.travel import build_travel

SCENARIOS = ("baseline-53", "proposal-2018-7")


@pytest.fixture(scope="module")
def norfolk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bundled_workspace(tmp_path_factory.mktemp("intervals") / "norfolk")


@pytest.fixture(scope="module")
def analysed(norfolk: Path) -> tuple[Workspace, Analysis]:
    ws = load_workspace(norfolk)
    travel = build_travel(ws)
    return ws, analyse(ws, travel, [evaluate(ws, n, travel=travel) for n in SCENARIOS])


def _span(low: float, high: float) -> str:
    return f"{round(low):,}\u2013{round(high):,}"


def _expected_bus_beyond(ws: Workspace, analysis: Analysis, scenario: str) -> tuple[float, float]:
    """Children beyond 30 bus minutes in each of 200 draws of demand and of bus minutes.

    Bus minutes are ``m exp(z sigma)``, ``z`` one standard normal per area from
    ``default_rng([0, 2])`` and ``sigma`` that of the trip's band (the bus model's urban minutes at
    2, 5 and 10 km are the bands' edges).
    """
    settings = ws.assumptions.uncertainty
    assert settings.draws == 200
    assert settings.seed == 0
    assert settings.demand_cv == DEMAND_CV
    n = len(ws.areas.ids)
    rng = np.random.default_rng(0)
    s_demand = lognormal_sigma_for_cv(DEMAND_CV)
    s_car = lognormal_sigma_for_median_abs_error(CAR_MEDIAN_ABS_ERROR)
    families = np.asarray(ws.areas.families, dtype=np.float64)
    ev = next(e for e in analysis.evaluations if e.scenario.name == scenario)
    nearest = ev.modes["bus"].nearest_minutes.astype(np.float64)
    bus = ws.assumptions.travel.bus
    edges = [bus.fixed_minutes + bus.minutes_per_km * km**bus.exponent for km in (2.0, 5.0, 10.0)]
    errors = list(settings.bus_median_abs_error.values())
    sigma = np.array([lognormal_sigma_for_median_abs_error(e) for e in errors])[
        np.searchsorted(edges, nearest, side="left")
    ]
    z = np.random.default_rng([0, 2]).standard_normal((200, n))
    beyond = []
    for d in range(200):
        f = rng.lognormal(-s_demand * s_demand / 2, s_demand, size=n)
        rng.lognormal(0.0, s_car, size=n)  # the car factors, drawn in between
        far = nearest * np.exp(z[d] * sigma) > 30
        beyond.append(float((families * f)[far].sum()))
    low, high = np.quantile(beyond, [0.05, 0.95])
    return float(low), float(high)


def test_headline_and_table_carry_the_intervals(analysed: tuple[Workspace, Analysis]) -> None:
    ws, analysis = analysed
    page = html.unescape(render_html(analysis))
    ev = analysis.evaluations[1]
    beyond = float(ev.families - ev.modes["bus"].total.within[0, 2])
    low, high = _expected_bus_beyond(ws, analysis, "proposal-2018-7")
    assert low < beyond < high
    summary = re.search(r'<ul class="summary">(.*?)</ul>', page, re.S)
    assert summary is not None
    sentence = f"{round(beyond):,} (90% interval {_span(low, high)}) of Norfolk's 47,149 children under five"
    assert sentence in summary.group(1)
    assert "Ranges in brackets are 90% intervals over 200 draws" in summary.group(1)
    assert "walk minutes are not drawn" in summary.group(1)
    assert (
        "estimated bus minutes with the bus model's error measured against real timetables"
        in summary.group(1)
    )

    # The comparison table's "over 30 min by bus" row: the same interval, in brackets.
    row = re.search(r'<th scope="row">children over 30 min by bus</th>(.*?)</tr>', page, re.S)
    assert row is not None
    cells = re.findall(r"<td>(.*?)</td>", row.group(1))
    assert cells[1] == f"{round(beyond):,} ({_span(low, high)})"
    # Every share within and every loss in the table has one too.
    lose = re.search(r'<th scope="row">lose access \(30 min by bus\)</th>(.*?)</tr>', page, re.S)
    assert lose is not None
    assert re.fullmatch(
        r"[\d,]+ \([\d,]+\u2013[\d,]+\)\u2020?", re.findall(r"<td>(.*?)</td>", lose.group(1))[1]
    )
    within = re.search(r'<th scope="row">car: within 30 min</th>(.*?)</tr>', page, re.S)
    assert within is not None
    assert all(
        re.fullmatch(r"\d+% \(\d+\u2013\d+%\)\u2020?", c)
        for c in re.findall(r"<td>(.*?)</td>", within.group(1))
    )
    assert "would lose a base within 30 minutes by bus" in page


def test_a_figure_outside_its_own_interval_is_marked_and_explained(
    analysed: tuple[Workspace, Analysis],
) -> None:
    """Threshold counts can fall outside their draws' range (Norfolk's proposal: 23,800 lose a base within
    30 min by bus, range about 20,300-22,500): every such cell carries a dagger, no other does, and the
    note says why."""
    _, analysis = analysed
    page = html.unescape(render_html(analysis))
    cells = re.findall(r"<td>([\d,]+%?) \(([\d,]+)\u2013([\d,]+)%?\)(\u2020?)</td>", page)
    assert len(cells) > 20
    marked = 0
    for value, low, high, mark in cells:
        v, lo, hi = (int(x.replace(",", "").rstrip("%")) for x in (value, low, high))
        assert (mark == "\u2020") == (v < lo or v > hi), (value, low, high, mark)
        marked += mark == "\u2020"
    assert marked >= 1
    assert "a figure marked \u2020 lies outside its own range" in page


def test_the_chart_has_a_bar_per_option_from_the_same_intervals(analysed: tuple[Workspace, Analysis]) -> None:
    _ws, analysis = analysed
    spec = charts.cost_coverage(list(analysis.evaluations), intervals=analysis.intervals)
    assert spec["layer"][0]["mark"]["type"] == "errorbar"
    for row, ev in zip(spec["data"]["values"], analysis.evaluations, strict=True):
        band = analysis.intervals[ev.scenario.name].modes["bus"].total.within_share
        assert (row["share_low"], row["share_high"]) == band.at(0, 2)
        # Bus minutes are drawn, and more of Norfolk's areas sit just over 30 bus minutes than just
        # under, so the drawn share can lie wholly above the point (the summary says so).
        assert row["share_low"] <= row["share_high"]
        assert abs(row["share"] - (row["share_low"] + row["share_high"]) / 2) < 0.05
    assert "<svg" in charts.to_svg(spec)


def test_intervals_are_deterministic_and_in_the_json(
    analysed: tuple[Workspace, Analysis], norfolk: Path
) -> None:
    ws, analysis = analysed
    travel = build_travel(ws)
    again = scenario_intervals(ws, travel, list(analysis.evaluations))
    assert {k: v.to_dict() for k, v in again.items()} == {
        k: v.to_dict() for k, v in analysis.intervals.items()
    }
    result = CliRunner().invoke(app, ["report", str(norfolk), "--scenarios", ",".join(SCENARIOS), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    low, high = _expected_bus_beyond(ws, analysis, "proposal-2018-7")
    beyond = data["intervals"]["proposal-2018-7"]["modes"]["bus"]["beyond"]["30"]
    assert beyond == pytest.approx([low, high], abs=1e-3)
    assert data["intervals"]["proposal-2018-7"]["draws"] == 200


def test_no_draws_no_intervals_and_a_new_fingerprint(
    analysed: tuple[Workspace, Analysis], tmp_path: Path
) -> None:
    ws, analysis = analysed
    # With draws = 0 there are no intervals and the frontier has no band (frontier_band's draws = 0).
    frontier = analysis.frontier
    assert frontier is not None
    no_band = dataclasses.replace(frontier, draws=0)
    page = render_html(dataclasses.replace(analysis, intervals={}, frontier=no_band))
    assert "90% interval" not in page
    assert "Ranges in brackets" not in page
    rows = comparison_rows(list(analysis.evaluations))
    assert all("(" not in cell for label, cells, _ in rows if "within" in label for cell in cells)
    copy = write_bundled_workspace(tmp_path / "w")
    toml = copy / "hubplan.toml"
    toml.write_text(toml.read_text() + "\n[uncertainty]\ndraws = 0\n")
    off = load_workspace(copy)
    assert off.assumptions.uncertainty.draws == 0
    assert fingerprint(off, list(analysis.evaluations)) != fingerprint(ws, list(analysis.evaluations))
    assert scenario_intervals(off, build_travel(off), list(analysis.evaluations)) == {}
