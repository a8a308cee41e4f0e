"""On a server: the claims table's count and id stream read an index of the live claims' ids,
and its sorts by attribution, status, created and updated read indexes in that order with the
id after.

PostgreSQL only (on a file this revision does nothing: SQLite's table is stored in id order and
each of its indexes carries the id). Found at ten million claims (bench/server_search.py):

* ``count(*)`` of the claims not in the trash, and the table's id stream (``WHERE deleted_at
  IS NULL ORDER BY id``), must see each claim's ``deleted_at``: without an index holding it
  that reads the whole claim table (about 10 GB at ten million claims; 10 s for the count).
  ``ix_claim_live``, the live claims' ids (a partial index, about 21 bytes a claim), answers
  both by an index-only scan.
* Sorting by attribution or status is ``ORDER BY attribution, id``: an index on the column
  alone gives each value's claims in no particular id order, so the first page waited for a
  sort of a whole group (a fifth of the table: about a minute at ten million claims). The
  indexes are made again with the id after the column, as 0007 did for the sorted columns
  that may be empty.
* Sorting by when a claim was created or last changed had no index at all: the first page
  sorted every claim (17 and 23 s at ten million). They get one each, with the id after. An
  edit then updates one index more (most edits change an indexed column already: the text,
  the status, a date).

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

#: Sorted claim columns that are never empty (``ClaimOrder``) whose index (0001) lacked the id.
SORTED_WITH_ID = ("attribution", "status")
#: Sorted claim columns that are never empty and had no index.
NEWLY_SORTED = ("created_at", "updated_at")


def _run(sql: str) -> None:
    op.get_bind().exec_driver_sql(sql)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    _run("CREATE INDEX ix_claim_live ON claim (id) WHERE deleted_at IS NULL")
    for column in SORTED_WITH_ID:
        _run(f"DROP INDEX ix_claim_{column}")
        _run(f"CREATE INDEX ix_claim_{column} ON claim ({column}, id)")
    for column in NEWLY_SORTED:
        _run(f"CREATE INDEX ix_claim_{column} ON claim ({column}, id)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for column in NEWLY_SORTED:
        _run(f"DROP INDEX ix_claim_{column}")
    for column in SORTED_WITH_ID:
        _run(f"DROP INDEX ix_claim_{column}")
        _run(f"CREATE INDEX ix_claim_{column} ON claim ({column})")
    _run("DROP INDEX ix_claim_live")
