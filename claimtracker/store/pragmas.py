"""The SQLite settings every connection gets, without SQLAlchemy (the app's first paint and
the safety checks use plain sqlite3 before the storage layer is imported)."""

from __future__ import annotations

import logging
import sqlite3

log = logging.getLogger(__name__)

#: How long a connection waits for another program's write before giving up.
BUSY_TIMEOUT_MS = 15_000


def configure_sqlite_connection(connection: sqlite3.Connection) -> None:
    """WAL journal, ``synchronous=FULL``, foreign keys enforced, and the busy timeout."""
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()
    if mode and str(mode[0]).lower() not in ("wal", "memory"):
        log.warning("SQLite refused WAL mode (journal_mode=%s)", mode[0])
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
