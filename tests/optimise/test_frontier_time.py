"""A frontier with a time budget shares what is left equally among the budgets still to solve.

Three budgets and 12 s in all, each solve taking 5 s on a clock the test moves: the first gets 12 / 3 =
4 s, the second (12 - 5) / 2 = 3.5 s, the third 12 - 10 = 2 s; with 8 s in all the third would get
8 - 10 < 0, so the least, 1 s. Without a time budget each gets the settings' own limit.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import hubplan.optimise.frontier as frontier
from hubplan.optimise.plan import Objective, PlanSettings


def _limits(monkeypatch: pytest.MonkeyPatch, time_budget: float | None) -> list[float | None]:
    clock = [0.0]
    given: list[float | None] = []

    def fake_plan(workspace: Any, travel: Any, settings: PlanSettings, *, name: str) -> None:
        given.append(settings.time_limit)
        clock[0] += 5.0

    monkeypatch.setattr(frontier, "plan", fake_plan)
    monkeypatch.setattr(frontier.time, "perf_counter", lambda: clock[0])
    settings = PlanSettings(Objective("coverage", "bus", 30.0), time_limit=30.0)
    frontier.budget_frontier(None, None, np.array([1e6, 2e6, 3e6]), settings, time_budget=time_budget)  # type: ignore[arg-type]
    return given


def test_each_budget_gets_an_equal_share_of_what_is_left(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _limits(monkeypatch, 12.0) == [4.0, 3.5, 2.0]


def test_a_budget_gets_the_least_when_time_has_run_out(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _limits(monkeypatch, 8.0) == [8.0 / 3, 1.5, frontier.LEAST_SECONDS]


def test_no_share_exceeds_the_settings_limit_and_none_is_given_without_a_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _limits(monkeypatch, 600.0) == [30.0, 30.0, 30.0]
    assert _limits(monkeypatch, None) == [30.0, 30.0, 30.0]
