"""The report: one self-contained HTML file, and a PDF of it, that anyone can read and check."""

from __future__ import annotations

import contextlib
import math
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import numpy as np

from hubplan import __version__
from hubplan.analysis import Analysis
from hubplan.analysis.centres import MODES
from hubplan.analysis.provenance import FIGURE_NAMES, KIND_WORDS, Provenance
from hubplan.analysis.shapes import EvaluationShape
from hubplan.analysis.summaries import ConsultationSummary
from hubplan.analysis.uncertainty import RURAL, ReachIntervals, ScenarioIntervals
from hubplan.files import write_bytes_atomically
from hubplan.report import charts, figure_text
from hubplan.report import format as fmt
from hubplan.report.circuits import rounds_section
from hubplan.report.lots import lots_section
from hubplan.report.outreach import outreach_money_rows
from hubplan.report.summary import headline_sentences, interval_note
from hubplan.report.tables import (
    BREAKDOWN_TITLES,
    comparison_rows,
    count_with_interval,
    reach_intervals,
)
from hubplan.report.timeline import decision_pack
from hubplan.report.usage import usage_section


@dataclass(frozen=True)
class ReportFiles:
    """The files written: the HTML and, unless skipped, the PDF."""

    html: Path
    pdf: Path | None


def render_html(analysis: Analysis) -> str:
    """Return the report as one HTML document with its styles and SVG charts inside (no outside references).

    Rendering only: every figure comes from ``analysis`` (:func:`hubplan.analysis.analyse`).

    Parameters
    ----------
    analysis
        The scenarios' analysis, the baseline first if it is among them, with its view of the
        workspace (:class:`hubplan.analysis.view.RenderView`).

    Returns
    -------
    str
        The HTML.
    """
    evaluations = list(analysis.evaluations)
    provenance = analysis.provenance
    view = analysis.view
    areas = view.areas
    region = view.region or "The region"
    families = areas.families
    within = f"within {view.access_minutes:g} minutes by {view.access_mode}"
    note = interval_note(analysis.intervals, people=areas.people)
    area_words = charts.area_words(view)  # what each area on the maps is, for their captions
    context = {
        "title": f"{region}: what the options mean for {areas.noun}",
        "region": region,
        "noun": areas.noun,
        "within": within,
        "access_mode": view.access_mode,
        "car_minutes": f"{view.car_minutes:g}",
        "people": areas.people,
        "version": __version__,
        "scenario_titles": "; ".join(ev.scenario.title for ev in evaluations),
        "modelled": _assumed_names(analysis) or [],
        "provenance": _provenance_rows(analysis),
        "has_baseline": analysis.has_baseline,
        "shows_money": analysis.shows_money,
        "cost_source": provenance.figures["cost_per_year"].detail
        if provenance is not None and "cost_per_year" in provenance.figures
        else "",
        "not_given": list(provenance.not_given.values()) if provenance is not None else [],
        "cautions": list(dict.fromkeys(c for ev in evaluations for c in ev.cautions)),
        "summary": _with_who_loses(
            headline_sentences(
                evaluations,
                region=view.region,
                intervals=analysis.intervals,
                candidates=len(view.sites),
                costs_assumed=provenance is not None
                and provenance.figures.get("cost_per_year", _USER).kind == "assumed",
                assumed=[],  # the "Modelled data" box above the summary lists them
            ),
            _who_loses(evaluations, analysis),
        )
        + ([note] if note else []),
        "interval_note": note,
        "comparison": {
            "header": [ev.scenario.name for ev in evaluations],
            "rows": [
                [label, *values]
                for label, values, _ in comparison_rows(evaluations, intervals=analysis.intervals)
            ],
        },
        "maps": [
            {
                "svg": charts.to_svg(charts.access_map(view, ev)),
                "alt": f"Map of {region}: areas shaded by {view.access_mode} minutes to a base, "
                f"{ev.scenario.title}",
                "caption": f"{ev.scenario.title}. {area_words}, shaded by "
                f"{view.access_mode} minutes to the nearest base; triangles are bases"
                + (", crosses sites of the network today it leaves out." if analysis.has_baseline else "."),
                "figures": figure_text.access_map_figures(view, ev),
            }
            for ev in evaluations
        ],
        "charts": [
            {
                "svg": charts.to_svg(charts.s_curves(evaluations, families, noun=areas.noun)),
                "alt": f"Share of {areas.noun} within each number of minutes of a base, by mode",
                "caption": "The higher and further left a line, the nearer they are to a base.",
                "figures": figure_text.s_curve_figures(evaluations),
            },
            *[
                {
                    "svg": charts.to_svg(charts.losses(evaluations, noun=areas.noun)),
                    "alt": f"{areas.noun.capitalize()} losing access by deprivation, rurality, car",
                    "caption": f"Those who had a base {within} and would not.",
                    "figures": figure_text.losses_figures(evaluations, noun=areas.noun),
                }
            ][: 1 if analysis.has_baseline else 0],
            *[
                {
                    "svg": charts.to_svg(
                        charts.cost_coverage(
                            evaluations,
                            intervals=analysis.intervals,
                            frontier=analysis.frontier,
                            noun=areas.noun,
                        )
                    ),
                    "alt": f"Cost a year against the share of {areas.noun} {within}",
                    "caption": "Up and to the left is better value."
                    + (" Bars are 90% intervals." if analysis.intervals else "")
                    + _frontier_caption(analysis, areas.noun),
                    "figures": figure_text.cost_coverage_figures(evaluations, noun=areas.noun),
                }
            ][: 1 if analysis.shows_money else 0],
        ],
        "equality": _equality(evaluations, view.car_minutes, intervals=analysis.intervals),
        "outreach": _outreach(analysis),
        "area_words": area_words,
        "no_outreach": [
            (ev.scenario.title, analysis.no_outreach[ev.scenario.name])
            for ev in analysis.evaluations
            if ev.scenario.name in analysis.no_outreach
        ],
        "rounds": rounds_section(analysis),
        "usage": usage_section(analysis),
        "lots": lots_section(view, analysis.lots),
        "consultation": _consultation(analysis.consultation),
        "centres": _closing_rows(analysis),
        "sources": "; ".join(f"{mode} {src}" for mode, src in analysis.sources.items()),
        "fingerprint": analysis.fingerprint[:16],
        "settings": list(view.settings),
        "scenario_notes": [
            {
                "title": ev.scenario.title,
                "description": ev.scenario.description,
                "modelled": ev.scenario.modelled,
            }
            for ev in evaluations
        ],
        "data_readme": view.data_readme,
        "decision_pack": decision_pack(view, analysis.evidence, evaluations),
    }
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("hubplan.report") / "templates")),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("report.html.j2").render(**context)


