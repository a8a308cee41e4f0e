"""Is the database sound? Checked before use when it needs to be, and fully on demand.

Before opening (:func:`check_before_open`, called by ``Store.open``): the file's header is read
(a zeroed or foreign header, a truncated file), and after an unclean shutdown, a non-empty WAL
nobody has open, SQLite's ``quick_check`` runs before anything else touches the file. A damaged
file raises :class:`DatabaseDamagedError` naming the file, the problem and the newest good
backup, and is left exactly as it is: the checks read through a read-only connection.

On demand (:func:`check_database`, ``claimtracker check``): ``integrity_check``,
``foreign_key_check`` and the full-text index's own check; :func:`repair_index` rebuilds the
index when only it is wrong.
"""

from __future__ import annotations

import sqlite3
import string
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from claimtracker import bulk
from claimtracker.errors import DatabaseDamagedError, ReadOnlyDatabaseError, StorageError
from claimtracker.safety import live_files, locks
from claimtracker.safety.pragmas import BUSY_TIMEOUT_MS
from claimtracker.store.dbapi import DbConnection

if TYPE_CHECKING:
    from claimtracker.safety.backup import BackupInfo, Database


class BulkDatabase(Protocol):
    """An open database that hands out plain DB-API connections (a ``Store``)."""

    def raw(self, *, write: bool = False) -> AbstractContextManager[DbConnection]: ...


HEADER_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


def header_problem(path: Path) -> str | None:
    """What the first bytes and the size of ``path`` say is wrong with it, if anything.

    A file that cannot be read at all raises the matching :class:`StorageError` (permission
    denied is not damage). An empty file is a new database, not a problem. The size check is
    skipped while a WAL is beside the file: pages can then legitimately live in the WAL only.

    A file this process already has open is never read with ordinary file calls (closing them
    would drop the process's SQLite locks, see :mod:`claimtracker.safety.live_files`): SQLite
    itself is asked instead.
    """
    if live_files.held(path):
        return _problem_seen_by_sqlite(path)
    try:
        size = path.stat().st_size
        header = live_files.read_start(path, HEADER_SIZE)
    except FileNotFoundError:
        return None
    except PermissionError as exc:
        raise ReadOnlyDatabaseError(
            f"{path} cannot be opened: permission denied. Check the file's permissions "
            "(or ask its owner to share a copy)."
        ) from exc
    except OSError as exc:
        raise StorageError(f"{path} cannot be read ({exc.strerror or exc}).") from exc
    if size == 0:
        return None
    if not header.startswith(HEADER_MAGIC):
        return _foreign_header(path, header)
    if size < HEADER_SIZE:
        return f"it is cut short: only {size} bytes are left"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"its header is damaged (page size {page_size})"
    wal_size = locks.wal_path(path).stat().st_size if locks.wal_path(path).exists() else 0
    if wal_size == 0:
        if size % page_size:
            return f"it is cut short: {size} bytes is not a whole number of {page_size}-byte pages"
        declared = int.from_bytes(header[28:32], "big")
        valid_for = int.from_bytes(header[92:96], "big")
        change_counter = int.from_bytes(header[24:28], "big")
        if declared and valid_for == change_counter and declared * page_size > size:
            return (
                f"it is cut short: its header counts {declared} pages but only "
                f"{size // page_size} are in the file"
            )
    return None


def _foreign_header(path: Path, header: bytes) -> str:
    if not header.strip(b"\x00"):
        return "its header is zeroed (the first bytes of the file were overwritten with zeros)"
    sample = live_files.read_start(path, 4096)
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and all(ch in string.printable or ch.isprintable() for ch in text):
        return "it is a text file, not a database"
    return "it is not an SQLite database (its header is not SQLite's)"


