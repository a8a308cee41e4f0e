"""History of changes: who changed which field of a claim, link, source or actor, and when.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

KINDS = ("claim", "link", "source", "actor")
ACTIONS = ("created", "changed", "deleted", "restored", "purged")


def _one_of(column: str, values: tuple[str, ...]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=f"ck_history_{column}")


def upgrade() -> None:
    # No foreign key to the record: the history of a record outlives its deletion for good.
    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("analyst", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("field", sa.String()),
        sa.Column("old_value", sa.Text()),
        sa.Column("new_value", sa.Text()),
        sa.Column("note", sa.String()),
        _one_of("kind", KINDS),
        _one_of("action", ACTIONS),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_history_record", "history", ["kind", "record_id"])


def downgrade() -> None:
    op.drop_index("ix_history_record", table_name="history")
    op.drop_table("history")
