"""Sorting a server's claims by attribution or status reads an index to the first page.

A file's index on a column carries the claim id along (every SQLite index ends in the rowid), so
``ORDER BY c.status, c.id`` — the order ``ClaimOrder`` asks for, ties broken by id — is read
straight from ``ix_claim_status``. A PostgreSQL index on ``(status)`` alone is not in that order:
the server read the whole first group of equal values (a quarter of a million claims at 1M) and
sorted it by id before it could show 200 of them (0.8–1.1 s for the first page). The two
low-variety columns get their indexes again with the id after them, as 0007 did for the columns
that may be empty. A file has nothing to change.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

#: Sorted columns of few values whose ties are broken by the claim id.
TIED_SORTED = ("attribution", "status")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for column in TIED_SORTED:
        op.execute(f"DROP INDEX ix_claim_{column}")
        op.execute(f"CREATE INDEX ix_claim_{column} ON claim ({column}, id)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for column in TIED_SORTED:
        op.execute(f"DROP INDEX ix_claim_{column}")
        op.execute(f"CREATE INDEX ix_claim_{column} ON claim ({column})")
