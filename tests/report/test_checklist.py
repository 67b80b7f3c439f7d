"""The statutory checklist: a short consultation, or a closing centre with no event near, is "not met".

The workspace: two children's centres 0.1 degrees of latitude apart (about 11 km), C1 kept and C2
closed by the scenario "keep", and one library. Near: the library is 0.001 degrees (about 110 m) from
C2, so by bus it is the 8 access minutes plus the 5-minute urban wait plus under a minute of riding
(13-14 minutes), inside the 30 minutes an event must be within. Far: the library is 0.4 degrees north
(about 44 km), which takes over an hour by bus, so C2 has no event within reach.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hubplan.analysis.evidence import gather_evidence
from hubplan.analysis.view import render_view
from hubplan.data import load_workspace
from hubplan.data.decision import read_decision
from hubplan.evaluate import evaluate
from hubplan.report.checklist import DUTIES, Item, statutory_checklist
from hubplan.travel import build_travel
from tests.helpers import write_workspace

TOML = """
[region]
name = "Tiny"
districts = ["D1"]
bounds = { min_lat = 52.0, max_lat = 53.5, min_lon = 0.5, max_lon = 1.5 }

[evaluation]
baseline = "all"
"""
AREAS = [
    "A1,52.60,1.00,D1,10,1,urban,0.5",
    "A2,52.70,1.00,D1,20,5,urban,0.2",
]


def _record(start: str, end: str, held: str) -> str:
    events = f"  events_held: [{held}]\n" if held else ""
    return f"proposal:\n  scenario: keep\nconsultation:\n  start: {start}\n  end: {end}\n{events}"


def _items(
    tmp_path: Path, *, library_lat: float, start: str, end: str, held: str = "L1"
) -> dict[tuple[str, str], Item]:
    folder = write_workspace(
        tmp_path / "ws",
        sites=[
            "C1,Centre one,children_centre,52.60,1.00,D1,100",
            "C2,Centre two,children_centre,52.70,1.00,D1,100",
            f"L1,Library,library,{library_lat},1.00,D1,50",
        ],
        areas=AREAS,
        scenarios={"all": "bases: [C1, C2]\n", "keep": "title: Keep one\nbases: [C1]\n"},
        toml=TOML,
    )
    (folder / "decision.yaml").write_text(_record(start, end, held))
    ws = load_workspace(folder)
    travel = build_travel(ws)
    evaluations = [evaluate(ws, name, travel=travel) for name in ("all", "keep")]
    evidence = gather_evidence(ws, travel, evaluations, decision=read_decision(folder / "decision.yaml"))
    return {(i.duty, i.item): i for i in statutory_checklist(render_view(ws), evidence)}


def test_short_consultation_is_not_met(tmp_path: Path) -> None:
    """1 to 28 October 2018 is 28 days, 4 weeks: under the 12-week minimum."""
    items = _items(tmp_path, library_lat=52.701, start="2018-10-01", end="2018-10-28")
    assert items["5D", "Consultation period"].status == "not met"
    assert items["gunning", "Adequate time"].status == "not met"
    assert "4.0 weeks" in items["5D", "Consultation period"].evidence[0]


def test_twelve_weeks_and_an_event_near_are_met(tmp_path: Path) -> None:
    """3 September to 25 November 2018: 28 + 31 + 25 = 84 days, exactly 12 weeks."""
    items = _items(tmp_path, library_lat=52.701, start="2018-09-03", end="2018-11-25")
    assert items["5D", "Consultation period"].status == "met"
    assert items["gunning", "Adequate time"].status == "met"
    assert items["5D", "Drop-in events near every closing centre"].status == "met"
    assert "closes 1 centres" in items["5D", "Drop-in events near every closing centre"].evidence[0]


def test_an_event_hubplan_suggests_is_not_a_record(tmp_path: Path) -> None:
    """The library 110 m from C2 would do, but decision.yaml records no event held: an officer must say."""
    items = _items(tmp_path, library_lat=52.701, start="2018-09-03", end="2018-11-25", held="")
    events = items["5D", "Drop-in events near every closing centre"]
    assert events.status == "needs an officer's input"
    assert "No drop-in event is on record" in events.evidence[0]
    assert "a suggestion is not evidence" in events.evidence[1]
    statuses = {key: item.status for key, item in items.items()}
    # Only the record's dates make anything met; nothing of hubplan's own making does.
    assert {key for key, status in statuses.items() if status == "met"} == {
        ("5D", "Consultation period"),
        ("gunning", "Adequate time"),
    }
    reasons = " ".join(items["gunning", "Sufficient reasons"].evidence)
    assert "Norfolk" not in reasons  # the region is "Tiny"


def test_closing_centre_with_no_event_near_is_not_met(tmp_path: Path) -> None:
    items = _items(tmp_path, library_lat=53.10, start="2018-09-03", end="2018-11-25")
    events = items["5D", "Drop-in events near every closing centre"]
    assert events.status == "not met"
    assert "C2" in events.evidence[-1]
    assert "C1" not in events.evidence[-1]


def test_every_duty_is_covered_and_linked(tmp_path: Path) -> None:
    items = _items(tmp_path, library_lat=52.701, start="2018-09-03", end="2018-11-25")
    assert {duty for duty, _ in items} == {"5A", "5D", "149", "gunning"}
    assert DUTIES["5A"].link == "https://www.legislation.gov.uk/ukpga/2006/21/section/5A"
    assert DUTIES["5D"].link == "https://www.legislation.gov.uk/ukpga/2006/21/section/5D"
    assert DUTIES["149"].link == "https://www.legislation.gov.uk/ukpga/2010/15/section/149"
    for item in items.values():
        assert item.status in ("met", "not met", "needs an officer's input")
        assert item.evidence
    women = items["149", "Questions the data cannot answer yet"].evidence
    assert any("women" in e and "attendance records" in e for e in women)
    # No responses are stored: consideration cannot be shown, so an officer must answer.
    assert items["5D", "Responses considered"].status == "needs an officer's input"


@pytest.mark.parametrize(("minimum", "status"), [(12.5, "not met"), (12.0, "met"), (8.0, "met")])
def test_minimum_is_a_setting(tmp_path: Path, minimum: float, status: str) -> None:
    """The record's 12 weeks (84 days) fail a 12.5-week minimum and pass 12 and 8."""
    _items(tmp_path, library_lat=52.701, start="2018-09-03", end="2018-11-25")
    ws = load_workspace(tmp_path / "ws")
    travel = build_travel(ws)
    evaluations = [evaluate(ws, name, travel=travel) for name in ("all", "keep")]
    evidence = gather_evidence(ws, travel, evaluations)  # reads the workspace's decision.yaml itself
    items = {
        (i.duty, i.item): i for i in statutory_checklist(render_view(ws), evidence, minimum_weeks=minimum)
    }
    assert items["5D", "Consultation period"].status == status
    assert f"minimum used here is {minimum:g} weeks" in items["5D", "Consultation period"].evidence[1]
