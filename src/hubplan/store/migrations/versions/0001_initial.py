"""The first store: plans and their history, runs, responses, imports and petitions.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table."""
    op.create_table(
        "plans",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("bases", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("saved_by", sa.String(100), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "plan_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("bases", sa.Text, nullable=False),
        sa.Column("saved_by", sa.String(100), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("name", "version", name="uq_plan_history_name_version"),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("request", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("result", sa.Text, nullable=True),
        sa.Column("error", sa.Text, nullable=True),
    )
    op.create_table(
        "responses",
        sa.Column("response_id", sa.String, primary_key=True),
        sa.Column("submitted_at", sa.String, nullable=False),
        sa.Column("respondent_type", sa.String, nullable=False),
        sa.Column("postcode", sa.String, nullable=False),
        sa.Column("centre", sa.String, nullable=False),
        sa.Column("support", sa.String, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("source_file", sa.String, nullable=False),
        sa.Column("source_row", sa.Integer, nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.UniqueConstraint("source_sha256", "source_row", name="uq_responses_source_row"),
    )
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("source_file", sa.String, nullable=False),
        sa.Column("rows_valid", sa.Integer, nullable=False),
        sa.Column("rows_added", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "petitions",
        sa.Column("name", sa.String, primary_key=True),
        sa.Column("signatures", sa.Integer, nullable=False),
        sa.Column("postcode_districts", sa.String, nullable=False),
    )


def downgrade() -> None:
    """Drop every table."""
    for table in ("petitions", "imports", "responses", "runs", "plan_history", "plans"):
        op.drop_table(table)
