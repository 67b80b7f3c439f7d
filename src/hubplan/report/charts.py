"""Charts and maps as Vega-Lite specifications, rendered to SVG offline (vl-convert) for HTML and PDF."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from hubplan.analysis.frontier import FrontierBand
from hubplan.analysis.shapes import EvaluationShape
from hubplan.analysis.uncertainty import ScenarioIntervals
from hubplan.analysis.view import RenderView

BASE = "base"
"""A site that is a base in the plan mapped."""

CLOSES = "closes"
"""A site of the current network (the baseline) that the plan mapped leaves out."""

_SHAPE = {BASE: "triangle-up", CLOSES: "cross"}
_FILL = {BASE: "#E69F00", CLOSES: "#ffffff"}

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
"""A palette readable with every common colour-vision deficiency (Okabe and Ito 2008)."""

# Viridis: readable in greyscale and by most colour-blind readers, lightness falling band by band.
_VIRIDIS = (
    "#fde725", "#b5de2b", "#6ece58", "#35b779", "#1f9e89",
    "#26828e", "#31688e", "#3e4989", "#482878", "#440154",
)  # fmt: skip


def minute_bands(thresholds: tuple[float, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the map's band labels and colours for the workspace's thresholds (``[evaluation]``).

    Parameters
    ----------
    thresholds
        Minutes, ascending.

    Returns
    -------
    tuple
        Labels ("up to 10 min", "10-20 min", ..., "over 45 min") and one colour per label.
    """
    ts = sorted(thresholds)
    labels = [f"up to {ts[0]:g} min"]
    labels += [f"{a:g}-{b:g} min" for a, b in itertools.pairwise(ts)]
    labels.append(f"over {ts[-1]:g} min")
    picks = np.linspace(0, len(_VIRIDIS) - 1, len(labels)).round().astype(int)
    return tuple(labels), tuple(_VIRIDIS[i] for i in picks)


def to_svg(spec: dict[str, Any]) -> str:
    """Render a Vega-Lite specification to an SVG string, with no network access.

    Parameters
    ----------
    spec
        A Vega-Lite v5 specification with inline data.

    Returns
    -------
    str
        The SVG markup.
    """
    import vl_convert

    svg: str = vl_convert.vegalite_to_svg(chart_safe(spec))
    return svg


_ANSI_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
"""A terminal colour or cursor code (``ESC[31m``), pasted with text copied from a terminal."""

_NOT_CHART_TEXT = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]+")
"""Characters no chart label needs and XML forbids or hides: C0 and C1 controls (tab and line breaks
included), DEL, the noncharacters U+FFFE and U+FFFF, and lone surrogates."""


def chart_text(text: str) -> str:
    r"""Return ``text`` fit for a chart: terminal codes dropped, each run of control characters one space.

    vl-convert writes SVG, which is XML: a control character in a label or title (a site name holding
    the vertical tab Word's manual line break leaves in text pasted into a spreadsheet, an ``ESC[31m``
    colour code, a BEL) makes it abort the whole process, a web server included. Validation refuses
    them in the workspace's files; this is the renderer's own defence.

    Parameters
    ----------
    text
        A label, title or data value.

    Returns
    -------
    str
        The text with no control character.

    Examples
    --------
    >>> chart_text("Attleborough\vChildren's Centre \x1b[31mnew\x1b[0m\x07")
    "Attleborough Children's Centre new "
    """
    return _NOT_CHART_TEXT.sub(" ", _ANSI_ESCAPE.sub("", text))


def chart_safe(spec: Any) -> Any:
    """Return a copy of a Vega-Lite specification with :func:`chart_text` applied to every string in it.

    Keys and values alike are cleaned, so a field named in an encoding or a filter still matches the
    data it names.

    Parameters
    ----------
    spec
        A specification, or any part of one (dicts, lists, strings, numbers).

    Returns
    -------
    Any
        The same structure; strings with no control character are kept as they are.
    """
    if isinstance(spec, str):
        return chart_text(spec) if _NOT_CHART_TEXT.search(spec) else spec
    if isinstance(spec, Mapping):
        return {chart_safe(key): chart_safe(value) for key, value in spec.items()}
    if isinstance(spec, list | tuple):
        return [chart_safe(value) for value in spec]
    return spec


