"""The consultation's summary, as numbers for presentation to format (closing centres: :mod:`.centres`)."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass

from hubplan.data.workspace import Workspace


@dataclass(frozen=True)
class ConsultationSummary:
    """Counts, petitions and the analysts' themes of a workspace's consultation store."""

    count: int
    synthetic: bool
    types: tuple[tuple[str, int], ...]
    petitions: tuple[tuple[str, int], ...]
    themes: tuple[tuple[str, str], ...]


def consultation_summary(workspace: Workspace) -> ConsultationSummary | None:
    """Return the consultation's counts, petitions and themes, or ``None`` when it has no responses.

    Parameters
    ----------
    workspace
        The workspace: its store (SQLite in the folder, or ``HUBPLAN_STORE_URL``; none is created
        when neither exists) and ``themes.yaml``.

    Returns
    -------
    ConsultationSummary or None
        Responses, whether they are synthetic, respondents by type, petitions, and the themes with
        what was done about each.
    """
    import yaml

    from hubplan.consult.store import STORE_FILE, all_petitions, all_responses, engine_for
    from hubplan.consult.themes import THEMES_FILE

    if workspace.path is None:
        return None
    if not os.environ.get("HUBPLAN_STORE_URL") and not (workspace.path / STORE_FILE).is_file():
        return None  # no store yet: nothing was imported (a PostgreSQL store is always asked)
    engine = engine_for(workspace.path)
    responses = all_responses(engine)
    if not responses:
        engine.dispose()
        return None
    petitions = tuple((str(n), int(c)) for n, c, _ in all_petitions(engine))
    engine.dispose()
    themes_file = workspace.path / THEMES_FILE
    themes = (
        (yaml.safe_load(themes_file.read_text(encoding="utf-8")) or {}).get("themes", [])
        if themes_file.is_file()
        else []
    )
    return ConsultationSummary(
        count=len(responses),
        synthetic=any(r.response_id.startswith("SYN-") for r in responses),
        types=tuple(Counter(r.respondent_type for r in responses).most_common()),
        petitions=petitions,
        themes=tuple(
            (str(t.get("label", t["id"])), str(t.get("we_did") or "No change in the plan answered this yet."))
            for t in themes
            if not t.get("merge_into")
        ),
    )
