"""The decision's record: Norfolk's reads back as the record has it; bad files name the line and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from hubplan.data import bundled_workspace_path, load_workspace
from hubplan.data.decision import load_decision, read_decision
from hubplan.errors import InputError

GOOD = """\
proposal:
  scenario: one
  when: 2018-09
consultation:
  start: 2018-09-24
  end: 2018-11-16
motions:
  - title: Withdraw
    result: defeated
    votes_for: 27
    votes_against: 48
    abstentions: 2
amendments:
  - title: More money
    scenario: both
    extra:
      - year: 2019/20
        amount_per_year: 1.3m
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "decision.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_norfolk_record_has_the_votes_and_the_money() -> None:
    ws = load_workspace(bundled_workspace_path())
    decision = load_decision(ws.path, scenarios=tuple(ws.scenarios))
    assert decision is not None
    assert decision.proposal.scenario == "proposal-2018-7"
    assert decision.outcome is not None
    assert decision.outcome.scenario == "adopted-2019-15"
    withdraw = [m for m in decision.motions if "withdraw" in m.title.lower()]
    assert [(m.votes_for, m.votes_against, m.abstentions, m.result) for m in withdraw] == [
        (27, 48, 2, "defeated")
    ]
    money = sorted(x.amount_per_year for a in decision.amendments for x in a.extra)
    assert money == [1_000_000, 1_300_000, 3_000_000]
    assert {a.scenario for a in decision.amendments} == {"adopted-2019-15"}
    assert decision.petitions[0].signatures == 6000
    assert decision.consultation is not None
    assert decision.consultation.length_weeks() == 8


def test_length_from_dates_counts_both_ends(tmp_path: Path) -> None:
    """24 September to 16 November 2018: 6 + 31 + 16 = 53 days apart, 54 days in all = 54/7 weeks."""
    decision = read_decision(_write(tmp_path, GOOD))
    assert decision.consultation is not None
    assert decision.consultation.length_weeks() == pytest.approx(54 / 7)
    assert decision.amendments[0].extra[0].amount_per_year == 1_300_000


def test_a_workspace_without_a_record_has_none(tmp_path: Path) -> None:
    assert load_decision(tmp_path) is None
    assert load_decision(None) is None


@pytest.mark.parametrize(
    ("text", "line", "key", "found"),
    [
        (GOOD.replace("    abstentions: 2\n", "    abstentions: 2\n    turnout: 77\n"), 13, "motions.0.turnout",
         "an unknown key"),
        (GOOD.replace("votes_for: 27", "votes_for: many"), 10, "motions.0.votes_for", "'many'"),
        (GOOD.replace("votes_for: 27", "votes_for: 1600"), 10, "motions.0.votes_for", "1600"),  # the responses
        (GOOD.replace("end: 2018-11-16", "end: 2018-13-01"), 6, "consultation.end", "'2018-13-01'"),
        (GOOD.replace("result: defeated", "result: lost"), 9, "motions.0.result", "'lost'"),
        (GOOD.replace("amount_per_year: 1.3m", "amount_per_year: lots"), 18,
         "amendments.0.extra.0.amount_per_year", "'lots'"),
    ],
)  # fmt: skip
def test_bad_values_name_line_and_key(tmp_path: Path, text: str, line: int, key: str, found: str) -> None:
    with pytest.raises(InputError, match="decision record has 1 problem") as info:
        read_decision(_write(tmp_path, text))
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column, problem.found) == ("decision.yaml", line, key, found)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("votes_for: 27", "votes_for: -1").replace("when: 2018-09", "when: last autumn")
    with pytest.raises(InputError) as info:
        read_decision(_write(tmp_path, text))
    assert sorted((p.row, p.column) for p in info.value.problems) == [
        (3, "proposal.when"),
        (10, "motions.0.votes_for"),
    ]


def test_anchors_and_aliases_are_refused(tmp_path: Path) -> None:
    text = GOOD.replace("  scenario: one\n", "  scenario: &s one\n") + "outcome:\n  scenario: *s\n"
    with pytest.raises(InputError, match="no anchors or aliases") as info:
        read_decision(_write(tmp_path, text))
    assert [(p.row, p.found) for p in info.value.problems] == [(2, "an anchor (&s)")]


def test_unknown_scenarios_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="one of the workspace's scenarios") as info:
        read_decision(_write(tmp_path, GOOD), scenarios=("one", "two"))
    assert [(p.row, p.column, p.found) for p in info.value.problems] == [
        (15, "amendments.0.scenario", "'both'")
    ]


@pytest.mark.parametrize(
    ("raw", "line", "expected"),
    [
        (b"proposal:\n  scenario: [one\n", 3, "valid YAML"),
        (b"proposal:\n  scenario: caf\xe9\n", 2, "UTF-8 text"),
        (b"- just\n- a list\n", None, "a mapping with at least 'proposal:'"),
    ],
)
def test_unreadable_files(tmp_path: Path, raw: bytes, line: int | None, expected: str) -> None:
    path = tmp_path / "decision.yaml"
    path.write_bytes(raw)
    with pytest.raises(InputError) as info:
        read_decision(path)
    (problem,) = info.value.problems
    assert (problem.row, problem.expected) == (line, expected)
