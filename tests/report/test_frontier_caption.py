"""The frontier's caption says how far each plan is proven from the best, or that it is not proven.

A frontier of three plans: all optimal (gap 0) says nothing more; one within 0.5% says "proven within
0.5%"; one stopped by the time budget before it had a bound (gap inf) says so, and never "inf%".
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any, cast

from hubplan.analysis.frontier import FrontierBand, FrontierStep
from hubplan.report.document import _frontier_caption


def _caption(*gaps: float) -> str:
    steps = tuple(
        FrontierStep(1e6 * k, 1e6 * k, k, 0.5, math.nan, math.nan, g) for k, g in enumerate(gaps, 1)
    )
    analysis = SimpleNamespace(frontier=FrontierBand("bus", 30.0, steps, 0))
    return _frontier_caption(cast(Any, analysis), "families")


def test_optimal_plans_need_no_word() -> None:
    assert "proven" not in _caption(0.0, 0.0, 0.0)
    assert _caption(0.0, 0.0, 0.0).endswith("any site allowed.")


def test_a_gap_is_given() -> None:
    assert "(proven within 0.5% of the best)" in _caption(0.0, 0.005, 0.0)


def test_a_plan_with_no_bound_is_named_as_such() -> None:
    text = _caption(0.0, math.inf, 0.01)
    assert "(1 of the 3 plans found when the solver's time ran out" in text
    assert "inf" not in text