def _base(title: str, width: int = 520, height: int = 260) -> dict[str, Any]:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": width,
        "height": height,
        "config": {"font": "DejaVu Sans", "view": {"stroke": None}, "range": {"category": list(OKABE_ITO)}},
    }


def s_curves(
    evaluations: Sequence[EvaluationShape],
    families: np.ndarray,
    *,
    max_minutes: float = 120.0,
    noun: str = "families",
) -> dict[str, Any]:
    """Chart the share of families within each number of minutes of a base, per mode and scenario.

    Parameters
    ----------
    evaluations
        The scenarios' evaluations.
    families
        (n_areas,) families in each area.
    max_minutes
        The x axis's end.
    noun
        What is counted ("children", "families"), for the axis.

    Returns
    -------
    dict
        A Vega-Lite specification.
    """
    rows = []
    grid = np.arange(0, max_minutes + 1, 2.0)
    total = float(families.sum())
    for ev in evaluations:
        for mode, m in ev.modes.items():
            order = np.argsort(m.nearest_minutes)
            cumulative = np.concatenate([[0.0], np.cumsum(families[order])])
            reached = cumulative[np.searchsorted(m.nearest_minutes[order], grid, side="right")]
            rows += [
                {"scenario": ev.scenario.name, "mode": mode, "minutes": float(g), "share": float(r / total)}
                for g, r in zip(grid, reached, strict=True)
            ]
    spec = _base("Share of families within each number of minutes of a base", width=230, height=200)
    spec |= {
        "data": {"values": rows},
        "mark": {"type": "line", "strokeWidth": 2},
        "encoding": {
            "x": {"field": "minutes", "type": "quantitative", "title": "minutes"},
            "y": {"field": "share", "type": "quantitative", "axis": {"format": "%"}, "title": noun},
            "color": {"field": "scenario", "type": "nominal"},
            "strokeDash": {"field": "scenario", "type": "nominal"},
            "column": {"field": "mode", "type": "nominal", "title": None},
        },
    }
    return spec


def losses(
    evaluations: Sequence[EvaluationShape],
    *,
    mode: str | None = None,
    minutes: float | None = None,
    noun: str = "families",
) -> dict[str, Any]:
    """Chart families losing access (beyond ``minutes`` by ``mode`` after the change) by group and scenario.

    Parameters
    ----------
    evaluations
        Evaluations against a baseline (the baseline itself is left out).
    mode, minutes
        What access means; by default the evaluations' access setting.
    noun
        What is counted ("children", "families"), for the axis.

    Returns
    -------
    dict
        A Vega-Lite specification (one panel per breakdown).
    """
    mode = mode or evaluations[0].access_mode
    minutes = evaluations[0].access_minutes if minutes is None else minutes
    titles = {
        "deprivation_quintile": "deprivation quintile",
        "rurality": "rural/urban",
        "car_access": "car access",
    }
    rows = []
    for ev in evaluations:
        if ev.baseline == ev.scenario.name:
            continue
        i = ev.thresholds.index(minutes)
        for name, title in titles.items():
            reach = ev.modes[mode].groups.get(name)
            if reach is None or reach.lose is None:
                continue
            for g, label in enumerate(reach.labels):
                rows.append(
                    {
                        "scenario": ev.scenario.name,
                        "breakdown": title,
                        "group": label,
                        "families": float(reach.lose[g, i]),
                    }
                )
    spec = _base(f"Families losing access (beyond {minutes:g} minutes by {mode}), by group")
    del spec["width"], spec["height"]
    panels = []
    for title in titles.values():
        panels.append(
            {
                "title": title,
                "transform": [{"filter": {"field": "breakdown", "equal": title}}],
                "width": 170,
                "height": {"step": 9},
                "mark": "bar",
                "encoding": {
                    "y": {"field": "group", "type": "nominal", "title": None, "sort": None},
                    "yOffset": {"field": "scenario"},
                    "x": {"field": "families", "type": "quantitative", "title": noun},
                    "color": {"field": "scenario", "type": "nominal"},
                },
            }
        )
    spec |= {"data": {"values": rows}, "hconcat": panels}
    return spec


