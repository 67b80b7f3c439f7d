"""Plain-English sentences a journalist could quote, worked out from evaluations."""

from __future__ import annotations

from hubplan.evaluate.evaluation import Evaluation
from hubplan.report import format as fmt
from hubplan.report.tables import beyond_families


def headline_sentences(
    evaluations: list[Evaluation], *, region: str = "", mode: str | None = None, minutes: float | None = None
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

    Returns
    -------
    list of str
        The sentences, the last one saying which figures are modelled.
    """
    mode = mode or evaluations[0].access_mode
    minutes = evaluations[0].access_minutes if minutes is None else minutes
    where = f"{region}'s " if region else "the "
    out = []
    baseline = next((ev for ev in evaluations if ev.baseline == ev.scenario.name), None)
    for ev in evaluations:
        beyond = float(beyond_families(ev, mode, minutes)[0])
        text = (
            f"{ev.scenario.title}: {fmt.families(beyond)} of {where}{fmt.families(ev.families)} {ev.noun} "
            f"({fmt.share(beyond, ev.families)}) would be more than {minutes:g} "
            "minutes by "
            f"{mode} from a base"
        )
        if baseline is not None and ev is not baseline:
            before = float(beyond_families(baseline, mode, minutes)[0])
            text += f", against {fmt.families(before)} with all {len(baseline.bases)} centres open"
        groups = ev.modes[mode].groups
        if "deprivation_quintile" in groups:
            poorest = float(beyond_families(ev, mode, minutes, breakdown="deprivation_quintile")[0])
            text += f"; {fmt.families(poorest)} of them live in the most deprived fifth of areas"
        text += "."
        if baseline is not None and ev is not baseline:
            text += (
                f" Its {len(ev.bases)} bases cost {fmt.money(ev.cost_per_year)} a year, "
                f"{fmt.money(ev.saving_per_year)} less than now."
            )
        out.append(text)
    first = evaluations[0]
    estimated = [m for m, e in first.modes.items() if e.source == "estimated"]
    if estimated:
        out.append(
            f"Travel times by {fmt.words(estimated)} are estimated from straight-line distance, not routed "
            "over roads or timetables."
        )
    modelled = [n.removeprefix("modelled data: ") for n in first.notes if n.startswith("modelled data: ")]
    if modelled:
        out.append(f"Modelled, not measured: {modelled[0]}")
    return out
