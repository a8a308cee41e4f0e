"""Who else has a project open: other app windows, the command line.

Each process that opens a database registers itself in a small folder beside it
(``.claims.db.presence/``): one JSON file per registration, naming the pid, the host, the
program (``app`` or ``cli``) and since when. The process holds an exclusive ``flock`` on its
own file for as long as it has the project open; the lock goes away with the process, even
after a SIGKILL or a power cut, so a file nobody holds a lock on is a leftover and is ignored
(and removed). The files are never the database, its ``-wal`` or its ``-shm``: SQLite's own
locks are POSIX ``fcntl`` locks on those, which an ``open``/``close`` of *that* file in this
process would drop; ``flock`` locks on a separate file do not touch them.

On another host (a network or synced folder) a lock says nothing, so there an entry counts
while its file was touched recently (:meth:`Presence.heartbeat`). The same layout can be kept
by a team server, listing its connected analysts the same way.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import secrets
import socket
import stat
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

#: The programs that register (what the notice calls them).
PROGRAMS = {"app": "ClaimTracker window", "cli": "claimtracker command"}
#: An entry of another host counts while its file was touched this recently (seconds).
REMOTE_STALE_AFTER = 10 * 60
#: How often a long-lived registration should call :meth:`Presence.heartbeat` (seconds).
HEARTBEAT_INTERVAL = 60
_SUFFIX = ".json"
_PARTIAL = ".partial"


def presence_folder(database: Path) -> Path:
    """The folder beside ``database`` that holds the registrations."""
    return database.parent / f".{database.name}.presence"


@dataclass(frozen=True)
class Holder:
    """Another process (or window) that has the project open."""

    pid: int
    host: str
    program: str
    since: datetime
    command: str = ""

    @property
    def local(self) -> bool:
        return self.host == socket.gethostname()

    @property
    def program_name(self) -> str:
        """ "ClaimTracker window", "claimtracker import-csv"."""
        if self.program == "cli" and self.command:
            return f"claimtracker {self.command}"
        return PROGRAMS.get(self.program, self.program)

    @property
    def details(self) -> str:
        """ "pid 4242, since 09:14" (with the host when it is not this one)."""
        since = self.since.astimezone().strftime("%H:%M" if self._today() else "%d %b %H:%M")
        where = f"pid {self.pid}" if self.local else f"pid {self.pid} on {self.host}"
        return f"{where}, since {since}"

    def describe(self) -> str:
        """ "ClaimTracker window (pid 4242, since 09:14)"."""
        return f"{self.program_name} ({self.details})"

    def _today(self) -> bool:
        return self.since.astimezone().date() == datetime.now().astimezone().date()

    def to_json(self) -> str:
        return json.dumps(
            {
                "pid": self.pid,
                "host": self.host,
                "program": self.program,
                "since": self.since.isoformat(),
                "command": self.command,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Holder | None:
        try:
            data = json.loads(text)
            return cls(
                pid=int(data["pid"]),
                host=str(data["host"]),
                program=str(data["program"]),
                since=datetime.fromisoformat(str(data["since"])),
                command=str(data.get("command") or ""),
            )
        except (ValueError, KeyError, TypeError):
            return None


class Presence:
    """This process's registration for one database; :meth:`others` lists everyone else."""

    def __init__(self, database: Path, folder: Path, entry: Path, descriptor: int) -> None:
        self.database = database
        self.folder = folder
        self.entry = entry
        self._descriptor: int | None = descriptor

    @classmethod
    def register(cls, database: Path, program: str, command: str = "") -> Presence | None:
        """Register this process for ``database``; None when the folder cannot be written
        (a read-only folder: the project still opens, it is only not announced)."""
        database = Path(database).expanduser().resolve()
        folder = presence_folder(database)
        holder = Holder(os.getpid(), socket.gethostname(), program, datetime.now(UTC), command)
        try:
            folder.mkdir(mode=_folder_mode(database), exist_ok=True)
            name = f"{holder.host}-{holder.pid}-{secrets.token_hex(4)}"
            partial = folder / (name + _PARTIAL)
            descriptor = os.open(partial, os.O_RDWR | os.O_CREAT | os.O_EXCL, _file_mode(database))
        except OSError as exc:
            log.info("Not announcing %s to other programs: %s", database, exc)
            return None
        try:
            # Locked before it gets its final name, so nobody sees it unlocked and removes it.
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.write(descriptor, holder.to_json().encode())
            entry = folder / (name + _SUFFIX)
            partial.rename(entry)
        except OSError as exc:
            os.close(descriptor)
            with contextlib.suppress(OSError):
                partial.unlink()
            log.info("Not announcing %s to other programs: %s", database, exc)
            return None
        return cls(database, folder, entry, descriptor)

    @property
    def registered(self) -> bool:
        return self._descriptor is not None

    def others(self) -> list[Holder]:
        """Everyone else registered for this database, oldest first."""
        return [h for _path, h in _live_entries(self.folder, skip=self.entry)]

    def heartbeat(self) -> None:
        """Touch our entry, so that programs on other hosts keep counting it."""
        if self._descriptor is None:
            return
        with contextlib.suppress(OSError):
            os.utime(self._descriptor)

    def close(self) -> None:
        """Unregister (the lock would go with the process anyway)."""
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is None:
            return
        with contextlib.suppress(OSError):
            self.entry.unlink()
        os.close(descriptor)
        with contextlib.suppress(OSError):
            self.folder.rmdir()  # only when it is empty

    def __enter__(self) -> Presence:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def others_using(database: Path) -> list[Holder]:
    """The processes registered for ``database`` (for a process not registered itself)."""
    folder = presence_folder(Path(database).expanduser().resolve())
    return [h for _path, h in _live_entries(folder, skip=None)]


