"""Verified backups through SQLite's online backup API, kept in rotation beside the user's data.

A backup is a consistent copy of the database taken while it stays in use (SQLite's backup API,
inside one read transaction), written to a temporary file, checked (``PRAGMA quick_check`` and
the same row count in every table), made durable and only then renamed into place. The newest
10 are kept, plus the newest of each of the last 7 days.

When: before a schema migration (:func:`backup_before_upgrade`, the ``Store.open`` hook), before
a bulk import or merge (:func:`backup_before_import`), on a timer and on close when something
changed (:func:`backup_if_changed`, called by the app), and on demand (:func:`make_backup`).
Restoring (:func:`restore_backup`) keeps the current file aside under a new name; it never
overwrites it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import sqlite3
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from claimtracker.errors import (
    BackupError,
    ClaimTrackerError,
    DatabaseInUseError,
    UnsupportedDatabaseError,
)
from claimtracker.output_files import (
    create_with_mode,
    glob_escape,
    partial_prefix,
    remove_leftovers,
)
from claimtracker.paths import user_data_dir
from claimtracker.safety import live_files, locks
from claimtracker.safety.pragmas import BUSY_TIMEOUT_MS

log = logging.getLogger(__name__)


class DatabaseFile(Protocol):
    """An open database as safety sees it: the file behind it (a ``Store``, say)."""

    @property
    def path(self) -> Path | None: ...


#: A database: an open one, or its file's path.
Database = DatabaseFile | Path | str

KEEP_LATEST = 10
KEEP_DAILY_FOR_DAYS = 7
_STAMP = "%Y-%m-%dT%H%M%S.%f"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{4}-\d\d-\d\dT\d{6}\.\d{6})Z-(?P<reason>[a-z0-9-]+)\.db$"
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, as the Backups dialog lists it."""

    path: Path
    created_at: datetime  # UTC
    reason: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    def describe(self) -> str:
        local = self.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        return f"{local}  {human_size(self.size):>9}  {self.reason:<24} {self.name}"


@dataclass(frozen=True)
class RestoredDatabase:
    database: Path
    backup: Path
    #: Where the replaced database now is (None if there was none).
    kept_aside: Path | None


def database_file(database: Database) -> Path:
    """The file behind a store or a path."""
    if isinstance(database, Path | str):
        return Path(database).expanduser().resolve()
    if database.path is None:
        raise UnsupportedDatabaseError("Backups need an SQLite database file")
    return database.path


def backups_root() -> Path:
    return user_data_dir() / "backups"


def backup_dir(database: Database) -> Path:
    """Where the backups of ``database`` live: one folder per database file.

    The folder is named after the file and a short digest of its full path, so that two
    databases called ``claims.db`` in different folders never share (or rotate) backups.
    """
    path = database_file(database)
    digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:8]
    return backups_root() / f"{path.stem}-{digest}"


def parse_backup_name(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        created = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path=path, created_at=created, reason=match["reason"], size=size)


def list_backups(database: Database) -> list[BackupInfo]:
    """The backups of ``database``, newest first."""
    folder = backup_dir(database)
    if not folder.is_dir():
        return []
    found = (parse_backup_name(path) for path in folder.iterdir() if path.is_file())
    return sorted((b for b in found if b is not None), key=lambda b: b.created_at, reverse=True)


# --- making a backup ---------------------------------------------------------------------------


def make_backup(database: Database, *, reason: str = "manual") -> BackupInfo:
    """Back up ``database`` now: copied, checked, renamed into place, then old ones rotated."""
    source = database_file(database)
    if not re.fullmatch(r"[a-z0-9-]+", reason):
        raise ValueError(f"A backup reason is lower-case words joined by '-', not {reason!r}")
    if not source.is_file():
        raise BackupError(f"There is no database at {source} to back up")
    folder = backup_dir(source)
    created = datetime.now(UTC)
    final = folder / f"{source.stem}-{created.strftime(_STAMP)}Z-{reason}.db"
    partial = folder / f"{partial_prefix(final.name)}partial"
    try:
        _private_folder(folder)
        remove_leftovers(folder, ".*.pid*.partial*")  # of a backup killed half-way
        # Made before SQLite writes into it, with the database's own permission bits: a
        # private database never has a readable copy, not even for a moment.
        create_with_mode(partial, _mode_of(source))
        _copy_checked(source, partial)
        _fsync(partial)
        partial.replace(final)
        _fsync(folder)
    except BaseException as exc:
        for leftover in (partial, Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)
        if isinstance(exc, ClaimTrackerError):
            raise
        if isinstance(exc, OSError | sqlite3.Error):
            raise BackupError(_failure(source, folder, exc)) from exc
        raise
    log.info("Backed up %s to %s (%s)", source, final, reason)
    info = BackupInfo(path=final, created_at=created, reason=reason, size=final.stat().st_size)
    rotate_backups(source)
    return info


def _mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode) & 0o666


