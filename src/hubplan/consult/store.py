"""Consultation responses and petitions in the store (:mod:`hubplan.store`: SQLite or PostgreSQL).

Rows are only ever added: a response already stored (same ``response_id``, or the same row of the same
file) is never overwritten, so re-importing a file adds nothing twice; a later export that gives a
stored ``response_id`` other answers is refused whole, naming the row. An import is one transaction
(its rows and its record in ``imports`` commit together or not at all), and two imports of the same
file at once both finish with each row stored once (``INSERT ... ON CONFLICT DO NOTHING``; SQLite
writers take turns).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from hubplan.consult.importer import shown_id
from hubplan.data.sense import number_key
from hubplan.errors import InputError, Problem
from hubplan.store import STORE_FILE, open_store, writing
from hubplan.store.schema import imports, petitions, responses

__all__ = [
    "STORE_FILE",
    "Response",
    "add_responses",
    "all_petitions",
    "all_responses",
    "engine_for",
    "record_petition",
]

LEGACY_FILE = "consultation.sqlite"
"""Where responses were kept before the store (read once into the store, then left alone)."""

_CHUNK = 500
"""Rows per INSERT statement (10 columns each keeps under SQLite's 32,766 parameters)."""


@dataclass(frozen=True)
class Response:
    """One stored response, as given (raw)."""

    response_id: str
    submitted_at: str
    respondent_type: str
    postcode: str
    centre: str
    support: str
    comment: str


def engine_for(workspace: Path, url: str | None = None) -> sa.Engine:
    """Return the store's engine, its tables migrated (see :func:`hubplan.store.open_store`).

    Parameters
    ----------
    workspace
        The workspace folder (for the default SQLite file).
    url
        A database URL (e.g. ``postgresql://...``; the CLI passes ``HUBPLAN_STORE_URL``); default
        ``sqlite:///<workspace>/hubplan.sqlite``.

    Returns
    -------
    sqlalchemy.Engine
        The engine.
    """
    engine = open_store(workspace, url=url)
    _adopt_legacy_file(engine, Path(workspace))
    return engine


def _adopt_legacy_file(engine: sa.Engine, workspace: Path) -> None:
    """Copy responses and petitions from the store hubplan kept before (``consultation.sqlite``), once."""
    legacy = workspace / LEGACY_FILE
    if not legacy.is_file():
        return
    old = sa.create_engine(f"sqlite:///{legacy}")
    try:
        with old.connect() as conn:
            names = set(sa.inspect(conn).get_table_names())
            found = {
                table: [dict(r) for r in conn.execute(sa.text(f"SELECT * FROM {table}")).mappings()]
                for table in ("responses", "petitions")
                if table in names
            }
    finally:
        old.dispose()
    digest = hashlib.sha256(legacy.read_bytes()).hexdigest()
    rows = [{**r, "source_sha256": digest} for r in found.get("responses", [])]
    with writing(engine) as conn:
        if conn.execute(sa.select(imports.c.id).where(imports.c.source_file == LEGACY_FILE)).first():
            return  # adopted already
        added = _insert_ignoring_repeats(conn, rows)
        known = set(conn.execute(sa.select(petitions.c.name)).scalars())
        new = [p for p in found.get("petitions", []) if p["name"] not in known]
        if new:
            conn.execute(petitions.insert(), new)
        conn.execute(
            imports.insert().values(
                source_sha256=digest, source_file=LEGACY_FILE, rows_valid=len(rows), rows_added=added,
                imported_at=dt.datetime.now(dt.UTC),
            )
        )  # fmt: skip


def _insert_ignoring_repeats(conn: sa.Connection, rows: list[dict[str, Any]]) -> int:
    """Insert rows, skipping any whose key is stored (or being stored by another import); count added."""
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    added = 0
    for start in range(0, len(rows), _CHUNK):
        statement = insert(responses).values(rows[start : start + _CHUNK]).on_conflict_do_nothing()
        added += len(conn.execute(statement.returning(responses.c.response_id)).all())
    return added


def add_responses(engine: sa.Engine, rows: list[dict[str, Any]], *, source_sha256: str | None = None) -> int:
    """Insert responses not stored already, in one transaction; return how many were added.

    Parameters
    ----------
    engine
        The store.
    rows
        Mappings with every column of the ``responses`` table but ``source_sha256``.
    source_sha256
        The SHA-256 of the file the rows came from (hex); default a hash of the rows themselves.

    Returns
    -------
    int
        Rows added (those whose ``response_id`` and file row were new).

    Raises
    ------
    InputError
        When a row's ``response_id`` is stored already (written the same way or as the same number:
        ``1``, ``1.0``, ``01``) with other answers: which answer the respondent meant is not known, so
        nothing of the file is stored. The problem names the row, the stored row's file and row, and
        the columns that differ, never the answers.
    """
    digest = source_sha256 or hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()
    unique = list({number_key(str(r["response_id"])): r for r in reversed(rows)}.values())[::-1]
    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":  # imports check against the store one at a time
            conn.execute(sa.text(f"LOCK TABLE {responses.name} IN SHARE ROW EXCLUSIVE MODE"))
        fresh = _not_stored(conn, unique)
        added = _insert_ignoring_repeats(conn, [{**r, "source_sha256": digest} for r in fresh])
        conn.execute(
            imports.insert().values(
                source_sha256=digest, source_file=str(rows[0]["source_file"]) if rows else "",
                rows_valid=len(rows), rows_added=added, imported_at=dt.datetime.now(dt.UTC),
            )
        )  # fmt: skip
    return added


ANSWERS = ("submitted_at", "respondent_type", "postcode", "centre", "support", "comment")
"""The columns a response repeated in a later export must give the same."""


def _not_stored(conn: sa.Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the rows whose response is not stored yet; raise when one is stored with other answers."""
    wanted = {number_key(str(r["response_id"])) for r in rows}
    columns = [responses.c.response_id, responses.c.source_file, responses.c.source_row]
    columns += [responses.c[c] for c in ANSWERS]
    stored = {
        key: r
        for r in conn.execute(sa.select(*columns)).mappings()
        if (key := number_key(str(r["response_id"]))) in wanted
    }
    fresh, problems = [], []
    for row in rows:
        old = stored.get(number_key(str(row["response_id"])))
        if old is None:
            fresh.append(row)
            continue
        differ = [c for c in ANSWERS if str(old[c]) != str(row[c])]
        if differ:
            expected = (
                f"each response_id once, or the same answers again (stored from {old['source_file']} "
                f"row {old['source_row']} as {shown_id(old['response_id'])}, with other {', '.join(differ)})"
            )
            found = f"{shown_id(str(row['response_id']))} with different answers"
            problems.append(
                Problem(str(row["source_file"]), int(row["source_row"]), "response_id", expected, found)
            )
    if problems:
        n = len(problems)
        summary = (
            f"{n} response{'s are' if n != 1 else ' is'} stored already with other answers: nothing of "
            f"{problems[0].file} was imported (correct the export, or give the new answers a new response_id)"
        )
        raise InputError(problems[:20], summary)
    return fresh


def all_responses(engine: sa.Engine) -> list[Response]:
    """Return every stored response, in ``response_id`` order."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(responses).order_by(responses.c.response_id)).mappings()
        return [
            Response(r["response_id"], r["submitted_at"], r["respondent_type"], r["postcode"], r["centre"],
                     r["support"], r["comment"])
            for r in rows
        ]  # fmt: skip


def record_petition(
    engine: sa.Engine, name: str, signatures: int, postcode_districts: tuple[str, ...]
) -> None:
    """Record a petition (a later record of the same name replaces its count).

    Parameters
    ----------
    engine
        The store.
    name
        The petition's title.
    signatures
        How many signed.
    postcode_districts
        Where signers live, where known (e.g. ``("NR1", "NR2")``).
    """
    with writing(engine) as conn:
        conn.execute(petitions.delete().where(petitions.c.name == name))
        conn.execute(petitions.insert(), [{"name": name, "signatures": signatures,
                                          "postcode_districts": " ".join(postcode_districts)}])  # fmt: skip


def all_petitions(engine: sa.Engine) -> list[tuple[str, int, tuple[str, ...]]]:
    """Return every petition as (name, signatures, postcode districts)."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(petitions).order_by(petitions.c.name))
        return [(r.name, r.signatures, tuple(r.postcode_districts.split())) for r in rows]
