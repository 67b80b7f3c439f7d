"""Saved plans: each save is a new version, checked against the version the editor started from.

Two editors saving the same plan at once never lose a save silently: a first save fails when the name
is taken, and a later save names the version it replaces and fails when someone saved in between
(:class:`ConflictError`). Every version stays in ``plan_history``, with who saved it and when.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import sqlalchemy as sa

from hubplan.errors import HubplanError
from hubplan.store.engine import writing
from hubplan.store.schema import plan_history, plans


class ConflictError(HubplanError):
    """A save would replace a version the saver has not seen (someone saved first)."""


@dataclass(frozen=True)
class SavedPlan:
    """One version of a saved plan."""

    name: str
    title: str
    description: str
    bases: tuple[str, ...]
    version: int
    saved_by: str
    saved_at: dt.datetime


def _plan(row: sa.RowMapping) -> SavedPlan:
    return SavedPlan(
        name=row["name"], title=row["title"], description=row["description"],
        bases=tuple(json.loads(row["bases"])), version=row["version"], saved_by=row["saved_by"],
        saved_at=row["saved_at"],
    )  # fmt: skip


def save_plan(
    engine: sa.Engine,
    *,
    name: str,
    title: str,
    description: str,
    bases: tuple[str, ...],
    saved_by: str,
    replaces: int | None = None,
) -> SavedPlan:
    """Save a plan as a new version and record it in the history.

    Parameters
    ----------
    engine
        The store.
    name, title, description
        The plan's name (its key), title and description.
    bases
        Site ids kept as bases.
    saved_by
        The editor's name (for the audit log).
    replaces
        The version this save replaces; ``None`` saves a new plan (the name must be free).

    Returns
    -------
    SavedPlan
        The version saved (1 for a new plan).

    Raises
    ------
    ConflictError
        When the name is taken (``replaces`` is ``None``) or the stored version is not ``replaces``.
    """
    now = dt.datetime.now(dt.UTC)
    values = {
        "name": name, "title": title, "description": description, "bases": json.dumps(list(bases)),
        "saved_by": saved_by, "saved_at": now,
    }  # fmt: skip
    try:
        version = _write(engine, name, values, replaces)
    except sa.exc.IntegrityError:  # PostgreSQL: another transaction inserted the same name first
        msg = f"a plan named '{name}' was saved by someone else just now: reload it and save again"
        raise ConflictError(msg) from None
    return SavedPlan(
        name=name, title=title, description=description, bases=bases, version=version,
        saved_by=saved_by, saved_at=now,
    )  # fmt: skip


def _write(engine: sa.Engine, name: str, values: dict[str, object], replaces: int | None) -> int:
    """Write one version in one transaction and return its number (see :func:`save_plan`)."""
    with writing(engine) as conn:
        if replaces is None:
            version = 1
            taken = conn.execute(sa.select(plans.c.version).where(plans.c.name == name)).first()
            if taken is not None:
                msg = f"a plan named '{name}' is saved already (version {taken.version}); choose another name"
                raise ConflictError(msg)
            conn.execute(plans.insert().values(version=version, **values))
        else:
            version = replaces + 1
            updated = conn.execute(
                plans.update()
                .where(plans.c.name == name, plans.c.version == replaces)
                .values(version=version, **values)
            )
            if updated.rowcount != 1:
                current = conn.execute(sa.select(plans.c.version).where(plans.c.name == name)).first()
                found = "no such plan" if current is None else f"version {current.version}"
                msg = f"'{name}' has changed since version {replaces} ({found} now): reload it and save again"
                raise ConflictError(msg)
        conn.execute(plan_history.insert().values(version=version, **values))
    return version


def saved_plans(engine: sa.Engine) -> list[SavedPlan]:
    """Return the latest version of every saved plan, by name."""
    with engine.connect() as conn:
        return [_plan(r) for r in conn.execute(sa.select(plans).order_by(plans.c.name)).mappings()]


def saved_plan(engine: sa.Engine, name: str) -> SavedPlan | None:
    """Return the latest version of the plan ``name``, or ``None`` when there is none."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(plans).where(plans.c.name == name)).mappings().first()
    return None if row is None else _plan(row)


def plan_versions(engine: sa.Engine, name: str) -> list[SavedPlan]:
    """Return every version of the plan ``name`` (the audit log), oldest first."""
    query = sa.select(plan_history).where(plan_history.c.name == name).order_by(plan_history.c.version)
    with engine.connect() as conn:
        return [_plan(r) for r in conn.execute(query).mappings()]
