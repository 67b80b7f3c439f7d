"""The report's closing-centre rows and the consultation's summary, as numbers for presentation to format."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from hubplan.consult.snapshot import NOT_ANSWERED, ConsultationSnapshot
from hubplan.data.workspace import Workspace
from hubplan.evaluate.evaluation import Evaluation
from hubplan.evaluate.metrics import nearest_base
from hubplan.outreach.venues import candidate_venues
from hubplan.travel.matrix import TravelMatrix
from hubplan.travel.sites import site_minutes

CLOSING_MODES = ("car", "bus", "walk")
"""The modes the closing centres' rows give minutes for, in order."""


@dataclass(frozen=True)
class ClosingMove:
    """Where a closing centre's users would go under one scenario, and how far (minutes after, before)."""

    scenario: str
    new_base: str
    minutes: dict[str, tuple[float, float]]


@dataclass(frozen=True)
class ClosingCentre:
    """A centre some reported scenario closes: who had it nearest, its nearest venue, where they go."""

    id: str
    name: str
    district: str
    demand: float
    venue: str | None
    venue_car_minutes: float | None
    moves: tuple[ClosingMove, ...]


@dataclass(frozen=True)
class ConsultationSummary:
    """Counts, petitions and the analysts' themes of a workspace's consultation store."""

    count: int
    synthetic: bool
    types: tuple[tuple[str, int], ...]
    petitions: tuple[tuple[str, int], ...]
    themes: tuple[tuple[str, str], ...]


def closing_centre_rows(
    workspace: Workspace, travel: TravelMatrix, evaluations: list[Evaluation]
) -> list[ClosingCentre]:
    """Return, for each baseline centre a reported scenario closes, where its users would go.

    Parameters
    ----------
    workspace
        The workspace (with a baseline; none gives no rows).
    travel
        Its travel matrices: site-to-venue minutes come from their source.
    evaluations
        The reported scenarios.

    Returns
    -------
    list of ClosingCentre
        In site order: demand whose nearest baseline base by the access mode it was, its nearest
        outreach venue by car, and per closing scenario the new base most of them would have and the
        demand-weighted mean minutes by car, bus and on foot, after and before.
    """
    baseline = workspace.baseline
    if baseline is None:
        return []
    access_mode = workspace.assumptions.evaluation.access_mode
    _, served_by = nearest_base(travel.minutes[access_mode], workspace.base_indices(baseline))
    demand = np.asarray(workspace.areas.families, dtype=np.float64)
    closing = sorted(
        {b for ev in evaluations for b in baseline.bases if b not in set(ev.bases)},
        key=lambda b: workspace.sites.index[b],
    )
    venues = candidate_venues(workspace)
    out = []
    for centre in closing:
        j = workspace.sites.index[centre]
        mine = served_by == j
        venue, venue_minutes = None, None
        if len(venues):
            car = site_minutes(workspace, travel, np.array([j]), venues, "car")[0][0]
            k = int(np.argmin(car))
            venue, venue_minutes = str(workspace.sites.name[venues[k]]), float(car[k])
        moves = []
        total = float(demand[mine].sum())
        for ev in evaluations:
            if centre in ev.bases or not mine.any() or total <= 0:
                continue
            names = workspace.sites.name[ev.modes[access_mode].nearest_site[mine]].tolist()
            minutes = {
                mode: (
                    float(demand[mine] @ ev.modes[mode].nearest_minutes[mine] / total),
                    float(demand[mine] @ travel.minutes[mode][mine, j] / total),
                )
                for mode in CLOSING_MODES
            }
            moves.append(ClosingMove(ev.scenario.name, str(Counter(names).most_common(1)[0][0]), minutes))
        out.append(
            ClosingCentre(
                id=centre,
                name=str(workspace.sites.name[j]),
                district=str(workspace.sites.district[j]),
                demand=total,
                venue=venue,
                venue_car_minutes=venue_minutes,
                moves=tuple(moves),
            )
        )
    return out


def consultation_summary(snapshot: ConsultationSnapshot) -> ConsultationSummary | None:
    """Return the consultation's counts, petitions and themes, or ``None`` when it has no responses.

    Parameters
    ----------
    snapshot
        The consultation, read once from its store
        (:func:`hubplan.consult.snapshot.consultation_snapshot`).

    Returns
    -------
    ConsultationSummary or None
        Responses, whether they are synthetic, respondents by type, petitions, and the themes with
        what was done about each.
    """
    if not snapshot.responses:
        return None
    return ConsultationSummary(
        count=snapshot.count,
        synthetic=snapshot.synthetic,
        types=snapshot.types,
        petitions=tuple((p.name, p.signatures) for p in snapshot.petitions),
        themes=tuple((t.label, t.we_did or NOT_ANSWERED) for t in snapshot.themes),
    )
