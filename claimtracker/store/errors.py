"""Turning database failures into messages an analyst can act on."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from claimtracker.errors import (
    ClaimTrackerError,
    DatabaseBusyError,
    DatabaseDamagedError,
    DiskFullError,
    ReadOnlyDatabaseError,
    StorageError,
)

# SQLite's primary result codes (https://sqlite.org/rescode.html).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


def _sqlite_error_of(exc: BaseException) -> sqlite3.Error | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            return current
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else current.__cause__
    return None


def storage_error(exc: BaseException, path: Path | str | None) -> ClaimTrackerError | None:
    """The user-facing error for a database failure, or None if it is not an environmental one."""
    if isinstance(exc, ClaimTrackerError):
        return exc
    if isinstance(exc, OSError) and exc.errno == 28:
        return DiskFullError(f"The disk holding {path} is full: free some space and try again.")
    error = _sqlite_error_of(exc)
    if error is None:
        from claimtracker.store.server_errors import server_error

        return server_error(exc, str(path) if path else "the database")
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(error)
    where = str(path) if path else "the database"
    if code == _SQLITE_FULL or "disk is full" in text:
        return DiskFullError(
            f"The disk holding {where} is full; nothing was saved from this action. "
            "Free some space and try again."
        )
    if code == _SQLITE_READONLY or "readonly database" in text:
        return ReadOnlyDatabaseError(
            _why_not_writable(path)
            or f"{where} cannot be written (read-only file or folder); nothing was saved. "
            "Check its permissions or open a copy."
        )
    if code in (_SQLITE_PERM, _SQLITE_CANTOPEN) or "unable to open" in text:
        return ReadOnlyDatabaseError(
            _why_not_writable(path)
            or f"{where} cannot be opened: the file or its folder is missing or not accessible."
        )
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return DatabaseBusyError(
            f"{where} is busy: another program has held it for too long. Try again in a moment."
        )
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
        return _damaged(path, text)
    if code == _SQLITE_IOERR:
        return StorageError(f"Reading or writing {where} failed ({text}); nothing was saved.")
    return None


def _damaged(path: Path | str | None, text: str) -> DatabaseDamagedError:
    """A damaged file: say what is wrong as precisely as the file tells, and name a backup."""
    file = Path(path) if path else None
    if file is None or not file.is_file():
        return DatabaseDamagedError(
            f"{path or 'The database'} is damaged or is not a ClaimTracker database ({text})."
        )
    from claimtracker.safety.integrity import damaged_error, header_problem

    problem = header_problem(file) or (
        "it is not an SQLite database"
        if "not a database" in text
        else f"a part of it cannot be read back (SQLite: {text})"
    )
    return damaged_error(file, problem)


def _why_not_writable(path: Path | str | None) -> str | None:
    """What keeps SQLite from writing the file, as far as the file system tells."""
    if not path:
        return None
    file = Path(path)
    folder = file.parent
    if not folder.is_dir():
        return f"{file} cannot be opened: its folder {folder} does not exist."
    try:
        read_only_disk = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs on Windows
        read_only_disk = False
    if read_only_disk:
        return (
            f"{file} is on a read-only disk or share; nothing was saved. "
            "Copy it to a folder you can write to, and work on the copy."
        )
    if file.exists() and not os.access(file, os.W_OK):
        return (
            f"{file} cannot be written: you do not have permission to change it; nothing was "
            "saved. Check the file's permissions, or work on a copy."
        )
    if not os.access(folder, os.W_OK):
        return (
            f"{file} cannot be used: ClaimTracker keeps two work files (-wal, -shm) beside it "
            f"and has no permission to write in {folder}; nothing was saved. Check the "
            "folder's permissions, or work on a copy."
        )
    return None
