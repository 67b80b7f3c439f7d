"""``hubplan optimise`` and ``frontier`` options a user gets wrong: refused naming the option."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import bundled_workspace_path
from tests.helpers import TINY_TOML, write_workspace

runner = CliRunner()


@pytest.mark.parametrize("limit", ["0", "-0", "0.0"])
def test_a_time_limit_of_0_is_refused(tmp_path: Path, limit: str) -> None:
    """Probe 8 #27: ``--time-limit 0`` printed a plan "proven within inf% of the best possible"."""
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, ["optimise", str(folder), "--bases", "1", "--dry-run", "--time-limit", limit])
    assert result.exit_code == 1, result.output
    assert "--time-limit: expected more than 0 seconds; got '" in result.output


@pytest.mark.parametrize(("step", "count"), [("1", "9,900,001"), ("1k", "9,901")])
def test_a_frontier_step_giving_too_many_budgets_is_refused(tmp_path: Path, step: str, count: str) -> None:
    """Probe 8 #3: ``--step 1`` asked for 9.9 million solves and never answered."""
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(
        app,
        ["frontier", str(folder), "--from", "100k", "--to", "10m", "--step", step, "--method", "heuristic"],
    )
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert (
        "--step: budgets: expected a step giving at most 200 budgets (each is a solve) from £100,000 to"
        in (output)
    )
    assert f"that gives {count}" in output
    assert "use a step of at least £50,000" in output


def test_a_budget_below_the_cheapest_site_names_the_budget_and_that_cost(tmp_path: Path) -> None:
    """Probe 9 #30: ``--budget 1`` said '--bases: expected at least one base', an option never given."""
    folder = write_workspace(tmp_path / "w")  # S1 costs £100 a year, S2 £50
    result = runner.invoke(app, ["optimise", str(folder), "--budget", "1", "--dry-run"])
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert "--budget: expected at least the cheapest candidate's cost, £50 a year (S2)" in output
    assert "got '£1'" in output
    assert "--bases" not in output


def test_assumed_costs_are_labelled_in_every_cost_row(tmp_path: Path) -> None:
    """Probe 10 #1: on an ``init --assume-costs`` workspace optimise printed "cost a year £385k" with no
    word that the cost is assumed (Norfolk's £10.2m over 53 centres), unlike the report."""
    sites = ["S1,Site one,children_centre,52.60,1.00,D1,", "S2,Site two,library,52.70,1.10,D2,"]
    toml = TINY_TOML + "\n[costs]\nsite_cost_per_year = 192453\n"
    folder = write_workspace(tmp_path / "w", sites=sites, toml=toml)
    label = "assumed: £192k a site, Norfolk's £10.2m / 53 centres"
    optimised = runner.invoke(app, ["optimise", str(folder), "--bases", "1", "--dry-run"])
    assert optimised.exit_code == 0, optimised.output
    text = " ".join(optimised.output.split())
    assert f"cost a year ({label})" in text
    assert f"saving a year ({label})" in text
    evaluated = runner.invoke(app, ["evaluate", str(folder), "one"])
    assert evaluated.exit_code == 0, evaluated.output
    assert f"saving £192k ({label})." in " ".join(evaluated.output.split())
    compared = runner.invoke(app, ["compare", str(folder)])
    assert f"cost a year ({label})" in " ".join(compared.output.split())


