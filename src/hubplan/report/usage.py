"""The report's section on reach: who the service saw in the year against who lives there, with a map."""

from __future__ import annotations

from typing import Any

import numpy as np

from hubplan.analysis import Analysis
from hubplan.analysis.shapes import UsageGroupShape, UsageShape
from hubplan.analysis.view import RenderView
from hubplan.report import charts
from hubplan.report import format as fmt
from hubplan.report.tables import BREAKDOWN_TITLES

REACH_BANDS = (0.2, 0.4, 0.6, 0.8, 1.0)
"""Upper edges of the map's reach bands (shares); above the last, more were seen than live there."""

_BAND_LABELS = ("under 20%", "20-40%", "40-60%", "60-80%", "80-100%", "over 100% (check the counts)")
_BAND_COLOURS = ("#440154", "#3e4989", "#26828e", "#35b779", "#b5de2b", "#E69F00")
NO_DATA = "no data (no usage row, or no children)"
"""The band of an area whose reach is unknown: drawn grey, not in the lowest band."""

_TITLES = {**BREAKDOWN_TITLES, "deprivation_decile": "deprivation decile"}


def usage_section(analysis: Analysis) -> dict[str, Any] | None:
    """Format the analysis's reach for the report: the headline, tables, a map and reach against minutes.

    Rendering only: reach is computed in the analysis (:func:`hubplan.evaluate.usage.workspace_reach`).

    Parameters
    ----------
    analysis
        The analysis (its reach, and its view of the workspace: outlines, areas, outreach setting).

    Returns
    -------
    dict or None
        ``lead``, ``most_deprived``, ``modelled``, ``tables`` (each ``caption``, ``header``,
        ``rows``), ``map`` and ``chart`` (each ``svg``, ``alt``, ``caption``), ``minutes`` (a
        sentence), ``weighting`` and ``notes``; ``None`` when the workspace has no usage.
    """
    usage, view = analysis.usage, analysis.view
    if usage is None:
        return None
    people = usage.people
    total = usage.total
    lead = (
        f"{fmt.families(total.seen)} of the {fmt.families(total.children)} {people} living in the area "
        f"were seen at least once{_in(usage.period)} ({_share(total)}); "
        f"{fmt.families(total.registered)} are registered. Reach is {people} seen divided by {people} "
        f"living there; ranges are the {usage.interval_name} (Wilson 1927), which behaves where counts "
        "are small."
    )
    most = None
    if usage.most_deprived is not None and usage.most_deprived_not_seen is not None:
        band = usage.most_deprived.interval
        rng = "" if band is None else f" (95% interval {1 - band[1]:.1%} to {1 - band[0]:.1%})"
        most = (
            f"In the most deprived fifth of areas (deprivation deciles 1 and 2), "
            f"{usage.most_deprived_not_seen:.1%}{rng} of {fmt.families(usage.most_deprived.children)} "
            f"{people} were not seen in the year."
        )
    tables = [
        _table(f"Reach by {_TITLES.get(name, name).lower()}", _TITLES.get(name, name), groups, people)
        for name, groups in usage.groups.items()
        if name != "deprivation_decile"
    ]
    if "deprivation_decile" in usage.groups:
        tables.insert(
            1, _table("Reach by deprivation decile", "decile", usage.groups["deprivation_decile"], people)
        )
    areas = view.areas
    decile = areas.deprivation_decile
    tables.append(
        {
            "caption": f"The {len(usage.most_not_seen())} areas with the most {people} not seen",
            "header": ["area", "district", "deprivation decile", people, "seen", "not seen", "reach"],
            "rows": [
                [
                    areas.label(int(i)),
                    areas.district[i],
                    str(decile[i]) if decile[i] > 0 else "not given",
                    fmt.families(usage.children[i]),
                    fmt.families(usage.seen[i]),
                    fmt.families(usage.children[i] - usage.seen[i]),
                    f"{usage.reach[i]:.1%}",
                ]
                for i in usage.most_not_seen()
            ],
        }
    )
    weighting = view.need_weighting
    return {
        "lead": lead,
        "most_deprived": most,
        "modelled": _modelled(usage),
        "tables": tables,
        "map": {
            "svg": charts.to_svg(reach_map(view, usage)),
            "alt": f"Map: each area shaded by the share of its {people} seen in the year",
            "caption": f"Reach by area: {people} seen{_in(usage.period)} over {people} living there. "
            "Darker areas were reached least.",
        },
        "chart": _minutes_chart(usage),
        "minutes": _minutes_sentence(usage),
        "minutes_table": _table(
            f"Reach by {usage.minutes_mode} minutes to the nearest base of {usage.minutes_scenario}",
            "minutes",
            usage.by_minutes,
            people,
        )
        if usage.by_minutes
        else None,
        "weighting": f"Outreach need is weighted by {view.need_weighting_words} ([outreach] need_weighting "
        f'= "{weighting}").',
        "notes": [*usage.notes, *usage.warnings],
    }


