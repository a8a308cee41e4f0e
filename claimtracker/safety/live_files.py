"""The database files this process has open, so that nothing reads them with ordinary file calls.

POSIX record locks belong to a process and a file, not to a descriptor: closing *any* descriptor
of a file drops *all* the locks the process holds on it (SQLite's "How To Corrupt An SQLite
Database File", section 2.2). One plain ``open()``/``close()`` of a database, or of its ``-wal``
or ``-shm``, while one of our connections has it open makes another program believe it is the
last user: it checkpoints and deletes the ``-wal`` under us, and our later commits are lost.

So every connection the core and the app make goes through :func:`connect`, which counts it
here for as long as it is open (SQLAlchemy's connections too: the engine passes
:class:`TrackedConnection` as the factory). Code that must look at a file's bytes asks
:func:`held` first and goes through SQLite when the answer is yes; :func:`read_start` refuses
to read a held file, and :func:`forbid_plain_io` (installed by the tests) turns any ordinary
``open`` of a held file, anywhere in the process, into an error.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import weakref
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

# Re-entrant: the audit hook of forbid_plain_io asks held() from inside read_start.
_lock = threading.RLock()
#: Open connections per database file (its real path).
_open: dict[str, int] = {}
#: A descriptor of a held database's ``-shm``, kept open until its last connection closes, for
#: asking the operating system about other processes' locks (see :func:`shm_descriptor`).
_shm_descriptors: dict[str, int] = {}
_COMPANIONS = ("-wal", "-shm", "-journal")
#: Set on a thread while it opens the one descriptor that is safe to hold (see shm_descriptor).
_exempt = threading.local()


class HeldFileError(RuntimeError):
    """A bug: ordinary file I/O on a database file this process has open (it would drop the
    process's SQLite locks)."""


def file_key(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.fspath(path))


def _database_of(database: object, uri: bool) -> str | None:
    """The file a ``sqlite3.connect`` argument names (None: in memory)."""
    if isinstance(database, bytes):
        name = os.fsdecode(database)
    elif isinstance(database, str | os.PathLike):
        name = os.fspath(database)
    else:
        return None
    if uri and name.startswith("file:"):
        parts = urlsplit(name)
        if "mode=memory" in parts.query:
            return None
        name = unquote(parts.path)
    if name in ("", ":memory:"):
        return None
    return file_key(name)


def _acquire(key: str) -> None:
    _release_collected()
    with _lock:
        _open[key] = _open.get(key, 0) + 1


#: Connections collected without close(): released at the next look here (a finalizer runs
#: whenever the garbage collector does, maybe in the middle of this module's own work).
_collected: list[str] = []


def _collected_without_close(key: str) -> None:
    _collected.append(key)


def _release_collected() -> None:
    while _collected:
        _release(_collected.pop())


def _release(key: str) -> None:
    with _lock:
        left = _open.get(key, 0) - 1
        if left > 0:
            _open[key] = left
            return
        _open.pop(key, None)
        descriptor = _shm_descriptors.pop(key, None)
    if descriptor is not None:
        # The last connection is closed: this process holds no lock on the file any more.
        os.close(descriptor)


class TrackedConnection(sqlite3.Connection):
    """An sqlite3 connection that counts itself as holding its file until it is closed."""

    def __init__(self, database: Any, *args: Any, **kwargs: Any) -> None:
        uri = bool(kwargs.get("uri", args[6] if len(args) > 6 else False))
        key = _database_of(database, uri)
        # Counted before SQLite opens the file, so that no plain read can slip in between.
        if key:
            _acquire(key)
        try:
            super().__init__(database, *args, **kwargs)
        except BaseException:
            if key:
                _release(key)
            raise
        self._key = key
        self._finalizer = weakref.finalize(self, _collected_without_close, key) if key else None

    def close(self) -> None:
        super().close()
        finalizer, self._finalizer = getattr(self, "_finalizer", None), None
        if finalizer is not None and finalizer.detach() is not None and self._key:
            _release(self._key)


def connect(database: str | os.PathLike[str], **kwargs: Any) -> sqlite3.Connection:
    """``sqlite3.connect``, counted here while open."""
    return sqlite3.connect(database, factory=TrackedConnection, **kwargs)


def held(path: str | os.PathLike[str]) -> bool:
    """Whether this process has a connection open to the database ``path`` (or ``path`` is the
    ``-wal``, ``-shm`` or ``-journal`` of one)."""
    _release_collected()
    if not _open:
        return False
    key = file_key(path)
    with _lock:
        return _held_locked(key)


def _held_locked(key: str) -> bool:
    if key in _open:
        return True
    return any(key.endswith(end) and key[: -len(end)] in _open for end in _COMPANIONS)


def held_files() -> list[Path]:
    _release_collected()
    with _lock:
        return [Path(key) for key in _open]


def read_start(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of a file this process does not hold open."""
    _release_collected()
    # Under the lock: no connection of this process can open the file while it is read.
    with _lock:
        if _held_locked(file_key(path)):
            raise HeldFileError(f"{path} is open in this process: read it through SQLite")
        with path.open("rb") as handle:
            return handle.read(size)


def shm_descriptor(database: Path) -> int | None:
    """A read-only descriptor of the ``-shm`` of a database this process holds, opened once and
    closed only with the last connection (so closing it never drops a lock). None when the
    database is not held here or has no ``-shm``."""
    key = file_key(database)
    with _lock:
        if key not in _open:
            return None
        if key not in _shm_descriptors:
            _exempt.active = True
            try:
                _shm_descriptors[key] = os.open(f"{key}-shm", os.O_RDONLY)
            except OSError:
                return None
            finally:
                _exempt.active = False
        return _shm_descriptors[key]


_guard_installed = False


def forbid_plain_io() -> None:
    """From now on, any ordinary ``open`` of a held database file (or its -wal/-shm) in this
    process raises :class:`HeldFileError` (an audit hook; it cannot be removed)."""
    global _guard_installed
    if _guard_installed:
        return
    _guard_installed = True

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event != "open" or not _open or getattr(_exempt, "active", False):
            return
        target = args[0]
        if isinstance(target, int) or target is None:
            return
        try:
            is_held = held(os.fsdecode(target))
        except (TypeError, ValueError):
            return
        if is_held:
            raise HeldFileError(
                f"{os.fsdecode(target)} was opened with an ordinary file call while this process "
                "has it open in SQLite (closing it would drop the process's locks)"
            )

    sys.addaudithook(hook)
