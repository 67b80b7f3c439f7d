"""What the statutory checklist judges, gathered once: the proposal, its outreach and events, the record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hubplan.consult.snapshot import ConsultationSnapshot, consultation_snapshot
from hubplan.data.decision import Decision, load_decision
from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.errors import InfeasibleError, InputError, ParameterError, Problem
from hubplan.evaluate.evaluation import Evaluation
from hubplan.outreach.events import plan_events
from hubplan.outreach.plan import OutreachPlan, outreach_budget, plan_outreach
from hubplan.outreach.reach import ReachTable, outreach_reach
from hubplan.travel.matrix import TravelMatrix


@dataclass(frozen=True, eq=False)
class Evidence:
    """What the checklist judges from, gathered once from the workspace's files.

    Parameters
    ----------
    proposal
        The evaluation of the scenario consulted on: the one ``decision.yaml`` names, or the one named by
        the caller (``--proposal``); ``None`` when neither names a reported scenario (never a guess).
    outcome
        The scenario adopted, when the record names one.
    outreach
        The proposal's outreach plan (``None`` when it has no budget).
    reach
        The plan's reach tables by group.
    decision
        The decision's record, when the workspace has one.
    closing
        Ids of the centres the proposal closes.
    far_from_events
        Of them, those with no drop-in event venue within ``event_minutes`` by bus: venues where the
        record says events were held (``events_held``), else those hubplan would suggest.
    events_recorded
        Whether ``decision.yaml`` records where events were held (only then can the item be met).
    event_minutes
        The reach of an event by bus.
    responses
        Responses in the consultation's snapshot (0 when none), whatever the store (SQLite or PostgreSQL).
    themes
        Themes the analysts recorded (``themes.yaml``).
    themes_answered
        Of them, those with a "we did" answer.
    """

    proposal: Evaluation | None
    outcome: Scenario | None
    outreach: OutreachPlan | None
    reach: tuple[ReachTable, ...]
    decision: Decision | None
    closing: tuple[str, ...]
    far_from_events: tuple[str, ...]
    event_minutes: float
    responses: int
    themes: int
    themes_answered: int
    events_recorded: bool = False


def decided_scenario(evaluations: Sequence[Evaluation], evidence: Evidence) -> Evaluation | None:
    """Return the reported scenario the decision is about: the one adopted, else the one proposed.

    The scenario the decision's record says was adopted, when it is reported and is not the
    baseline; else the proposal the checklist judges (the record's proposal, or the one named by
    ``--proposal``; never a guess). The report's rounds and lots are cut for it.

    Parameters
    ----------
    evaluations
        The reported scenarios.
    evidence
        The checklist's evidence (its proposal and the record's outcome).

    Returns
    -------
    Evaluation or None
        ``None`` when the record adopts no reported scenario and no proposal is named.
    """
    if evidence.outcome is not None:
        for ev in evaluations:
            if ev.scenario.name == evidence.outcome.name and ev.baseline != ev.scenario.name:
                return ev
    return evidence.proposal


def gather_evidence(
    workspace: Workspace,
    travel: TravelMatrix,
    evaluations: list[Evaluation],
    *,
    decision: Decision | None = None,
    event_minutes: float | None = None,
    outreach: Mapping[str, OutreachPlan] | None = None,
    proposal: str | None = None,
    snapshot: ConsultationSnapshot | None = None,
) -> Evidence:
    """Read the record, count the consultation and plan the proposal's outreach and events.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    evaluations
        The reported scenarios' evaluations.
    decision
        The decision's record; default read from the workspace's ``decision.yaml``.
    event_minutes
        The reach of a drop-in event by bus (minutes); by default the access threshold.
    outreach
        Outreach plans already made, by scenario name (the proposal's is reused, not solved again).
    proposal
        The scenario consulted on when the record names none (a reported scenario's name).
    snapshot
        The consultation the analysis read (its responses and themes are counted); default read from
        the workspace's own SQLite store, if it has one
        (:func:`hubplan.consult.snapshot.consultation_snapshot`).

    Returns
    -------
    Evidence
        What :func:`hubplan.report.checklist.statutory_checklist` needs.

    Raises
    ------
    InputError
        When ``proposal`` is not among the reported scenarios.
    """
    if decision is None:
        decision = load_decision(workspace.path, scenarios=tuple(workspace.scenarios))
    by_name = {ev.scenario.name: ev for ev in evaluations}
    check_proposal(proposal, list(by_name), decision)
    chosen: Evaluation | None = None
    if decision is not None and decision.proposal.scenario in by_name:
        chosen = by_name[decision.proposal.scenario]
    elif proposal is not None:
        chosen = by_name[proposal]
    outcome = workspace.scenarios.get(decision.outcome.scenario) if decision and decision.outcome else None
    event_minutes = workspace.assumptions.evaluation.access if event_minutes is None else event_minutes
    plan: OutreachPlan | None = None
    reach: tuple[ReachTable, ...] = ()
    closing: tuple[str, ...] = ()
    far: tuple[str, ...] = ()
    if chosen is not None:
        known = (outreach or {}).get(chosen.scenario.name)
        if known is not None or not outreach_budget(workspace, chosen.scenario)[1]:
            plan = known if known is not None else plan_outreach(workspace, travel, chosen.scenario)
            reach = tuple(outreach_reach(workspace, plan))
        closing, far = _event_reach(workspace, travel, chosen, decision, event_minutes)
    if snapshot is None:
        snapshot = consultation_snapshot(workspace)
    held = decision.consultation.events_held if decision and decision.consultation else ()
    return Evidence(chosen, outcome, plan, reach, decision, closing, far, event_minutes, snapshot.count,
                    len(snapshot.themes), snapshot.themes_answered, events_recorded=bool(held))  # fmt: skip


def check_proposal(proposal: str | None, reported: Sequence[str], decision: Decision | None) -> None:
    """Refuse a proposal named by the caller that is not reported, or that the record contradicts.

    Checked always, also when ``decision.yaml`` names a proposal: ``--proposal nope`` (a typo) was
    silently ignored then, and so was ``--proposal adopted-2019-15`` beside a record naming
    ``proposal-2018-7``. The record says what was consulted on; a different name is refused rather
    than either being chosen without a word.

    Parameters
    ----------
    proposal
        The scenario named as consulted on (``--proposal``), or ``None``.
    reported
        The reported scenarios' names.
    decision
        The decision's record, if the workspace has one.

    Raises
    ------
    ParameterError
        Naming the parameter, the scenarios it may be, or the record's proposal.
    """
    if proposal is None:
        return
    if proposal not in reported:
        raise ParameterError(
            "proposal",
            expected=f"one of the reported scenarios: {', '.join(reported) or '(none)'}",
            found=proposal,
        )
    recorded = decision.proposal.scenario if decision is not None else None
    if recorded is not None and recorded != proposal:
        raise ParameterError(
            "proposal",
            expected=f"the proposal decision.yaml records ({recorded}), or no proposal option",
            found=proposal,
            hint="decision.yaml's proposal: scenario: says what was consulted on; change it there, or "
            "leave the option out",
        )


def _event_reach(
    workspace: Workspace,
    travel: TravelMatrix,
    proposal: Evaluation,
    decision: Decision | None,
    minutes: float,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the closing centres and those with no event venue within ``minutes`` by bus."""
    before = workspace.baseline
    if before is None:
        return (), ()
    closing = tuple(b for b in before.bases if b not in set(proposal.bases))
    record = decision.consultation if decision else None
    if record is not None and record.events_held:
        return closing, _far_from_held(workspace, travel, closing, record.events_held, minutes)
    if record is not None and len(record.start) == 10 and len(record.end) == 10:
        start, end = dt.date.fromisoformat(record.start), dt.date.fromisoformat(record.end)
    else:  # the days only lay out the events; whether a venue is in reach does not depend on them
        start, end = dt.date(2001, 1, 1), dt.date(2001, 12, 31)
    try:
        _, notes = plan_events(workspace, proposal.scenario, start, end, minutes=minutes, travel=travel)
    except InfeasibleError:  # too few weekdays for every event: a year's days lay them all out
        last = start + dt.timedelta(days=365)
        _, notes = plan_events(workspace, proposal.scenario, start, last, minutes=minutes, travel=travel)
    far = tuple(note.split(":", 1)[0] for note in notes)
    return closing, far


def _far_from_held(
    workspace: Workspace,
    travel: TravelMatrix,
    closing: tuple[str, ...],
    held: tuple[str, ...],
    minutes: float,
) -> tuple[str, ...]:
    """Return the ids of closing centres with no venue of a recorded event within ``minutes`` by bus."""
    import numpy as np

    from hubplan.travel.sites import site_minutes

    unknown = [v for v in held if v not in workspace.sites.index]
    if unknown:
        expected = "ids of sites or venues in the workspace"
        found = ", ".join(f"'{v}'" for v in unknown[:5])
        raise InputError([Problem("decision.yaml", None, "consultation.events_held", expected, found)])
    if not closing:
        return ()
    rows = np.array([workspace.sites.index[c] for c in closing], dtype=np.int64)
    cols = np.array([workspace.sites.index[v] for v in held], dtype=np.int64)
    bus = site_minutes(workspace, travel, rows, cols, "bus")[0]
    reached = np.atleast_1d(np.asarray(bus <= minutes).any(axis=1))
    near = [bool(x) for x in reached]
    return tuple(workspace.sites.ids[j] for j, ok in zip(rows.tolist(), near, strict=True) if not ok)
