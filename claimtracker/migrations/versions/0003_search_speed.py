"""Faster search-as-you-type for three letters, and a claim-text sort that does not scan.

The full-text index gains a three-letter prefix index (rebuilt from the claims), and an index
on the first characters of each claim lets "sort by claim" read its first page through the
index (the rest of each tie is sorted in a small step).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TEXT_SORT_INDEX = (
    "CREATE INDEX ix_claim_text_sort ON claim (substr(text, 1, 24) COLLATE NOCASE)"
)
# The same on a server: the sort key the claims table uses there (claimtracker.store.dialect).
SERVER_TEXT_SORT_INDEX = "CREATE INDEX ix_claim_text_sort ON claim (lower(substr(text, 1, 24)))"


def _recreate_fts(prefix: str) -> None:
    # The triggers name claim_fts in their bodies only, so they survive its replacement.
    op.execute("DROP TABLE claim_fts")
    op.execute(
        f"""
        CREATE VIRTUAL TABLE claim_fts USING fts5(
            text, quote, descriptor, notes, speaker, source_title,
            content = 'claim_fts_content', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2',
            prefix = '{prefix}'
        )
        """
    )
    op.execute("INSERT INTO claim_fts (claim_fts) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute(SERVER_TEXT_SORT_INDEX)
        return
    op.execute(TEXT_SORT_INDEX)
    _recreate_fts("1 2 3")


def downgrade() -> None:
    op.execute("DROP INDEX ix_claim_text_sort")
    if op.get_bind().dialect.name == "sqlite":
        _recreate_fts("1 2")
