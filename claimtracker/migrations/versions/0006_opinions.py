"""Analysts' opinions on claims, journaled; and the index that finds echoes of a claim.

``opinion`` holds one opinion per analyst and claim (the STIX 2.1 opinion scale, with a note);
the history accepts ``opinion`` as a kind of record, so who said what and when is kept. Its
value-list CHECK is rewritten in place, the way 0004 rewrote them, without copying the table.

``echo_key`` holds each claim's MinHash band keys (``claimtracker.dispute.echoes``): claims
sharing a key are candidate echoes, found through the index in milliseconds at a million claims.
``echo_signed`` says which version of each claim its keys were computed from. Both are derived
data: emptying them only makes the next echo search rebuild them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OPINIONS = ("strongly-disagree", "disagree", "neutral", "agree", "strongly-agree")
_KINDS_BEFORE = "(kind = 'claim' OR kind = 'link' OR kind = 'source' OR kind = 'actor')"
_KINDS_AFTER = (
    "(kind = 'claim' OR kind = 'link' OR kind = 'source' OR kind = 'actor' OR kind = 'opinion')"
)


def _rewrite_history_kinds(before: str, after: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.drop_constraint("ck_history_kind", "history", type_="check")
        op.create_check_constraint("ck_history_kind", "history", after)
        return
    run = bind.exec_driver_sql
    sql = run("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'history'").scalar_one()
    if before not in sql:
        raise RuntimeError("The history table's kinds are not as migration 0004 left them")
    schema_version = run("PRAGMA schema_version").scalar_one()
    run("PRAGMA writable_schema = ON")
    try:
        run(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'history'",
            (sql.replace(before, after),),
        )
        run(f"PRAGMA schema_version = {int(schema_version) + 1}")
    finally:
        run("PRAGMA writable_schema = OFF")
    problems = run("PRAGMA quick_check").scalars().all()
    if problems != ["ok"]:
        raise RuntimeError(f"The rewritten history table did not verify: {'; '.join(problems)}")


def upgrade() -> None:
    op.create_table(
        "opinion",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "claim_id",
            sa.Integer(),
            sa.ForeignKey("claim.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("analyst", sa.String(), nullable=False),
        sa.Column("opinion", sa.String(), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("claim_id", "analyst", name="uq_opinion_analyst"),
        sa.CheckConstraint(
            "(" + " OR ".join(f"opinion = '{code}'" for code in OPINIONS) + ")",
            name="ck_opinion_code",
        ),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "echo_signed",
        sa.Column(
            "claim_id",
            sa.Integer(),
            sa.ForeignKey("claim.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_table(
        "echo_key",
        sa.Column("key", sa.BigInteger(), primary_key=True),
        sa.Column(
            "claim_id",
            sa.Integer(),
            sa.ForeignKey("claim.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
        # One B-tree ordered by key, instead of a rowid table plus an index on the key.
        sqlite_with_rowid=False,
    )
    _rewrite_history_kinds(_KINDS_BEFORE, _KINDS_AFTER)


def downgrade() -> None:
    op.execute("DELETE FROM history WHERE kind = 'opinion'")
    _rewrite_history_kinds(_KINDS_AFTER, _KINDS_BEFORE)
    op.drop_table("echo_key")
    op.drop_table("echo_signed")
    op.drop_table("opinion")
