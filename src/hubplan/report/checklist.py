"""The statutory checklist: which duty each figure serves, and whether the record shows it was met.

Four duties a council closing children's centres must show it met, each split into items with a
status and the evidence behind it, drawn only from the workspace: the Childcare Act 2006 section 5A
(sufficient centres) and section 5D (consultation), the Equality Act 2010 section 149 (the public
sector equality duty), and the Gunning principles of a fair consultation. The functions here are
pure: :func:`gather_evidence` reads the files, :func:`statutory_checklist` judges.

A status is evidence, not a ruling: whether a duty was met in law is a lawyer's judgement, and an
item says so where it matters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from hubplan.analysis.evidence import Evidence
from hubplan.analysis.shapes import ReachTableShape
from hubplan.analysis.view import RenderView
from hubplan.report import format as fmt

Status = Literal["met", "not met", "needs an officer's input"]
MET: Status = "met"
NOT_MET: Status = "not met"
OFFICER: Status = "needs an officer's input"

MINIMUM_CONSULTATION_WEEKS = 12.0
"""The shortest consultation counted as adequate time: the 12 weeks of the government's Code of
Practice on Consultation (2008). Its successor, the Consultation Principles (2018), asks only for a
proportionate period, so a shorter one can be lawful; that is a lawyer's judgement."""

LAWYER = "Whether this meets the duty in law is a lawyer's judgement; the figures are the evidence for it."


@dataclass(frozen=True)
class Duty:
    """A duty the checklist tests.

    Parameters
    ----------
    key
        A short id: ``"5A"``, ``"5D"``, ``"149"``, ``"gunning"``.
    title
        The duty's name and source.
    quote
        Its words: quoted exactly where ``paraphrase`` is false, else in our words.
    paraphrase
        Whether ``quote`` is a paraphrase.
    link
        Where to read it (legislation.gov.uk or the judgment).
    """

    key: str
    title: str
    quote: str
    paraphrase: bool
    link: str


DUTIES: dict[str, Duty] = {
    d.key: d
    for d in (
        Duty(
            "5A", "Childcare Act 2006, section 5A: sufficient children's centres",
            "Arrangements a local authority makes for early childhood services must, \u201cso far as is "
            "reasonably practicable, include arrangements for sufficient provision of children's centres "
            "to meet local need\u201d; local need is that of parents, prospective parents and young children "
            "in its area.", True, "https://www.legislation.gov.uk/ukpga/2006/21/section/5A",
        ),
        Duty(
            "5D", "Childcare Act 2006, section 5D: consultation on changes to children's centres",
            "A local authority must secure that \u201csuch consultation as they think appropriate\u201d is "
            "carried out before a children's centre is opened, before a significant change in its services, "
            "and before anything that would make it cease to be a children's centre.",
            True, "https://www.legislation.gov.uk/ukpga/2006/21/section/5D",
        ),
        Duty(
            "149", "Equality Act 2010, section 149: the public sector equality duty",
            "A public authority must, in the exercise of its functions, have due regard to the need to "
            "(a) eliminate discrimination, harassment, victimisation and any other conduct that is "
            "prohibited by or under this Act; (b) advance equality of opportunity between persons who share "
            "a relevant protected characteristic and persons who do not share it; (c) foster good relations "
            "between persons who share a relevant protected characteristic and persons who do not share it.",
            False, "https://www.legislation.gov.uk/ukpga/2010/15/section/149",
        ),
        Duty(
            "gunning", "The Gunning principles of a fair consultation",
            "R v Brent LBC, ex parte Gunning (1985), approved by the Supreme Court in R (Moseley) v Haringey "
            "LBC [2014] UKSC 56: consultation must be \u201cat a time when proposals are still at a "
            "formative stage\u201d; the proposer must give \u201csufficient reasons for any proposal to "
            "permit of intelligent consideration and response\u201d; \u201cadequate time must be given for "
            "consideration and response\u201d; and \u201cthe product of consultation must be "
            "conscientiously taken into account\u201d in finalising the proposals.", True, "https://www.bailii.org/uk/cases/UKSC/2014/56.html",
        ),
    )
}  # fmt: skip
"""The four duties, in the order the report shows them."""


