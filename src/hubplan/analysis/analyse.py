"""One analysis of a set of scenarios: evaluations, outreach, consultation, closing centres, the checklist.

The report, the centre pages and the web render an :class:`Analysis`; they do not compute. Every
HiGHS solve (outreach, events), every travel lookup and the one read of the consultation's store (a
:class:`~hubplan.consult.snapshot.ConsultationSnapshot`, from a store named explicitly) an output needs
happens here, once, and the value is keyed by the inputs' fingerprint (the snapshot's content hash
among them) so that a server can keep it while nothing changes.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlalchemy as sa

from hubplan.analysis.centres import ClosingCentre, closing_centre_facts
from hubplan.analysis.circuits import RoundsView, report_rounds, rounds_view
from hubplan.analysis.consultation import comments_about
from hubplan.analysis.evidence import Evidence, gather_evidence
from hubplan.analysis.frontier import FrontierBand, frontier_band
from hubplan.analysis.lots import ReportLots, report_lots
from hubplan.analysis.provenance import FigureSources, figure_provenance
from hubplan.analysis.summaries import ConsultationSummary, consultation_summary
from hubplan.analysis.uncertainty import ScenarioIntervals, input_draws, scenario_intervals
from hubplan.analysis.view import RenderView, render_view
from hubplan.consult.snapshot import ConsultationSnapshot, consultation_snapshot
from hubplan.data.workspace import Workspace
from hubplan.evaluate.evaluation import Evaluation
from hubplan.evaluate.usage import UsageReach, workspace_reach
from hubplan.outreach.circuit_scenario import ScenarioRounds
from hubplan.outreach.plan import OutreachPlan, outreach_budget, plan_outreach
from hubplan.outreach.reach import ReachTable, outreach_reach
from hubplan.travel.matrix import TravelMatrix, cache_key


@dataclass(frozen=True, eq=False)
class Analysis:
    """Everything the report, the centre pages and the web show for a set of scenarios.

    Parameters
    ----------
    fingerprint
        A hash of the inputs (:func:`fingerprint`): same fingerprint, same analysis.
    evaluations
        The scenarios' evaluations, the baseline first when it is among them.
    sources
        Mode to where its minutes came from (estimated, routed, imported).
    outreach
        Scenario name to its outreach plan, for every reported scenario other than the network today
        that has a budget and bases of known cost.
    consultation
        The consultation's counts, petitions and themes, or ``None`` with no responses.
    centres
        Each closing centre (:class:`~hubplan.analysis.centres.ClosingCentre`): whose nearest base
        it was by the access mode, where they would go and how far by each mode; the report's table
        and each centre's page show the same model.
    comments
        Site id to up to five redacted comments about it.
    evidence
        What the statutory checklist is judged on.
    view
        What renderers print of the workspace: names, positions, settings shown and the map's
        outlines, read once (:func:`hubplan.analysis.view.render_view`).
    reach
        Scenario name to its outreach plan's reach by group (at a base, by outreach, not at all).
    intervals
        Scenario name to the 90% intervals of its figures (:mod:`hubplan.analysis.uncertainty`);
        empty when ``[uncertainty] draws`` is 0.
    frontier
        The best plan at a few budgets with 90% bands (:mod:`hubplan.analysis.frontier`); ``None``
        when ``[optimise] frontier_budgets`` is 0.
    rounds
        Outreach vehicles' rounds for the decided (or proposed) scenario's families beyond reach
        (:func:`hubplan.analysis.circuits.report_rounds`), or ``None``.
    provenance
        Where each headline figure comes from, and what the workspace does not give
        (:func:`hubplan.analysis.provenance.figure_provenance`).
    usage
        Reach: who the service saw in the year against who lives there, from the workspace's
        ``usage.csv`` (:func:`hubplan.evaluate.usage.workspace_reach`); ``None`` without usage.
    lots
        Commissioning lots at each of ``[lots] counts`` (:func:`hubplan.analysis.lots.report_lots`),
        or ``None``.
    rounds_view
        The rounds as the report prints them (each vehicle-day in words, the map), or ``None``.
    no_outreach
        Scenario name to why no outreach is planned for it (no budget set, or bases of unknown
        cost: :func:`hubplan.outreach.plan.outreach_budget`, the rule ``hubplan outreach`` follows).
    """

    fingerprint: str
    evaluations: tuple[Evaluation, ...]
    sources: Mapping[str, str]
    outreach: Mapping[str, OutreachPlan]
    consultation: ConsultationSummary | None
    centres: tuple[ClosingCentre, ...]
    comments: Mapping[str, list[str]]
    evidence: Evidence
    view: RenderView
    reach: Mapping[str, tuple[ReachTable, ...]]
    intervals: Mapping[str, ScenarioIntervals] = field(default_factory=dict)
    frontier: FrontierBand | None = None
    rounds: ScenarioRounds | None = None
    provenance: FigureSources | None = None
    usage: UsageReach | None = None
    lots: ReportLots | None = None
    rounds_view: RoundsView | None = None
    no_outreach: Mapping[str, str] = field(default_factory=dict)

    @property
    def has_baseline(self) -> bool:
        """Whether there is a network today to compare with (else plans are new networks)."""
        return any(ev.baseline for ev in self.evaluations)

    @property
    def shows_money(self) -> bool:
        """Whether costs are known (given or assumed) for every reported scenario's bases."""
        return all(math.isfinite(ev.cost_per_year) for ev in self.evaluations)

    def to_dict(self) -> dict[str, Any]:
        """Return the analysis as plain JSON-ready data (what ``hubplan report --json`` prints).

        Returns
        -------
        dict
            ``fingerprint``, ``sources``, ``evaluations`` (each as :meth:`Evaluation.to_dict`),
            ``outreach`` (scenario to :meth:`OutreachPlan.to_dict`), ``no_outreach`` (scenario
            to why none is planned), ``consultation``,
            ``closing_centres``, ``checklist_inputs`` (the consultation period and the closing
            centres with no event in reach), ``intervals`` (scenario to
            :meth:`ScenarioIntervals.to_dict`), ``frontier`` (:meth:`FrontierBand.to_dict`) and
            ``rounds`` (:meth:`ScenarioRounds.to_dict`, or null), ``provenance``
            (:meth:`FigureSources.to_dict`: each headline figure's kind and detail, and what is not
            given) ``usage`` (:meth:`UsageReach.to_dict`, or null) and ``lots``
            (:meth:`ReportLots.to_dict`, or null).
        """
        return {
            "fingerprint": self.fingerprint,
            "sources": dict(self.sources),
            "evaluations": [ev.to_dict() for ev in self.evaluations],
            "outreach": {name: plan.to_dict() for name, plan in self.outreach.items()},
            "no_outreach": dict(self.no_outreach),
            "consultation": asdict(self.consultation) if self.consultation else None,
            "closing_centres": [c.to_dict() for c in self.centres],
            "checklist_inputs": {
                "proposal": self.evidence.proposal.scenario.name if self.evidence.proposal else None,
                "closing": list(self.evidence.closing),
                "no_event_in_reach": list(self.evidence.far_from_events),
                "responses": self.evidence.responses,
            },
            "intervals": {name: iv.to_dict() for name, iv in self.intervals.items()},
            "frontier": self.frontier.to_dict() if self.frontier is not None else None,
            "rounds": self.rounds.to_dict() if self.rounds is not None else None,
            "provenance": self.provenance.to_dict() if self.provenance is not None else None,
            "usage": self.usage.to_dict() if self.usage is not None else None,
            "lots": self.lots.to_dict() if self.lots is not None else None,
        }


