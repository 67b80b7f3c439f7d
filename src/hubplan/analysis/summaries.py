"""The consultation's summary, as numbers for presentation to format (closing centres: :mod:`.centres`)."""

from __future__ import annotations

from dataclasses import dataclass

from hubplan.consult.snapshot import NOT_ANSWERED, ConsultationSnapshot


@dataclass(frozen=True)
class ConsultationSummary:
    """Counts, petitions and the analysts' themes of a workspace's consultation store."""

    count: int
    synthetic: bool
    types: tuple[tuple[str, int], ...]
    petitions: tuple[tuple[str, int], ...]
    themes: tuple[tuple[str, str], ...]


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