def cost_coverage(
    evaluations: Sequence[EvaluationShape],
    *,
    mode: str | None = None,
    minutes: float | None = None,
    intervals: Mapping[str, ScenarioIntervals] | None = None,
    frontier: FrontierBand | None = None,
    noun: str = "families",
) -> dict[str, Any]:
    """Chart cost a year against the share of families within ``minutes`` by ``mode``, per scenario.

    Parameters
    ----------
    evaluations
        The scenarios.
    mode, minutes
        What counts as coverage; by default the evaluations' access setting.
    intervals
        Scenario name to its 90% intervals: each scenario's share gets an error bar from its
        interval's low (``share_low``) to its high (``share_high``), the band around the options.
    frontier
        The best plan at a few budgets: drawn as a grey line through ``(cost, share)`` behind the
        options, with its 90% band as a shaded area (only when its mode and minutes are the chart's).
    noun
        What is counted ("children", "families"), for the axis.

    Returns
    -------
    dict
        A Vega-Lite specification.
    """
    mode = mode or evaluations[0].access_mode
    minutes = evaluations[0].access_minutes if minutes is None else minutes
    known = intervals or {}
    rows = []
    for ev in evaluations:
        i = ev.thresholds.index(minutes)
        row: dict[str, Any] = {
            "scenario": ev.scenario.name,
            "cost": ev.cost_per_year / 1e6,
            "share": float(ev.modes[mode].total.within[0, i] / ev.families),
            "bases": len(ev.bases),
        }
        found = known.get(ev.scenario.name)
        if found is not None and mode in found.modes:
            low, high = found.modes[mode].total.within_share.at(0, i)
            row |= {"share_low": low, "share_high": high}
        rows.append(row)
    spec = _base(f"Cost against {noun} within {minutes:g} minutes by {mode}", width=420, height=240)
    layers: list[dict[str, Any]] = [
        {
            "mark": {"type": "point", "filled": True, "size": 120},
            "encoding": {
                "x": {"field": "cost", "type": "quantitative", "title": "£m a year (bases)"},
                "y": {
                    "field": "share",
                    "type": "quantitative",
                    "axis": {"format": "%"},
                    "title": noun,
                },
                "color": {"field": "scenario", "type": "nominal", "title": "option"},
                "shape": {"field": "scenario", "type": "nominal", "legend": None},
            },
        },
        {
            "mark": {"type": "text", "dx": 8, "align": "left"},
            "encoding": {
                "x": {"field": "cost", "type": "quantitative"},
                "y": {"field": "share", "type": "quantitative"},
                "text": {"field": "scenario"},
            },
        },
    ]
    if any("share_low" in row for row in rows):
        layers.insert(
            0,
            {
                "transform": [{"filter": "isValid(datum.share_low)"}],
                "mark": {"type": "errorbar", "ticks": True},
                "encoding": {
                    "x": {"field": "cost", "type": "quantitative"},
                    "y": {"field": "share_low", "type": "quantitative", "title": noun},
                    "y2": {"field": "share_high"},
                    "color": {"field": "scenario", "type": "nominal", "title": "option"},
                },
            },
        )
    if frontier is not None and frontier.steps and (frontier.mode, frontier.minutes) == (mode, minutes):
        steps = [
            {"cost": st.cost / 1e6, "share": st.share, "low": st.low, "high": st.high, "bases": st.bases}
            for st in frontier.steps
        ]
        line: dict[str, Any] = {
            "data": {"values": steps},
            "mark": {
                "type": "line",
                "point": {"color": "#777777", "filled": True},
                "color": "#777777",
                "strokeDash": [4, 3],
            },
            "encoding": {
                "x": {"field": "cost", "type": "quantitative"},
                "y": {"field": "share", "type": "quantitative"},
            },
        }
        layers.insert(0, line)
        if frontier.draws:
            band = {
                "data": {"values": steps},
                "mark": {"type": "area", "color": "#999999", "opacity": 0.25},
                "encoding": {
                    "x": {"field": "cost", "type": "quantitative"},
                    "y": {"field": "low", "type": "quantitative"},
                    "y2": {"field": "high"},
                },
            }
            layers.insert(0, band)
    spec |= {"data": {"values": rows}, "layer": layers}
    return spec


