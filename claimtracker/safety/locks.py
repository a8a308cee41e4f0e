"""Whether another program has a database open, read from SQLite's own locks.

Every connection to a database in WAL mode holds a shared lock on one byte of the ``-shm`` file
(SQLite calls it the "dead man switch", ``UNIX_SHM_DMS``) for as long as it is open; the first
connection to open takes it exclusively to reset the shared memory. So a process that does not
have the database open can ask the operating system, without taking any lock itself, whether
someone else does. That tells a live WAL (the app is running) from one left by a crash, and
keeps a restore from pulling the file from under a running program.

Locks held by this very process are invisible to the query (POSIX record locks are per
process); callers treat their own connections as theirs to close. While this process has the
database open, the ``-shm`` is never opened and closed here (that would drop our own locks): a
descriptor kept open until our last connection closes is asked instead.
"""

from __future__ import annotations

import logging
import os
import struct
import sys
from pathlib import Path

from claimtracker.safety import live_files

log = logging.getLogger(__name__)

#: Byte offset of the dead-man-switch lock in the -shm file (SQLite's os_unix.c).
SHM_DMS_OFFSET = 128

#: ``struct flock`` as laid out by the C library, where we know it.
_FLOCK_LAYOUTS = {
    "linux": "hhqqi4x",  # l_type, l_whence, l_start, l_len, l_pid
    "darwin": "qqihh",  # l_start, l_len, l_pid, l_type, l_whence
}


def shm_path(database: Path) -> Path:
    return Path(f"{database}-shm")


def wal_path(database: Path) -> Path:
    return Path(f"{database}-wal")


def open_elsewhere(database: Path) -> bool | None:
    """True if another process has ``database`` open, False if none has; None if unknown here."""
    shm = shm_path(database)
    if not shm.exists():
        return False  # every open WAL database has its -shm
    layout = _FLOCK_LAYOUTS.get(sys.platform)
    if layout is None:
        return None

    if live_files.held(database):
        # Our own connections hold locks on the -shm: a descriptor of ours may be closed only
        # with the last of them, so a long-lived one is asked.
        held_fd = live_files.shm_descriptor(database)
        return None if held_fd is None else _someone_else_locks(held_fd, layout, shm)
    try:
        fd = os.open(shm, os.O_RDONLY)
    except FileNotFoundError:
        return False
    except OSError as exc:
        log.debug("cannot open %s to look at its locks: %s", shm, exc)
        return None
    try:
        return _someone_else_locks(fd, layout, shm)
    finally:
        os.close(fd)


def _someone_else_locks(fd: int, layout: str, shm: Path) -> bool | None:
    import fcntl

    try:
        if sys.platform == "darwin":
            query = struct.pack(layout, SHM_DMS_OFFSET, 1, 0, fcntl.F_WRLCK, os.SEEK_SET)
            answer = struct.unpack(layout, fcntl.fcntl(fd, fcntl.F_GETLK, query))
            lock_type = answer[3]
        else:
            query = struct.pack(layout, fcntl.F_WRLCK, os.SEEK_SET, SHM_DMS_OFFSET, 1, 0)
            answer = struct.unpack(layout, fcntl.fcntl(fd, fcntl.F_GETLK, query))
            lock_type = answer[0]
    except OSError as exc:
        log.debug("cannot query the locks of %s: %s", shm, exc)
        return None
    return bool(lock_type != fcntl.F_UNLCK)


def left_by_crash(database: Path) -> bool:
    """True when a non-empty WAL lies beside ``database`` and nobody else has it open.

    A clean close of the last connection folds the WAL into the database and deletes it, so such
    a WAL means a program using it ended without closing: killed, crashed, or power lost. When
    the locks cannot be read here, a non-empty WAL counts as left by a crash (checking then is
    only slower, never wrong).
    """
    if live_files.held(database):
        return False  # our own connections have it open: the WAL is live
    try:
        size = wal_path(database).stat().st_size
    except OSError:
        return False
    return size > 0 and open_elsewhere(database) is not True
