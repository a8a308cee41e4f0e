"""Which project a database file holds: its identity, shared by every copy of the file.

Two copies of one project file carry the same identity, so a merge of the two can find the
history they share (:mod:`claimtracker.merging.ancestry`); two projects begun apart have
different ones, and merge as additions. A project gets its identity from migration 0008: one
derived from its first journal entry when it already has a history (so that copies made before
the migration, upgraded separately, still agree), a new random one otherwise.
"""

from __future__ import annotations

import uuid

from claimtracker.journal.changes import Execute
from claimtracker.store.dbapi import SQLITE, DbConnection, Dialect, dialect_of

_NAMESPACE = uuid.UUID("6f1c8a52-5a3e-4d0c-9a5e-2f7c0b6f4e11")


def derived_identity(execute: Execute) -> str:
    """The identity a project without one gets: from its first journal entry, else new."""
    rows = execute(
        "SELECT id, changed_at, analyst, kind, record_id, action FROM history ORDER BY id LIMIT 1",
        (),
    )
    if not rows:
        return str(uuid.uuid4())
    seed = "|".join(str(value) for value in rows[0])
    return str(uuid.uuid5(_NAMESPACE, seed))


def has_table(execute: Execute, name: str, dialect: Dialect = SQLITE) -> bool:
    if dialect == SQLITE:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    else:
        sql = (
            "SELECT 1 FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_name = ?"
        )
    return bool(execute(sql, (name,)))


def table_columns(execute: Execute, table: str, dialect: Dialect = SQLITE) -> list[str]:
    """The names of ``table``'s columns, in their order."""
    if dialect == SQLITE:
        return [row[1] for row in execute(f"PRAGMA table_info({table})", ())]
    return [
        str(row[0])
        for row in execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
    ]


def project_identity(execute: Execute, dialect: Dialect = SQLITE) -> str:
    """The project's identity (a file from before migration 0008 answers the derived one)."""
    if has_table(execute, "project_identity", dialect):
        rows = execute("SELECT uuid FROM project_identity WHERE id = 1", ())
        if rows:
            return str(rows[0][0])
    return derived_identity(execute)


def take_merge_turn(connection: DbConnection) -> None:
    """On a server, lock the project's one identity row for this transaction: merges into it,
    and undos of them, take turns (on a file the write lock makes them)."""
    if dialect_of(connection) != SQLITE:
        connection.execute("SELECT uuid FROM project_identity WHERE id = 1 FOR UPDATE").fetchall()