def _private_folder(folder: Path) -> None:
    """The backup folders, readable by their owner only (each holds whole databases)."""
    for level in (backups_root(), folder):
        level.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name != "nt" and stat.S_IMODE(level.stat().st_mode) != 0o700:
            level.chmod(0o700)


def backup_before_upgrade(store: DatabaseFile, revision: str | None) -> None:
    """The ``before_upgrade`` hook of ``Store.open``: no schema change without a backup."""
    make_backup(store, reason=f"before-upgrade-from-{revision or 'none'}".lower())


def backup_before_import(database: Database) -> BackupInfo:
    """Call before a bulk import or merge (CSV import, and what the app adds later)."""
    return make_backup(database, reason="before-import")


def backup_if_changed(database: Database, *, reason: str = "timer") -> BackupInfo | None:
    """A backup if anything changed since the newest backup, else None (the app's timer and
    close). Every change is recorded in the history, whose newest entry tells."""
    source = database_file(database)
    if not source.is_file():
        return None
    try:
        current = _last_change(source)
    except sqlite3.Error as exc:
        # The database cannot tell what changed: that is no reason to skip the backup (a
        # session that hit "disk I/O error" used to end with no backup at all, silently).
        # The attempt says clearly what is wrong if the copy cannot be made either.
        log.warning("%s: cannot tell whether anything changed (%s); backing up", source, exc)
        return make_backup(source, reason=reason)
    newest = next(iter(list_backups(source)), None)
    if newest is None:
        changed = current is not None and (current > 0 or _holds_records(source))
    else:
        changed = current != _last_change(newest.path, immutable=True)
    return make_backup(source, reason=reason) if changed else None


def _connect_source(path: Path) -> sqlite3.Connection:
    connection = live_files.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


def _connect_backup(path: Path) -> sqlite3.Connection:
    # immutable: a backup is a finished single file; no locks, no -wal or -shm beside it.
    return live_files.connect(f"file:{path}?mode=ro&immutable=1", uri=True, isolation_level=None)


def _copy_checked(source_path: Path, target_path: Path) -> None:
    source = _connect_source(source_path)
    try:
        target = live_files.connect(target_path, isolation_level=None)
        try:
            source.execute("BEGIN")  # one snapshot for the counts and the copy
            try:
                expected = table_counts(source)
                source.backup(target)
            finally:
                source.execute("COMMIT")
            # A single self-contained file, whatever the journal mode of the original.
            target.execute("PRAGMA journal_mode = DELETE")
            problems = quick_check(target)
            if problems:
                raise BackupError(
                    f"The copy of {source_path} fails SQLite's check ({'; '.join(problems)}); "
                    "no backup was made and the earlier ones are kept. "
                    "Run `claimtracker check` on the database."
                )
            copied = table_counts(target)
            if copied != expected:
                different = sorted(k for k in expected if expected[k] != copied.get(k))
                raise BackupError(
                    f"The copy of {source_path} does not hold the same rows "
                    f"({', '.join(different)}); no backup was made."
                )
        finally:
            target.close()
    finally:
        source.close()


def table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    """Rows per table (virtual tables left out: they are counted through their own tables)."""
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        for name in names
    }


def quick_check(connection: sqlite3.Connection, limit: int = 10) -> list[str]:
    """SQLite's quick_check; the problems it finds (an empty list when all is well)."""
    rows = [str(row[0]) for row in connection.execute(f"PRAGMA quick_check({limit})")]
    return [] if rows == ["ok"] else rows


def _last_change(path: Path, *, immutable: bool = False) -> int | None:
    """The newest history entry's id in a database file (None: it has no history table).

    A database that cannot be read raises sqlite3.Error; a backup that cannot be read is None.
    """
    try:
        connection = _connect_backup(path) if immutable else _connect_source(path)
        try:
            row = connection.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        if immutable or "no such table" in str(exc):
            return None
        raise
    return int(row[0])


def _holds_records(path: Path) -> bool:
    connection = _connect_source(path)
    try:
        return any(
            connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
            for table in ("claim", "source", "actor")
        )
    except sqlite3.Error:
        return True
    finally:
        connection.close()


def _fsync(path: Path) -> None:
    """Make a file (or a folder's entries) durable; folders cannot be opened on Windows."""
    if path.is_dir() and os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _failure(source: Path, folder: Path, exc: BaseException) -> str:
    text = str(exc)
    if (isinstance(exc, OSError) and exc.errno == 28) or "disk is full" in text:
        why = "there is no space left on the disk"
    elif isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text:
        why = "the backup folder cannot be written"
    else:
        why = text
    return (
        f"No backup of {source} could be written to {folder}: {why}. "
        "The database and the earlier backups are unchanged."
    )