def access_map(view: RenderView, ev: EvaluationShape, *, mode: str | None = None) -> dict[str, Any]:
    """Map areas shaded by minutes to their nearest base, with district outlines, towns and sites.

    Areas are drawn as their outlines when the workspace has ``boundaries.geojson`` (LSOA polygons),
    else as dots at their positions sized by their demand. Bases are numbered on the map and named in
    a key beside it, which also says what every colour, line, name and marker means.

    Parameters
    ----------
    view
        The workspace as renderers print it (:class:`hubplan.analysis.view.RenderView`).
    ev
        The scenario's evaluation.
    mode
        The mode shaded; by default the access mode.

    Returns
    -------
    dict
        A Vega-Lite specification (Mercator projection).
    """
    mode = mode or ev.access_mode
    minutes = ev.modes[mode].nearest_minutes
    band_labels, band_colours = minute_bands(ev.thresholds)
    band_of = np.searchsorted(sorted(ev.thresholds), minutes, side="left")
    labels = [band_labels[int(b)] for b in band_of]
    colour = {
        "field": "band",
        "type": "ordinal",
        "title": f"minutes by {mode}",
        "scale": {"domain": list(band_labels), "range": list(band_colours)},
    }
    layers = view.layers
    area_layers = area_map_layers(view, labels, colour, demand=view.areas.families)
    places = [
        {
            "name": f["properties"]["name"],
            "lon": f["geometry"]["coordinates"][0],
            "lat": f["geometry"]["coordinates"][1],
        }
        for f in layers.place
    ]
    bases = set(ev.bases)
    baseline_bases = set(view.baseline_bases)
    # Bases are numbered in the plan's order; the key beside the map names each number.
    number = {site: k for k, site in enumerate((s for s in ev.bases if s in view.sites.index), start=1)}
    sites = [
        {
            "lat": float(view.sites.lat[i]),
            "lon": float(view.sites.lon[i]),
            "status": BASE if s in bases else CLOSES,
            "name": view.sites.names[i],
            "number": str(number[s]) if s in number else "",
        }
        for i, s in enumerate(view.sites.ids)
        if s in bases or s in baseline_bases
    ]
    statuses = [st for st in (BASE, CLOSES) if any(site["status"] == st for site in sites)]
    site_layer = {
        "data": {"values": sites},
        "mark": {"type": "point", "size": 70, "strokeWidth": 2},
        "encoding": {
            "longitude": {"field": "lon", "type": "quantitative"},
            "latitude": {"field": "lat", "type": "quantitative"},
            "shape": {
                "field": "status", "type": "nominal", "title": "sites",
                "scale": {"domain": statuses, "range": [_SHAPE[st] for st in statuses]},
            },
            "color": {"value": "#000000"},
            "fill": {
                "field": "status", "type": "nominal", "title": "sites",
                "scale": {"domain": statuses, "range": [_FILL[st] for st in statuses]},
            },
            "tooltip": [{"field": "name", "type": "nominal"}, {"field": "status", "type": "nominal"}],
        },
    }  # fmt: skip
    number_layer = {
        "data": {"values": [site for site in sites if site["number"]]},
        "mark": {"type": "text", "fontSize": 8, "dx": 7, "dy": 6, "align": "left", "color": "#000000"},
        "encoding": {
            "longitude": {"field": "lon", "type": "quantitative"},
            "latitude": {"field": "lat", "type": "quantitative"},
            "text": {"field": "number"},
        },
    }  # fmt: skip
    place_layer = {
        "data": {"values": places},
        "mark": {"type": "text", "fontSize": 9, "dy": -8, "fontWeight": "bold", "color": "#111111"},
        "encoding": {
            "longitude": {"field": "lon", "type": "quantitative"},
            "latitude": {"field": "lat", "type": "quantitative"},
            "text": {"field": "name"},
        },
    }  # fmt: skip
    title = f"{ev.scenario.title}: minutes by {mode} to the nearest base"
    drawn_map = {
        "width": 520,
        "height": 420,
        "projection": {"type": "mercator"},
        "layer": [*area_layers, site_layer, number_layer, *([place_layer] if places else [])],
    }
    notes = [
        f"Colour: minutes by {mode} to the nearest base.",
        *(["Lines: district boundaries."] if len(area_layers) > 1 and layers.district else []),
        *(["Bold names: towns (GeoNames)."] if places else []),
        *(["Triangles: the plan's bases, numbered as below."] if number else []),
        *(["Crosses: sites the plan closes (bases now)."] if CLOSES in statuses else []),
    ]
    key_rows = [
        *notes,
        "",
        *(f"{k}  {view.sites.names[view.sites.index[s]]}" for s, k in number.items()),
    ]
    key = {
        "width": 300,
        "height": 12 * len(key_rows),
        "title": {"text": "Key", "anchor": "start", "fontSize": 11},
        "data": {"values": [{"row": i, "text": text} for i, text in enumerate(key_rows)]},
        "mark": {"type": "text", "align": "left", "baseline": "top", "fontSize": 9, "limit": 298},
        "encoding": {
            "x": {"value": 0},
            "y": {"field": "row", "type": "ordinal", "axis": None},
            "text": {"field": "text"},
        },
    }
    spec = _base(title, width=520, height=420)
    del spec["width"], spec["height"]
    spec |= {"hconcat": [drawn_map, key]}
    return spec


