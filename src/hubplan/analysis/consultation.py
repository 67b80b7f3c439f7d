"""The consultation, analysed from one snapshot: redacted comments per centre, themes, stances, who responded.

Everything here works from a :class:`~hubplan.consult.snapshot.ConsultationSnapshot` (read once from
one store); :mod:`hubplan.report.consultation` only renders the :class:`ConsultationReport` made here.
No raw comment or postcode leaves this module: quotes are redacted (:func:`hubplan.consult.redact.redact_all`)
and respondents are counted by area.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from hubplan.consult.locate import area_of_postcodes, outside_note
from hubplan.consult.quotes import select_quotes
from hubplan.consult.redact import redact_all
from hubplan.consult.represent import Representation, affected_families, closing_scenarios, representation
from hubplan.consult.shared import SHARED_MEANING, distinct_texts, shared_groups, shared_mask, shared_note
from hubplan.consult.snapshot import ConsultationSnapshot, Petition
from hubplan.consult.themes import (
    QUOTE_CANDIDATES,
    STANCE_ANCHORS,
    WORDS_SAMPLE,
    embed,
    find_themes,
    stance,
    themes_caution,
)
from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError
from hubplan.travel.matrix import TravelMatrix

COMMENTS_PER_CENTRE = 5
"""The most comments about a centre considered for its page (of which :func:`select_quotes` prints a few)."""


def comments_about(snapshot: ConsultationSnapshot, centres: set[str]) -> dict[str, list[str]]:
    """Return the redacted quotes about each centre that its page may print, from the snapshot.

    Parameters
    ----------
    snapshot
        The consultation (its responses and the centres each names).
    centres
        Site ids.

    Returns
    -------
    dict of str to list of str
        Site id to its quotes: of its first five distinct comments, redacted together (a name found
        once is removed everywhere), those :func:`hubplan.consult.quotes.select_quotes` lets through
        (at most two, short, none that might still hold a name); centres with none are left out.
    """
    about: list[tuple[str, str]] = []  # (site, comment), up to five distinct comments a centre
    for response, named in zip(snapshot.responses, snapshot.centres, strict=True):
        for site in named if response.comment.strip() else ():
            mine = [c for s, c in about if s == site]
            if site in centres and len(mine) < COMMENTS_PER_CENTRE and response.comment not in mine:
                about.append((site, response.comment))
    redacted: dict[str, list[str]] = {}
    for (site, _), text in zip(about, redact_all([c for _, c in about]), strict=True):
        redacted.setdefault(site, []).append(text)
    out = {site: select_quotes(texts) for site, texts in redacted.items()}
    return {site: quotes for site, quotes in out.items() if quotes}


@dataclass(frozen=True)
class StanceCount:
    """Responses of one stance (support, oppose, neutral, mixed) and how their stances were decided."""

    stance: str
    count: int
    decided_by: tuple[str, ...]


@dataclass(frozen=True)
class ThemeSummary:
    """One theme as published: label, size, distinctive words, redacted quotes, what was done.

    ``words_from`` is how many of its ``count`` comments the words were computed from (fewer only in
    a consultation of over :data:`hubplan.consult.themes.WORDS_SAMPLE` comments: a seeded sample).
    ``shared`` says how many of its responses share one text ("6 of these share one text", or '').
    """

    id: str
    label: str
    count: int
    words: tuple[str, ...]
    quotes: tuple[str, ...]
    we_did: str
    words_from: int = 0
    shared: str = ""


@dataclass(frozen=True)
class RepresentationTable:
    """Respondents against affected families in one breakdown, for one scenario.

    Parameters
    ----------
    breakdown
        ``"district"``, ``"deprivation_quintile"`` or ``"rurality"`` (a code; the report words it).
    scenario
        The title of the scenario whose closures define who is affected.
    labels
        The groups.
    respondents
        Placed respondents per group.
    affected
        Families per group whose nearest base (by bus, in the baseline) closes.
    ratio
        Share of respondents over share of affected families (NaN where none are affected).
    under_represented
        Groups whose ratio is below 0.8.
    shared
        Of each group's respondents, those whose comment is a text other responses share too (empty
        when the report was made without them).
    """

    breakdown: str
    scenario: str
    labels: tuple[str, ...]
    respondents: tuple[float, ...]
    affected: tuple[float, ...]
    ratio: tuple[float, ...]
    under_represented: tuple[str, ...]
    shared: tuple[float, ...] = ()


@dataclass(frozen=True)
class CentreVoices:
    """What those naming a centre said: how many, their stances, two short redacted quotes at most."""

    id: str
    name: str
    count: int
    stances: tuple[tuple[str, int], ...]
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class ConsultationReport:
    """Everything the published consultation report shows, computed; nothing in it is personal data.

    Parameters
    ----------
    region
        The region's name ('' when the settings give none).
    scenario
        The title of the scenario consulted on.
    count
        Responses.
    synthetic
        Whether the responses are made up for a demo.
    types
        Respondents by type, most first.
    stances
        Responses by stance, most first.
    themes
        The themes, largest first.
    placed_by
        How respondents were placed in areas (``"postcode (else its district)"`` or ``"postcode district"``).
    chart
        The consulted scenario's representation tables (the chart's rows).
    representation
        The tables for the consulted scenario, then every other scenario that closes centres.
    petitions
        The petitions.
    centres
        Each centre named, most named first.
    source
        The store the responses were read from (password hidden).
    people
        What the areas count, in one word (``"families"`` or ``"children"``): who is affected.
    outside
        A sentence on the responses from outside the council's postcode districts (stored, not
        placed), or ''.
    shared
        How many responses share one text and what that means ("6 of these share one text: a
        shared text is ..."), or ''.
    themes_caution
        Why the themes are not to be read as findings (too few different comments), or ''.
    """

    region: str
    scenario: str
    count: int
    synthetic: bool
    types: tuple[tuple[str, int], ...]
    stances: tuple[StanceCount, ...]
    themes: tuple[ThemeSummary, ...]
    placed_by: str
    chart: tuple[RepresentationTable, ...]
    representation: tuple[RepresentationTable, ...]
    petitions: tuple[Petition, ...]
    centres: tuple[CentreVoices, ...]
    source: str
    people: str = "families"
    outside: str = ""
    shared: str = ""
    themes_caution: str = ""


def analyse_consultation(
    workspace: Workspace,
    travel: TravelMatrix,
    scenario: Scenario,
    snapshot: ConsultationSnapshot,
    *,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> ConsultationReport:
    """Embed, cluster and redact the consultation's comments and compare respondents with those affected.

    Themes are found with :func:`hubplan.consult.themes.find_themes`, which keeps the analysts' work
    in the workspace's ``themes.yaml`` (and writes it back with the themes found).

    Parameters
    ----------
    workspace
        The workspace (its areas, centres and ``themes.yaml``).
    travel
        Its travel matrices (who is affected: nearest base by bus).
    scenario
        The scenario consulted on.
    snapshot
        The consultation (:func:`hubplan.consult.snapshot.consultation_snapshot`).
    seed
        Seeds the themes' k-means: same seed, same themes.
    progress
        Called as ``progress(done, total)`` in distinct comments embedded (the slow part: about 25 ms
        a distinct comment on two cores).

    Returns
    -------
    ConsultationReport
        What ``consultation.html`` shows.

    Raises
    ------
    HubplanError
        When the snapshot holds no responses.
    """
    responses = snapshot.responses
    if not responses:
        where = workspace.path if workspace.path is not None else "WORKSPACE"
        raise HubplanError(f"no responses stored yet: run hubplan consult import {where} FILE")
    comments = [r.comment for r in responses]
    vectors = embed(comments, progress)
    anchors = {k: embed(list(v)) for k, v in STANCE_ANCHORS.items()}
    stances = stance([r.support for r in responses], vectors, anchors)
    themes = find_themes(comments, vectors, workspace=workspace.path, seed=seed)
    distinct = distinct_texts(comments)
    sharing = shared_mask(comments)
    postcodes = [r.postcode for r in responses]
    areas, method = area_of_postcodes(postcodes, workspace)
    outside = outside_note(postcodes, workspace)
    others = [s for s in closing_scenarios(workspace) if s.name != scenario.name]
    tables = {
        s.name: _tables(
            s, representation(workspace, areas, affected_families(workspace, travel, s), shared=sharing)
        )
        for s in [scenario, *others]
    }
    return ConsultationReport(
        region=workspace.assumptions.region.name or "",
        scenario=scenario.title,
        count=len(responses),
        synthetic=snapshot.synthetic,
        types=snapshot.types,
        stances=tuple(
            StanceCount(k, v, tuple(sorted({m for s, m in stances if s == k})))
            for k, v in Counter(s for s, _ in stances).most_common()
        ),
        themes=tuple(
            ThemeSummary(
                t.id,
                t.label,
                len(t.members),
                tuple(t.words),
                tuple(t.quotes),
                t.we_did,
                t.words_from,
                shared_note([len(g) for g in shared_groups([comments[int(i)] for i in t.members])]),
            )
            for t in themes
        ),
        placed_by=method,
        chart=tables[scenario.name],
        representation=tuple(t for s in [scenario, *others] for t in tables[s.name]),
        petitions=snapshot.petitions,
        centres=_centres(workspace, snapshot, stances),
        source=snapshot.source,
        people=workspace.areas.people,
        outside=outside,
        shared=_shared_sentence(comments),
        themes_caution=themes_caution(distinct, len(themes)),
    )


def _shared_sentence(comments: list[str]) -> str:
    """Say how many responses share a text and what that means, or '' when none do."""
    note = shared_note([len(g) for g in shared_groups(comments)])
    return f"{note}: {SHARED_MEANING}" if note else ""


def _tables(scenario: Scenario, reps: list[Representation]) -> tuple[RepresentationTable, ...]:
    """Return the representation of each breakdown as plain numbers."""
    return tuple(
        RepresentationTable(
            breakdown=r.breakdown,
            scenario=scenario.title,
            labels=tuple(str(x) for x in r.labels),
            respondents=tuple(float(x) for x in r.respondents),
            affected=tuple(float(x) for x in r.affected),
            ratio=tuple(float(x) for x in r.ratio),
            under_represented=r.under_represented,
            shared=tuple(float(x) for x in r.shared) if r.shared is not None else (),
        )
        for r in reps
    )


def _first_distinct(snapshot: ConsultationSnapshot, rows: list[int]) -> list[int]:
    """Return the first :data:`QUOTE_CANDIDATES` rows of ``rows`` with distinct, non-blank comments."""
    seen: set[str] = set()
    out: list[int] = []
    for i in rows:
        text = snapshot.responses[i].comment
        if text.strip() and text not in seen and len(out) < QUOTE_CANDIDATES:
            seen.add(text)
            out.append(i)
    return out


def _centres(
    workspace: Workspace, snapshot: ConsultationSnapshot, stances: list[tuple[str, str]]
) -> tuple[CentreVoices, ...]:
    """Return what respondents naming each centre said, most named first."""
    by_centre: dict[str, list[int]] = {}
    for i, named in enumerate(snapshot.centres):
        for site in named:
            by_centre.setdefault(site, []).append(i)
    # Each centre's first distinct comments are its quote candidates. They are redacted together with
    # every comment (a name found in one is removed from all) up to WORDS_SAMPLE comments; above
    # that, with one another only: redacting them all would take an hour at 150,000 (11 ms a comment).
    candidates = {site: _first_distinct(snapshot, rows) for site, rows in by_centre.items()}
    n = len(snapshot.responses)
    read = list(range(n)) if n <= WORDS_SAMPLE else sorted(set().union(*candidates.values()))
    redacted = dict(zip(read, redact_all([snapshot.responses[i].comment for i in read]), strict=True))
    out = []
    for site in sorted(by_centre, key=lambda s: -len(by_centre[s])):
        rows = by_centre[site]
        quotes = tuple(select_quotes(redacted[i] for i in candidates[site]))
        out.append(
            CentreVoices(
                id=site,
                name=str(workspace.sites.name[workspace.sites.index[site]]),
                count=len(rows),
                stances=tuple(Counter(stances[i][0] for i in rows).most_common()),
                quotes=quotes,
            )
        )
    return tuple(out)
