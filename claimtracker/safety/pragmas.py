"""The SQLite settings every connection gets, without SQLAlchemy (the app's first paint and
the safety checks use plain sqlite3 before the storage layer is imported)."""

from __future__ import annotations

import logging
import sqlite3
import time

log = logging.getLogger(__name__)

#: How long a connection waits for another program's write before giving up.
BUSY_TIMEOUT_MS = 15_000


def configure_sqlite_connection(connection: sqlite3.Connection) -> None:
    """WAL journal, ``synchronous=FULL``, foreign keys enforced, and the busy timeout."""
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = _switch_to_wal(connection)
    if mode and str(mode[0]).lower() not in ("wal", "memory"):
        log.warning("SQLite refused WAL mode (journal_mode=%s)", mode[0])
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")


def _switch_to_wal(connection: sqlite3.Connection) -> tuple[object, ...] | None:
    """``PRAGMA journal_mode = WAL``, retried while another program switches the same file.

    A new file starts in rollback mode, and leaving it needs an exclusive lock. When several
    programs create the same file at once, SQLite refuses all but one of them at once with
    "database is locked" (waiting could deadlock), whatever the busy timeout. Once the file is
    in WAL mode the pragma takes no lock, so only the first opening ever retries.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            row: tuple[object, ...] | None = connection.execute(
                "PRAGMA journal_mode = WAL"
            ).fetchone()
            return row
        except sqlite3.OperationalError as error:
            busy = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF == sqlite3.SQLITE_BUSY
            if not busy or time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)