def write_report(analysis: Analysis, out_dir: Path, *, pdf: bool = True) -> ReportFiles:
    """Write ``report.html`` and ``report.pdf`` into ``out_dir``, each atomically.

    Parameters
    ----------
    analysis
        The scenarios' analysis (:func:`hubplan.analysis.analyse`).
    out_dir
        The folder (made if missing).
    pdf
        Also write the PDF (with weasyprint).

    Returns
    -------
    ReportFiles
        The paths written.
    """
    html = render_html(analysis)
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path = write_bytes_atomically(out_dir / "report.html", html.encode("utf-8"))
    pdf_path = None
    if pdf:
        import logging

        with _libraries_found_without_a_compiler():
            import weasyprint

        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        # Tagged (headings, lists, tables and their headers as structure, for screen readers). PDF 1.4
        # keeps the Creator mark readable (written_by_hubplan); WeasyPrint's "pdf/ua-1" variant would
        # need 1.7, whose object streams compress it away.
        document: bytes = weasyprint.HTML(string=html, base_url=None).write_pdf(
            pdf_version="1.4", pdf_tags=True
        )
        pdf_path = write_bytes_atomically(out_dir / "report.pdf", document)
    return ReportFiles(html_path, pdf_path)


@contextlib.contextmanager
def _libraries_found_without_a_compiler() -> Iterator[None]:
    """While WeasyPrint loads Pango and GObject, let ctypes find libraries by ldconfig's cache only.

    WeasyPrint tries names such as ``libgobject-2.0-0`` first; on Linux, cffi hands each name it
    cannot open to :func:`ctypes.util.find_library`, which falls back to running ``gcc`` and ``ld``
    on files it creates in ``/tmp`` (16 times a report). With the cache lookup alone those names
    are not found, and WeasyPrint goes on to the sonames (``libgobject-2.0.so.0``), which load
    directly: no compiler runs and nothing is written outside the report's folder.

    Yields
    ------
    None
        Nothing; ``ctypes.util.find_library`` is restored when the block ends.
    """
    import ctypes.util

    cache_lookup = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if not sys.platform.startswith("linux") or cache_lookup is None:
        yield
        return
    real = ctypes.util.find_library
    ctypes.util.find_library = cache_lookup
    try:
        yield
    finally:
        ctypes.util.find_library = real