@dataclass(frozen=True)
class Item:
    """One thing to check under a duty.

    Parameters
    ----------
    item
        What is checked, in a few words.
    duty
        The duty's key in :data:`DUTIES`.
    quote
        The words of the duty this item serves (a paraphrase where the duty's is).
    link
        Where to read the duty.
    status
        ``"met"``, ``"not met"`` or ``"needs an officer's input"``.
    evidence
        Sentences giving the figures and where they come from.
    """

    item: str
    duty: str
    quote: str
    link: str
    status: Status
    evidence: tuple[str, ...]


def statutory_checklist(
    view: RenderView, evidence: Evidence, *, minimum_weeks: float = MINIMUM_CONSULTATION_WEEKS
) -> list[Item]:
    """Check the four duties against the evidence.

    Parameters
    ----------
    view
        The workspace as renderers print it (the words its data uses, the region's name).
    evidence
        From :func:`gather_evidence`.
    minimum_weeks
        The shortest consultation counted as adequate time (weeks).

    Returns
    -------
    list of Item
        Items under 5A, 5D, 149 and the Gunning principles, in that order.
    """
    noun = view.areas.noun
    items = [*_sufficiency(evidence, noun, view.need_measure_words), *_consultation(evidence, minimum_weeks)]
    items += [
        *_equality(evidence),
        *_gunning(evidence, minimum_weeks, region=view.region),
    ]
    return items


NO_PROPOSAL = (
    "No proposal is named: decision.yaml records none and none was chosen (hubplan report --proposal NAME), "
    "and hubplan does not guess which option the council consults on."
)


def _item(item: str, duty: str, status: Status, evidence: list[str]) -> Item:
    d = DUTIES[duty]
    return Item(item, duty, d.quote, d.link, status, tuple(evidence))


def _table(evidence: Evidence, name: str) -> ReachTableShape | None:
    return next((t for t in evidence.reach if t.breakdown == name), None)


def _group_sentence(t: ReachTableShape, g: int, noun: str) -> str:
    total = float(t.families[g])
    return (
        f"{t.labels[g]}: {fmt.families(total)} {noun}; {fmt.share(float(t.base[g]), total)} within reach "
        f"of a base, {fmt.share(float(t.outreach[g]), total)} reached by outreach, "
        f"{fmt.share(float(t.not_reached[g]), total)} ({fmt.families(float(t.not_reached[g]))}) by neither."
    )


def _sufficiency(evidence: Evidence, noun: str, by_how_they_travel: str) -> list[Item]:
    ev = evidence.proposal
    if ev is None or evidence.outreach is None:
        why = (
            NO_PROPOSAL
            if ev is None
            else f"No outreach plan to judge sufficiency from: {ev.scenario.title} has no budget."
        )
        return [_item("Reach by group, outreach cover", "5A", OFFICER, [why, LAWYER])]  # fmt: skip
    plan = evidence.outreach
    minutes = f"{plan.threshold_minutes:g} minutes"
    lead = f"{ev.scenario.title}, by the mode each household can use, with a base within {minutes}:"
    out = []
    groups = [
        _group_sentence(t, g, noun)
        for name in ("deprivation_quintile", "rurality", "car_access")
        if (t := _table(evidence, name)) is not None
        for g in range(len(t.labels))
    ]
    out.append(_item("Reach by group", "5A", OFFICER, [lead, *groups, LAWYER]))
    quintiles = _table(evidence, "deprivation_quintile")
    if quintiles is not None and quintiles.labels and quintiles.labels[0].startswith("1"):
        out.append(_item("The most deprived fifth of areas", "5A", OFFICER,
                         [_group_sentence(quintiles, 0, noun),
                          "Sufficiency is judged against local need, which is greatest here: an officer must "
                          "say whether this reach meets it."]))  # fmt: skip
    rural = _table(evidence, "rurality")
    if rural is not None:
        rows = [g for g, label in enumerate(rural.labels) if label not in ("urban", "not given")]
        out.append(_item("Rural areas", "5A", OFFICER,
                         [_group_sentence(rural, g, noun) for g in rows]
                         or ["The areas record no rural towns or villages."]))  # fmt: skip
    not_reached = float(plan.families_in_need - plan.families_reached)
    cover = [
        f"{fmt.families(plan.families_in_need)} {noun} live beyond {minutes} of every base "
        f"{by_how_they_travel}; hubplan's "
        f"outreach plan would reach {fmt.families(plan.families_reached)} of them at {len(plan.venues)} "
        f"venues and at home "
        f"({fmt.money(plan.outreach_cost_per_year + plan.home_visits_cost_per_year)} a year).",
        f"{fmt.families(max(not_reached, 0.0))} would be reached neither by a base nor by outreach.",
        "This is hubplan's suggestion, not a record of outreach the council runs or has funded: an officer "
        "must show the outreach that will be delivered.",
    ]
    out.append(_item("Outreach cover", "5A", OFFICER, cover))
    return out


