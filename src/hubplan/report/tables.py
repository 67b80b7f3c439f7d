"""Rich tables for the terminal: one scenario's reach, its breakdown by group, and scenarios side by side."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from rich.table import Table

from hubplan.analysis.shapes import EvaluationShape
from hubplan.analysis.uncertainty import ReachIntervals, ScenarioIntervals
from hubplan.report import format as fmt

BREAKDOWN_TITLES = {
    "district": "District",
    "deprivation_quintile": "Deprivation quintile",
    "rurality": "Rural/urban",
    "car_access": "Car access",
}


def _t(ev: EvaluationShape, minutes: float) -> int:
    try:
        return ev.thresholds.index(float(minutes))
    except ValueError:
        known = ", ".join(f"{t:g}" for t in ev.thresholds)
        msg = f"threshold: expected one of {known} minutes; got {minutes:g}"
        raise ValueError(msg) from None


def evaluation_table(ev: EvaluationShape, *, cost_words: str = "") -> Table:
    """Return a table of families within each threshold, mean and 90th-percentile minutes, per mode.

    Parameters
    ----------
    ev
        An evaluation.
    cost_words
        Said beside its cost when a base's cost is assumed
        (:func:`hubplan.data.cost_source.assumed_cost_words`), e.g. "assumed: £192k a site, ...".

    Returns
    -------
    rich.table.Table
        One row per mode.
    """
    assumed = f" ({cost_words})" if cost_words else ""
    money = f", {fmt.money(ev.cost_per_year)} a year{assumed}" if math.isfinite(ev.cost_per_year) else ""
    table = Table(title=f"{ev.scenario.title}: {len(ev.bases)} bases{money}")
    table.add_column("mode")
    for t in ev.thresholds:
        table.add_column(f"within {t:g} min", justify="right")
    table.add_column("mean", justify="right")
    table.add_column("90% within", justify="right")
    access = _t(ev, ev.access_minutes)
    if ev.baseline and ev.baseline != ev.scenario.name:
        table.add_column(f"lose access ({ev.access_minutes:g} min)", justify="right")
    for mode, m in ev.modes.items():
        total = m.total
        cells = [
            f"{fmt.families(total.within[0, i])} ({fmt.share(total.within[0, i], ev.families)})"
            for i in range(len(ev.thresholds))
        ]
        row = [
            f"{mode} ({m.source})",
            *cells,
            fmt.minutes(total.mean_minutes[0]),
            fmt.minutes(total.p90_minutes[0]),
        ]
        if ev.baseline and ev.baseline != ev.scenario.name and total.lose is not None:
            row.append(fmt.families(total.lose[0, access]))
        table.add_row(*row)
    table.caption = f"{ev.noun.capitalize()}: {fmt.families(ev.families)}"
    return table


def breakdown_table(
    ev: EvaluationShape, breakdown: str, *, mode: str | None = None, minutes: float | None = None
) -> Table:
    """Return one breakdown (e.g. by district) of reach within ``minutes`` by ``mode``.

    Parameters
    ----------
    ev
        An evaluation.
    breakdown
        ``"district"``, ``"deprivation_quintile"``, ``"rurality"`` or ``"car_access"``.
    mode
        The mode to show.
    minutes
        One of the evaluation's thresholds.

    Returns
    -------
    rich.table.Table
        One row per group: families, within the threshold, share, mean minutes, families who lose access.
    """
    mode = mode or ev.access_mode
    minutes = ev.access_minutes if minutes is None else minutes
    i = _t(ev, minutes)
    reach = ev.modes[mode].groups[breakdown]
    title = BREAKDOWN_TITLES.get(breakdown, breakdown)
    table = Table(title=f"{title}: within {minutes:g} minutes by {mode}")
    table.add_column(title)
    for name in (ev.people, f"within {minutes:g} min", "share", "mean"):
        table.add_column(name, justify="right")
    if reach.lose is not None and ev.baseline != ev.scenario.name:
        table.add_column("lose access", justify="right")
    for g, label in enumerate(reach.labels):
        row = [
            label,
            fmt.families(reach.families[g]),
            fmt.families(reach.within[g, i]),
            fmt.share(reach.within[g, i], reach.families[g]),
            fmt.minutes(reach.mean_minutes[g]),
        ]
        if reach.lose is not None and ev.baseline != ev.scenario.name:
            row.append(fmt.families(reach.lose[g, i]))
        table.add_row(*row)
    return table


def comparison_rows(
    evaluations: Sequence[EvaluationShape],
    *,
    minutes: float | None = None,
    mode: str | None = None,
    intervals: Mapping[str, ScenarioIntervals] | None = None,
    cost_words: str = "",
) -> list[tuple[str, list[str], bool]]:
    """Return the scenarios side by side as plain rows: (label, one cell per scenario, starts a section).

    Parameters
    ----------
    evaluations
        Evaluations of the same workspace (same thresholds).
    minutes, mode
        The threshold and mode of the 'lose access' and 'most deprived' rows; by default the
        evaluations' access setting (``[evaluation] access_minutes``, ``access_mode``).
    intervals
        Scenario name to its 90% intervals (:attr:`hubplan.analysis.Analysis.intervals`): each
        share within, count beyond and count losing access is followed by its interval in brackets,
        e.g. ``62% (60-64%)``.
    cost_words
        Said in the cost and saving rows' labels when a base's cost is assumed
        (:func:`hubplan.data.cost_source.assumed_cost_words`), e.g. "assumed: £192k a site, ...".

    Returns
    -------
    list of tuple
        Bases, cost, saving; reach by each mode; families beyond the threshold by bus and who they
        are; the most deprived fifth's share within; those losing access.
    """
    rows: list[tuple[str, list[str], bool]] = []
    known = intervals or {}

    def row(label: str, values: list[str], section: bool = False) -> None:
        rows.append((label, values, section))

    def band(ev: EvaluationShape, m: str, breakdown: str | None = None) -> ReachIntervals | None:
        return reach_intervals(known.get(ev.scenario.name), m, breakdown=breakdown)

    row("bases", [str(len(ev.bases)) for ev in evaluations])
    # No money without costs, no saving and no losses without a network today: nothing is invented.
    assumed = f" ({cost_words})" if cost_words else ""
    if any(math.isfinite(ev.cost_per_year) for ev in evaluations):
        row(f"cost a year{assumed}", [fmt.money(ev.cost_per_year) for ev in evaluations])
    if any(math.isfinite(ev.saving_per_year) for ev in evaluations):
        row(f"saving a year{assumed}", [fmt.money(ev.saving_per_year) for ev in evaluations])
    first = evaluations[0]
    for each in first.modes:
        for k, t in enumerate(first.thresholds):
            i = _t(first, t)
            shares = [
                share_with_interval(ev.modes[each].total.within[0, i], ev.families, band(ev, each), i)
                for ev in evaluations
            ]
            row(f"{each}: within {t:g} min", shares, section=k == 0)
        row(f"{each}: mean", [fmt.minutes(ev.modes[each].total.mean_minutes[0]) for ev in evaluations])
        row(f"{each}: 90% within", [fmt.minutes(ev.modes[each].total.p90_minutes[0]) for ev in evaluations])
    mode = mode or first.access_mode
    minutes = first.access_minutes if minutes is None else minutes
    i = _t(first, minutes)
    beyond = [
        count_with_interval(beyond_families(ev, mode, minutes)[0], beyond_interval(band(ev, mode), i))
        for ev in evaluations
    ]
    row(f"{first.people} over {minutes:g} min by {mode}", beyond, section=True)
    for breakdown, label, group in (
        ("deprivation_quintile", "in the most deprived fifth", "1 (most deprived)"),
        ("car_access", "without a car", "no car"),
    ):
        if breakdown in first.modes[mode].groups:
            values = []
            for ev in evaluations:
                reach = ev.modes[mode].groups[breakdown]
                g = reach.labels.index(group)
                found = band(ev, mode, breakdown)
                values.append(
                    count_with_interval(reach.families[g] - reach.within[g, i], beyond_interval(found, i, g))
                )
            row(f"  of them {label}", values)
    if "deprivation_quintile" in first.modes[mode].groups:
        values = []
        for ev in evaluations:
            reach = ev.modes[mode].groups["deprivation_quintile"]
            g = reach.labels.index("1 (most deprived)")
            found = band(ev, mode, "deprivation_quintile")
            values.append(share_with_interval(reach.within[g, i], reach.families[g], found, i, g))
        row(f"most deprived fifth: within {minutes:g} min by {mode}", values)
    if all(ev.modes[mode].total.lose is None for ev in evaluations):
        return rows
    lose = []
    for ev in evaluations:
        lost = ev.modes[mode].total.lose
        found = band(ev, mode)
        pair = found.lose.at(0, i) if found is not None and found.lose is not None else None
        lose.append(count_with_interval(lost[0, i], pair) if lost is not None else "-")
    row(f"lose access ({minutes:g} min by {mode})", lose)
    return rows


def reach_intervals(
    intervals: ScenarioIntervals | None, mode: str, *, breakdown: str | None = None
) -> ReachIntervals | None:
    """Return one mode's intervals for every area (or for a breakdown's groups), if there are any.

    Parameters
    ----------
    intervals
        A scenario's intervals, or ``None``.
    mode
        A mode.
    breakdown
        A breakdown name, or ``None`` for all areas.

    Returns
    -------
    ReachIntervals or None
        ``None`` when the scenario, mode or breakdown has no intervals.
    """
    if intervals is None or mode not in intervals.modes:
        return None
    m = intervals.modes[mode]
    return m.total if breakdown is None else m.groups.get(breakdown)


def beyond_interval(reach: ReachIntervals | None, i: int, g: int = 0) -> tuple[float, float] | None:
    """Return the 90% interval of those beyond threshold ``i`` in group ``g`` (``None`` without one)."""
    return reach.beyond.at(g, i) if reach is not None else None


def count_with_interval(value: float, interval: tuple[float, float] | None, *, words: bool = False) -> str:
    """Format a count with its 90% interval: ``6,077 (5,610-6,540)``.

    Parameters
    ----------
    value
        The count (children or families).
    interval
        Its 5th and 95th percentiles over the draws, or ``None`` for the count alone.
    words
        For sentences: say "90% interval" inside the brackets, ``6,077 (90% interval 5,610-6,540)``;
        and where the count lies outside its own interval, lead with the interval, the likelier
        picture, and name the count as the model's point estimate outside it:
        ``18,190-19,966 (90% interval; the model's point estimate, 17,274†, lies below it)``. A table
        cell keeps the count first, marked: ``17,274 (18,190-19,966)†``.

    Returns
    -------
    str
        The formatted count.
    """
    if interval is None:
        return fmt.families(value)
    low, high = interval
    span = f"{fmt.families(low)}\u2013{fmt.families(high)}"
    is_outside = outside(value, low, high)
    if not words:
        return f"{fmt.families(value)} ({span}){OUTSIDE_MARK if is_outside else ''}"
    if not is_outside:
        return f"{fmt.families(value)} (90% interval {span})"
    side = "below" if round(value) < round(low) else "above"
    point = f"{fmt.families(value)}{OUTSIDE_MARK}"
    return f"{span} (90% interval; the model's point estimate, {point}, lies {side} it)"


OUTSIDE_MARK = "\u2020"
"""Marks a figure that lies outside its own 90% interval (the note under the intervals says why)."""


def outside(value: float, low: float, high: float) -> bool:
    """Return whether ``value`` lies outside ``[low, high]`` as shown (rounded to whole numbers).

    Parameters
    ----------
    value
        The estimate.
    low, high
        Its 90% interval.

    Returns
    -------
    bool
        ``True`` when the shown estimate is below the shown low end or above the shown high end.
    """
    if not (np.isfinite(low) and np.isfinite(high)):
        return False
    return bool(round(value) < round(low) or round(value) > round(high))


def share_with_interval(part: float, whole: float, reach: ReachIntervals | None, i: int, g: int = 0) -> str:
    """Format a share within threshold ``i`` with its 90% interval: ``62% (60-64%)``.

    Parameters
    ----------
    part, whole
        The point figures (e.g. children within the threshold, and all children).
    reach
        The group's intervals, or ``None`` for the share alone.
    i, g
        The threshold's and the group's positions.

    Returns
    -------
    str
        The formatted share.
    """
    text = fmt.share(part, whole)
    if reach is None or whole <= 0:
        return text
    low, high = reach.within_share.at(g, i)
    if not (np.isfinite(low) and np.isfinite(high)):
        return text
    mark = OUTSIDE_MARK if outside(100 * part / whole, 100 * low, 100 * high) else ""
    return f"{text} ({low * 100:.0f}\u2013{high:.0%}){mark}"


def comparison_table(
    evaluations: Sequence[EvaluationShape],
    *,
    minutes: float | None = None,
    mode: str | None = None,
    intervals: Mapping[str, ScenarioIntervals] | None = None,
    cost_words: str = "",
) -> Table:
    """Return scenarios side by side: bases, cost, saving and reach by each mode.

    Parameters
    ----------
    evaluations
        Evaluations of the same workspace (same thresholds).
    minutes, mode
        The threshold and mode of the 'lose access' and 'most deprived' rows (default: the
        access setting).
    intervals
        Scenario name to its 90% intervals, shown in brackets (see :func:`comparison_rows`).
    cost_words
        Said beside cost and saving when a base's cost is assumed (see :func:`comparison_rows`).

    Returns
    -------
    rich.table.Table
        One column per scenario (see :func:`comparison_rows`).
    """
    table = Table(title="Scenarios compared")
    table.add_column("")
    for ev in evaluations:
        table.add_column(ev.scenario.name, justify="right")
    for label, values, section in comparison_rows(
        evaluations, minutes=minutes, mode=mode, intervals=intervals, cost_words=cost_words
    ):
        if section:
            table.add_section()
        table.add_row(label, *values)
    return table


def comparison_notes(evaluations: Sequence[EvaluationShape]) -> list[str]:
    """Return the notes of evaluations shown together, each once, in the order they first come.

    The one list every command that prints an evaluation's figures prints after them (``evaluate``
    with one, ``compare``, ``optimise`` and ``demo`` with several): how each mode's minutes were made,
    what of the data is modelled, what the cost counts, each plan's own cautions. A note every
    evaluation carries is said once as it is; one only some carry names them ("best-6: ...").

    Parameters
    ----------
    evaluations
        Evaluations of the same workspace.

    Returns
    -------
    list of str
        One entry per distinct note.
    """
    holders: dict[str, list[str]] = {}
    for ev in evaluations:
        for note in ev.notes:
            names = holders.setdefault(note, [])
            if ev.scenario.name not in names:
                names.append(ev.scenario.name)
    every = len({ev.scenario.name for ev in evaluations})
    return [note if len(names) == every else f"{', '.join(names)}: {note}" for note, names in holders.items()]


def beyond_families(
    ev: EvaluationShape, mode: str, minutes: float, *, breakdown: str | None = None
) -> np.ndarray:
    """Return families further than ``minutes`` by ``mode``: the total, or one value per group.

    Parameters
    ----------
    ev
        An evaluation.
    mode
        A mode.
    minutes
        One of the evaluation's thresholds.
    breakdown
        A breakdown name, or ``None`` for all families.

    Returns
    -------
    numpy.ndarray
        Families beyond the threshold (one value, or one per group).
    """
    i = _t(ev, minutes)
    reach = ev.modes[mode].total if breakdown is None else ev.modes[mode].groups[breakdown]
    return np.asarray(reach.families - reach.within[:, i])