LSOA_CODE = re.compile(r"^[EW]01\d{6}$")
"""An LSOA 2011 code (England E01..., Wales W01...): the areas ``hubplan init`` writes."""


def area_words(view: RenderView) -> str:
    """Say what each area on a map is, as :func:`area_map_layers` draws it, for a caption.

    Parameters
    ----------
    view
        The workspace as renderers print it.

    Returns
    -------
    str
        "Each shape is a neighbourhood (an LSOA)" only where the areas are drawn as outlines and
        their ids are LSOA codes; "Each shape is an area of areas.csv" for other outlines; "Each dot
        is an area of areas.csv, sized by its ..." where the areas have no outlines and are dots.
    """
    ids = set(view.areas.ids)
    drawn = [f["properties"].get("id") for f in view.layers.area if f["properties"].get("id") in ids]
    if not drawn:
        return f"Each dot is an area of areas.csv, where its people live, sized by its {view.areas.noun}"
    if all(LSOA_CODE.match(str(i)) for i in drawn):
        return "Each shape is a neighbourhood (an LSOA)"
    return "Each shape is an area of areas.csv"


def area_map_layers(
    view: RenderView, labels: Sequence[str], colour: dict[str, Any], *, demand: np.ndarray
) -> list[dict[str, Any]]:
    """Return a map's areas, each filled by its band: outlines with district lines, else sized dots.

    The one drawing of a banded area map (the access map, the reach map): areas are their outlines
    when the workspace has ``boundaries.geojson``, with the district outlines on top; else dots at
    their positions, sized by ``demand``.

    Parameters
    ----------
    view
        The workspace as renderers print it: its outlines and the areas' positions.
    labels
        (n_areas,) each area's band label, in the areas' order.
    colour
        The Vega-Lite colour encoding of the field ``band``.
    demand
        (n_areas,) what sizes a dot (children or families).

    Returns
    -------
    list of dict
        Two Vega-Lite layers (the area outlines, then the district outlines) where the areas have
        outlines, else one (the dots).
    """
    position = {area: i for i, area in enumerate(view.areas.ids)}
    shapes = [
        {**f, "band": labels[position[f["properties"]["id"]]]}
        for f in view.layers.drawn_area
        if f["properties"].get("id") in position
    ]
    if shapes:
        return [
            {
                "data": {"values": shapes},
                "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.2},
                "encoding": {"color": colour},
            },
            {
                "data": {"values": list(view.layers.drawn_district)},
                "mark": {
                    "type": "geoshape",
                    "filled": False,
                    "stroke": "#222222",
                    "strokeWidth": 0.8,
                    "aria": False,
                },
            },
        ]
    dots = [
        {"lat": float(la), "lon": float(lo), "band": b, "demand": float(d)}
        for la, lo, b, d in zip(view.areas.lat, view.areas.lon, labels, demand, strict=True)
    ]
    return [
        {
            "data": {"values": dots},
            "mark": {"type": "circle", "opacity": 0.85},
            "encoding": {
                "longitude": {"field": "lon", "type": "quantitative"},
                "latitude": {"field": "lat", "type": "quantitative"},
                "size": {
                    "field": "demand",
                    "type": "quantitative",
                    "legend": None,
                    "scale": {"range": [8, 60]},
                },
                "color": colour,
            },
        }
    ]