def human_size(size: int) -> str:
    """A file size as people read it: 512 B, 1.2 MB."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


# --- rotation --------------------------------------------------------------------------------


def backups_to_keep(backups: Iterable[BackupInfo], *, now: datetime | None = None) -> set[Path]:
    """The newest :data:`KEEP_LATEST`, plus the newest of each of the last
    :data:`KEEP_DAILY_FOR_DAYS` days (local calendar days, today included)."""
    ordered = sorted(backups, key=lambda b: b.created_at, reverse=True)
    keep = {b.path for b in ordered[:KEEP_LATEST]}
    today = (now or datetime.now(UTC)).astimezone().date()
    first_day = today - timedelta(days=KEEP_DAILY_FOR_DAYS - 1)
    days_seen: set[object] = set()
    for backup in ordered:
        day = backup.created_at.astimezone().date()
        if first_day <= day <= today and day not in days_seen:
            days_seen.add(day)
            keep.add(backup.path)
    return keep


def rotate_backups(database: Database, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups the policy no longer keeps; returns them. Other files are left."""
    backups = list_backups(database)
    keep = backups_to_keep(backups, now=now)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
                removed.append(backup.path)
            except OSError as exc:
                log.warning("Could not remove the old backup %s: %s", backup.path, exc)
    return removed


# --- finding and restoring -------------------------------------------------------------------


def backup_problem(path: Path) -> str | None:
    """What is wrong with a backup file, or None if it is a sound ClaimTracker database."""
    try:
        connection = _connect_backup(path)
        try:
            problems = quick_check(connection)
            if problems:
                return "; ".join(problems)
            if not connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone():
                return "it is not a ClaimTracker database"
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return str(exc)
    return None


def newest_good_backup(database: Database) -> BackupInfo | None:
    """The newest backup of ``database`` that passes its check."""
    for backup in list_backups(database):
        if backup_problem(backup.path) is None:
            return backup
    return None


def find_backup(database: Database, wanted: str | Path) -> Path:
    """A backup named by path, by file name in the database's backup folder, or ``latest``."""
    if str(wanted) in ("latest", "newest"):
        newest = newest_good_backup(database)
        if newest is None:
            raise BackupError(f"There is no good backup of {database_file(database)}")
        return newest.path
    given = Path(wanted).expanduser()
    for candidate in (given, backup_dir(database) / given.name):
        if candidate.is_file():
            return candidate.resolve()
    raise BackupError(
        f"There is no backup {str(wanted)!r}; `claimtracker backups` lists them "
        f"(in {backup_dir(database)})"
    )


def restore_backup(database: Database, backup: str | Path) -> RestoredDatabase:
    """Replace ``database`` by a copy of ``backup``; the current file is renamed, never lost.

    The database must not be open in another program (the app closes its own first). The backup
    is checked before anything is touched, copied beside the database, and the current file
    (with its -wal and -shm) is renamed to ``<name>.replaced-<time>.db`` just before the copy
    takes its place.
    """
    target = database_file(database)
    chosen = find_backup(target, backup)
    problem = backup_problem(chosen)
    if problem is not None:
        raise BackupError(f"The backup {chosen} cannot be restored: {problem}")
    if live_files.held(target):
        raise DatabaseInUseError(
            f"{target} is still open in this program; close it there, then restore."
        )
    if locks.open_elsewhere(target):
        raise DatabaseInUseError(
            f"{target} is open in another program (the app or another command); "
            "close it there, then restore."
        )
    partial = target.with_name(f"{partial_prefix(target.name)}restoring")
    remove_leftovers(target.parent, f".{glob_escape(target.name)}.pid*.restoring")
    kept_aside: Path | None = None
    try:
        # The restored file keeps the permission bits of the one it replaces (a private
        # database stays private), or the backup's own when there is none.
        mode = _mode_of(target if target.exists() else chosen)
        create_with_mode(partial, mode)
        shutil.copyfile(chosen, partial)
        _fsync(partial)
        if target.exists():
            kept_aside = _aside_name(target)
            target.rename(kept_aside)
            for suffix in ("-wal", "-shm"):
                companion = Path(f"{target}{suffix}")
                if companion.exists():
                    companion.rename(Path(f"{kept_aside}{suffix}"))
        partial.replace(target)
        _fsync(target.parent)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        if kept_aside is not None and not target.exists():
            kept_aside.rename(target)  # put the original back where it was
        raise BackupError(_failure_to_restore(target, chosen, exc)) from exc
    opened = backup_problem(target)
    if opened is not None:
        raise BackupError(f"The restored {target} does not open ({opened})")
    log.info("Restored %s from %s; the replaced file is %s", target, chosen, kept_aside)
    return RestoredDatabase(database=target, backup=chosen, kept_aside=kept_aside)


def _aside_name(target: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    candidate = target.with_name(f"{target.stem}.replaced-{stamp}{target.suffix}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = target.with_name(f"{target.stem}.replaced-{stamp}-{number}{target.suffix}")
    return candidate


def _failure_to_restore(target: Path, backup: Path, exc: OSError) -> str:
    why = "there is no space left on the disk" if exc.errno == 28 else (exc.strerror or str(exc))
    return f"{backup} could not be restored over {target}: {why}. {target} is unchanged."