_USER = Provenance("user", "")


def _assumed_names(analysis: Analysis) -> list[str] | None:
    """Return short names of what is assumed; ``None`` without provenance."""
    return analysis.provenance.assumed_names() if analysis.provenance is not None else None


def _provenance_rows(analysis: Analysis) -> list[dict[str, str]]:
    """Return a row per figure: its name, where it comes from (real, the user's, assumed) and the detail."""
    if analysis.provenance is None:
        return []
    return [
        {
            "figure": FIGURE_NAMES.get(key, key.replace("minutes.", "minutes by ")),
            "kind": KIND_WORDS[p.kind],
            "detail": p.detail,
        }
        for key, p in analysis.provenance.figures.items()
    ]


def _frontier_caption(analysis: Analysis, noun: str) -> str:
    frontier = analysis.frontier
    if frontier is None or not frontier.steps:
        return ""
    text = (
        f" The dashed line is the best plan found at {len(frontier.steps)} budgets: the most {noun} "
        f"within {frontier.minutes:g} minutes by {frontier.mode} that bases costing at most that much "
        "can serve, any site allowed"
    )
    worst = max(step.gap for step in frontier.steps)
    unproven = sum(math.isinf(step.gap) for step in frontier.steps)
    if unproven:
        # A solve stopped by the frontier's time budget before it had a bound: a plan, not a proof.
        text += (
            f" ({unproven} of the {len(frontier.steps)} plans found when the solver's time ran out, "
            "before it could bound how far from the best they are)"
        )
    elif worst > 1e-6:
        text += f" (proven within {worst:.1%} of the best)"
    return text + ("; the shaded band is its 90% interval." if frontier.draws else ".")


def _with_who_loses(headlines: list[str], loses: list[str]) -> list[str]:
    """Put who loses access after the plans' headlines and before the last one, which says what is modelled.

    So the first page holds both: who is far from a base, and who loses one.
    """
    return headlines[:-1] + loses + headlines[-1:] if headlines else loses


def _who_loses(evaluations: Sequence[EvaluationShape], analysis: Analysis) -> list[str]:
    out = []
    for ev in evaluations:
        reach = ev.modes[ev.access_mode]
        if ev.baseline == ev.scenario.name or reach.total.lose is None:
            continue
        minutes = ev.access_minutes
        i = ev.thresholds.index(minutes)
        lost = float(reach.total.lose[0, i])
        drawn = analysis.intervals.get(ev.scenario.name)
        parts = []
        for name, group, words in (
            ("rurality", None, "live in rural towns or villages"),
            ("car_access", "no car", "have no car"),
            ("deprivation_quintile", "1 (most deprived)", "live in the most deprived fifth of areas"),
        ):
            breakdown = reach.groups.get(name)
            if breakdown is None or breakdown.lose is None:
                continue
            mask = (
                [label != "urban" for label in breakdown.labels]
                if group is None
                else [label == group for label in breakdown.labels]
            )
            count = float(breakdown.lose[np.array(mask), i].sum())
            interval = _lose_range(drawn, ev, name, mask, i)
            parts.append(f"{fmt.families(count)} ({fmt.share(count, lost)}{interval}) {words}")
        if lost > 0:
            total = reach_intervals(drawn, ev.access_mode)
            pair = total.lose.at(0, i) if total is not None and total.lose is not None else None
            lost_text = count_with_interval(lost, pair, words=True)
            out.append(
                f"{ev.scenario.title}: {lost_text} {ev.people} would lose a base within {minutes:g} "
                f"minutes by {ev.access_mode}; " + "; ".join(parts) + "."
            )
    return out


def _lose_range(
    drawn: ScenarioIntervals | None, ev: EvaluationShape, breakdown: str, mask: list[bool], i: int
) -> str:
    """Return '; 90% interval a-b' for those losing access in the masked groups, '' without intervals.

    Several groups (rural towns and villages) have their sum's own interval (``RURAL``): a sum of
    groups' percentiles is not a percentile of their sum.
    """
    if sum(mask) > 1:
        breakdown, mask = RURAL, [True]
    found = reach_intervals(drawn, ev.access_mode, breakdown=breakdown)
    if found is None or found.lose is None or sum(mask) != 1:
        return ""
    low, high = found.lose.at(mask.index(True), i)
    return f"; 90% interval {fmt.families(low)}\u2013{fmt.families(high)}"


