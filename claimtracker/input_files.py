"""What kind of thing a path given to an importer is, told without opening it.

Opening a named pipe for reading waits until some program opens it for writing, so an importer
that simply opened whatever it was given could hang for ever. Asking ``stat`` never waits.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PIPE = "this is a named pipe, not a file"


def kind_problem(path: Path) -> str | None:
    """Why ``path`` is not an ordinary file to read, or None when it is one (or cannot be
    looked at: opening it then says why, permission denied for instance)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "the file does not exist"
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "this is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return PIPE
    if stat.S_ISSOCK(mode):
        return "this is a socket, not a file"
    return "this is a device, not a file"


def read_pipe(path: Path, limit: int) -> bytes:
    """Up to ``limit`` bytes from a named pipe, without waiting for a writer that never comes.

    The pipe is opened without blocking (a pipe nobody writes to then reads as empty at once);
    once open, reading waits for what a writer that is there sends, to its end.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