def _spec(title: str, *, width: int = 520, height: int = 260) -> dict[str, Any]:
    """Return a Vega-Lite specification's frame, styled as the report's other charts."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": width,
        "height": height,
        "config": {
            "font": "DejaVu Sans",
            "view": {"stroke": None},
            "range": {"category": list(charts.OKABE_ITO)},
        },
    }


def _share(group: UsageGroupShape) -> str:
    if group.reach is None:
        return "no one lives there"
    band = group.interval
    text = f"{group.reach:.1%}"
    return text if band is None else f"{text}, 95% interval {band[0]:.1%} to {band[1]:.1%}"


def _modelled(usage: UsageShape) -> str | None:
    if not usage.modelled:
        return None
    return (
        f"The usage counts ({usage.file}) are modelled, not recorded: every figure in this section is "
        "modelled (usage.md in the workspace, where it has one, says how it was made)."
    )


def reach_cells(g: UsageGroupShape, *, between: str = " to ") -> list[str]:
    """Return one group's cells: the group, living there, registered, seen, reach and its interval.

    Parameters
    ----------
    g
        The group's reach.
    between
        What joins the interval's ends (``" to "`` in the report, ``"-"`` in the terminal).

    Returns
    -------
    list of str
        Six cells; ``-`` where the reach or its interval is unknown.
    """
    band = g.interval
    return [
        g.key,
        fmt.families(g.children),
        fmt.families(g.registered),
        fmt.families(g.seen),
        "-" if g.reach is None else f"{g.reach:.1%}",
        "-" if band is None else f"{band[0]:.1%}{between}{band[1]:.1%}",
    ]


def _table(caption: str, title: str, groups: tuple[UsageGroupShape, ...], people: str) -> dict[str, Any]:
    rows = [reach_cells(g) for g in groups]
    header = [title, people, "registered", "seen", "reach", "95% interval"]
    return {"caption": caption, "header": header, "rows": rows}


def _minutes_sentence(usage: UsageShape) -> str:
    if not usage.by_minutes or usage.slope_per_10_minutes is None:
        return "Reach is not shown against travel time: the workspace has no current network (baseline)."
    bands = [g for g in usage.by_minutes if g.reach is not None]
    near, far = bands[0], bands[-1]
    slope = usage.slope_per_10_minutes
    trend = "less" if slope < 0 else "more"
    return (
        f"Do far areas use the service less? Areas {near.key} {usage.minutes_mode} minutes from a base of "
        f"{usage.minutes_scenario} had reach {_share(near)}; areas {far.key} minutes away {_share(far)}. "
        f"Across areas, reach changes by {slope * 100:+.1f} percentage points for every 10 more minutes "
        f"(a least-squares line weighted by {usage.people}): far areas use it {trend}."
    )


def _minutes_chart(usage: UsageShape) -> dict[str, Any] | None:
    if not usage.by_minutes:
        return None
    values = []
    for g in usage.by_minutes:
        if g.reach is None:
            continue
        band = g.interval or (g.reach, g.reach)
        values.append({"band": g.key, "reach": g.reach, "low": band[0], "high": band[1]})
    spec = _spec(f"Reach by {usage.minutes_mode} minutes to a base of {usage.minutes_scenario}")
    x = {"field": "band", "type": "ordinal", "sort": None, "title": f"{usage.minutes_mode} minutes"}
    spec |= {
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "bar", "color": charts.OKABE_ITO[0]},
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "reach",
                        "type": "quantitative",
                        "axis": {"format": "%"},
                        "title": "reach",
                    },
                },
            },
            {
                "mark": {"type": "rule", "color": "#000000"},
                "encoding": {"x": x, "y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"}},
            },
        ],
    }
    return {
        "svg": charts.to_svg(spec),
        "alt": f"Bar chart: reach in each band of {usage.minutes_mode} minutes to the nearest base",
        "caption": f"Bars are reach; lines the {usage.interval_name}.",
    }


def reach_map(view: RenderView, usage: UsageShape) -> dict[str, Any]:
    """Map areas shaded by reach (seen / children), with district outlines.

    An area with no usage row or no children has no reach: it is drawn grey as "no data", not in
    the lowest band. Areas are drawn as their outlines when the workspace has ``boundaries.geojson``,
    else as dots.

    Parameters
    ----------
    view
        The workspace as renderers print it (its outlines and the areas' positions).
    usage
        Its reach.

    Returns
    -------
    dict
        A Vega-Lite specification (Mercator projection).
    """
    reach = usage.reach
    shown = np.nan_to_num(reach, nan=0.0)
    # 20% is in "20-40%" and 100% in "80-100%"; only more seen than live there is "over 100%".
    band_of = np.where(
        shown > REACH_BANDS[-1] + 1e-12,
        len(REACH_BANDS),
        np.searchsorted(REACH_BANDS[:-1], shown, side="right"),
    )
    labels = [NO_DATA if np.isnan(r) else _BAND_LABELS[int(b)] for r, b in zip(reach, band_of, strict=True)]
    unknown = NO_DATA in labels
    colour = {
        "field": "band",
        "type": "ordinal",
        "title": "reach",
        "scale": {
            "domain": [*_BAND_LABELS, *([NO_DATA] if unknown else [])],
            "range": [*_BAND_COLOURS, *(["#bbbbbb"] if unknown else [])],
        },
    }
    area_layers = charts.area_map_layers(view, labels, colour, demand=usage.children)
    spec = _spec(f"Reach by area: {usage.people} seen in the year", width=520, height=420)
    spec |= {"projection": {"type": "mercator"}, "layer": area_layers}
    return spec


def _in(period: str) -> str:
    """Return `` in <period>``, or nothing when the usage gives no period."""
    return f" in {period}" if period else ""
