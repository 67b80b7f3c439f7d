"""One consultation, read once from one store: responses, petitions and analysts' themes, with a content hash.

An analysis, its fingerprint, the checklist's evidence, the centre pages' comments and the consultation
report all work from one :class:`ConsultationSnapshot`, so they cannot disagree about what the store
holds (SQLite or PostgreSQL alike). The store is named explicitly, by engine or URL; nothing here reads
the environment: the CLI and the web app resolve ``HUBPLAN_STORE_URL`` (:mod:`hubplan.environment`).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field, fields

import sqlalchemy as sa

from hubplan.consult.locate import CentreMatcher
from hubplan.consult.store import Response, engine_for
from hubplan.consult.themes import read_themes_file
from hubplan.data.workspace import Workspace
from hubplan.store.engine import STORE_FILE
from hubplan.store.schema import petitions as petitions_table
from hubplan.store.schema import responses as responses_table

NOT_ANSWERED = "No change in the plan answered this yet."
"""What "we did" says for a theme the analysts have not answered."""


@dataclass(frozen=True)
class Petition:
    """A petition: its title, how many signed, and where signers live where known."""

    name: str
    signatures: int
    postcode_districts: tuple[str, ...]


@dataclass(frozen=True)
class ThemeRecord:
    """A theme the analysts recorded in ``themes.yaml`` (merged-away themes are left out).

    Parameters
    ----------
    id
        Its id (``t1``...).
    label
        Its name (the id when it has none).
    we_did
        What the plan changed in answer ('' when nothing yet).
    """

    id: str
    label: str
    we_did: str


@dataclass(frozen=True)
class ConsultationSnapshot:
    """What a workspace's consultation holds, read once: equal snapshots, equal analyses.

    Parameters
    ----------
    responses
        Every stored response, raw (comments and postcodes are never published as they are), by id.
    petitions
        Every petition, by name.
    themes
        The analysts' themes (``themes.yaml``), in file order.
    centres
        For each response, the ids of the workspace's centres its free-text ``centre`` answer names
        (:func:`hubplan.consult.match_centres`).
    source
        Where it was read from (a database URL with any password hidden, or ``"no store"``); not part
        of its content: the same responses in SQLite and in PostgreSQL are equal snapshots.
    """

    responses: tuple[Response, ...] = ()
    petitions: tuple[Petition, ...] = ()
    themes: tuple[ThemeRecord, ...] = ()
    centres: tuple[tuple[str, ...], ...] = ()
    source: str = field(default="no store", compare=False)

    @property
    def count(self) -> int:
        """Responses stored."""
        return len(self.responses)

    @property
    def synthetic(self) -> bool:
        """Whether any response is made up for a demo (its id starts ``SYN-``)."""
        return any(r.response_id.startswith("SYN-") for r in self.responses)

    @property
    def types(self) -> tuple[tuple[str, int], ...]:
        """Respondents by type, most first ("not asked" for an export without the question)."""
        return tuple(Counter(r.respondent_type or "not asked" for r in self.responses).most_common())

    @property
    def themes_answered(self) -> int:
        """Themes with a "we did" answer."""
        return sum(1 for t in self.themes if t.we_did)

    @functools.cached_property
    def digest(self) -> str:
        """Return a SHA-256 (hex) of the content (responses, petitions, themes, centres), not the source."""
        content = {
            "responses": [
                [r.response_id, r.submitted_at, r.respondent_type, r.postcode, r.centre, r.support, r.comment]
                for r in self.responses
            ],
            "petitions": [[p.name, p.signatures, list(p.postcode_districts)] for p in self.petitions],
            "themes": [[t.id, t.label, t.we_did] for t in self.themes],
            "centres": [list(c) for c in self.centres],
        }
        text = json.dumps(content, sort_keys=True, separators=(",", ":"))  # ASCII: any text encodes
        return hashlib.sha256(b"consultation-snapshot-1\n" + text.encode("ascii")).hexdigest()


def read_snapshot(
    engine: sa.Engine, workspace: Workspace, *, matcher: CentreMatcher | None = None
) -> ConsultationSnapshot:
    """Read a store's responses and petitions in one transaction, with the workspace's themes.

    Parameters
    ----------
    engine
        The store (its tables migrated).
    workspace
        Whose centres the responses are matched to, and whose ``themes.yaml`` is read.
    matcher
        Matches the responses' centre answers to the workspace's centres; a server keeps one, so an
        answer seen in an earlier snapshot is not matched again. Default a new one.

    Returns
    -------
    ConsultationSnapshot
        Responses sorted by id and petitions by name (by code point: the same order whatever the
        database's collation).

    Raises
    ------
    InputError
        When ``themes.yaml`` cannot be read.
    """
    connection = engine.connect()
    if engine.dialect.name == "postgresql":  # both reads see one state of the database
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    with connection, connection.begin():  # on SQLite (WAL) a read transaction is one snapshot too
        columns = [responses_table.c[f.name] for f in fields(Response)]  # in Response's order
        rows = connection.execute(sa.select(*columns)).all()
        petition_rows = connection.execute(sa.select(petitions_table)).all()
    responses = tuple(sorted((Response(*row) for row in rows), key=lambda r: r.response_id))
    petitions = tuple(
        sorted(
            (Petition(p.name, int(p.signatures), tuple(p.postcode_districts.split())) for p in petition_rows),
            key=lambda p: p.name,
        )
    )
    return ConsultationSnapshot(
        responses=responses,
        petitions=petitions,
        themes=_themes(workspace),
        centres=tuple(map(matcher or CentreMatcher(workspace), (r.centre for r in responses))),
        source=engine.url.render_as_string(hide_password=True),
    )


def consultation_snapshot(
    workspace: Workspace,
    *,
    store_url: str | None = None,
    engine: sa.Engine | None = None,
    matcher: CentreMatcher | None = None,
) -> ConsultationSnapshot:
    """Return the workspace's consultation, read once from one store named explicitly.

    Parameters
    ----------
    workspace
        The workspace (its centres and ``themes.yaml``; its folder holds the default store).
    store_url
        The store's database URL (e.g. ``postgresql://user@host/db``, from ``HUBPLAN_STORE_URL`` at
        the CLI or web edge).
    engine
        The store's engine, when the caller holds one open (a server); instead of ``store_url``.
    matcher
        The workspace's centre matcher, when the caller keeps one (see :func:`read_snapshot`).

    Returns
    -------
    ConsultationSnapshot
        From ``engine``, else from ``store_url``, else from the workspace's own SQLite file
        (``hubplan.sqlite``) when it exists: none is created, and without it the snapshot holds no
        responses (only the themes).

    Raises
    ------
    ValueError
        When both ``engine`` and ``store_url`` are given.
    hubplan.store.DamagedStoreError
        When ``hubplan.sqlite`` is a folder (a damaged file is found when it is read: see
        :func:`hubplan.store.store_errors`).
    """
    if engine is not None and store_url is not None:
        msg = "consultation_snapshot takes the store's engine or its URL, not both"
        raise ValueError(msg)
    folder = workspace.path
    if engine is None and folder is not None and (store_url is not None or (folder / STORE_FILE).exists()):
        engine = engine_for(folder, store_url)
    if engine is None:
        return without_store(workspace)
    return read_snapshot(engine, workspace, matcher=matcher)


def without_store(workspace: Workspace) -> ConsultationSnapshot:
    """Return a snapshot with no responses or petitions, only the analysts' themes (no store read).

    For a report made without its consultation parts, when the store cannot be read.

    Parameters
    ----------
    workspace
        The workspace (its ``themes.yaml``).

    Returns
    -------
    ConsultationSnapshot
        Holding the themes only.
    """
    return ConsultationSnapshot(themes=_themes(workspace))


def _themes(workspace: Workspace) -> tuple[ThemeRecord, ...]:
    """Return the analysts' themes from ``themes.yaml`` (none without a folder or file)."""
    return tuple(
        ThemeRecord(id=str(key), label=str(t.get("label") or key), we_did=str(t.get("we_did") or ""))
        for key, t in read_themes_file(workspace.path).items()
        if not t.get("merge_into")
    )
