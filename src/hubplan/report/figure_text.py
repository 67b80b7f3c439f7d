"""Say in a table what each map and chart of the report shows, for readers who cannot see its colours.

Each function returns ``{"caption", "header", "rows"}``: the report prints it under its figure, in a
``<details>`` element, with the first cell of each row as the row's header.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from hubplan.analysis.shapes import EvaluationShape
from hubplan.analysis.view import RenderView
from hubplan.report import format as fmt
from hubplan.report.charts import minute_bands


def access_map_figures(view: RenderView, ev: EvaluationShape, *, mode: str | None = None) -> dict[str, Any]:
    """Count the demand in each minute band of :func:`hubplan.report.charts.access_map`, by district.

    Parameters
    ----------
    view
        The workspace as renderers print it.
    ev
        The scenario's evaluation.
    mode
        The mode the map shades; by default the access mode.

    Returns
    -------
    dict
        ``caption``, ``header`` (district, one column per band, all) and ``rows`` (a row per district,
        then all districts), each cell the demand (children or families) in areas of that band.
    """
    mode = mode or ev.access_mode
    labels, _ = minute_bands(ev.thresholds)
    band = np.searchsorted(sorted(ev.thresholds), ev.modes[mode].nearest_minutes, side="left")
    demand = view.areas.families
    district = np.asarray(view.areas.district, dtype=object)
    rows = []
    for name in [*sorted(set(view.areas.district)), None]:
        mine = np.ones(len(demand), dtype=bool) if name is None else district == name
        counts = [float(demand[mine & (band == b)].sum()) for b in range(len(labels))]
        rows.append([name or "all districts", *(fmt.families(c) for c in counts), fmt.families(sum(counts))])
    return {
        "caption": f"{ev.scenario.title}: {view.areas.people} by {mode} minutes to the nearest base, "
        "by district (the map's colours as numbers)",
        "header": ["district", *labels, "all"],
        "rows": rows,
    }


def s_curve_figures(evaluations: Sequence[EvaluationShape]) -> dict[str, Any]:
    """Give the share of demand within each threshold, by scenario and mode (the s-curves' points).

    Parameters
    ----------
    evaluations
        The scenarios charted.

    Returns
    -------
    dict
        ``caption``, ``header`` and ``rows`` (a row per scenario and mode).
    """
    thresholds = evaluations[0].thresholds
    rows = [
        [f"{ev.scenario.name}, {mode}", *(fmt.share(w, ev.families) for w in reach.total.within[0])]
        for ev in evaluations
        for mode, reach in ev.modes.items()
    ]
    return {
        "caption": "Share within each number of minutes of a base, by option and mode",
        "header": ["option, mode", *(f"within {t:g} min" for t in thresholds)],
        "rows": rows,
    }


LOSS_BREAKDOWNS = {
    "deprivation_quintile": "deprivation quintile",
    "rurality": "rural/urban",
    "car_access": "car access",
}
"""The breakdowns :func:`hubplan.report.charts.losses` draws, with their titles."""


def losses_figures(evaluations: Sequence[EvaluationShape], *, noun: str) -> dict[str, Any]:
    """Give the demand losing access by group and scenario (the bars of the losses chart).

    Parameters
    ----------
    evaluations
        Evaluations against a baseline (the baseline itself is left out).
    noun
        What is counted ("children", "families").

    Returns
    -------
    dict
        ``caption``, ``header`` (group, one column per scenario) and ``rows``.
    """
    shown = [ev for ev in evaluations if ev.baseline != ev.scenario.name]
    first = shown[0] if shown else evaluations[0]
    mode, minutes = first.access_mode, first.access_minutes
    rows = []
    for name, title in LOSS_BREAKDOWNS.items():
        reach = first.modes[mode].groups.get(name)
        if reach is None or reach.lose is None:
            continue
        for g, label in enumerate(reach.labels):
            cells = []
            for ev in shown:
                lose = ev.modes[mode].groups[name].lose
                cells.append(fmt.families(lose[g, ev.thresholds.index(minutes)]) if lose is not None else "")
            rows.append([f"{title}: {label}", *cells])
    return {
        "caption": f"{noun.capitalize()} losing access (beyond {minutes:g} minutes by {mode}), by group",
        "header": ["group", *(ev.scenario.name for ev in shown)],
        "rows": rows,
    }


def cost_coverage_figures(evaluations: Sequence[EvaluationShape], *, noun: str) -> dict[str, Any]:
    """Give each option's cost a year and share within reach (the points of the cost chart).

    Parameters
    ----------
    evaluations
        The scenarios charted.
    noun
        What is counted ("children", "families").

    Returns
    -------
    dict
        ``caption``, ``header`` and ``rows`` (a row per scenario).
    """
    rows = []
    for ev in evaluations:
        reach = ev.modes[ev.access_mode].total
        within = reach.within[0, ev.thresholds.index(ev.access_minutes)]
        rows.append([ev.scenario.name, fmt.money(ev.cost_per_year), fmt.share(within, ev.families)])
    first = evaluations[0]
    return {
        "caption": f"Cost a year and share of {noun} within {first.access_minutes:g} minutes by "
        f"{first.access_mode}, by option",
        "header": ["option", "cost a year", f"within {first.access_minutes:g} min"],
        "rows": rows,
    }


def lots_map_figures(
    view: RenderView, area_ids: Sequence[str], lot: np.ndarray, *, title: str
) -> dict[str, Any]:
    """Say which districts each lot's areas lie in (what the lots map shows by colour).

    Parameters
    ----------
    view
        The workspace as renderers print it.
    area_ids
        The areas split into lots.
    lot
        Each of those areas' lot, from 0.
    title
        The split's title ("4 lots").

    Returns
    -------
    dict
        ``caption``, ``header`` (lot, areas, districts) and ``rows`` (a row per lot; each district
        with its number of areas in the lot).
    """
    district_of = dict(zip(view.areas.ids, view.areas.district, strict=True))
    rows = []
    for g in range(int(lot.max()) + 1 if len(lot) else 0):
        mine = [a for a, k in zip(area_ids, lot, strict=True) if int(k) == g]
        counts: dict[str, int] = {}
        for a in mine:
            counts[district_of.get(a, "")] = counts.get(district_of.get(a, ""), 0) + 1
        districts = "; ".join(f"{d or 'no district'} ({n:,})" for d, n in sorted(counts.items()))
        rows.append([f"lot {g + 1}", f"{len(mine):,}", districts])
    return {
        "caption": f"{title}: the areas of each lot, by district (the map's colours in words)",
        "header": ["lot", "areas", "districts (areas in each)"],
        "rows": rows,
    }
