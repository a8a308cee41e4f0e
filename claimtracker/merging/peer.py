"""The other side of a merge, read through plain DB-API SQL.

A merge reads the other project only through an :data:`Execute` (one SQL statement and its
parameters in, rows out), the same seam :mod:`claimtracker.journal.changes` uses, so that a
team server's database stands in for a file (:mod:`~claimtracker.merging.server_peer`).
:func:`open_peer_file` opens another
project file for reading, after the checks that turn bad input into one clear line: a missing
file, a file that is not a ClaimTracker project, a project of a newer schema, this project
itself, a file another program has open or is writing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from claimtracker.errors import MergeInputError
from claimtracker.journal.changes import Execute, sqlite_execute
from claimtracker.merging.identity import has_table, project_identity, table_columns
from claimtracker.safety import live_files
from claimtracker.safety.integrity import header_problem
from claimtracker.safety.presence import others_using
from claimtracker.store.dbapi import SQLITE, Dialect
from claimtracker.store.version import SCHEMA_HEAD, sqlite_schema_revision

#: The oldest schema a merge reads: every merged column exists from it on.
OLDEST_MERGEABLE = "0006"


@dataclass(frozen=True)
class Peer:
    """The other side: how to read it, what to call it, which project it holds."""

    execute: Execute
    name: str
    identity: str
    #: Whether its journal records where each change was first made (schema 0008 on).
    has_origin: bool
    dialect: Dialect = SQLITE


def _refuse(path: Path, reason: str) -> MergeInputError:
    return MergeInputError(f"cannot merge it: {reason}; nothing was changed", path=path)


def _check_file(path: Path, mine: Path | None) -> None:
    if not path.exists():
        raise _refuse(path, "there is no such file")
    if not path.is_file():
        raise _refuse(path, "it is not a file")
    if mine is not None and mine.exists() and path.samefile(mine):
        raise _refuse(path, "it is this project itself")
    problem = header_problem(path)
    if problem is not None:
        raise _refuse(path, f"it is not a ClaimTracker project ({problem})")
    holders = others_using(path)
    if holders:
        holder = holders[0]
        raise _refuse(
            path,
            f"{holder.program_name} (process {holder.pid}) has it open; close it there first",
        )


def _check_schema(path: Path, connection: sqlite3.Connection) -> None:
    try:
        revision = sqlite_schema_revision(connection)
    except sqlite3.DatabaseError as exc:
        raise _refuse(path, f"it is not a ClaimTracker project ({exc})") from exc
    if revision is None or not has_table(sqlite_execute(connection), "claim"):
        raise _refuse(path, "it is not a ClaimTracker project (no claims table)")
    if revision > SCHEMA_HEAD:
        raise _refuse(
            path, f"it was written by a newer ClaimTracker (schema {revision}); update first"
        )
    if revision < OLDEST_MERGEABLE:
        raise _refuse(
            path,
            f"it was written by an older ClaimTracker (schema {revision}); open it once to "
            "upgrade it, then merge",
        )


def _check_not_being_written(path: Path, connection: sqlite3.Connection) -> None:
    """Another program in the middle of writing holds the write lock: do not wait for it."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "readonly" in str(exc) or "read-only" in str(exc):
            return  # a file that cannot be written (a copy from a stick): nobody writes it
        if "locked" in str(exc) or "busy" in str(exc):
            raise _refuse(
                path, "another program is writing to it; try again when it is done"
            ) from exc
        raise _refuse(path, f"it cannot be read ({exc})") from exc


@contextmanager
def open_peer_file(path: Path, *, mine: Path | None) -> Iterator[Peer]:
    """The project file ``path`` as the other side of a merge into ``mine``, read in one
    snapshot (a read transaction) for as long as the block runs."""
    path = Path(path).expanduser()
    _check_file(path, mine)
    try:
        connection = live_files.connect(path, isolation_level=None, timeout=0)
    except sqlite3.Error as exc:
        raise _refuse(path, f"it cannot be opened ({exc})") from exc
    try:
        _check_schema(path, connection)
        _check_not_being_written(path, connection)
        connection.execute("PRAGMA query_only = ON")
        connection.execute("BEGIN")
        execute = sqlite_execute(connection)
        columns = set(table_columns(execute, "history"))
        peer = Peer(
            execute=execute,
            name=path.name,
            identity=project_identity(execute),
            has_origin="origin" in columns,
        )
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise _refuse(path, f"it cannot be read ({exc})") from exc
    except BaseException:
        connection.close()
        raise
    try:
        yield peer
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()
