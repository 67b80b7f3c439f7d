"""The store's tables: saved plans and their history, analysis runs, consultation responses and petitions.

The migrations in ``migrations/versions`` create exactly these tables (a test compares them); queries
use these definitions.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

NAME_LENGTH = 60
"""The longest plan name (the web's name pattern allows 60 characters)."""

plans = sa.Table(
    "plans",
    metadata,
    sa.Column("name", sa.String(NAME_LENGTH), primary_key=True),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("bases", sa.Text, nullable=False),  # a JSON list of site ids
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("saved_by", sa.String(100), nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
)
"""The latest version of each saved plan."""

plan_history = sa.Table(
    "plan_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(NAME_LENGTH), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("bases", sa.Text, nullable=False),
    sa.Column("saved_by", sa.String(100), nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("name", "version", name="uq_plan_history_name_version"),
)
"""The audit log: every version of every plan, who saved it and when (rows are only added)."""

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("request", sa.Text, nullable=False),  # JSON
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("result", sa.Text, nullable=True),
    sa.Column("error", sa.Text, nullable=True),
)
"""Analysis runs (reports made in the background): what was asked, its state and its result."""

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
    sa.Column("source_sha256", sa.String(64), nullable=False),
    sa.UniqueConstraint("source_sha256", "source_row", name="uq_responses_source_row"),
)
"""Consultation responses as given (raw; only ever added, never overwritten)."""

imports = sa.Table(
    "imports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source_sha256", sa.String(64), nullable=False),
    sa.Column("source_file", sa.String, nullable=False),
    sa.Column("rows_valid", sa.Integer, nullable=False),
    sa.Column("rows_added", sa.Integer, nullable=False),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
)
"""Each completed import, written in the same transaction as its rows."""

petitions = sa.Table(
    "petitions",
    metadata,
    sa.Column("name", sa.String, primary_key=True),
    sa.Column("signatures", sa.Integer, nullable=False),
    sa.Column("postcode_districts", sa.String, nullable=False),
)
"""Petitions and their signature counts."""
