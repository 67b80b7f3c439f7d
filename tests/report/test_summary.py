"""The summary's sentences: a count outside its own 90% interval is led by the interval."""

from __future__ import annotations

import re

from hubplan.analysis.uncertainty import scenario_intervals
from hubplan.data import bundled_workspace_path, load_workspace
from hubplan.evaluate import evaluate
from hubplan.report.summary import headline_sentences
from hubplan.report.tables import OUTSIDE_MARK, count_with_interval
from hubplan.travel import build_travel


def test_a_count_outside_its_interval_gives_the_interval_first_in_words() -> None:
    """Probe 11 #10: "17,274 (90% interval 18,190–19,966)†" led with a figure outside its own range."""
    assert count_with_interval(17_274, (18_190, 19_966), words=True) == (
        f"18,190\u201319,966 (90% interval; the model's point estimate, 17,274{OUTSIDE_MARK}, lies below it)"
    )
    assert count_with_interval(14_287, (11_948, 13_618), words=True) == (
        f"11,948\u201313,618 (90% interval; the model's point estimate, 14,287{OUTSIDE_MARK}, lies above it)"
    )
    assert count_with_interval(6_077, (5_610, 6_540), words=True) == "6,077 (90% interval 5,610\u20136,540)"
    # A table cell keeps the count first, marked.
    assert count_with_interval(17_274, (18_190, 19_966)) == f"17,274 (18,190\u201319,966){OUTSIDE_MARK}"


def test_norfolk_headline_leads_with_the_range_where_the_point_lies_outside_it() -> None:
    """Norfolk's 53 centres: the model's point, 17,274 beyond 30 bus minutes, lies below its 90% interval,
    so the sentence gives the interval first, and the share of the interval, not the point's 37%."""
    ws = load_workspace(bundled_workspace_path())
    travel = build_travel(ws)
    evaluations = [evaluate(ws, name, travel=travel) for name in ("baseline-53", "proposal-2018-7")]
    intervals = scenario_intervals(ws, travel, evaluations)
    first = headline_sentences(evaluations, region="Norfolk", intervals=intervals)[0]
    low, high = intervals["baseline-53"].modes["bus"].total.beyond.at(0, 2)
    point = round(float(evaluations[0].families - evaluations[0].modes["bus"].total.within[0, 2]))
    assert point < round(low)  # the case: the point lies below its own interval
    lead = f"{round(low):,}\u2013{round(high):,} (90% interval; the model's point estimate, {point:,}"
    assert first.startswith(f"All 53 centres open (2018): {lead}"), first
    assert re.search(r"children under five \(\d+%\u2013\d+%\) would be more than 30 minutes", first), first
    assert not first.startswith(f"All 53 centres open (2018): {point:,}")
