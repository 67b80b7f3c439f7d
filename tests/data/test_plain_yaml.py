"""YAML as people write it by hand: ids as written, YAML 1.2 types, each key once."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hubplan.data.plain_yaml import load, yaml_problem
from hubplan.data.scenario import read_scenario
from hubplan.errors import Problem


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("007", 7),  # YAML 1.1 would read octal: 7 here too, but 010 below would be 8
        ("010", 10),
        ("09", 9),  # YAML 1.1's octal reading fails on this one
        ("1:30:00", "1:30:00"),  # YAML 1.1: the base-60 number 5400
        ("no", "no"),  # YAML 1.1: False
        ("On", "On"),
        ("2018-11-14", "2018-11-14"),  # YAML 1.1: a date
        ("1_000", "1_000"),  # YAML 1.1: 1000
        ("0x1F", "0x1F"),
        ("1e3", 1000.0),
        ("true", True),
        ("~", None),
    ],
)
def test_plain_values_follow_yaml_1_2(text: str, value: object) -> None:
    assert load(f"a: {text}\n") == {"a": value}


def test_a_key_twice_is_refused_at_its_second_line() -> None:
    with pytest.raises(yaml.YAMLError) as caught:
        load("settings:\n  speed: 20\n  colour: red\n  speed: 30\n")
    assert yaml_problem(caught.value, "x.yaml") == Problem(
        "x.yaml", 4, None, "each key once", "the key 'speed' again"
    )


def test_a_yaml_error_does_not_say_found_twice() -> None:
    with pytest.raises(yaml.YAMLError) as caught:
        load("bases:\n\t- a\n")
    assert str(yaml_problem(caught.value, "s.yaml")).startswith(
        "s.yaml, row 2: expected valid YAML, found character '\\t' that cannot start any token"
    )


def _scenario(tmp_path: Path, text: str) -> tuple[object, list[Problem]]:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    return read_scenario(path, problems), problems


def test_base_ids_are_read_as_written(tmp_path: Path) -> None:
    """Sites "007" and "7" are different sites; unquoted, YAML would read both as the number 7."""
    scenario, problems = _scenario(tmp_path, "bases:\n  - 007\n  - 7\n  - 1.0\n  - yes\n  - '08'\n")
    assert problems == []
    assert scenario.bases == ("007", "7", "1.0", "yes", "08")  # type: ignore[attr-defined]
    assert scenario.base_lines == (2, 3, 4, 5, 6)  # type: ignore[attr-defined]


def test_an_empty_base_is_a_problem(tmp_path: Path) -> None:
    _, problems = _scenario(tmp_path, "bases:\n  - a\n  -\n")
    assert [(p.row, p.column, p.expected) for p in problems] == [(1, "bases", "a list of site ids")]


def test_a_budget_typed_as_a_time_is_refused(tmp_path: Path) -> None:
    """YAML 1.1 reads 1:30:00 as 5400 (base 60): a £5,400 budget, silently."""
    scenario, problems = _scenario(tmp_path, "bases: [a]\nbudget_per_year: 1:30:00\n")
    assert [(p.row, p.column, p.found) for p in problems] == [(2, "budget_per_year", "'1:30:00'")]
    assert scenario.budget_per_year is None  # type: ignore[attr-defined]


def test_a_scenario_key_twice_is_refused(tmp_path: Path) -> None:
    scenario, problems = _scenario(tmp_path, "bases: [a]\ntitle: One\nbases: [b]\n")
    assert scenario is None
    assert [(p.row, p.found) for p in problems] == [(3, "the key 'bases' again")]
