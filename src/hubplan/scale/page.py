"""Render the national table as one self-contained HTML page: a map of councils and a ranked table.

The councils of the national family hubs programmes (DfE: Family Hubs and Start for Life, April 2022,
with its trailblazers of February 2023; the Family Hubs Transformation Fund) are marked on the map and
in the table when the caller passes that list (:func:`hubplan.data.england.family_hubs_programmes`).
"""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd

from hubplan.report.charts import OKABE_ITO, to_svg

PROGRAMMES = {
    "FHSfL_75_2022": "Family Hubs and Start for Life (75 councils, April 2022)",
    "Family_Hubs_Transformation_Fund": "Family Hubs Transformation Fund",
}
"""The programme codes of the programmes table, in words."""

NOT_IN_PROGRAMME = "in neither programme"
TRAILBLAZER = "trailblazer (February 2023)"


def programme_of_council(programmes: pd.DataFrame | None) -> dict[str, str]:
    """Map each upper-tier council code (2019) to its family hubs programme, in words.

    Parameters
    ----------
    programmes
        Rows of :func:`hubplan.data.england.family_hubs_programmes`, or ``None``.

    Returns
    -------
    dict of str to str
        Council code to the programme's name from :data:`PROGRAMMES`, with "; trailblazer (February
        2023)" added for the trailblazers. Rows without a 2019 code (a council formed later) are left
        out; an empty mapping for ``None``.
    """
    if programmes is None:
        return {}
    out: dict[str, str] = {}
    for r in programmes.to_dict(orient="records"):
        code = str(r.get("utla2019_code") or "")
        if not code or code == "nan":
            continue
        words = PROGRAMMES.get(str(r["programme"]), str(r["programme"]))
        if str(r.get("trailblazer_2023") or "").lower() in {"yes", "true"}:
            words += f"; {TRAILBLAZER}"
        out[code] = words
    return out


def council_map(
    table: pd.DataFrame, *, mode: str, threshold_minutes: float, programmes: dict[str, str] | None = None
) -> dict[str, Any]:
    """Map councils as dots at their children-weighted centre, sized by children, coloured by access.

    Councils of a national family hubs programme are ringed, a colour per programme, when
    ``programmes`` is given.

    Parameters
    ----------
    table
        Rows of ``national.parquet`` (failed ones, and those with a ``caution``, are left off).
    mode
        The mode whose share within the threshold colours the dots.
    threshold_minutes
        The threshold, for the legend.
    programmes
        Council code to its programme in words (:func:`programme_of_council`).

    Returns
    -------
    dict
        A Vega-Lite specification (Mercator projection, inline data).
    """
    programmes = programmes or {}
    ok = table[(table["error"] == "") & table["centre_lat"].notna()]
    ok = ok[~_cautioned(ok)]  # not measured: not coloured as if it were
    column = f"share_within_{mode}"
    values = [
        {
            "council": str(r["name"]),
            "lat": float(r["centre_lat"]),
            "lon": float(r["centre_lon"]),
            "children": float(r["children"]),
            "share": float(r[column]),
            "programme": _programme_group(programmes.get(str(r["code"]), "")),
        }
        for r in ok.to_dict(orient="records")
    ]
    legend = f"within {threshold_minutes:g} min"
    groups = [g for g in (*PROGRAMMES.values(), NOT_IN_PROGRAMME) if any(v["programme"] == g for v in values)]
    ring: dict[str, Any] = (
        {
            "stroke": {
                "field": "programme",
                "type": "nominal",
                "title": "national family hubs programme",
                "legend": {"labelLimit": 360, "titleLimit": 360},
                "scale": {
                    "domain": groups,
                    "range": [_RING[g] for g in groups],
                },
            },
            "strokeWidth": {
                "field": "programme",
                "type": "nominal",
                "title": "national family hubs programme",
                "legend": {"labelLimit": 360, "titleLimit": 360},
                "scale": {"domain": groups, "range": [2.0 if g != NOT_IN_PROGRAMME else 0.4 for g in groups]},
            },
        }
        if programmes
        else {}
    )
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
                *([{"field": "programme", "type": "nominal"}] if programmes else []),
            ],
            **ring,
        },
    }


