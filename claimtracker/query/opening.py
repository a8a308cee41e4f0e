"""Read-only connections for views, and the first look at a file before the Store opens it.

Plain DB-API (no SQLAlchemy), so the app can paint its first rows before the ORM is imported.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from claimtracker.errors import ClaimTrackerError, DatabaseDamagedError, StorageError
from claimtracker.safety import live_files
from claimtracker.safety.pragmas import BUSY_TIMEOUT_MS
from claimtracker.store.errors import storage_error
from claimtracker.store.version import SCHEMA_HEAD, sqlite_schema_revision

#: A read connection, as the query functions take it, and what its failures raise.
Connection = sqlite3.Connection
DatabaseError = sqlite3.Error
OperationalError = sqlite3.OperationalError

SQLITE_MAGIC = b"SQLite format 3\x00"


def connect_reader(path: Path) -> Connection:
    """A read-only connection for views: never writes, waits for a busy writer.

    The safety pragmas that matter for writing (WAL, synchronous) are the Store's business;
    this connection only reads, and ``query_only`` makes sure of it.
    """
    connection = live_files.connect(path, isolation_level=None, check_same_thread=False)
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA query_only = ON")
        # Lets SQLite sort a large result with helper threads (sorting by a column).
        connection.execute("PRAGMA threads = 2")
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def open_reader(path: Path) -> Connection | None:
    """A reader on an existing ClaimTracker file whose schema is current; None when the Store
    must open it first (no schema yet, or an upgrade).

    Raises :class:`ClaimTrackerError` for a file that cannot be used (damaged, not a
    ClaimTracker database, made by a newer version, not readable).
    """
    try:
        if not _looks_like_sqlite(path):
            from claimtracker.safety.integrity import damaged_error, header_problem

            # Names the problem (a zeroed header, a text file) and the newest good backup.
            raise damaged_error(path, header_problem(path) or "it is not an SQLite file")
        reader = connect_reader(path)
    except OSError as exc:
        raise StorageError(f"{path} cannot be read: {exc.strerror}.") from exc
    except sqlite3.Error as exc:
        raise translated(exc, path) from exc
    try:
        revision = sqlite_schema_revision(reader)
        if revision == SCHEMA_HEAD:
            return reader
        if revision is None and _has_tables(reader):
            raise DatabaseDamagedError(
                f"{path} is an SQLite database but not a ClaimTracker one "
                "(it has tables, but no ClaimTracker schema)."
            )
    except sqlite3.Error as exc:
        reader.close()
        raise translated(exc, path) from exc
    except ClaimTrackerError:
        reader.close()
        raise
    reader.close()
    return None


def translated(exc: BaseException, path: Path) -> ClaimTrackerError:
    """A database error as the core's own, naming the file."""
    return storage_error(exc, path) or StorageError(f"{path} cannot be opened ({exc}).")


def _looks_like_sqlite(path: Path) -> bool:
    if live_files.held(path):
        return True  # another window of this process has it open (and checked it)
    return live_files.read_start(path, len(SQLITE_MAGIC)) == SQLITE_MAGIC


def _has_tables(connection: Connection) -> bool:
    return (
        connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()
        is not None
    )
