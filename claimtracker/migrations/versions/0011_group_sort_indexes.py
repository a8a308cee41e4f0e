"""On a server: sources by title and actors by name in an index, in the order the claims
table's sort by source or speaker walks them.

PostgreSQL only (on a file this revision does nothing: SQLite sorts a few thousand names in a
blink). The claims table sorted by source or speaker (``claimtracker.query.streaming``) walks
the sources (actors) in name order, ``ORDER BY lower(title), id``, and reads each one's claims
by their index. Without an index in that order the server read and sorted every source before
the first page (0.1 s at a million claims, 0.5 s at ten million); with one, the first sources
come straight from it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

#: (index, table, the name expression as ``claimtracker.query.streaming`` orders by it)
INDEXES = (
    ("ix_source_title_sort", "source", "lower(title)"),
    ("ix_actor_name_sort", "actor", "lower(name)"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for name, table, key in INDEXES:
        op.get_bind().exec_driver_sql(f"CREATE INDEX {name} ON {table} ({key}, id)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for name, _, _ in INDEXES:
        op.get_bind().exec_driver_sql(f"DROP INDEX {name}")