_RING = {
    PROGRAMMES["FHSfL_75_2022"]: "#D55E00",
    PROGRAMMES["Family_Hubs_Transformation_Fund"]: "#000000",
    NOT_IN_PROGRAMME: "#BBBBBB",
}


def _programme_group(words: str) -> str:
    """Return the map's group for a council's programme in words (trailblazers join their programme)."""
    return words.split("; ", maxsplit=1)[0] if words else NOT_IN_PROGRAMME


def _pct(value: Any, fmt: str = ".1%") -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else format(value, fmt)


def _num(value: Any, fmt: str = ",.0f") -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else format(value, fmt)


def render_national_page(
    table: pd.DataFrame,
    *,
    rule: str,
    mode: str,
    threshold_minutes: float,
    draw_map: bool = True,
    programmes: pd.DataFrame | None = None,
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
    programmes
        The councils of the national family hubs programmes
        (:func:`hubplan.data.england.family_hubs_programmes`): marked on the map and in the table, with
        the share within reach in and outside them. ``None`` leaves them off.

    Returns
    -------
    str
        A complete HTML document with every value escaped and no outside resource.
    """
    esc = html.escape
    column = f"share_within_{mode}"
    measured = table["error"] == ""
    cautioned = _cautioned(table)  # travel inside an area is the journey (Scilly): listed, not ranked
    unmeasured = table[measured & cautioned].sort_values("name")
    ok = table[measured & ~cautioned].sort_values([column, "name"], ascending=[False, True], kind="stable")
    failed = table[table["error"] != ""].sort_values("name")
    t = f"{threshold_minutes:g}"
    in_programme = programme_of_council(programmes)
    head = (
        "<tr><th>rank</th><th>council</th><th>code</th><th>areas</th><th>children under five</th>"
        f"<th>bases</th><th>within {t} min by car</th><th>within {t} min by bus</th>"
        f"<th>most deprived fifth within {t} min by car</th>"
        f"<th>most deprived fifth within {t} min by bus</th>"
        "<th>proven gap</th><th>seconds</th>"
        + ("<th>family hubs programme</th>" if in_programme else "")
        + "</tr>"
    )
    body = []
    for rank, r in enumerate(ok.to_dict(orient="records"), start=1):
        body.append(
            f"<tr><td>{rank}</td><td>{esc(str(r['name']))}</td><td>{esc(str(r['code']))}</td>"
            f"<td>{_num(r['areas'])}</td><td>{_num(r['children'])}</td><td>{_num(r['bases'])}</td>"
            f"<td>{_pct(r['share_within_car'])}</td><td>{_pct(r['share_within_bus'])}</td>"
            f"<td>{_pct(r['deprived_share_within_car'])}</td><td>{_pct(r['deprived_share_within_bus'])}</td>"
            f"<td>{_pct(r['gap'], '.2%')}</td><td>{_num(r['seconds'], '.1f')}</td>"
            + (f"<td>{esc(in_programme.get(str(r['code']), ''))}</td>" if in_programme else "")
            + "</tr>"
        )
    unranked = "".join(
        f"<li>{esc(str(r['name']))} ({esc(str(r['code']))}): within {esc(t)} min by car "
        f"{_pct(r['share_within_car'])}, by bus {_pct(r['share_within_bus'])}; {esc(str(r['caution']))}</li>"
        for r in unmeasured.to_dict(orient="records")
    )
    fails = "".join(
        f"<li>{esc(str(r['name']))} ({esc(str(r['code']))}): {esc(str(r['error']))}</li>"
        for r in failed.to_dict(orient="records")
    )
    children = float(ok["children"].sum()) if len(ok) else 0.0
    within = float((ok[column] * ok["children"]).sum()) if len(ok) else 0.0
    overall = f"{within / children:.1%}" if children > 0 else "no"
    figure = (
        to_svg(council_map(table, mode=mode, threshold_minutes=threshold_minutes, programmes=in_programme))
        if draw_map and len(ok)
        else ""
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="generator" content="hubplan">
<title>Every council at once: children's centres in England</title>
<style>
body {{ font-family: "DejaVu Sans", sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; font-size: 0.9em; }}
th, td {{ border-bottom: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }}
td:nth-child(2), th:nth-child(2) {{ text-align: left; }}
.figure svg {{ max-width: 100%; height: auto; }}
</style></head><body>
<h1>Every council at once</h1>
<p>{len(ok) + len(unmeasured):,} English upper-tier councils planned under one rule: {esc(rule)}.
Each council's bases are chosen from its open libraries (or its areas' positions where it has none)
to minimise children's travel time by {esc(mode)} (p-median). Across them, {esc(overall)} of
children under five are within {esc(t)} minutes of a base by {esc(mode)}{_unranked_words(unmeasured)}.</p>
<p>Travel minutes are estimated from straight-line distances, not routed: car by a speed and circuity
fitted on road times, bus by a model fitted on real timetable journeys (longer from rural areas).
Children are ONS mid-year estimates of children aged 0-4 per LSOA. The most deprived fifth is the
areas in IMD 2019 deciles 1-2 ("–" where a council has none). The proven
gap bounds how far a plan's total travel time can be above the best possible.</p>
{_programme_paragraph(ok, in_programme, column=column, mode=mode, minutes=t) if in_programme else ""}
<div class="figure">{figure}</div>
<h2>Councils ranked by the share within {esc(t)} minutes by {esc(mode)}</h2>
<table><thead>{head}</thead><tbody>
{"".join(body)}
</tbody></table>
{f"<h2>Councils not ranked: travel inside an area is the journey</h2><ul>{unranked}</ul>" if unranked else ""}
{f"<h2>Councils that failed</h2><ul>{fails}</ul>" if fails else ""}
</body></html>
"""


def _cautioned(table: pd.DataFrame) -> pd.Series:
    """Mark the rows with a ``caution`` (rows written before the column, or without one, have none)."""
    if "caution" not in table.columns:
        return pd.Series(False, index=table.index)
    return table["caution"].map(lambda c: isinstance(c, str) and c != "").astype(bool)


def _unranked_words(unmeasured: pd.DataFrame) -> str:
    """Say which councils are left out of the ranking and the share, and why (or nothing)."""
    if unmeasured.empty:
        return ""
    names = ", ".join(str(n) for n in unmeasured["name"])
    return (
        f" ({html.escape(names)} left out: so few areas, or so many children with a base at their own "
        "area's point, that travel inside an area, which is not modelled, is the journey; listed below)"
    )


def _programme_paragraph(
    ok: pd.DataFrame, programme: dict[str, str], *, column: str, mode: str, minutes: str
) -> str:
    """Say how many ranked councils are in each programme and their children's share within reach."""
    esc = html.escape
    group = ok["code"].astype(str).map(lambda c: _programme_group(programme.get(c, "")))
    parts = []
    for name in (*PROGRAMMES.values(), NOT_IN_PROGRAMME):
        mine = ok[group == name]
        if mine.empty:
            continue
        children = float(mine["children"].sum())
        share = float((mine[column] * mine["children"]).sum()) / children if children > 0 else math.nan
        trail = sum(TRAILBLAZER in programme.get(str(c), "") for c in mine["code"])
        extra = f", {trail} of them trailblazers" if trail else ""
        parts.append(
            f"{len(mine):,} {esc(name)}{extra}: {_pct(share)} within {esc(minutes)} minutes by {esc(mode)}"
        )
    return (
        "<p>Councils of the national family hubs programmes are marked (DfE; the list and its sources are "
        "in the project's data): " + "; ".join(parts) + ". Hub counts are published only by programme, "
        "not per council, so the plans here do not start from the hubs the programmes funded.</p>"
    )
