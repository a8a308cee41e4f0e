"""Read-only connections for views, and the first look at a database before the Store opens it.

Plain DB-API (no SQLAlchemy), so the app can paint its first rows before the ORM is imported:
an sqlite3 connection on a file, a :class:`~claimtracker.server.reader.ServerReader` (psycopg)
on a team server.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from claimtracker.errors import ClaimTrackerError, DatabaseDamagedError, StorageError
from claimtracker.safety import live_files
from claimtracker.safety.pragmas import BUSY_TIMEOUT_MS
from claimtracker.server.address import TeamAddress
from claimtracker.server.reader import ServerReader, ServerReadError
from claimtracker.store.errors import storage_error
from claimtracker.store.version import SCHEMA_HEAD, sqlite_schema_revision

#: A read connection, as the query functions take it, and what its failures raise (on a file
#: or on a server; a statement stopped or over its budget is an ``OperationalError``).
Connection = sqlite3.Connection | ServerReader
DatabaseError = (sqlite3.Error, ServerReadError)
OperationalError = (sqlite3.OperationalError, ServerReadError)

SQLITE_MAGIC = b"SQLite format 3\x00"


def connect_reader(path: Path) -> sqlite3.Connection:
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


def open_reader(path: Path) -> sqlite3.Connection | None:
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


def _has_tables(connection: sqlite3.Connection) -> bool:
    return (
        connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()
        is not None
    )


# -- a team server ------------------------------------------------------------------------------


def open_server_reader(address: TeamAddress, password: str | None) -> ServerReader | None:
    """A reader on a team project whose schema is current; None when the Store must open it
    first (an empty database, or an upgrade).

    Raises :class:`ClaimTrackerError` in one line for a server that does not answer, a wrong
    or missing password, a database that does not exist or belongs to another application.
    """
    where = address.describe()
    try:
        reader = ServerReader(address, password)
    except Exception as exc:
        raise _server_translated(exc, where) from exc
    try:
        revision = server_schema_revision(reader)
        if revision == SCHEMA_HEAD:
            return reader
        if revision is not None and revision > SCHEMA_HEAD:
            raise StorageError(
                f"{where} was made by a newer ClaimTracker (schema {revision}); "
                "update ClaimTracker to open it."
            )
        if revision is None and _server_has_tables(reader):
            raise StorageError(
                f"{where} is not a ClaimTracker project: the database holds other tables and no "
                "ClaimTracker schema. Check the database name."
            )
    except ServerReadError as exc:
        reader.close()
        raise _server_translated(exc, where) from exc
    except ClaimTrackerError:
        reader.close()
        raise
    reader.close()
    return None


def server_schema_revision(reader: ServerReader) -> str | None:
    """The schema revision of a server database, or None when it has no schema yet."""
    found = reader.execute("SELECT to_regclass('alembic_version')").fetchone()
    if found is None or found[0] is None:
        return None
    row = reader.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def _server_has_tables(reader: ServerReader) -> bool:
    row = reader.execute(
        "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() LIMIT 1"
    ).fetchone()
    return row is not None


def _server_translated(exc: BaseException, where: str) -> ClaimTrackerError:
    from claimtracker.store.server_errors import server_error

    cause = exc.__cause__ if isinstance(exc, ServerReadError) and exc.__cause__ else exc
    error = server_error(cause, where)
    if error is not None:
        return error
    if isinstance(exc, ImportError):
        return StorageError(
            f"{where} cannot be opened: the PostgreSQL driver (psycopg) is not installed; "
            "install it with: pip install 'claimtracker[server]'"
        )
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StorageError(f"{where} cannot be opened ({first}).")