def _problem_seen_by_sqlite(path: Path) -> str | None:
    """What SQLite says is wrong with a file this process has open (its header was checked
    when the process first opened it)."""
    try:
        connection = _connect_read_only(path)
        try:
            connection.execute("PRAGMA schema_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            return "it is not an SQLite database (its header is not SQLite's)"
        return f"a part of it cannot be read back (SQLite: {exc})"
    return None


def check_before_open(path: Path) -> None:
    """Refuse a damaged file before it is used; after an unclean shutdown, run quick_check."""
    problem = header_problem(path)
    if problem is None and locks.left_by_crash(path):
        problems = _read_only_check(path, "quick_check")
        if problems:
            problem = "SQLite's quick check after an unclean shutdown found: " + "; ".join(
                problems[:3]
            )
    if problem is not None:
        raise damaged_error(path, problem)


def damaged_error(path: Path | str, problem: str) -> DatabaseDamagedError:
    """The error for a damaged database file, naming the newest good backup to restore."""
    from claimtracker.safety.backup import newest_good_backup

    file = Path(path)
    backup: BackupInfo | None = newest_good_backup(file) if file.suffix or file.exists() else None
    if backup is not None:
        stamp = backup.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        advice = (
            f"The newest good backup is {backup.path} (from {stamp}); restore it with "
            f"`claimtracker restore {backup.name}`, or from the app's Backups dialog."
        )
    else:
        advice = "There is no good backup of it; `claimtracker check` tells more."
    return DatabaseDamagedError(
        f"{file} is damaged: {problem}. The file was left as it is. {advice}",
        path=file,
        problem=problem,
        backup=backup.path if backup else None,
    )


def _read_only_check(path: Path, pragma: str, limit: int = 10) -> list[str]:
    """Run an integrity pragma through a read-only connection (it never writes, and never
    folds a WAL into a possibly damaged file)."""
    try:
        connection = _connect_read_only(path)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}({limit})")]
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        connection.close()
    return [] if rows == ["ok"] else rows


def _connect_read_only(path: Path) -> sqlite3.Connection:
    connection = live_files.connect(
        f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
    )
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


@dataclass
class CheckReport:
    """What ``claimtracker check`` found."""

    database: Path
    #: Problems reported by ``integrity_check`` (empty: the file is sound).
    integrity: list[str] = field(default_factory=list)
    #: Records pointing at records that do not exist.
    foreign_keys: list[str] = field(default_factory=list)
    #: Whether the full-text index matches the claims (None: not checked, the file is damaged).
    index_ok: bool | None = None

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.foreign_keys and self.index_ok is True

    @property
    def only_index_wrong(self) -> bool:
        return not self.integrity and not self.foreign_keys and self.index_ok is False

    def lines(self) -> list[str]:
        out = [f"Checked {self.database}:"]
        out.append(
            "  file:          ok"
            if not self.integrity
            else "  file:          DAMAGED: " + "; ".join(self.integrity[:5])
        )
        if not self.integrity:
            out.append(
                "  references:    ok"
                if not self.foreign_keys
                else "  references:    " + "; ".join(self.foreign_keys[:5])
            )
            out.append(
                "  search index:  ok"
                if self.index_ok
                else "  search index:  out of step with the claims (repairable)"
            )
        return out


def check_database(database: Database, *, limit: int = 100) -> CheckReport:
    """The full check of a database file; reads only, and works on a file that will not open."""
    from claimtracker.safety.backup import database_file

    path = database_file(database)
    report = CheckReport(database=path)
    problem = header_problem(path)
    if problem is not None:
        report.integrity = [problem]
        return report
    report.integrity = _read_only_check(path, "integrity_check", limit)
    if report.integrity:
        return report
    connection = _connect_read_only(path)
    try:
        report.foreign_keys = [
            _describe_reference(*row)
            for row in connection.execute("PRAGMA foreign_key_check").fetchmany(limit)
        ]
    finally:
        connection.close()
    report.index_ok = _index_ok(path)
    return report


def _describe_reference(table: str, rowid: int, parent: str, _fkid: int) -> str:
    return f"{table} #{rowid} points at a {parent} that does not exist"


def _index_ok(path: Path) -> bool:
    # FTS5's own check is phrased as an INSERT, so it needs a connection that may write; it
    # runs in a transaction that is rolled back.
    connection = live_files.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        connection.execute("BEGIN")
        try:
            return bulk.check_index(connection)
        finally:
            connection.execute("ROLLBACK")
    finally:
        connection.close()


def repair_index(store: BulkDatabase) -> None:
    """Rebuild the full-text index from the claims (it holds nothing that is not in them); on
    a server, the claim table's indexes."""
    with store.raw(write=True) as connection:
        bulk.rebuild_index(connection)