def _weeks(evidence: Evidence) -> tuple[float | None, str]:
    record = evidence.decision.consultation if evidence.decision else None
    if record is None:
        return None, "The workspace has no decision.yaml recording the consultation's dates."
    weeks = record.length_weeks()
    if weeks is None:
        return None, "decision.yaml gives neither the consultation's start and end days nor its weeks."
    when = record.period or (f"{record.start} to {record.end}" if record.start and record.end else "")
    return weeks, f"The consultation ran {weeks:.1f} weeks" + (f" ({when})." if when else ".")


def _length_item(item: str, duty: str, evidence: Evidence, minimum_weeks: float) -> Item:
    weeks, sentence = _weeks(evidence)
    rule = (
        f"The minimum used here is {minimum_weeks:g} weeks, the period of the government's Code of Practice "
        "on Consultation (2008); the Consultation Principles (2018) ask only for a proportionate period, so "
        "whether a shorter one was adequate is a lawyer's judgement."
    )
    if weeks is None:
        return _item(item, duty, OFFICER, [sentence, rule])
    return _item(item, duty, MET if weeks >= minimum_weeks else NOT_MET, [sentence, rule])


def _considered(evidence: Evidence) -> tuple[Status, list[str]]:
    if evidence.responses == 0:
        recorded = evidence.decision.consultation if evidence.decision else None
        known = f" (the record says {recorded.responses:,})" if recorded and recorded.responses else ""
        return OFFICER, [f"No responses are in the workspace's consultation store{known}: import them with "
                         "hubplan consult import, and record what was done about each theme."]  # fmt: skip
    said = (
        f"{evidence.responses:,} responses are stored; the analysts recorded {evidence.themes} themes, "
        f"{evidence.themes_answered} of them with what the council did about it."
    )
    if evidence.themes and evidence.themes_answered == evidence.themes:
        return MET, [said]
    return OFFICER, [said, "Each theme needs a 'we did' answer (themes.yaml) before the decision."]


def _consultation(evidence: Evidence, minimum_weeks: float) -> list[Item]:
    out = [_length_item("Consultation period", "5D", evidence, minimum_weeks)]
    n, far = len(evidence.closing), evidence.far_from_events
    minutes = f"{evidence.event_minutes:g} minutes by bus"
    title = "Drop-in events near every closing centre"
    if evidence.proposal is None:
        out.append(_item(title, "5D", OFFICER, [NO_PROPOSAL]))
    elif n == 0:
        why = (
            f"{evidence.proposal.scenario.title} closes no centre of the current network."
            if evidence.proposal.baseline
            else "No current network is recorded (hubplan init --current), so no centre is known to close."
        )
        out.append(_item(title, "5D", OFFICER, [why]))
    elif evidence.events_recorded:
        sentences = [
            f"The proposal closes {n} centres; decision.yaml records where drop-in events were held."
        ]
        if far:
            sentences.append(f"{len(far)} closing centre{'s have' if len(far) != 1 else ' has'} no recorded "
                             f"event within {minutes}: {', '.join(far)}.")  # fmt: skip
        else:
            sentences.append(f"Each has a recorded event within {minutes}.")
        out.append(_item(title, "5D", NOT_MET if far else MET, sentences))
    else:
        sentences = [
            f"The proposal closes {n} centres. No drop-in event is on record (decision.yaml, "
            "consultation.events_held): an officer must record where events were held.",
            f"hubplan suggests venues (hubplan events) so each closing centre has one within {minutes}; "
            "a suggestion is not evidence that events were held.",
        ]
        if far:
            sentences.append(f"{len(far)} closing centre{'s have' if len(far) != 1 else ' has'} no suggested "
                             f"venue within {minutes}: {', '.join(far)}.")  # fmt: skip
        out.append(_item(title, "5D", OFFICER, sentences))
    status, sentences = _considered(evidence)
    out.append(_item("Responses considered", "5D", status, sentences))
    return out


