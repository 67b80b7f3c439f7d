"""Plain-English sentences a journalist could quote, worked out from evaluations."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from hubplan.analysis.shapes import EvaluationShape
from hubplan.analysis.uncertainty import ScenarioIntervals
from hubplan.report import format as fmt
from hubplan.report.tables import (
    OUTSIDE_MARK,
    beyond_families,
    beyond_interval,
    count_with_interval,
    outside,
    reach_intervals,
)


def headline_sentences(
    evaluations: Sequence[EvaluationShape],
    *,
    region: str = "",
    mode: str | None = None,
    minutes: float | None = None,
    intervals: Mapping[str, ScenarioIntervals] | None = None,
    candidates: int | None = None,
    costs_assumed: bool = False,
    assumed: Sequence[str] | None = None,
) -> list[str]:
    """Return one or two sentences per scenario on families beyond ``minutes`` by ``mode``, cost and saving.

    Parameters
    ----------
    evaluations
        Evaluations of one workspace; the baseline, when among them, is described first.
    region
        The region's name, e.g. ``"Norfolk"``.
    mode
        The mode to speak of; by default the access mode (``[evaluation] access_mode``).
    minutes
        One of the evaluations' thresholds; by default the access threshold.
    intervals
        Scenario name to its 90% intervals (:attr:`hubplan.analysis.Analysis.intervals`): each count
        quoted is followed by its interval, e.g. ``6,077 (90% interval 5,610-6,540)``.
    candidates
        How many candidate sites there are: without a baseline each plan is "a new network of N
        bases chosen from this many candidate sites" (nothing closes, nothing is saved).
    costs_assumed
        Whether costs are hubplan's assumption (said beside every sum of money).
    assumed
        What is assumed rather than measured, in a few words each (the analysis's provenance); when
        not given, the workspace's ``[region].modelled`` text is quoted.

    Returns
    -------
    list of str
        The sentences, the last one saying which figures are modelled.
    """
    mode = mode or evaluations[0].access_mode
    minutes = evaluations[0].access_minutes if minutes is None else minutes
    where = f"{region}'s " if region else "the "
    out = []
    known = intervals or {}
    baseline = next((ev for ev in evaluations if ev.baseline == ev.scenario.name), None)

    def beyond_text(ev: EvaluationShape, breakdown: str | None = None, *, again: bool = False) -> str:
        value = float(beyond_families(ev, mode, minutes, breakdown=breakdown)[0])
        found = reach_intervals(known.get(ev.scenario.name), mode, breakdown=breakdown)
        band = beyond_interval(found, ev.thresholds.index(minutes))
        if again and band is not None and outside(value, *band):
            # said in full in its own sentence: here only the range it leads with
            return f"{fmt.families(band[0])}\u2013{fmt.families(band[1])}"
        return count_with_interval(value, band, words=True)

    def share_text(ev: EvaluationShape, beyond: float) -> str:
        # The share of the interval where the count leads with it (the count lies outside it).
        found = reach_intervals(known.get(ev.scenario.name), mode)
        band = None if by_km else beyond_interval(found, ev.thresholds.index(minutes))
        if band is None or not outside(beyond, *band):
            return fmt.share(beyond, ev.families)
        return f"{fmt.share(band[0], ev.families)}\u2013{fmt.share(band[1], ev.families)}"

    cost_words = " (costs assumed, not the council's)" if costs_assumed else ""
    by_km = evaluations[0].access_measure == "km" and all(ev.distance is not None for ev in evaluations)
    if by_km:  # [evaluation] access_measure = "km": the straight-line count leads (no travel model in it)
        beyond_text = _beyond_km_text
    for ev in evaluations:
        beyond = float(beyond_families(ev, mode, minutes)[0]) if not by_km else _beyond_km(ev)[0]
        network = ""
        if baseline is None and candidates:
            network = f" a new network of {len(ev.bases)} bases chosen from {candidates} candidate sites;"
        far = (
            f"more than {_km_of(ev):g} km from a base in a straight line"
            if by_km
            else f"more than {minutes:g} minutes by {mode} from a base"
        )
        text = (
            f"{ev.scenario.title}:{network} {beyond_text(ev)} of {where}{fmt.families(ev.families)} "
            f"{ev.noun} ({share_text(ev, beyond)}) would be {far}"
        )
        if baseline is not None and ev is not baseline:
            text += (
                f", against {beyond_text(baseline, again=True)} with the {len(baseline.bases)} sites of the "
                "network today"
            )
        groups = ev.distance.groups if by_km and ev.distance is not None else ev.modes[mode].groups
        if "deprivation_quintile" in groups:
            poorest = beyond_text(ev, "deprivation_quintile")
            text += f"; {poorest} of them live in the most deprived fifth of areas"
        text += "."
        if math.isfinite(ev.cost_per_year):
            text += f" Its {len(ev.bases)} bases cost {fmt.money(ev.cost_per_year)} a year"
            if baseline is not None and ev is not baseline and math.isfinite(ev.saving_per_year):
                more = ev.saving_per_year < 0
                text += f", {fmt.money(abs(ev.saving_per_year))} {'more' if more else 'less'} than now"
            text += f"{cost_words}."
        out.append(text)
    first = evaluations[0]
    estimated = [m for m, e in first.modes.items() if e.source == "estimated"]
    if estimated:
        out.append(estimate_sentence(estimated))
    if assumed is not None:
        if assumed:
            out.append(f"Assumed by hubplan, not measured: {fmt.words(list(assumed))}.")
        return out
    modelled = [n.removeprefix("modelled data: ") for n in first.notes if n.startswith("modelled data: ")]
    if modelled:
        out.append(f"Modelled, not measured: {modelled[0]}")
    return out


def _km_of(ev: EvaluationShape) -> float:
    assert ev.distance is not None  # checked by the caller
    return ev.distance.access_km


def _beyond_km(ev: EvaluationShape, breakdown: str | None = None) -> np.ndarray:
    """Demand further than ``access_km`` in a straight line: the total, or one value per group."""
    assert ev.distance is not None  # checked by the caller
    reach = ev.distance.total if breakdown is None else ev.distance.groups[breakdown]
    return np.asarray(reach.families - reach.within[:, 0])


def _beyond_km_text(ev: EvaluationShape, breakdown: str | None = None, *, again: bool = False) -> str:  # noqa: ARG001
    """Format the count beyond ``access_km`` (alone: the 90% intervals are drawn for minutes)."""
    return fmt.families(float(_beyond_km(ev, breakdown)[0]))


#: How each estimated mode's minutes are worked out, in a few words (hubplan.travel.describe_estimate
#: gives the formula and its parameters).
_ESTIMATE_WORDS = {
    "walk": "walking at an assumed speed",
    "car": "car by a model fitted on free-flow road times",
    "bus": "bus by a model fitted on real timetabled journeys (Tuesday daytimes, 2024)",
}


def notes_beyond_summary(
    notes: Iterable[str], evaluations: Sequence[EvaluationShape], sentences: Sequence[str]
) -> list[str]:
    """Return the notes that :func:`headline_sentences` has not already said in a sentence of its own.

    Its sentence on estimated travel says what each estimated mode's note says ("bus minutes are
    estimated"), and its "Modelled, not measured" sentence what the modelled-data note says: an output
    that prints both says them once.

    Parameters
    ----------
    notes
        The notes to print (:func:`hubplan.report.comparison_notes`).
    evaluations
        The evaluations the sentences describe.
    sentences
        The sentences printed.

    Returns
    -------
    list of str
        The notes, less those the sentences say.
    """
    said = set(sentences)
    first = evaluations[0]
    estimated = [m for m, e in first.modes.items() if e.source == "estimated"]
    covered = (
        {f"{m} minutes are estimated" for m in estimated} if estimate_sentence(estimated) in said else set()
    )
    return [
        n
        for n in notes
        if n not in covered
        and not (
            n.startswith("modelled data: ")
            and f"Modelled, not measured: {n.removeprefix('modelled data: ')}" in said
        )
    ]


def estimate_sentence(modes: Sequence[str]) -> str:
    """Say in one sentence how the estimated modes' minutes are worked out.

    Parameters
    ----------
    modes
        The modes whose minutes are estimated rather than routed or imported, e.g.
        ``["walk", "car", "bus"]``.

    Returns
    -------
    str
        One sentence; it names the fitted bus model when bus is among ``modes``.
    """
    how = [_ESTIMATE_WORDS.get(m, m) for m in modes]
    return (
        "Travel times are estimated from straight-line distance, not routed over roads or timetables: "
        f"{', '.join(how)}."
    )


def interval_note(intervals: Mapping[str, ScenarioIntervals], *, people: str = "children") -> str:
    """Return one sentence on what the report's 90% intervals cover and what they do not ('' without any).

    Parameters
    ----------
    intervals
        Scenario name to its intervals (all drawn with the same settings).
    people
        What the areas count (``"children"`` or ``"families"``).

    Returns
    -------
    str
        The sentence.
    """
    first = next(iter(intervals.values()), None)
    if first is None:
        return ""
    drawn = [m for m, iv in first.modes.items() if iv.drawn]
    held = [m for m, iv in first.modes.items() if not iv.drawn]
    car = (
        " and estimated car minutes with the car model's measured error (median absolute error "
        f"{first.car_median_abs_error:.1%}, one factor per area for all its trips)"
        if "car" in drawn
        else ""
    )
    if "bus" in drawn:
        bands = ", ".join(f"{k} km {v:.0%}" for k, v in first.bus_median_abs_error.items())
        car += (
            ", and estimated bus minutes with the bus model's error measured against real timetables "
            f"(median absolute error by straight-line distance: {bands})"
        )
    text = (
        f"Ranges in brackets are 90% intervals over {first.draws} draws of the inputs, each plan kept as it "
        f"is: each area's count of {people} drawn with an assumed {first.demand_cv:.0%} coefficient of "
        f"variation (ONS publishes no error for it){car}"
    )
    if held:
        text += f"; {fmt.words(held)} minutes are not drawn, so their ranges reflect the counts alone"
    if {"car", "bus"} & set(drawn):
        text += (
            f"; a figure marked {OUTSIDE_MARK} lies outside its own range: the estimate takes every "
            "estimated journey at exactly the model's minutes, while with the models' errors the families "
            "living just either side of a threshold cross it unevenly (where many live just inside it, more "
            "fall out than come in), so the range is the likelier picture, and a sentence gives it first"
        )
    return text + "."
