"""A page for every closing centre: who used it, where they would go and how long it takes, what replaces it.

One small HTML page per centre, for the parents who use it: printable, readable at phone width, and
accessible (landmarks, headings in order, a text alternative for the map, table headers with scope).
The figures are those of the main report's "Closing centres" section, worked out the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import numpy as np

from hubplan.analysis import Analysis
from hubplan.analysis.centres import MODE_WORDS, MODES, ClosingCentre
from hubplan.analysis.shapes import OutreachPlanShape
from hubplan.analysis.view import RenderView, area_outlines_for_map
from hubplan.files import safe_file_name, safe_file_names, write_bytes_atomically
from hubplan.report import format as fmt

CENTRES_DIR = "centres"
"""The folder, beside the report, that holds the centre pages."""


def write_centre_pages(
    analysis: Analysis,
    out_dir: Path,
    *,
    report_href: str = "../report.html",
) -> list[Path]:
    """Write ``centres/<name>.html`` in ``out_dir`` for every closing centre, each atomically.

    Each page's name is :func:`centre_page_name` of its site id, so no id (``../x``, ``/etc/x``,
    ``CON``) can place a file outside ``centres/``; the report links to the same names.

    Parameters
    ----------
    analysis
        The reported scenarios' analysis (as the main report has it).
    out_dir
        The report's folder.
    report_href
        The link back to the main report, relative to a centre page.

    Returns
    -------
    list of Path
        The pages written, in site order.
    """
    pages = render_centre_pages(analysis, report_href=report_href)
    if not pages:  # no centre of a network today closes: no folder of pages
        return []
    folder = out_dir / CENTRES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    names = safe_file_names(pages, suffix=".html")
    return [
        write_bytes_atomically(folder / names[site], html.encode("utf-8")) for site, html in pages.items()
    ]


def centre_page_name(site_id: str) -> str:
    """Return the file name of a centre's page (in ``centres/``) for any site id: the one name used.

    Parameters
    ----------
    site_id
        The site's id, as the user's file gives it.

    Returns
    -------
    str
        A plain file name ending ``.html`` (see :func:`hubplan.files.safe_file_name`).
    """
    return safe_file_name(site_id, suffix=".html")


def render_centre_pages(
    analysis: Analysis,
    *,
    only: str | None = None,
    report_href: str = "../report.html",
) -> dict[str, str]:
    """Return the HTML page of every closing centre (or of one), by site id: rendering only.

    The web app serves one with ``render_centre_pages(analysis, only=site_id)``.

    Parameters
    ----------
    analysis
        The reported scenarios' analysis: each centre's facts, outreach plans, comments and its view
        of the workspace.
    only
        A site id: render only that centre's page (an empty result when it does not close).
    report_href
        The link back to the main report.

    Returns
    -------
    dict of str to str
        Site id to its page's HTML.
    """
    facts = [f for f in analysis.centres if only is None or f.id == only]
    if not facts:
        return {}
    plans = dict(analysis.outreach)
    said = analysis.comments
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("hubplan.report") / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    template = env.get_template("centre.html.j2")
    view = analysis.view
    region = view.region or "The region"
    out = {}
    for f in facts:
        context = _context(view, f, plans, said.get(f.id, []))
        out[f.id] = template.render(region=region, report_href=report_href,
                                    modelled=view.region_modelled, **context)  # fmt: skip
    return out


def _context(
    view: RenderView, f: ClosingCentre, plans: Mapping[str, OutreachPlanShape], said: list[str]
) -> dict[str, Any]:
    noun = view.areas.noun
    people = view.areas.people
    by = MODE_WORDS[f.mode]
    other = "bus" if f.mode == "car" else "car"  # the second mode a sentence names
    plain = [
        f"{fmt.families(f.demand)} {noun} live in the neighbourhoods for which {f.name} is the "
        f"nearest centre {by}."
    ]
    rows = []
    for m in f.moves:
        after, before = m.minutes[f.mode]
        other_after, other_before = m.minutes[other]
        plain.append(
            f"Under {m.title}, {f.name} closes. Most of these {people} would have {m.new_base} as their "
            f"nearest base: on average {fmt.minutes(after)} {by} instead of {fmt.minutes(before)}, "
            f"{fmt.minutes(other_after)} {MODE_WORDS[other]} instead of {fmt.minutes(other_before)}."
        )
        cells = [f"{m.minutes[k][0]:.0f} min (was {m.minutes[k][1]:.0f})" for k, _ in MODES]
        rows.append({"scenario": m.scenario, "title": m.title, "new_base": m.new_base, "cells": cells,
                     "destinations": [(name, fmt.families(n)) for name, n in m.destinations]})  # fmt: skip
    return {
        "id": f.id,
        "name": f.name,
        "district": f.district,
        "people": people,
        "noun": noun,
        "children": fmt.families(f.demand),
        "plain": plain,
        "rows": rows,
        "modes": [words for _, words in MODES],
        "by": by,
        "outreach": _outreach(view, f, plans, noun),
        "said": said,
        "map": _map(view, f),
        "areas": [view.areas.label(i) for i in f.areas],
    }


def _outreach(
    view: RenderView, f: ClosingCentre, plans: Mapping[str, OutreachPlanShape], noun: str
) -> list[dict[str, Any]]:
    """Return, per scenario, those here beyond reach of a base, how many outreach reaches, the sessions.

    A venue is here when its area (:func:`hubplan.analysis.view.site_areas`) is one of the centre's.
    """
    mine = np.zeros(len(view.areas), dtype=bool)
    mine[list(f.areas)] = True
    out = []
    for m in f.moves:
        plan = plans.get(m.scenario)
        if plan is None:
            continue
        here = [v.venue for v in plan.venues if mine[view.sites.area[view.sites.index[v.venue]]]]
        sessions = [
            [view.sites.name_of(s.venue), s.weekday, s.slot] for s in plan.sessions if s.venue in here
        ]
        needy = float(plan.need.needy[mine].sum())
        reached = float(plan.area_reached[mine].sum())
        where = (
            f", with {len(sessions)} sessions a week at {len(here)} venues in these neighbourhoods."
            if here
            else ", at venues outside these neighbourhoods or at home."
        )
        sentence = (
            f"Under {m.title}, {fmt.families(needy)} {noun} here live beyond {plan.threshold_minutes:g} "
            f"minutes of every base; outreach reaches {fmt.families(reached)} of them{where}"
        )
        out.append({"title": m.title, "sentence": sentence, "sessions": sessions})
    return out


def _map(view: RenderView, f: ClosingCentre) -> dict[str, str]:
    """Return the SVG map of the centre's neighbourhoods, with the centre and the bases they would use.

    Its marks are hidden from screen readers (``aria: false``): the figure's text alternative says it all.
    """
    from hubplan.report.charts import to_svg

    sites = view.sites
    ids = {view.areas.ids[i] for i in f.areas}
    # Simplified for this map's own scale (its 320 x 260 pixels span the centre's neighbourhoods only).
    shapes = area_outlines_for_map(view.layers, ids, width_px=320, height_px=260)
    j = sites.index[f.id]
    points = [{"lat": float(sites.lat[j]), "lon": float(sites.lon[j]), "what": "this centre"}]
    new = {m.new_base for m in f.moves}
    for k in np.flatnonzero(np.isin(np.array(sites.names, dtype=str), sorted(new))):
        points.append({"lat": float(sites.lat[k]), "lon": float(sites.lon[k]),
                       "what": "a base they would use"})  # fmt: skip
    area_layer: dict[str, Any]
    if shapes:
        area_layer = {
            "data": {"values": shapes},
            "mark": {
                "type": "geoshape",
                "aria": False,
                "fill": "#56B4E9",
                "stroke": "#0b3c5d",
                "strokeWidth": 0.6,
            },
        }
    else:
        dots = [{"lat": float(view.areas.lat[i]), "lon": float(view.areas.lon[i])} for i in f.areas]
        area_layer = {
            "data": {"values": dots},
            "mark": {"type": "circle", "aria": False, "color": "#0072B2", "size": 40},
            "encoding": {
                "longitude": {"field": "lon", "type": "quantitative"},
                "latitude": {"field": "lat", "type": "quantitative"},
            },
        }
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 320, "height": 260,
        "config": {"font": "DejaVu Sans", "view": {"stroke": None}},
        "projection": {"type": "mercator"},
        "layer": [area_layer, {
            "data": {"values": points},
            "mark": {"type": "point", "aria": False, "size": 90, "strokeWidth": 2, "filled": True},
            "encoding": {
                "longitude": {"field": "lon", "type": "quantitative"},
                "latitude": {"field": "lat", "type": "quantitative"},
                "shape": {"field": "what", "type": "nominal", "title": None,
                          "scale": {"domain": ["this centre", "a base they would use"],
                                    "range": ["cross", "triangle-up"]}},
                "color": {"field": "what", "type": "nominal", "legend": None,
                          "scale": {"domain": ["this centre", "a base they would use"],
                                    "range": ["#000000", "#B45F00"]}},
            },
        }],
    }  # fmt: skip
    alt = (
        f"Map of the {len(f.areas)} neighbourhoods whose nearest centre is {f.name} (shaded), the centre "
        f"(cross) and the bases they would use instead (triangles): {', '.join(sorted(new)) or 'none'}."
    )
    return {"svg": to_svg(spec), "alt": alt}
