"""The consultation store: responses and petitions in the workspace's database (SQLite by default).

Rows are only ever added: a response already stored (same ``response_id``) is never overwritten,
so re-importing a file adds nothing twice. The URL may name PostgreSQL instead (SQLAlchemy).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

STORE_FILE = "consultation.sqlite"
"""The store's file inside the workspace."""

metadata = sa.MetaData()
responses = sa.Table(
    "responses",
    metadata,
    sa.Column("response_id", sa.String, primary_key=True),
    sa.Column("submitted_at", sa.String, nullable=False),
    sa.Column("respondent_type", sa.String, nullable=False),
    sa.Column("postcode", sa.String, nullable=False),  # raw: never published
    sa.Column("centre", sa.String, nullable=False),
    sa.Column("support", sa.String, nullable=False),
    sa.Column("comment", sa.Text, nullable=False),  # raw: never published
    sa.Column("source_file", sa.String, nullable=False),
    sa.Column("source_row", sa.Integer, nullable=False),
)
petitions = sa.Table(
    "petitions",
    metadata,
    sa.Column("name", sa.String, primary_key=True),
    sa.Column("signatures", sa.Integer, nullable=False),
    sa.Column("postcode_districts", sa.String, nullable=False),
)


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
    """Return the store's engine, creating its tables if needed.

    Parameters
    ----------
    workspace
        The workspace folder (for the default SQLite file).
    url
        A database URL (e.g. ``postgresql+psycopg://...``); default the ``HUBPLAN_STORE_URL``
        environment variable, else ``sqlite:///<workspace>/consultation.sqlite``.

    Returns
    -------
    sqlalchemy.Engine
        The engine.
    """
    engine = sa.create_engine(
        url or os.environ.get("HUBPLAN_STORE_URL") or f"sqlite:///{workspace / STORE_FILE}"
    )
    metadata.create_all(engine)
    return engine


def add_responses(engine: sa.Engine, rows: list[dict[str, Any]]) -> int:
    """Insert responses not stored already; return how many were added.

    Parameters
    ----------
    engine
        The store.
    rows
        Mappings with every column of the ``responses`` table.

    Returns
    -------
    int
        Rows added (those whose ``response_id`` was new).
    """
    with engine.begin() as conn:
        known = {r[0] for r in conn.execute(sa.select(responses.c.response_id))}
        new = [r for r in rows if r["response_id"] not in known]
        unique = list({r["response_id"]: r for r in reversed(new)}.values())[::-1]  # first of repeats wins
        if unique:
            conn.execute(responses.insert(), unique)
    return len(unique)


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
    with engine.begin() as conn:
        conn.execute(petitions.delete().where(petitions.c.name == name))
        conn.execute(petitions.insert(), [{"name": name, "signatures": signatures,
                                          "postcode_districts": " ".join(postcode_districts)}])  # fmt: skip


def all_petitions(engine: sa.Engine) -> list[tuple[str, int, tuple[str, ...]]]:
    """Return every petition as (name, signatures, postcode districts)."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(petitions).order_by(petitions.c.name))
        return [(r.name, r.signatures, tuple(r.postcode_districts.split())) for r in rows]