def _outreach(analysis: Analysis) -> list[dict[str, Any]]:
    """Outreach for every reported scenario with a budget: money, venues, reach by group, timetable."""
    out = []
    for ev in analysis.evaluations:
        plan = analysis.outreach.get(ev.scenario.name)
        if plan is None:
            continue
        money = [*outreach_money_rows(plan), ("outreach workers", str(plan.staff))]
        money.append(("need weighted by", analysis.view.weighting_words[plan.need_weighting]))
        reach = [
            {
                "title": BREAKDOWN_TITLES.get(r.breakdown, r.breakdown),
                "rows": [
                    [label, fmt.families(r.families[g]), fmt.families(r.base[g]), fmt.families(r.outreach[g]),
                     fmt.families(r.not_reached[g])]
                    for g, label in enumerate(r.labels)
                ],
            }
            for r in analysis.reach.get(ev.scenario.name, ())
            if r.breakdown != "district"
        ]  # fmt: skip
        venues = [
            [
                v.venue,
                v.base,
                str(v.sessions_per_week),
                fmt.families(v.families_reached),
                fmt.money(v.cost_per_year),
            ]
            for v in plan.venues
        ]
        sessions = [[x.staff, x.weekday, x.slot, x.venue, x.base] for x in plan.sessions]
        out.append(
            {
                "title": ev.scenario.title,
                "warnings": [n for n in plan.notes if "exceed the budget" in n],
                "money": money,
                "reach": reach,
                "venues": venues,
                "sessions": sessions,
            }
        )
    return out


def _equality(
    evaluations: Sequence[EvaluationShape], car_minutes: float, *, intervals: Mapping[str, ScenarioIntervals]
) -> list[dict[str, Any]]:
    out = []
    for ev in evaluations:
        if ev.baseline == ev.scenario.name:
            continue
        tables = []
        drawn = intervals.get(ev.scenario.name)
        for name, reach in ev.modes[ev.access_mode].groups.items():
            car = ev.modes["car"].groups[name]
            if reach.lose is None or car.lose is None:
                continue
            i_bus, i_car = ev.thresholds.index(ev.access_minutes), ev.thresholds.index(car_minutes)
            bus_band = reach_intervals(drawn, ev.access_mode, breakdown=name)
            car_band = reach_intervals(drawn, "car", breakdown=name)

            def lost(band: ReachIntervals | None, g: int, i: int) -> tuple[float, float] | None:
                return band.lose.at(g, i) if band is not None and band.lose is not None else None

            rows = [
                [
                    label,
                    fmt.families(reach.families[g]),
                    count_with_interval(reach.lose[g, i_bus], lost(bus_band, g, i_bus)),
                    fmt.share(reach.lose[g, i_bus], reach.families[g]),
                    count_with_interval(car.lose[g, i_car], lost(car_band, g, i_car)),
                    fmt.share(car.lose[g, i_car], car.families[g]),
                ]
                for g, label in enumerate(reach.labels)
            ]
            tables.append(
                {
                    "caption": f"{BREAKDOWN_TITLES.get(name, name)}: {ev.people} losing access",
                    "header": [
                        BREAKDOWN_TITLES.get(name, name),
                        ev.people,
                        f"lose ({ev.access_mode}, {ev.access_minutes:g} min)",
                        "share",
                        f"lose (car, {car_minutes:g} min)",
                        "share",
                    ],
                    "rows": rows,
                }
            )
        out.append({"title": ev.scenario.title, "tables": tables})
    return out


def _closing_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """Format the analysis's closing centres for the report's table."""
    return [
        {
            "id": c.id,
            "name": c.name,
            "district": c.district,
            "families": fmt.families(c.demand),
            "venue": f"{c.venue} ({c.venue_car_minutes:.0f} min by car)" if c.venue else "none",
            "rows": [
                [m.scenario, m.new_base, *(f"{m.minutes[mode][0]:.0f} min (was {m.minutes[mode][1]:.0f})"
                                           for mode, _ in MODES)]
                for m in c.moves
            ],
        }
        for c in analysis.centres
    ]  # fmt: skip


def _consultation(summary: ConsultationSummary | None) -> dict[str, Any] | None:
    """Format the analysis's consultation summary for the report."""
    if summary is None:
        return None
    return {
        "count": f"{summary.count:,}",
        "synthetic": summary.synthetic,
        "types": list(summary.types),
        "petitions": [(n, f"{c:,}") for n, c in summary.petitions],
        "themes": list(summary.themes),
    }