def fingerprint(
    workspace: Workspace,
    scenarios: Sequence[Evaluation],
    *,
    snapshot: ConsultationSnapshot | None = None,
    engine: sa.Engine | None = None,
    proposal: str | None = None,
) -> str:
    """Return a hash of everything an analysis depends on.

    Parameters
    ----------
    workspace
        The workspace: its places, settings and travel (:func:`hubplan.travel.matrix.cache_key`), its
        decision record, themes and usage.
    scenarios
        The evaluations analysed (their scenarios' names and bases, in order).
    snapshot
        The consultation the analysis reads: its content hash (:attr:`ConsultationSnapshot.digest`)
        is hashed, so an analysis made from this snapshot has this fingerprint.
    engine
        Without ``snapshot``: the store to read one from (a server's open engine); without either,
        the workspace's own SQLite store if it has one
        (:func:`hubplan.consult.snapshot.consultation_snapshot`).
    proposal
        The scenario named as consulted on (``--proposal``), if any.

    Returns
    -------
    str
        A hex digest.
    """
    if snapshot is None:
        snapshot = consultation_snapshot(workspace, engine=engine)
    h = hashlib.sha256(cache_key(workspace).encode())
    h.update(workspace.assumptions.model_dump_json().encode())
    h.update(f"proposal:{proposal or ''}".encode())
    for ev in scenarios:
        h.update(f"\x1e{ev.scenario.name}\x1f{ev.scenario.title}\x1f".encode())
        h.update("\x1f".join(ev.bases).encode())
        h.update(repr(ev.scenario.budget_per_year).encode())
    if workspace.path is not None:
        for name in ("decision.yaml", "themes.yaml", "usage.csv"):
            path = workspace.path / name
            if path.is_file():
                h.update(f"{name}:".encode() + hashlib.sha256(path.read_bytes()).digest())
    h.update(f"consultation:{snapshot.digest}".encode())
    return h.hexdigest()


