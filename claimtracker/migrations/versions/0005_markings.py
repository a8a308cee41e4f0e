"""Markings (FIRST Traffic Light Protocol 2.0) on sources and claims; a claim's external id.

A nullable ``tlp`` code on each: clear, green, amber, amber+strict or red. A claim's marking
in force is the higher of its own and its source's (``vocabulary.highest_marking``); no marking
counts as TLP:CLEAR. The checks are spelled as comparisons, as migration 0004 explains. Adding
a column leaves the full-text triggers alone: they name the columns they watch.

``claim.external_id`` keeps the row id a foreign dataset gave a claim (``import-csv --map
id=external_id``), so that importing the dataset again updates those claims.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("source", "claim")
MARKINGS = ("clear", "green", "amber", "amber+strict", "red")


def _column_sql() -> str:
    allowed = " OR ".join(f"tlp = '{code}'" for code in MARKINGS)
    return f"tlp VARCHAR(16) CONSTRAINT ck_tlp_code CHECK (tlp IS NULL OR ({allowed}))"


def upgrade() -> None:
    op.execute("ALTER TABLE claim ADD COLUMN external_id VARCHAR")
    # SQLite and PostgreSQL both take a column with its named check in one ADD COLUMN.
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ADD COLUMN {_column_sql()}")


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, "tlp")
    op.drop_column("claim", "external_id")
