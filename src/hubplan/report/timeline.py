"""The decision's timeline and the report's decision pack: the record in date order, and the checklist."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hubplan.analysis.evidence import Evidence
from hubplan.analysis.shapes import EvaluationShape
from hubplan.analysis.view import RenderView
from hubplan.report import format as fmt
from hubplan.report.centres import centre_page_name
from hubplan.report.checklist import DUTIES, statutory_checklist


@dataclass(frozen=True)
class Entry:
    """One line of the timeline.

    Parameters
    ----------
    when
        The date as the record gives it ('' when not known).
    kind
        ``"proposal"``, ``"consultation"``, ``"event"``, ``"petition"``, ``"motion"``, ``"amendment"``
        or ``"outcome"``.
    title
        What happened.
    detail
        The figures: votes, signatures, money, the scenario that models it.
    scenario
        The scenario that models it ('' when none).
    """

    when: str
    kind: str
    title: str
    detail: str
    scenario: str = ""


_ORDER = ("proposal", "consultation", "event", "petition", "motion", "amendment", "outcome")


def timeline(evidence: Evidence) -> list[Entry]:
    """Return the record's entries in date order (undated ones after the proposal, in the record's order).

    Parameters
    ----------
    evidence
        The checklist's evidence: its decision's record (none: an empty timeline).

    Returns
    -------
    list of Entry
        The timeline. Dates sort by their text (``2018-09`` before ``2018-11-14`` before ``2019``); a
        financial year (``2018-19``) sorts with its first year.
    """
    d = evidence.decision
    if d is None:
        return []
    out = [
        Entry(
            d.proposal.when,
            "proposal",
            d.proposal.title or "Proposal",
            d.proposal.summary,
            d.proposal.scenario,
        )
    ]
    if d.consultation is not None:
        c = d.consultation
        weeks = c.length_weeks()
        parts = [c.period or (f"{c.start} to {c.end}" if c.start and c.end else "")]
        parts.append(f"{weeks:.0f} weeks" if weeks is not None and not c.period else "")
        parts.append(f"{c.responses:,}+ responses" if c.responses else "")
        parts.append(c.summary)
        out.append(Entry(c.start, "consultation", "Public consultation", ". ".join(p for p in parts if p)))
    out += [Entry(e.when, "event", e.title, e.summary) for e in d.events]
    out += [
        Entry(p.when, "petition", p.title, f"{p.signatures:,} signatures. {p.summary}".strip())
        for p in d.petitions
    ]
    for m in d.motions:
        votes = ""
        if m.votes_for is not None and m.votes_against is not None:
            votes = f"{m.votes_for} for, {m.votes_against} against"
            votes += (
                f", {m.abstentions} abstention{'s' if m.abstentions != 1 else ''}" if m.abstentions else ""
            )
        result = "" if m.result == "not known" else m.result
        detail = "; ".join(p for p in (f"moved by {m.moved_by}" if m.moved_by else "", result, votes) if p)
        out.append(Entry(m.when, "motion", m.title, ". ".join(p for p in (detail, m.summary) if p)))
    for a in d.amendments:
        money = ", ".join(
            f"+{fmt.money(x.amount_per_year)}" + (f" in {x.year}" if x.year else " a year") for x in a.extra
        )
        result = "" if a.result == "not known" else a.result
        detail = "; ".join(p for p in (f"moved by {a.moved_by}" if a.moved_by else "", money, result) if p)
        out.append(
            Entry(a.when, "amendment", a.title, ". ".join(p for p in (detail, a.summary) if p), a.scenario)
        )
    if d.outcome is not None:
        o = d.outcome
        out.append(Entry(o.when, "outcome", o.title or "Decision", o.summary, o.scenario))
    keys, last = [], ""
    for e in out:
        last = _sort_key(e.when) if e.when else last  # an undated entry stays after the one before it
        keys.append(last)
    order = sorted(range(len(out)), key=lambda i: (keys[i], i))
    return [out[i] for i in order]


def _sort_key(when: str) -> str:
    """Return a date's sort key: a day or month as written, a year or financial year after its dated ones."""
    is_month = len(when) == 7 and int(when[5:7]) <= 12
    return when if len(when) == 10 or is_month else when[:4] + "-99"


def amend_command(evidence: Evidence, index: int) -> str:
    """Return the ``hubplan amend`` command that models an amendment's first year of extra money.

    Parameters
    ----------
    evidence
        The checklist's evidence, with the decision's record.
    index
        The amendment's position in the record.

    Returns
    -------
    str
        E.g. ``hubplan amend WORKSPACE adopted-2019-15 --extra 1.3m``.
    """
    if evidence.decision is None:
        return ""
    a = evidence.decision.amendments[index]
    amount = a.extra[0].amount_per_year
    text = f"{amount / 1e6:g}m" if amount >= 1e6 else f"{amount / 1e3:g}k"
    return f"hubplan amend WORKSPACE {a.scenario} --extra {text}"


def decision_pack(
    view: RenderView, evidence: Evidence, evaluations: Sequence[EvaluationShape]
) -> dict[str, Any]:
    """Return the report's decision pack: the statutory checklist by duty, and the record's timeline.

    Parameters
    ----------
    view
        The workspace as renderers print it.
    evidence
        What the checklist judges (:func:`hubplan.analysis.evidence.gather_evidence`, in the analysis).
    evaluations
        The reported scenarios.

    Returns
    -------
    dict
        ``duties`` (key, title, quote, paraphrase, link, checks: the items with status and evidence),
        ``timeline`` (rows), ``centres`` (id, name and page file name of each closing centre, whose pages
        :func:`hubplan.report.centres.write_centre_pages` writes), ``amendments`` (title, scenario,
        command) and ``titles`` (scenario name to title).
    """
    items = statutory_checklist(view, evidence)
    duties = [
        {"key": d.key, "title": d.title, "quote": d.quote, "paraphrase": d.paraphrase, "link": d.link,
         "checks": [i for i in items if i.duty == d.key]}
        for d in DUTIES.values()
    ]  # fmt: skip
    decision = evidence.decision
    titles = dict(view.scenario_titles)
    closing = [b for b in view.baseline_bases if any(b not in ev.bases for ev in evaluations)]
    return {
        "duties": duties,
        "centres": [
            {
                "id": c,
                "name": view.sites.names[view.sites.index[c]],
                "page": centre_page_name(c),
            }
            for c in closing
        ],
        "timeline": timeline(evidence),
        "titles": titles,
        "amendments": [
            {"title": a.title, "scenario": a.scenario, "command": amend_command(evidence, i)}
            for i, a in enumerate(decision.amendments)
        ]
        if decision
        else [],
    }
