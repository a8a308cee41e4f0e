"""Writing a file the user named (a report) or we keep (a backup): safely, whatever is there.

- A regular file, or nothing yet: written to a temporary file beside the path *as given* (not
  beside a symlink's target, which may be on another file system and make the final rename
  fail), then renamed into place; a file replaced keeps its permission bits.
- A named pipe, a terminal, ``/dev/null``, ``/dev/stdout``: written into, streamed, never
  replaced (as root, replacing ``/dev/null`` would leave a regular file in its place).
- A folder, a disk device, a socket: refused in one line.
- Temporary files carry the id of the process writing them; the next run removes those whose
  process is gone (killed in the middle of an export or a backup).
"""

from __future__ import annotations

import errno
import logging
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from claimtracker.errors import ClaimTrackerError

log = logging.getLogger(__name__)

#: Without a way to ask whether a process lives (Windows), leftovers older than this go.
_STALE_AFTER_SECONDS = 24 * 3600


class OutputTargetError(ClaimTrackerError):
    """The path given for a report cannot be written as asked."""


_WRITER = re.compile(r"\.pid(\d+)\.")


def partial_prefix(name: str) -> str:
    """The start of a temporary file's name for ``name``, written by this process."""
    return f".{name}.pid{os.getpid()}."


def create_with_mode(path: Path, mode: int) -> None:
    """A new empty file at ``path`` with exactly the permission bits ``mode`` (umask aside)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode & 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, mode)
    finally:
        os.close(descriptor)


def remove_leftovers(folder: Path, pattern: str) -> list[Path]:
    """Remove the temporary files matching ``pattern`` (a glob) in ``folder`` whose writing
    process is gone; returns them."""
    removed = []
    try:
        candidates = list(folder.glob(pattern))
    except OSError:
        return []
    for candidate in candidates:
        writer = _WRITER.search(candidate.name)
        if writer is None or not _writer_gone(int(writer[1]), candidate):
            continue
        try:
            candidate.unlink()
            removed.append(candidate)
            log.info("Removed %s, left by an interrupted run", candidate)
        except OSError as exc:
            log.warning("Could not remove the leftover %s: %s", candidate, exc)
    return removed


def glob_escape(name: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in name)


def _writer_gone(pid: int, path: Path) -> bool:
    if pid == os.getpid():
        return False
    if os.name == "nt":  # os.kill would end the process there
        try:
            return time.time() - path.stat().st_mtime > _STALE_AFTER_SECONDS
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, another user's
    return False


def target_kind(path: Path) -> str:
    """``new``, ``file`` or ``stream`` (write into it); a refusal otherwise."""
    try:
        mode = path.stat().st_mode  # follows a symlink: what would be written is its target
    except FileNotFoundError:
        return "new"  # nothing there, or a dangling link (replaced by the report)
    except OSError as exc:
        raise OutputTargetError(f"{path} cannot be written ({exc.strerror or exc})") from exc
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return "stream"
    if stat.S_ISREG(mode):
        # /dev/stdout redirected to a file is a link to it through /proc: written into, the
        # link is never replaced by a file of ours.
        return "stream" if _through_system_files(path) else "file"
    if stat.S_ISDIR(mode):
        raise OutputTargetError(f"{path} is a folder: give a file name for the report")
    if stat.S_ISBLK(mode):
        raise OutputTargetError(f"{path} is a disk device: a report is never written over one")
    raise OutputTargetError(f"{path} is a socket or a special file, not a place for a report")


def _through_system_files(path: Path) -> bool:
    """Whether ``path``, or a link on the way to what it names, lies in /dev or /proc."""
    current = path.absolute()
    for _hop in range(40):
        if str(current).startswith(("/dev/", "/proc/")):
            return True
        try:
            target = current.readlink()
        except OSError:
            return False
        current = current.parent / target
    return True  # a loop of links: not a place to put a file


@contextmanager
def written_file(path: Path, *, encoding: str) -> Iterator[IO[str]]:
    """A text stream for ``path``: complete in place when the block ends, or nothing changed
    (a regular file); written into as it goes (a pipe or a character device)."""
    with _written(path, encoding=encoding) as handle:
        yield handle


@contextmanager
def written_bytes(path: Path) -> Iterator[IO[bytes]]:
    """:func:`written_file` for binary reports (PDF, XLSX, GraphML)."""
    with _written(path, encoding=None) as handle:
        yield handle


@contextmanager
def _written(path: Path, *, encoding: str | None) -> Iterator[IO[Any]]:
    path = path.expanduser()
    kind = target_kind(path)
    if kind == "stream":
        with _stream_into(path, encoding=encoding) as handle:
            yield handle
        return
    folder = path.absolute().parent
    remove_leftovers(folder, f".{glob_escape(path.name)}.pid*.part")
    mode = _mode_for(path if kind == "file" else None)
    descriptor, temporary = tempfile.mkstemp(
        prefix=partial_prefix(path.name), suffix=".part", dir=folder
    )
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, mode)
        with _opened(descriptor, encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(existing: Path | None) -> int:
    """The permission bits of the file replaced, else what a new file gets (umask applied)."""
    if existing is not None:
        try:
            return stat.S_IMODE(existing.stat().st_mode)
        except OSError:
            pass
    current = os.umask(0)
    os.umask(current)
    return 0o666 & ~current


@contextmanager
def _stream_into(path: Path, *, encoding: str | None) -> Iterator[IO[Any]]:
    # Never O_CREAT: the thing is written into, never replaced. A pipe opened for writing
    # without a reader would wait for ever: without blocking, it is refused at once. Our own
    # standard output or error is written through its descriptor (the shell's `>>` holds).
    try:
        descriptor = _own_stream(path)
        if descriptor is None:
            regular = stat.S_ISREG(path.stat().st_mode)
            descriptor = os.open(path, os.O_WRONLY | (os.O_TRUNC if regular else os.O_NONBLOCK))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputTargetError(
                f"{path} is a named pipe that no program is reading: start the reader first"
            ) from exc
        raise OutputTargetError(f"{path} cannot be written ({exc.strerror or exc})") from exc
    os.set_blocking(descriptor, True)
    with _opened(descriptor, encoding) as handle:
        yield handle


def _opened(descriptor: int, encoding: str | None) -> IO[Any]:
    """The descriptor as a text stream in ``encoding`` (newlines as written), or binary."""
    if encoding is None:
        return os.fdopen(descriptor, "wb")
    return os.fdopen(descriptor, "w", encoding=encoding, newline="")


def _own_stream(path: Path) -> int | None:
    """A duplicate of our standard output or error when ``path`` names it, else None."""
    try:
        named = path.stat()
    except OSError:
        return None
    for fd in (1, 2):
        try:
            ours = os.fstat(fd)
        except OSError:
            continue
        if (ours.st_dev, ours.st_ino) == (named.st_dev, named.st_ino):
            return os.dup(fd)
    return None
