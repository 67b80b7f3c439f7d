"""``hubplan outreach`` options a user gets wrong: refused naming the option, never swapped for a default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from tests.helpers import TINY_TOML, write_workspace

runner = CliRunner()


@pytest.mark.parametrize("threshold", ["0", "-0", "0.0", "1441", "1e308"])
def test_a_threshold_of_0_or_over_a_day_is_refused(tmp_path: Path, threshold: str) -> None:
    """Probe 8 #5 and #10: ``--threshold 0`` had silently planned for 30 minutes, 1e308 for no one."""
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, ["outreach", str(folder), "one", "--threshold", threshold, "--json"])
    assert result.exit_code == 1, result.output
    assert "--threshold: expected minutes above 0 and at most 1,440 (24 hours); got" in result.output
    assert "threshold_minutes" not in result.output  # no plan printed


def test_a_threshold_given_is_the_one_planned_for(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, ["outreach", str(folder), "one", "--threshold", "1440", "--json"])
    assert result.exit_code == 0, result.output
    assert '"threshold_minutes": 1440.0' in result.output


NO_COST_SITES = [
    "S1,Site one,children_centre,52.60,1.00,D1,",
    "S2,Site two,library,52.70,1.10,D2,",
]
"""The tiny workspace's sites as a council's open data gives them: no cost_per_year."""

CHILDREN_AREAS = "id,lat,lon,district,children,deprivation_decile,rurality,no_car_share"


def _assumed_costs(folder: Path) -> Path:
    """The tiny workspace with no costs of its own and ``init --assume-costs``'s setting (Norfolk's)."""
    return write_workspace(
        folder, sites=NO_COST_SITES, toml=TINY_TOML + "\n[costs]\nsite_cost_per_year = 192453\n"
    )


