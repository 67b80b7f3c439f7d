"""Where each figure comes from: every cost the outputs show has a source and a reason."""

from __future__ import annotations

from pathlib import Path

from hubplan.analysis.provenance import figure_provenance
from hubplan.data import load_workspace
from tests.helpers import TINY_TOML, write_workspace


def test_home_visits_and_rounds_vehicles_have_a_source_and_a_reason(tmp_path: Path) -> None:
    """Probe 10 #6: home visits (£450) and the rounds' vehicles (£15,000 a year, £0.25 a km) were
    costed in every report with no row saying where those figures come from, nor why two km rates."""
    sources = figure_provenance(load_workspace(write_workspace(tmp_path / "w")), {})
    visits, rounds, sessions = (sources.figures[k] for k in ("home_visits", "rounds_costs", "outreach_costs"))
    assert visits.kind == rounds.kind == sessions.kind == "assumed"
    assert visits.detail.startswith(
        "home visits to the families no venue reaches costed at £450 a family a year"
    )
    assert "([costs] home_visits_per_family_per_year; default: 6 visits a year of 2.5 hours" in visits.detail
    assert rounds.detail.startswith(
        "outreach rounds' vehicles costed at £15,000 a vehicle a year and £0.25 a road km ([circuits] "
        "vehicle_cost_per_year, cost_per_km; defaults, modelled: a fitted van"
    )
    assert "Two km rates" in rounds.detail
    assert "£0.45 a km ([costs] mileage_per_km)" in rounds.detail
    assert "£0.45 a km of staff driving" in sessions.detail
    assert "HMRC" in sessions.detail
    assert {"home visits", "outreach rounds' vehicles"} <= set(sources.assumed_names())


def test_costs_set_in_the_workspace_are_the_users(tmp_path: Path) -> None:
    toml = TINY_TOML + "\n[costs]\nhome_visits_per_family_per_year = 600\n[circuits]\ncost_per_km = 0.3\n"
    sources = figure_provenance(load_workspace(write_workspace(tmp_path / "w", toml=toml)), {})
    assert sources.figures["home_visits"].kind == "user"
    assert "£600 a family a year" in sources.figures["home_visits"].detail
    assert sources.figures["rounds_costs"].kind == "user"
    assert "£0.30 a road km" in sources.figures["rounds_costs"].detail
    assert "set in hubplan.toml" in sources.figures["rounds_costs"].detail


def test_an_outreach_sessions_reach_has_a_source(tmp_path: Path) -> None:
    """Probe 11 (fix A's note): the 20 families a session serves was applied, also to children, with no
    row saying it is hubplan's assumption; set in hubplan.toml it is the user's."""
    sources = figure_provenance(load_workspace(write_workspace(tmp_path / "w")), {})
    reach = sources.figures["session_capacity"]
    assert reach.kind == "assumed"
    assert reach.detail == (
        "a weekly outreach session serves 20 families over a year ([outreach] families_per_session; "
        "default: a rotating group of 20, our assumption)"
    )
    assert "an outreach session's reach" in sources.assumed_names()
    toml = TINY_TOML + "\n[outreach]\nfamilies_per_session = 12\n"
    chosen = figure_provenance(load_workspace(write_workspace(tmp_path / "u", toml=toml)), {})
    assert chosen.figures["session_capacity"].kind == "user"
    assert chosen.figures["session_capacity"].detail.startswith(
        "a weekly outreach session serves 12 families"
    )


def test_the_outreach_workers_count_has_a_source(tmp_path: Path) -> None:
    """Probe 34 F6: "outreach workers 8" was printed with nothing saying a worker's 30 hours a week of
    sessions is hubplan's assumption; set in hubplan.toml it is the user's."""
    sources = figure_provenance(load_workspace(write_workspace(tmp_path / "w")), {})
    staff = sources.figures["outreach_staff"]
    assert staff.kind == "assumed"
    assert "a worker giving at most 30 hours a week to sessions" in staff.detail
    assert "([costs] staff_hours_per_week; default: our assumption" in staff.detail
    assert "outreach workers" in sources.assumed_names()
    toml = TINY_TOML + "\n[costs]\nstaff_hours_per_week = 20\n"
    given = figure_provenance(load_workspace(write_workspace(tmp_path / "g", toml=toml)), {})
    assert given.figures["outreach_staff"].kind == "user"
    assert "at most 20 hours a week" in given.figures["outreach_staff"].detail
    assert "set in hubplan.toml" in given.figures["outreach_staff"].detail
