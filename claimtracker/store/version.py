"""The schema revision this code expects, readable without SQLAlchemy or Alembic."""

from __future__ import annotations

import sqlite3

#: The newest revision in ``claimtracker/migrations/versions`` (a test keeps them in step).
SCHEMA_HEAD = "0011"


def sqlite_schema_revision(connection: sqlite3.Connection) -> str | None:
    """The revision of an SQLite database, or None when it has no schema yet."""
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None