def test_no_budget_plans_no_outreach_even_when_the_bases_have_no_cost(tmp_path: Path) -> None:
    """Probe 10 #2: with no budget and bases of unknown cost, outreach said "no budget was set" yet
    bought sessions and home visits without limit (the unknown cost left unknown money, read as no
    limit), while the report of the same plan said no outreach is planned. One rule now: none."""
    folder = write_workspace(tmp_path / "w", sites=NO_COST_SITES)
    result = runner.invoke(app, ["outreach", str(folder), "one", "--threshold", "10", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["families_in_need"] > 0  # someone needs outreach; none is planned for them
    assert data["budget_per_year"] is None
    assert data["sessions"] == []
    assert data["home_visit_families"] == 0
    assert data["outreach_cost_per_year"] == 0
    assert data["home_visits_cost_per_year"] == 0
    assert "no budget was set (the scenario's budget_per_year or [outreach] budget_per_year), so no " \
        "outreach is planned" in data["notes"]  # fmt: skip


def test_a_budget_with_bases_of_unknown_cost_plans_no_outreach_and_says_why(tmp_path: Path) -> None:
    """What a budget leaves after bases of unknown cost is unknown: no outreach, the budget still shown."""
    folder = write_workspace(tmp_path / "w", sites=NO_COST_SITES)
    result = runner.invoke(app, ["outreach", str(folder), "one", "--threshold", "10", "--budget", "1m"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "budget a year │ £1.00m" in text
    assert "outreach sessions (0 a week at 0 venues; assumed [2])" in text
    assert "some of one's bases have no cost_per_year, so what the budget of £1,000,000 a year leaves " \
        "for outreach is not known and no outreach is planned" in text  # fmt: skip


def test_assumed_costs_are_labelled_and_no_budget_is_made_up(tmp_path: Path) -> None:
    """Probe 10 #1: on an ``init --assume-costs`` council the CLI printed "budget a year £393k" (the
    assumed bases' cost plus the online offer, a budget no one set) and the bases' cost with no word
    that it is assumed; the report said "costs assumed, not the council's"."""
    folder = _assumed_costs(tmp_path / "w")
    result = runner.invoke(app, ["outreach", str(folder), "one", "--threshold", "10"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "budget a year" not in text
    assert "bases (assumed: £192k a site, Norfolk's £10.2m / 53 centres) │ £192k" in text
    assert "total (assumed: £192k a site, Norfolk's £10.2m / 53 centres; see [1], [2], [3])" in text
    assert "no outreach is planned" in text
    assert "give a budget with --budget" in text
    data = json.loads(
        runner.invoke(app, ["outreach", str(folder), "one", "--threshold", "10", "--json"]).output
    )
    assert data["budget_per_year"] is None
    assert data["bases_cost_assumed"] == "assumed: £192k a site, Norfolk's £10.2m / 53 centres"


def test_costs_from_sites_csv_are_not_labelled_assumed(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(app, ["outreach", str(folder), "one", "--budget", "1m", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["bases_cost_assumed"] == ""


def test_outreach_names_its_travel_rule_and_counts_the_workspace_unit(tmp_path: Path) -> None:
    """Probe 10 #9: "children within 30 min of a base" named no mode (it is by bus without a car, by
    car with one, unlike evaluate's "by bus"), and tables headed children as "families"."""
    folder = write_workspace(tmp_path / "w", areas_header=CHILDREN_AREAS)
    result = runner.invoke(app, ["outreach", str(folder), "one", "--budget", "1m", "--threshold", "10"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "children within 10 min of a base (by bus without a car, by car with one)" in text
    assert "children in need" in text
    assert "how children are reached" in text
    # the tables count children; only the assumption that a session serves 20 families says families
    tables = text.split("Note: [1]")[0]
    assert "families" not in tables
    assert "serves 20 families over a year, applied to children as areas.csv counts them" in text


def _rows(args: list[str]) -> list[str]:
    """The output's lines, the table's borders and padding taken off."""
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return [" ".join(line.replace("│", " ").split()) for line in result.output.splitlines()]


def test_every_assumed_outreach_figure_says_so_and_why(tmp_path: Path) -> None:
    """Probe 34 F6: the online offer, the sessions' cost, the children reached and the workers were
    printed as the council's own figures; only the bases said "assumed".

    The tiny workspace sets none of these costs, so each is hubplan's: the online offer is Norfolk's
    £200,000 for 47,149 children pro rata to these 10 + 20 + 30 = 60 families, £254.5, to the £100:
    £300; a session serves 20 families; a worker gives 30 hours a week.
    """
    folder = write_workspace(tmp_path / "w")
    rows = _rows(["outreach", str(folder), "one", "--budget", "1k"])
    assert "online offer (assumed [1]) £300" in rows
    assert any(r.startswith("outreach sessions (") and r.endswith("; assumed [2]) £0") for r in rows), rows
    assert "home visits (1 families; assumed [3]) £600" in rows
    assert "total (see [1], [2], [3]) £1k" in rows
    assert "families reached by outreach (assumed [4]) 1" in rows
    assert "outreach workers (assumed [5]) 0" in rows
    notes = [r for r in rows if r.startswith("Note: [")]
    assert notes[0] == (
        "Note: [1] assumed by hubplan: the online offer at £300 a year ([costs] online_offer_per_year; "
        "default: Norfolk's £200,000 for 47,149 children under five, pro rata to these 60 families with "
        "children under five)"
    )
    assert notes[1].startswith(
        "Note: [2] assumed by hubplan: outreach sessions costed at £25 an hour of staff"
    )
    assert notes[2].startswith("Note: [3] assumed by hubplan: home visits to the families no venue reaches")
    assert notes[3].startswith("Note: [4] assumed by hubplan: a weekly outreach session serves 20 families")
    assert notes[4].startswith(
        "Note: [5] assumed by hubplan: outreach workers counted as the staff each base"
    )
    assert "at most 30 hours a week" in notes[4]
    assert len(notes) == 5


def test_outreach_figures_set_in_hubplan_toml_say_they_are_the_users(tmp_path: Path) -> None:
    toml = TINY_TOML + "\n[costs]\nonline_offer_per_year = 5000\nstaff_hours_per_week = 25\n"
    folder = write_workspace(tmp_path / "w", toml=toml)
    rows = _rows(["outreach", str(folder), "one", "--budget", "10k"])
    assert "online offer (your figure [1]) £5k" in rows
    assert "outreach workers (your figure [5]) 0" in rows
    assert (
        "Note: [1] given by the user: the online offer at £5,000 a year ([costs] online_offer_per_year; set "
        "in hubplan.toml)"
    ) in rows
    assert any(r.startswith("Note: [5] given by the user:") and "at most 25 hours a week" in r for r in rows)
    assert "Note: [2] assumed by hubplan: outreach sessions costed at" in " ".join(rows)


def test_amend_marks_the_outreach_figures_it_shows(tmp_path: Path) -> None:
    """amend shows outreach's reach and cost, not its workers: four notes, the same words."""
    folder = write_workspace(tmp_path / "w")
    result = runner.invoke(
        app, ["amend", str(folder), "one", "--budget", "1k", "--extra", "500", "--no-rounds"]
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "Note: [4] assumed by hubplan: a weekly outreach session serves 20 families" in said
    assert "Note: [5]" not in said


def test_json_says_where_each_outreach_figure_comes_from(tmp_path: Path) -> None:
    """``outreach --json`` and ``amend --json`` carried the figures without the sources the terminal
    marks them with: a reader of the JSON could not tell an assumed online offer from the council's."""
    toml = TINY_TOML + "\n[costs]\nonline_offer_per_year = 5000\n"
    folder = write_workspace(tmp_path / "w", toml=toml)
    result = runner.invoke(app, ["outreach", str(folder), "one", "--budget", "10k", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["sources"]) == {
        "online_offer", "outreach_costs", "home_visits", "session_capacity", "outreach_staff"
    }  # fmt: skip
    assert data["sources"]["online_offer"] == {
        "kind": "user",
        "detail": "the online offer at £5,000 a year ([costs] online_offer_per_year; set in hubplan.toml)",
    }
    assert data["sources"]["session_capacity"]["kind"] == "assumed"
    assert any("estimated" in n for n in data["notes"]), data["notes"]  # evaluate's note on the minutes
    amended = runner.invoke(
        app, ["amend", str(folder), "one", "--budget", "10k", "--extra", "500", "--no-rounds", "--json"]
    )
    assert amended.exit_code == 0, amended.output
    shown = json.loads(amended.output)
    assert set(shown["sources"]) == {"online_offer", "outreach_costs", "home_visits", "session_capacity"}
    assert shown["sources"]["online_offer"]["kind"] == "user"
    assert shown["notes"] == data["notes"]
