"""The consultation report: counts, themes and quotes, who responded, each centre, you said / we did."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import numpy as np

from hubplan.consult import all_petitions, all_responses, area_of_postcodes, engine_for, match_centres
from hubplan.consult.quotes import select_quotes
from hubplan.consult.redact import redact_all
from hubplan.consult.represent import affected_families, closing_scenarios, representation
from hubplan.consult.themes import STANCE_ANCHORS, Theme, embed, find_themes, stance
from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError
from hubplan.files import write_bytes_atomically
from hubplan.report import charts
from hubplan.report.tables import BREAKDOWN_TITLES
from hubplan.travel.matrix import TravelMatrix


@dataclass(frozen=True)
class ConsultationFiles:
    """The files written."""

    html: Path


def write_consultation_report(
    workspace: Workspace, travel: TravelMatrix, scenario: Scenario, out_dir: Path, *, seed: int = 0
) -> ConsultationFiles:
    """Write ``consultation.html``: nothing in it carries personal data.

    Parameters
    ----------
    workspace
        The workspace (its store holds the responses).
    travel
        Its travel matrices.
    scenario
        The scenario consulted on.
    out_dir
        The folder.
    seed
        Seeds the themes.

    Returns
    -------
    ConsultationFiles
        The HTML file.

    Raises
    ------
    HubplanError
        When no responses are stored.
    """
    assert workspace.path is not None
    engine = engine_for(workspace.path)
    responses = all_responses(engine)
    if not responses:
        raise HubplanError(f"no responses stored yet: run hubplan consult import {workspace.path} FILE")
    comments = [r.comment for r in responses]
    vectors = embed(comments)
    anchors = {k: embed(list(v)) for k, v in STANCE_ANCHORS.items()}
    stances = stance([r.support for r in responses], vectors, anchors)
    themes = find_themes(comments, vectors, workspace=workspace.path, seed=seed)
    areas, method = area_of_postcodes([r.postcode for r in responses], workspace)
    reps = representation(workspace, areas, affected_families(workspace, travel, scenario))
    context = {
        "title": f"{workspace.assumptions.region.name or 'The'} consultation: what people said",
        "synthetic": any(r.response_id.startswith("SYN-") for r in responses),
        "counts": {
            "total": f"{len(responses):,}",
            "petitions": len(all_petitions(engine)),
            "types": [(k, f"{v:,}") for k, v in Counter(r.respondent_type for r in responses).most_common()],
            "stance": _stance_rows(stances),
        },
        "themes": [_theme(t) for t in themes],
        "placed_by": method,
        "scenario": scenario.title,
        "chart": charts.to_svg(_representation_chart(reps)),
        "representation": [
            {
                "title": f"{BREAKDOWN_TITLES.get(r.breakdown, r.breakdown)}: {other.title}",
                "rows": [_representation_row(r, g) for g in range(len(r.labels))],
                "under": ", ".join(r.under_represented),
            }
            for other in [scenario, *(s for s in closing_scenarios(workspace) if s.name != scenario.name)]
            for r in representation(workspace, areas, affected_families(workspace, travel, other))
        ],
        "petitions": [(n, f"{s:,}", ", ".join(d)) for n, s, d in all_petitions(engine)],
        "centres": _centres(workspace, responses, stances),
    }  # fmt: skip
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("hubplan.report") / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    html = env.get_template("consultation.html.j2").render(**context)
    return ConsultationFiles(write_bytes_atomically(out_dir / "consultation.html", html.encode("utf-8")))


def _stance_rows(stances: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    counts = Counter(s for s, _ in stances).most_common()
    return [(k, f"{v:,}", ", ".join(sorted({m for s, m in stances if s == k}))) for k, v in counts]


def _representation_row(r: Any, g: int) -> list[str]:
    ratio = "-" if not np.isfinite(r.ratio[g]) else f"{r.ratio[g]:.2f}"
    return [r.labels[g], f"{r.respondents[g]:,.0f}", f"{r.affected[g]:,.0f}", ratio]


def _theme(theme: Theme) -> dict[str, Any]:
    count = f"{len(theme.members):,}"
    words = ", ".join(theme.words)
    return {"id": theme.id, "label": theme.label, "count": count, "words": words, "quotes": theme.quotes,
            "we_did": theme.we_did}  # fmt: skip


def _centres(
    workspace: Workspace, responses: list[Any], stances: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    by_centre: dict[str, list[int]] = {}
    for i, r in enumerate(responses):
        for site in match_centres(r.centre, workspace):
            by_centre.setdefault(site, []).append(i)
    # Redacted together: a name found in one comment is removed from every other.
    redacted = redact_all([r.comment for r in responses])
    out = []
    for site in sorted(by_centre, key=lambda s: -len(by_centre[s])):
        rows = by_centre[site]
        split = Counter(stances[i][0] for i in rows)
        quotes = select_quotes(redacted[i] for i in rows if responses[i].comment.strip())
        out.append({
            "name": workspace.sites.name[workspace.sites.index[site]], "count": len(rows),
            "stance": ", ".join(f"{k} {v}" for k, v in split.most_common()), "quotes": quotes,
        })  # fmt: skip
    return out


def _representation_chart(reps: list[Any]) -> dict[str, Any]:
    rows = [
        {
            "breakdown": BREAKDOWN_TITLES.get(r.breakdown, r.breakdown),
            "group": label,
            "ratio": float(r.ratio[g]),
        }
        for r in reps
        for g, label in enumerate(r.labels)
        if np.isfinite(r.ratio[g])
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": "Share of respondents over share of affected families (1 = in proportion)",
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
