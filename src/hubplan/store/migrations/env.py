"""Alembic's environment: migrate the connection that :func:`hubplan.store.open_store` passes in."""

from __future__ import annotations

from alembic import context

from hubplan.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
