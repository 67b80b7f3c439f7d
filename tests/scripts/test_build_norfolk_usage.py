"""Norfolk's modelled usage agrees with what the council published, and says it is modelled."""

from __future__ import annotations

import pytest

from hubplan.data import bundled_workspace_path, load_workspace
from hubplan.data.usage import load_usage
from hubplan.evaluate.usage import reach_of_usage


def test_norfolk_usage_reproduces_the_published_figures_and_is_labelled_modelled() -> None:
    """Published (2018): "used by 23,000 families over the past year"; "just under 25% of families in our
    most disadvantaged areas do not currently access children's centres". The most deprived fifth of
    Norfolk's LSOAs has 9,615 children under five (areas.csv, deciles 1-2); 75.5% of them seen is
    round(9,615 * 0.755) = 7,259, so 2,356 (24.5%) are not."""
    workspace = load_workspace(bundled_workspace_path())
    usage = load_usage(workspace)
    assert usage is not None
    assert usage.modelled.all()
    result = reach_of_usage(workspace, usage)
    assert result.total.seen == 23_000
    assert result.most_deprived is not None
    assert (result.most_deprived.children, result.most_deprived.seen) == (9_615, 7_259)
    assert result.most_deprived_not_seen == pytest.approx(0.245, abs=5e-4)
    assert result.modelled
    assert (result.seen <= result.children).all()
    assert (result.registered >= result.seen).all()
    assert (bundled_workspace_path() / "usage.md").read_text().count("modelled") >= 1
