"""Commissioning lots on the page: a map of the lots, a table per lot, and splits side by side."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hubplan.analysis.lots import ReportLots, ScenarioLots
from hubplan.analysis.view import RenderView
from hubplan.report import charts, figure_text
from hubplan.report import format as fmt

LOT_COLOURS = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999",
    "#882255", "#44AA99", "#332288", "#AA4499", "#117733", "#DDCC77", "#88CCEE", "#661100",
)  # fmt: skip
"""Okabe and Ito's eight, then Paul Tol's muted colours: lots told apart, colour-blind safe where possible."""


def lots_map(
    view: RenderView, split: ScenarioLots, *, title: str, width: int = 520, height: int = 420
) -> dict[str, Any]:
    """Map the areas coloured by lot, with each lot's number and the bases.

    Areas are their outlines when the workspace has ``boundaries.geojson``, else dots at their
    positions. Rendered offline by :func:`hubplan.report.charts.to_svg`.

    Parameters
    ----------
    view
        The workspace as renderers print it (outlines, positions, sites).
    split
        The lots.
    title
        The map's title.
    width, height
        Pixels.

    Returns
    -------
    dict
        A Vega-Lite specification (Mercator projection).
    """
    lot_of = {a: f"lot {int(g) + 1}" for a, g in zip(split.area_ids, split.lots.lot, strict=True)}
    domain = [f"lot {g + 1}" for g in range(split.count)]
    colour = {
        "field": "lot",
        "type": "nominal",
        "title": "lot",
        "sort": domain,
        "scale": {"domain": domain, "range": [LOT_COLOURS[g % len(LOT_COLOURS)] for g in range(split.count)]},
        "legend": {"columns": 2 if split.count > 8 else 1},
    }
    shapes = [
        {**f, "lot": lot_of[f["properties"]["id"]]}
        for f in view.layers.drawn_area
        if f["properties"].get("id") in lot_of
    ]
    area_layers: list[dict[str, Any]]
    if shapes:
        area_layers = [
            {
                "data": {"values": shapes},
                "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.15},
                "encoding": {"color": colour},
            }
        ]
    else:
        dots = [
            {"lat": float(la), "lon": float(lo), "lot": lot_of[a]}
            for a, la, lo in zip(view.areas.ids, view.areas.lat, view.areas.lon, strict=True)
        ]
        area_layers = [
            {
                "data": {"values": dots},
                "mark": {"type": "circle", "size": 30, "opacity": 0.9},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "color": colour,
                },
            }
        ]
    index = {a: i for i, a in enumerate(view.areas.ids)}
    labels = []
    for row in split.rows:
        where = [index[a] for a in row.areas]
        labels.append(
            {
                "text": str(row.lot),
                "lat": float(view.areas.lat[where].mean()),
                "lon": float(view.areas.lon[where].mean()),
            }
        )
    sites = view.sites
    bases = [
        {"lat": float(sites.lat[sites.index[b]]), "lon": float(sites.lon[sites.index[b]])}
        for row in split.rows
        for b in row.bases
    ]
    point = {
        "longitude": {"field": "lon", "type": "quantitative"},
        "latitude": {"field": "lat", "type": "quantitative"},
    }
    spec = charts._base(title, width=width, height=height)
    spec |= {
        "projection": {"type": "mercator"},
        "layer": [
            *area_layers,
            {
                "data": {"values": bases},
                "mark": {"type": "point", "shape": "triangle-up", "size": 50, "filled": True,
                         "color": "#000000", "aria": False},
                "encoding": point,
            },
            {
                "data": {"values": labels},
                "mark": {"type": "text", "fontSize": 13, "fontWeight": "bold", "color": "#000000",
                         "stroke": "#ffffff", "strokeWidth": 0.6, "dy": 12},
                "encoding": {**point, "text": {"field": "text"}},
            },
        ],
    }  # fmt: skip
    return spec


def lot_rows(split: ScenarioLots, titles: dict[str, str] | None = None) -> list[list[str]]:
    """Return the table per lot as text: lot, areas, children, need, bases, providers, hours, cost.

    Parameters
    ----------
    split
        The lots.
    titles
        Site id to name, for the bases (ids where missing).

    Returns
    -------
    list of list of str
        One row per lot.
    """
    titles = titles or {}
    return [
        [
            str(r.lot),
            f"{len(r.areas):,}",
            fmt.families(r.children),
            fmt.families(r.need),
            "; ".join(titles.get(b, b) for b in r.bases),
            ", ".join(r.providers) or "-",
            f"{r.outreach_hours_per_week:,.0f}",
            fmt.money(r.cost_per_year),
        ]
        for r in split.rows
    ]


def side_by_side(splits: Sequence[ScenarioLots]) -> dict[str, Any]:
    """Return a table comparing splits: balance, compactness, bases per lot, bases kept with their areas.

    Parameters
    ----------
    splits
        Lots of one scenario at different counts (or by different methods).

    Returns
    -------
    dict
        ``header`` (one column per split) and ``rows`` (label, then a value per split).
    """
    rows: list[list[str]] = []

    def add(label: str, values: list[str]) -> None:
        rows.append([label, *values])

    add("lots", [str(s.count) for s in splits])
    add(f"{splits[0].people if splits else 'children'} per lot, least-most",
        [f"{fmt.families(min(r.children for r in s.rows))}-{fmt.families(max(r.children for r in s.rows))}"
         for s in splits])  # fmt: skip
    add("largest gap from the mean lot", [_worst_gap(s) for s in splits])
    add("most deprived fifth per lot, least-most",
        [f"{fmt.families(min(r.need for r in s.rows))}-{fmt.families(max(r.need for r in s.rows))}"
         for s in splits])  # fmt: skip
    add(
        "bases per lot, least-most",
        [f"{min(len(r.bases) for r in s.rows)}-{max(len(r.bases) for r in s.rows)}" for s in splits],
    )
    add("mean km to the lot's centre base", [f"{s.compactness_km:.1f}" for s in splits])
    add("in the same lot as their own base", [f"{s.served_together:.0%}" for s in splits])
    add("every lot one piece", ["yes" if s.contiguous else "no" for s in splits])
    add("found by", [_method(s) for s in splits])
    return {"header": [f"{s.count} lot{'s' if s.count != 1 else ''}" for s in splits], "rows": rows}


def _worst_gap(split: ScenarioLots) -> str:
    mean = sum(r.children for r in split.rows) / split.count
    worst = max(abs(r.children - mean) for r in split.rows) / mean if mean > 0 else 0.0
    return f"{worst:.1%} (allowed {split.tolerance['children']:.0%})"


def _method(split: ScenarioLots) -> str:
    lots = split.lots
    if lots.optimal:
        return "exact (HiGHS, proved best)"
    if lots.gap is not None:
        return f"{lots.method}, proved within {lots.gap:.1%} of the best"
    if split.count == 1:
        return "one lot: nothing to choose"
    return f"{lots.method} (search; no bound within the time limit)"


def lots_section(view: RenderView, report: ReportLots | None) -> dict[str, Any] | None:
    """Format the analysis's lots for the report: the splits side by side, then a map and table each.

    Rendering only: the lots are cut in the analysis (:func:`hubplan.analysis.lots.report_lots`).

    Parameters
    ----------
    view
        The workspace as renderers print it.
    report
        The lots, one per count in ``[lots] counts`` that could be cut, and why others could not.

    Returns
    -------
    dict or None
        ``lead``, ``compare``, ``splits`` (each ``title``, ``svg``, ``alt``, ``header``, ``rows``,
        ``figures`` (the map in words), ``notes``), ``skipped``, ``pack`` (a sentence per split for the
        decision pack) and ``command``; ``None`` without lots.
    """
    if report is None:
        return None
    splits = report.splits
    if not splits:
        return {"lead": "", "compare": None, "splits": [], "skipped": list(report.skipped), "pack": [],
                "command": ""}  # fmt: skip
    title = view.title_of(splits[0].scenario)
    names = {s: view.sites.names[i] or s for s, i in view.sites.index.items()}
    people = splits[0].people
    lead = (
        f"{title}: the areas grouped into lots for providers. Each lot is one piece of neighbourhoods "
        f"sharing borders, holds at least one base, and has {people} within "
        f"{splits[0].tolerance['children']:.0%} of the mean lot; among such splits the one chosen keeps "
        f"{people} nearest their lot's central base and with the base that serves them. Lots are "
        "cut by a p-regions model on HiGHS where it finishes in time, else by region growing and "
        "local search (the table says which, and how near the best it is proved)."
    )
    out = []
    for split in splits:
        k = split.count
        name = f"{k} lot{'s' if k != 1 else ''}"
        out.append(
            {
                "title": name,
                "svg": charts.to_svg(lots_map(view, split, title=f"{title}: {name}")),
                "alt": f"Map of {k} commissioning lots: neighbourhoods coloured by lot, bases as triangles",
                "header": ["lot", "areas", people, "most deprived fifth", "bases", "providers now",
                           "outreach staff hours a week", "bases and outreach £ a year"],
                "rows": lot_rows(split, names),
                "figures": figure_text.lots_map_figures(view, split.area_ids, split.lots.lot, title=name),
                "notes": list(split.notes),
            }
        )  # fmt: skip
    return {
        "lead": lead,
        "compare": side_by_side(splits),
        "splits": out,
        "skipped": list(report.skipped),
        "pack": [_pack_sentence(title, split) for split in splits],
        "command": f"hubplan lots WORKSPACE {splits[0].scenario} --lots K --out DIR",
    }


def _pack_sentence(title: str, split: ScenarioLots) -> str:
    """Say in one sentence what a split gives each provider, for the decision pack."""
    people = split.people
    if split.count == 1:
        return (
            f"{title} as one contract: all {fmt.families(split.rows[0].children)} {people} and "
            f"{len(split.rows[0].bases)} bases with one provider, on average {split.compactness_km:.1f} km "
            "from the lot's central base."
        )
    least = min(r.children for r in split.rows)
    most = max(r.children for r in split.rows)
    return (
        f"{title} in {split.count} lots: {fmt.families(least)}-{fmt.families(most)} {people} each, "
        f"every lot one piece with {min(len(r.bases) for r in split.rows)}-"
        f"{max(len(r.bases) for r in split.rows)} bases, {split.served_together:.0%} of {people} in the "
        f"lot of the base that serves them, on average {split.compactness_km:.1f} km from the lot's "
        "central base."
    )
