"""Render the national table as one self-contained HTML page: a map of councils and a ranked table."""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd

from hubplan.report.charts import OKABE_ITO, to_svg


def council_map(table: pd.DataFrame, *, mode: str, threshold_minutes: float) -> dict[str, Any]:
    """Map councils as dots at their children-weighted centre, sized by children, coloured by access.

    Parameters
    ----------
    table
        Rows of ``national.parquet`` (failed ones are left off).
    mode
        The mode whose share within the threshold colours the dots.
    threshold_minutes
        The threshold, for the legend.

    Returns
    -------
    dict
        A Vega-Lite specification (Mercator projection, inline data).
    """
    ok = table[(table["error"] == "") & table["centre_lat"].notna()]
    column = f"share_within_{mode}"
    values = [
        {
            "council": str(r["name"]),
            "lat": float(r["centre_lat"]),
            "lon": float(r["centre_lon"]),
            "children": float(r["children"]),
            "share": float(r[column]),
        }
        for r in ok.to_dict(orient="records")
    ]
    legend = f"within {threshold_minutes:g} min"
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": f"Share of children under five within {threshold_minutes:g} minutes of a base by {mode}",
        "width": 520,
        "height": 620,
        "projection": {"type": "mercator"},
        "config": {"font": "DejaVu Sans", "view": {"stroke": None}},
        "data": {"values": values},
        "mark": {"type": "circle", "opacity": 0.85, "stroke": OKABE_ITO[7], "strokeWidth": 0.4},
        "encoding": {
            "longitude": {"field": "lon", "type": "quantitative"},
            "latitude": {"field": "lat", "type": "quantitative"},
            "size": {
                "field": "children",
                "type": "quantitative",
                "title": "children under five",
                "scale": {"range": [15, 600]},
            },
            "color": {
                "field": "share",
                "type": "quantitative",
                "title": legend,
                "scale": {"scheme": "viridis", "domain": [0, 1]},
                "legend": {"format": ".0%"},
            },
            "tooltip": [
                {"field": "council", "type": "nominal"},
                {"field": "share", "type": "quantitative", "format": ".1%"},
            ],
        },
    }


def _pct(value: Any, fmt: str = ".1%") -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else format(value, fmt)


def _num(value: Any, fmt: str = ",.0f") -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else format(value, fmt)


def render_national_page(
    table: pd.DataFrame, *, rule: str, mode: str, threshold_minutes: float, draw_map: bool = True
) -> str:
    """Render the national page: what was done, a map, and councils ranked by access.

    Parameters
    ----------
    table
        Rows of ``national.parquet``.
    rule
        The base rule in words (e.g. "one base per 2,000 children under five").
    mode
        The mode the plans minimise and the ranking uses.
    threshold_minutes
        Minutes that count as within reach.
    draw_map
        Include the map (rendering it takes a second or two).

    Returns
    -------
    str
        A complete HTML document with every value escaped and no outside resource.
    """
    esc = html.escape
    column = f"share_within_{mode}"
    ok = table[table["error"] == ""].sort_values([column, "name"], ascending=[False, True], kind="stable")
    failed = table[table["error"] != ""].sort_values("name")
    t = f"{threshold_minutes:g}"
    head = (
        "<tr><th>rank</th><th>council</th><th>code</th><th>areas</th><th>children under five</th>"
        f"<th>bases</th><th>within {t} min by car</th><th>within {t} min by bus</th>"
        f"<th>most deprived fifth within {t} min by car</th>"
        f"<th>most deprived fifth within {t} min by bus</th>"
        "<th>proven gap</th><th>seconds</th></tr>"
    )
    body = []
    for rank, r in enumerate(ok.to_dict(orient="records"), start=1):
        body.append(
            f"<tr><td>{rank}</td><td>{esc(str(r['name']))}</td><td>{esc(str(r['code']))}</td>"
            f"<td>{_num(r['areas'])}</td><td>{_num(r['children'])}</td><td>{_num(r['bases'])}</td>"
            f"<td>{_pct(r['share_within_car'])}</td><td>{_pct(r['share_within_bus'])}</td>"
            f"<td>{_pct(r['deprived_share_within_car'])}</td><td>{_pct(r['deprived_share_within_bus'])}</td>"
            f"<td>{_pct(r['gap'], '.2%')}</td><td>{_num(r['seconds'], '.1f')}</td></tr>"
        )
    fails = "".join(
        f"<li>{esc(str(r['name']))} ({esc(str(r['code']))}): {esc(str(r['error']))}</li>"
        for r in failed.to_dict(orient="records")
    )
    children = float(ok["children"].sum()) if len(ok) else 0.0
    within = float((ok[column] * ok["children"]).sum()) if len(ok) else 0.0
    overall = f"{within / children:.1%}" if children > 0 else "no"
    figure = (
        to_svg(council_map(table, mode=mode, threshold_minutes=threshold_minutes))
        if draw_map and len(ok)
        else ""
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Every council at once: children's centres in England</title>
<style>
body {{ font-family: "DejaVu Sans", sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; font-size: 0.9em; }}
th, td {{ border-bottom: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }}
td:nth-child(2), th:nth-child(2) {{ text-align: left; }}
.figure svg {{ max-width: 100%; height: auto; }}
</style></head><body>
<h1>Every council at once</h1>
<p>{len(ok):,} English upper-tier councils planned under one rule: {esc(rule)}. Each council's bases are
chosen from its open libraries (or its areas' positions where it has none) to minimise children's
travel time by {esc(mode)} (p-median). Across them, {esc(overall)} of children under five are within
{esc(t)} minutes of a base by {esc(mode)}.</p>
<p>Travel minutes are estimated from straight-line distances, not routed: car by a speed and circuity
fitted on road times, bus by a model fitted on real timetable journeys (longer from rural areas).
Children are ONS mid-year estimates of children aged 0-4 per LSOA. The most deprived fifth is the
areas in IMD 2019 deciles 1-2 ("–" where a council has none). The proven
gap bounds how far a plan's total travel time can be above the best possible.</p>
<div class="figure">{figure}</div>
<h2>Councils ranked by the share within {esc(t)} minutes by {esc(mode)}</h2>
<table><thead>{head}</thead><tbody>
{"".join(body)}
</tbody></table>
{f"<h2>Councils that failed</h2><ul>{fails}</ul>" if fails else ""}
</body></html>
"""