MISSING_CHARACTERISTICS = (
    ("sex", "Most users of children's centres are women, so closures fall mostly on them; the workspace "
     "counts children, not who brings them. The centres' own attendance records (the sex of each parent or "
     "carer, by centre) would answer it."),
    ("disability", "Not in the data: the Census 2021 tables of disability by LSOA and the centres' records "
     "of disabled children and parents would answer it."),
    ("race", "Not in the data: the Census 2021 tables of ethnic group by LSOA would answer it."),
    ("pregnancy and maternity", "Not in the data: births by area (ONS) and the centres' antenatal "
     "attendance would answer it."),
    ("age (young parents)", "Not in the data: the centres' records of parents under 20 would answer it."),
)  # fmt: skip
"""Protected characteristics the workspace cannot speak to, and the data that would."""


def _equality(evidence: Evidence) -> list[Item]:
    ev = evidence.proposal
    if ev is None:
        return [_item("Draft equality impact assessment", "149", OFFICER, [NO_PROPOSAL])]
    groups = [
        name for name in ("deprivation_quintile", "rurality", "car_access") if name in ev.modes["bus"].groups
    ]
    names = {"deprivation_quintile": "deprivation", "rurality": "rurality", "car_access": "car access"}
    by = fmt.words([names[g] for g in groups]) if groups else "no group (the data records none)"
    tables = [
        f"The draft equality impact assessment in this report gives, for {ev.scenario.title}, who loses "
        f"access by {by}.",
        "Deprivation, rurality and car access are not protected characteristics, but they bear on "
        "advancing equality of opportunity; due regard is the decision-maker's, and whether it was had is a "
        "lawyer's judgement.",
    ]
    out = [_item("Draft equality impact assessment", "149", OFFICER, tables)]
    out.append(_item("Questions the data cannot answer yet", "149", OFFICER,
                     [f"{name.capitalize()}: {text}" for name, text in MISSING_CHARACTERISTICS]))  # fmt: skip
    return out


def _gunning(evidence: Evidence, minimum_weeks: float, *, region: str = "") -> list[Item]:
    decision, ev = evidence.decision, evidence.proposal
    if decision is None or ev is None:
        formative = _item("Formative stage", "gunning", OFFICER,
                          ["The workspace records no decision (decision.yaml), so when the consultation ran "
                           "against when the plan was fixed cannot be shown."])  # fmt: skip
    elif evidence.outcome is not None and set(evidence.outcome.bases) != set(ev.bases):
        formative = _item("Formative stage", "gunning", MET,
                          [f"The plan changed after the consultation: {ev.scenario.title} "
                           f"({len(ev.bases)} bases) became {evidence.outcome.title} "
                           f"({len(evidence.outcome.bases)} bases).",
                           LAWYER])  # fmt: skip
    else:
        formative = _item("Formative stage", "gunning", OFFICER,
                          ["The record does not show the plan changing after the consultation; an officer "
                           "must show it was still open to change when consulted on."])  # fmt: skip
    if ev is not None and ev.baseline:
        gives = (
            f"This report gives, for {ev.scenario.title}, who loses access by group, where each closing "
            "centre's families would go, and a page for every closing centre"
            + (", with the cost and saving." if math.isfinite(ev.saving_per_year) else ".")
        )
    else:
        gives = (
            f"This report gives, for {ev.scenario.title if ev else 'each option'}, who is within reach of a "
            "base by group; with no current network on record it cannot say what closes."
        )
    clear = (
        "Whether the consultation documents themselves gave these reasons clearly is for an officer to show"
    )
    if region.strip().lower() == "norfolk":
        clear += " (in Norfolk they were called not clear enough to the public)"
    reasons = [gives, clear + "."]
    status, considered = _considered(evidence)
    return [
        formative,
        _item("Sufficient reasons", "gunning", OFFICER, reasons),
        _length_item("Adequate time", "gunning", evidence, minimum_weeks),
        _item("Conscientious consideration", "gunning", status, considered),
    ]
