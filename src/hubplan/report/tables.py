"""Rich tables for the terminal: one scenario's reach, its breakdown by group, and scenarios side by side."""

from __future__ import annotations

import numpy as np
from rich.table import Table

from hubplan.evaluate.evaluation import Evaluation
from hubplan.report import format as fmt

BREAKDOWN_TITLES = {
    "district": "District",
    "deprivation_quintile": "Deprivation quintile",
    "rurality": "Rural/urban",
    "car_access": "Car access",
}


def _t(ev: Evaluation, minutes: float) -> int:
    try:
        return ev.thresholds.index(float(minutes))
    except ValueError:
        known = ", ".join(f"{t:g}" for t in ev.thresholds)
        msg = f"threshold: expected one of {known} minutes; got {minutes:g}"
        raise ValueError(msg) from None


def evaluation_table(ev: Evaluation) -> Table:
    """Return a table of families within each threshold, mean and 90th-percentile minutes, per mode.

    Parameters
    ----------
    ev
        An evaluation.

    Returns
    -------
    rich.table.Table
        One row per mode.
    """
    table = Table(title=f"{ev.scenario.title}: {len(ev.bases)} bases, {fmt.money(ev.cost_per_year)} a year")
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
    ev: Evaluation, breakdown: str, *, mode: str | None = None, minutes: float | None = None
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
    evaluations: list[Evaluation], *, minutes: float | None = None, mode: str | None = None
) -> list[tuple[str, list[str], bool]]:
    """Return the scenarios side by side as plain rows: (label, one cell per scenario, starts a section).

    Parameters
    ----------
    evaluations
        Evaluations of the same workspace (same thresholds).
    minutes, mode
        The threshold and mode of the 'lose access' and 'most deprived' rows; by default the
        evaluations' access setting (``[evaluation] access_minutes``, ``access_mode``).

    Returns
    -------
    list of tuple
        Bases, cost, saving; reach by each mode; families beyond the threshold by bus and who they are.
    """
    rows: list[tuple[str, list[str], bool]] = []

    def row(label: str, values: list[str], section: bool = False) -> None:
        rows.append((label, values, section))

    row("bases", [str(len(ev.bases)) for ev in evaluations])
    row("cost a year", [fmt.money(ev.cost_per_year) for ev in evaluations])
    row("saving a year", [fmt.money(ev.saving_per_year) for ev in evaluations])
    first = evaluations[0]
    for each in first.modes:
        for k, t in enumerate(first.thresholds):
            i = _t(first, t)
            shares = [fmt.share(ev.modes[each].total.within[0, i], ev.families) for ev in evaluations]
            row(f"{each}: within {t:g} min", shares, section=k == 0)
        row(f"{each}: mean", [fmt.minutes(ev.modes[each].total.mean_minutes[0]) for ev in evaluations])
        row(f"{each}: 90% within", [fmt.minutes(ev.modes[each].total.p90_minutes[0]) for ev in evaluations])
    mode = mode or first.access_mode
    minutes = first.access_minutes if minutes is None else minutes
    i = _t(first, minutes)
    beyond = [fmt.families(beyond_families(ev, mode, minutes)[0]) for ev in evaluations]
    row(f"{first.people} over {minutes:g} min by {mode}", beyond, section=True)
    for breakdown, label in (
        ("deprivation_quintile", "in the most deprived fifth"),
        ("car_access", "without a car"),
    ):
        if breakdown in first.modes[mode].groups:
            values = [
                fmt.families(beyond_families(ev, mode, minutes, breakdown=breakdown)[0]) for ev in evaluations
            ]
            row(f"  of them {label}", values)
    lose = [ev.modes[mode].total.lose for ev in evaluations]
    row(
        f"lose access ({minutes:g} min by {mode})",
        [fmt.families(x[0, i]) if x is not None else "-" for x in lose],
    )
    return rows


def comparison_table(
    evaluations: list[Evaluation], *, minutes: float | None = None, mode: str | None = None
) -> Table:
    """Return scenarios side by side: bases, cost, saving and reach by each mode.

    Parameters
    ----------
    evaluations
        Evaluations of the same workspace (same thresholds).
    minutes, mode
        The threshold and mode of the 'lose access' and 'most deprived' rows (default: the
        access setting).

    Returns
    -------
    rich.table.Table
        One column per scenario (see :func:`comparison_rows`).
    """
    table = Table(title="Scenarios compared")
    table.add_column("")
    for ev in evaluations:
        table.add_column(ev.scenario.name, justify="right")
    for label, values, section in comparison_rows(evaluations, minutes=minutes, mode=mode):
        if section:
            table.add_section()
        table.add_row(label, *values)
    return table


def beyond_families(ev: Evaluation, mode: str, minutes: float, *, breakdown: str | None = None) -> np.ndarray:
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