def test_costs_from_sites_csv_carry_no_assumed_label(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, ["optimise", str(folder), "--bases", "1", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "assumed" not in result.output


PROBE_SITES = [  # probe round 10's "tiny": s3 is the cheapest site and far from every area
    "s1,Alpha Centre,children_centre,52.6000,1.3000,Alpha,100000",
    "s2,Beta Centre,children_centre,52.6300,1.3000,Alpha,150000",
    "s3,Gamma Library,library,52.7000,1.4000,Beta,80000",
]
PROBE_AREAS = [
    "a1,Area One,52.6000,1.3100,Alpha,100,1,urban,0.5",
    "a2,Area Two,52.6500,1.3000,Alpha,200,3,urban,0.2",
    "a3,Area Three,52.7200,1.4000,Beta,50,9,rural_village,0.1",
    "a4,Area Four,52.8000,1.5000,Beta,150,5,rural_town,0.0",
]
PROBE_TOML = '[region]\nname = "Tinyshire"\ndistricts = ["Alpha","Beta"]\n'


@pytest.mark.parametrize("method", ["exact", "heuristic"])
def test_a_frontier_budget_of_exactly_the_cheapest_site_is_a_plan_reaching_no_one(
    tmp_path: Path, method: str
) -> None:
    """Probe 10 #4: at £80k, s3's cost, the frontier said "no plan fits" because s3 reaches 0 within 20 min.

    Worked: only s3 (£80k) fits £80k; no area is within 20 min of it by bus, so every plan ties at
    0 children and the empty plan was kept. A plan has at least one base: 1 base, £80k, 0 children.
    """
    folder = write_workspace(
        tmp_path / "w",
        sites=PROBE_SITES,
        areas=PROBE_AREAS,
        areas_header="id,name,lat,lon,district,children,deprivation_decile,rurality,no_car_share",
        toml=PROBE_TOML,
        scenarios={},
    )
    result = runner.invoke(
        app, ["frontier", str(folder), "--from", "80k", "--to", "80k", "--step", "1k", "--method", method]
    )
    assert result.exit_code == 0, result.output
    assert "no plan fits" not in result.output
    json_result = runner.invoke(
        app,
        [
            "frontier",
            str(folder),
            "--from",
            "80k",
            "--to",
            "80k",
            "--step",
            "1k",
            "--method",
            method,
            "--json",
        ],
    )
    assert json_result.exit_code == 0, json_result.output
    (point,) = json.loads(json_result.stdout)["points"]
    assert point["bases"] == 1
    assert point["sites"] == "s3"
    assert point["cost_per_year"] == pytest.approx(80_000)
    assert point["families_within"] == 0


@pytest.mark.parametrize(
    ("args", "option", "found"),
    [
        (["optimise", "{w}", "--budget", "10000000001", "--dry-run"], "--budget", "10000000001"),
        (["optimise", "{w}", "--budget", "10.5bn", "--dry-run"], "--budget", "10.5bn"),
        (["amend", "{w}", "both", "--extra", "20bn", "--no-rounds"], "--extra", "20bn"),
        (["frontier", "{w}", "--to", "11bn"], "--to", "11bn"),
    ],
)
def test_an_amount_over_10bn_is_refused_like_cost_per_year(
    tmp_path: Path, args: list[str], option: str, found: str
) -> None:
    """Probe 10 #7: docs cap any cost or budget at £10bn, yet ``--budget 10000000001`` planned ``best-10000m``."""
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, [str(folder) if a == "{w}" else a for a in args])
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert (
        f"error: {option}: expected an amount of at most £10,000,000,000 a year (£10bn, the limit on any "
        f"cost or budget); got '{found}'"
    ) in output
    assert not (folder / "scenarios" / "best-10000m.yaml").exists()


def test_a_budget_of_exactly_10bn_is_taken(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, ["optimise", str(folder), "--budget", "10bn", "--dry-run"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("option", "text"), [("--budget", "180.000"), ("--budget", "£180.000")])
def test_a_budget_with_a_thousands_dot_is_refused_as_in_a_file(
    tmp_path: Path, option: str, text: str
) -> None:
    """Probe 10 #12: ``cost_per_year`` 205.000 is refused, but ``--budget 180.000`` was read as £180."""
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, ["optimise", str(folder), option, text, "--dry-run"])
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert (
        f"error: {option}: expected a sum in £ without a thousands dot: write 180000 for £180,000, or 180 "
        "for £180 (a dot and three digits is how a European spreadsheet writes thousands; hubplan would "
        f"read it as £180); got '{text}'"
    ) in output


def test_a_budget_with_pence_is_not_a_thousands_dot(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")  # S1 £100, S2 £50
    result = runner.invoke(app, ["optimise", str(folder), "--budget", "150.00", "--dry-run"])
    assert result.exit_code == 0, result.output


def test_a_budget_a_penny_below_another_gets_its_own_name(tmp_path: Path) -> None:
    """Probe 10 #13: --budget 180000 and then 179999.99 were both 'best-0.18m'; the second was refused."""
    folder = write_workspace(tmp_path / "w")  # S1 £100, S2 £50: a plan fits either budget
    first = runner.invoke(app, ["optimise", str(folder), "--budget", "180000", "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["scenario"] == "best-0.18m"
    second = runner.invoke(app, ["optimise", str(folder), "--budget", "179999.99", "--json"])
    assert second.exit_code == 0, second.output
    assert json.loads(second.stdout)["scenario"] == "best-179999.99"
    text = (folder / "scenarios" / "best-179999.99.yaml").read_text()
    assert "title: Best plan within £179,999.99 a year" in text
    assert "title: Best plan within £0.18m a year" in (folder / "scenarios" / "best-0.18m.yaml").read_text()


def test_a_workspace_counting_children_is_described_in_children(tmp_path: Path) -> None:
    """Probe 10: the frontier's title and optimise's line said "families" where areas.csv counts children."""
    from tests.helpers import AREAS_HEADER

    header = AREAS_HEADER.replace("families", "children")
    folder = write_workspace(tmp_path / "w", areas_header=header)
    optimised = runner.invoke(app, ["optimise", str(folder), "--bases", "1", "--dry-run"])
    assert optimised.exit_code == 0, optimised.output
    assert "the least child-weighted minutes by bus" in optimised.output
    frontier = runner.invoke(app, ["frontier", str(folder), "--objective", "coverage:20:bus"])
    assert frontier.exit_code == 0, frontier.output
    assert "best plans for the most children within 20 minutes" in " ".join(frontier.output.split())
    assert "families" not in frontier.output


def test_the_frontier_says_its_costs_are_modelled_and_its_minutes_estimated() -> None:
    """Probe 11 #6: ``frontier`` priced plans of 33-42 bases, mostly libraries whose cost as a base is
    modelled, with no note, while ``evaluate`` notes both: it now prints evaluate's own notes."""
    ws = str(bundled_workspace_path())
    args = ["frontier", ws, "--from", "3m", "--to", "3.5m", "--step", "0.5m"]
    result = runner.invoke(app, [*args, "--method", "heuristic"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "Note: bus minutes are estimated" in result.output
    assert "Note: modelled data: " in result.output
    assert "libraries' costs as bases" in result.output
    as_json = runner.invoke(app, [*args, "--method", "heuristic", "--json"])
    assert as_json.exit_code == 0, as_json.output
    evaluated = runner.invoke(app, ["evaluate", ws, "adopted-2019-15", "--json"])
    assert evaluated.exit_code == 0, evaluated.output
    notes = json.loads(as_json.stdout)["notes"]
    assert "bus minutes are estimated" in notes
    assert set(notes) <= set(json.loads(evaluated.stdout)["notes"])  # the same words as evaluate's