def _live_entries(folder: Path, skip: Path | None) -> list[tuple[Path, Holder]]:
    try:
        paths = sorted(folder.iterdir())
    except OSError:
        return []
    found: list[tuple[Path, Holder]] = []
    host = socket.gethostname()
    for path in paths:
        name = path.name
        if path == skip:
            continue
        if name.endswith(_PARTIAL):
            _remove_if_abandoned(path, older_than=60)
            continue
        if not name.endswith(_SUFFIX):
            continue
        holder = _read_if_alive(path, host)
        if holder is not None:
            found.append((path, holder))
    found.sort(key=lambda item: item[1].since)
    return found


def _read_if_alive(path: Path, host: str) -> Holder | None:
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return None  # gone since the listing
    try:
        holder = Holder.from_json(_read_all(descriptor))
        if holder is None:
            return None
        if holder.host != host:
            age = time.time() - os.fstat(descriptor).st_mtime
            return holder if age < REMOTE_STALE_AFTER else None
        if _held(descriptor, holder.pid):
            return holder
    except OSError:
        return None
    finally:
        os.close(descriptor)
    log.info("Removing the presence of a process that is gone: %s", path.name)
    with contextlib.suppress(OSError):
        path.unlink()
    return None


def _held(descriptor: int, pid: int) -> bool:
    """Whether the registering process still holds its lock (or, where ``flock`` is not
    supported, still runs)."""
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError as exc:
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
            return _process_runs(pid)
        raise
    fcntl.flock(descriptor, fcntl.LOCK_UN)
    return False


def _process_runs(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_if_abandoned(path: Path, *, older_than: float) -> None:
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        if time.time() - os.fstat(descriptor).st_mtime < older_than:
            return
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return
        with contextlib.suppress(OSError):
            path.unlink()
    finally:
        os.close(descriptor)


def _read_all(descriptor: int) -> str:
    chunks = []
    while chunk := os.read(descriptor, 4096):
        chunks.append(chunk)
        if sum(len(c) for c in chunks) > 64 * 1024:
            break  # not ours: a registration is a few dozen bytes
    return b"".join(chunks).decode("utf-8", "replace")


def _private(database: Path) -> bool:
    try:
        return stat.S_IMODE(database.stat().st_mode) & 0o077 == 0
    except OSError:
        return False


def _folder_mode(database: Path) -> int:
    return 0o700 if _private(database) else 0o755


def _file_mode(database: Path) -> int:
    return 0o600 if _private(database) else 0o644