def analyse(
    workspace: Workspace,
    travel: TravelMatrix,
    evaluations: Sequence[Evaluation],
    *,
    proposal: str | None = None,
    snapshot: ConsultationSnapshot | None = None,
    store_url: str | None = None,
) -> Analysis:
    """Compute everything the outputs show for these evaluations, once.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    evaluations
        The scenarios to report, the baseline first if it is among them.
    proposal
        The scenario consulted on, when the decision's record does not name one (``--proposal``);
        never guessed.
    snapshot
        The consultation, read once already (a server reads one per request to make the fingerprint
        it looks the analysis up by).
    store_url
        Without ``snapshot``: the store to read the consultation from (the CLI passes
        ``HUBPLAN_STORE_URL``); without either, the workspace's own SQLite store if it has one.

    Returns
    -------
    Analysis
        Evaluations, outreach plans, the consultation's summary, the closing centres, the
        checklist's evidence, the figures' 90% intervals, the budget frontier and the rounds. Its
        fingerprint, summary, centre comments and checklist all come from the one snapshot.

    Raises
    ------
    ValueError
        When both ``snapshot`` and ``store_url`` are given.
    """
    if snapshot is not None and store_url is not None:
        msg = "analyse takes the consultation's snapshot or its store's URL, not both"
        raise ValueError(msg)
    consultation = snapshot if snapshot is not None else consultation_snapshot(workspace, store_url=store_url)
    chosen = list(evaluations)
    # One rule with `hubplan outreach`: outreach only within a budget someone set (outreach_budget).
    unplanned = {
        ev.scenario.name: outreach_budget(workspace, ev.scenario)[1]
        for ev in chosen
        if ev.baseline != ev.scenario.name
    }
    outreach = {
        ev.scenario.name: plan_outreach(workspace, travel, ev.scenario)
        for ev in chosen
        if ev.scenario.name in unplanned and not unplanned[ev.scenario.name]
    }
    evidence = gather_evidence(
        workspace, travel, chosen, outreach=outreach, proposal=proposal, snapshot=consultation
    )
    draws = input_draws(workspace, travel)  # one set for every interval and the frontier's band
    view = render_view(workspace)  # boundaries.geojson and README.md, read once
    centres = tuple(closing_centre_facts(workspace, travel, chosen))
    rounds = report_rounds(workspace, travel, chosen, evidence)
    title = view.title_of(rounds.scenario) if rounds is not None else ""
    return Analysis(
        fingerprint=fingerprint(workspace, chosen, snapshot=consultation, proposal=proposal),
        evaluations=tuple(chosen),
        sources=dict(travel.sources),
        outreach=outreach,
        consultation=consultation_summary(consultation),
        centres=centres,
        comments=comments_about(consultation, {f.id for f in centres}),
        evidence=evidence,
        view=view,
        reach={name: tuple(outreach_reach(workspace, plan)) for name, plan in outreach.items()},
        intervals=scenario_intervals(workspace, travel, chosen, draws=draws),
        frontier=frontier_band(workspace, travel, chosen, draws=draws),
        rounds=rounds,
        provenance=figure_provenance(workspace, dict(travel.sources)),
        usage=workspace_reach(workspace, travel),
        lots=report_lots(workspace, travel, chosen, evidence, outreach, outlines=view.layers.area),
        rounds_view=rounds_view(rounds, title=title, layers=view.layers),
        no_outreach={name: why for name, why in unplanned.items() if why},
    )
