"""Merging two project files: a project's identity, what it last saw of each peer, conflicts.

- ``project_identity`` (one row): the project's UUID, shared by every copy of the file. A
  project with a history gets one derived from its first journal entry, so that two copies of a
  file made before this migration agree on it (``claimtracker.merging.identity``).
- ``history.origin``: the project in which a journal entry's change was first made (NULL: this
  one). A merge copies the other side's entries with their analysts and times and its identity.
- ``merge_peer``: per other project, how far its journal (``their_mark``) and this one's
  (``my_mark``) stood at the end of the last merge — the common ancestor of the next one.
- ``merge_run``: each merge, with what it needs to be undone as one step.
- ``merge_conflict``: a field both sides changed two ways; this side's value stands until it is
  settled (keep mine, take theirs, edit).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from claimtracker.merging.identity import derived_identity

    bind = op.get_bind()
    op.create_table(
        "project_identity",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_project_identity_single"),
    )
    identity = derived_identity(lambda sql, params: list(bind.exec_driver_sql(sql, tuple(params))))
    op.execute(
        sa.text("INSERT INTO project_identity (id, uuid) VALUES (1, :uuid)").bindparams(
            uuid=identity
        )
    )
    op.add_column("history", sa.Column("origin", sa.String(36), nullable=True))
    op.create_table(
        "merge_peer",
        sa.Column("peer_uuid", sa.String(36), primary_key=True),
        sa.Column("peer_name", sa.String(), nullable=False),
        sa.Column("their_mark", sa.Integer(), nullable=False),
        sa.Column("my_mark", sa.Integer(), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "merge_run",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("peer_uuid", sa.String(36), nullable=False),
        sa.Column("peer_name", sa.String(), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("analyst", sa.String(), nullable=False),
        sa.Column("after_entry", sa.Integer(), nullable=False),
        sa.Column("last_entry", sa.Integer(), nullable=False),
        sa.Column("previous_their_mark", sa.Integer()),
        sa.Column("previous_my_mark", sa.Integer()),
        sa.Column("new_tag_ids", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("summary", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("undone_at", sa.DateTime()),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "merge_conflict",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "run_id",
            sa.Integer(),
            sa.ForeignKey("merge_run.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("mine_value", sa.Text()),
        sa.Column("theirs_value", sa.Text()),
        sa.Column("theirs_analyst", sa.String()),
        sa.Column("theirs_changed_at", sa.DateTime()),
        sa.Column("peer_name", sa.String(), nullable=False),
        sa.Column("note", sa.String()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("settled_at", sa.DateTime()),
        sa.Column("settled_how", sa.String(16)),
        sa.Column("settled_by", sa.String()),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_merge_conflict_record", "merge_conflict", ["kind", "record_id"])


def downgrade() -> None:
    op.drop_index("ix_merge_conflict_record", table_name="merge_conflict")
    op.drop_table("merge_conflict")
    op.drop_table("merge_run")
    op.drop_table("merge_peer")
    op.drop_column("history", "origin")
    op.drop_table("project_identity")
