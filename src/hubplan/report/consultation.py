"""The consultation report: counts, themes and quotes, who responded, each centre, you said / we did.

It renders a :class:`~hubplan.analysis.consultation.ConsultationReport` (made by
:func:`hubplan.analysis.consultation.analyse_consultation` from one snapshot of the store): no store
query, embedding, clustering or redaction happens here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from hubplan.analysis.consultation import ConsultationReport, RepresentationTable
from hubplan.files import write_output
from hubplan.report import charts
from hubplan.report.tables import BREAKDOWN_TITLES


@dataclass(frozen=True)
class ConsultationFiles:
    """The files written."""

    html: Path


def render_consultation_report(report: ConsultationReport) -> str:
    """Return ``consultation.html``'s text: nothing in it carries personal data.

    Parameters
    ----------
    report
        The analysed consultation (:func:`hubplan.analysis.consultation.analyse_consultation`).

    Returns
    -------
    str
        The HTML.
    """
    context = {
        "title": f"{report.region or 'The'} consultation: what people said",
        "synthetic": report.synthetic,
        "counts": {
            "total": f"{report.count:,}",
            "shared": report.shared,
            "petitions": len(report.petitions),
            "types": [(k, f"{v:,}") for k, v in report.types],
            "stance": [(s.stance, f"{s.count:,}", ", ".join(s.decided_by)) for s in report.stances],
        },
        "themes": [
            {"id": t.id, "label": t.label, "count": f"{t.count:,}", "words": ", ".join(t.words),
             "sampled": f"{t.words_from:,}" if 0 < t.words_from < t.count else "",
             "quotes": t.quotes, "we_did": t.we_did, "shared": t.shared,
             "quoted": _quoted(len(t.quotes), t.count)}
            for t in report.themes
        ],
        "themes_caution": report.themes_caution,
        "placed_by": report.placed_by,
        "people": report.people,
        "outside": report.outside,
        "scenario": report.scenario,
        "chart": charts.to_svg(_representation_chart(report.chart, people=report.people)),
        "representation": [
            {
                "title": f"{BREAKDOWN_TITLES.get(r.breakdown, r.breakdown)}: {r.scenario}",
                "rows": [_representation_row(r, g) for g in range(len(r.labels))],
                "shared": any(r.shared),
                "under": ", ".join(r.under_represented),
            }
            for r in report.representation
        ],
        "petitions": [
            (p.name, f"{p.signatures:,}", ", ".join(p.postcode_districts)) for p in report.petitions
        ],
        "centres": [
            {"name": c.name, "count": c.count, "stance": ", ".join(f"{k} {v}" for k, v in c.stances),
             "quotes": list(c.quotes)}
            for c in report.centres
        ],
    }  # fmt: skip
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("hubplan.report") / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("consultation.html.j2").render(**context)


def write_consultation_report(report: ConsultationReport, out_dir: Path) -> ConsultationFiles:
    """Write ``consultation.html`` into ``out_dir``.

    Parameters
    ----------
    report
        The analysed consultation.
    out_dir
        The folder.

    Returns
    -------
    ConsultationFiles
        The HTML file.
    """
    html = render_consultation_report(report)
    path = write_output(out_dir / "consultation.html", html.encode("utf-8"), option="--out")
    return ConsultationFiles(path)


def _representation_row(r: RepresentationTable, g: int) -> list[str]:
    """One group's cells; the respondents who share a text are counted beside when any do."""
    ratio = "-" if not math.isfinite(r.ratio[g]) else f"{r.ratio[g]:.2f}"
    respondents = f"{r.respondents[g]:,.0f}"
    if any(r.shared):
        respondents += f" (of these, {r.shared[g]:,.0f} sharing a text)" if r.shared[g] else ""
    return [r.labels[g], respondents, f"{r.affected[g]:,.0f}", ratio]


def _quoted(quotes: int, count: int) -> str:
    """Say how many of a theme's responses are quoted under it ("2 quoted below", "none quoted")."""
    if quotes >= count:
        return "all quoted below" if count > 1 else "quoted below"
    return f"{quotes:,} quoted below" if quotes else "none quoted (none short and safe to publish)"


def _representation_chart(tables: tuple[RepresentationTable, ...], *, people: str) -> dict[str, Any]:
    rows = [
        {
            "breakdown": BREAKDOWN_TITLES.get(r.breakdown, r.breakdown),
            "group": label,
            "ratio": r.ratio[g],
        }
        for r in tables
        for g, label in enumerate(r.labels)
        if math.isfinite(r.ratio[g])
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": f"Share of respondents over share of affected {people} (1 = in proportion)",
        "data": {"values": rows},
        "config": {"font": "DejaVu Sans", "view": {"stroke": None}},
        "facet": {"row": {"field": "breakdown", "type": "nominal", "title": None}},
        "resolve": {"scale": {"y": "independent"}},
        "spec": {
            "width": 420,
            "height": {"step": 14},
            "layer": [
                {"mark": "bar", "encoding": {
                    "y": {"field": "group", "type": "nominal", "title": None, "sort": None},
                    "x": {"field": "ratio", "type": "quantitative", "title": "representation"},
                    "color": {"condition": {"test": "datum.ratio < 0.8", "value": "#D55E00"},
                              "value": "#0072B2"}}},
                {"mark": {"type": "rule", "strokeDash": [4, 3]}, "encoding": {"x": {"datum": 1}}},
            ],
        },
    }  # fmt: skip
