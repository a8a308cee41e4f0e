"""Writing a report file whole or not at all, and naming what a report needs installed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from claimtracker.errors import ClaimTrackerError

REPORTS_EXTRA = "pip install 'claimtracker[reports]'"


class MissingRendererError(ClaimTrackerError):
    """A report format needs a library that is not installed (or cannot load)."""


def write_file(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file beside it, replaced only when
    complete: an existing report is never left half-written."""
    path = path.expanduser()
    directory = path.resolve().parent
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=directory
        )
    except OSError as error:
        raise ClaimTrackerError(f"Cannot write {path}: {error.strerror}") from error
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        current = os.umask(0)
        os.umask(current)
        Path(temporary).chmod(0o666 & ~current)  # mkstemp makes it private; a report is not
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ClaimTrackerError(f"Cannot write {path}: {error.strerror}") from error
    return path
