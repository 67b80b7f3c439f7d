"""The report's rounds: outreach vehicles touring the families the decided (or proposed) scenario leaves."""

from __future__ import annotations

from collections.abc import Sequence

from hubplan.analysis.evidence import Evidence
from hubplan.data.workspace import Workspace
from hubplan.evaluate.evaluation import Evaluation
from hubplan.outreach.circuit_scenario import ScenarioRounds, plan_scenario_rounds
from hubplan.travel.matrix import TravelMatrix


def rounds_scenario(evaluations: Sequence[Evaluation], evidence: Evidence) -> Evaluation | None:
    """Return the scenario whose rounds the report shows.

    The scenario the decision's record says was adopted, when it is reported; else the proposal the
    checklist judges (the record's proposal, or the one named by ``--proposal``; never a guess).

    Parameters
    ----------
    evaluations
        The reported scenarios.
    evidence
        The checklist's evidence (its proposal and the record's outcome).

    Returns
    -------
    Evaluation or None
        ``None`` when no reported scenario closes centres.
    """
    if evidence.outcome is not None:
        for ev in evaluations:
            if ev.scenario.name == evidence.outcome.name and ev.baseline != ev.scenario.name:
                return ev
    return evidence.proposal


def report_rounds(
    workspace: Workspace, travel: TravelMatrix, evaluations: Sequence[Evaluation], evidence: Evidence
) -> ScenarioRounds | None:
    """Plan the rounds the report shows, unless ``[circuits] in_report`` is off.

    One vehicle per base (``vehicles_per_base``) over ``cycle_days``; the solver in its own process,
    limited by ``quick_time_limit_seconds`` and ``quick_solution_limit`` (reached first, the same
    inputs give the same rounds).

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    evaluations
        The reported scenarios.
    evidence
        The checklist's evidence, for which scenario (:func:`rounds_scenario`).

    Returns
    -------
    ScenarioRounds or None
        ``None`` when the setting is off, no scenario closes centres, or nobody is beyond reach.
    """
    if not workspace.assumptions.circuits.in_report:
        return None
    chosen = rounds_scenario(evaluations, evidence)
    if chosen is None:
        return None
    planned = plan_scenario_rounds(workspace, travel, chosen.scenario)
    return planned if planned.stops else None
